import { randomUUID } from 'node:crypto';
import type { Metrics } from '../admin/metrics.ts';
import { IpriskError } from '../errors.ts';
import type { MarketTable } from '../knowledge/markets.ts';
import type { Logger } from '../logger.ts';
import type { BuildReport } from '../retrieval/index-builder.ts';
import type { KnowledgeIndex } from '../retrieval/knowledge-index.ts';
import type { Lang } from '../text/lang.ts';
import { namedIpTypes } from '../triage/labels.ts';
import { audienceOf, concernedMarkets, inAudience, namesNothing } from './audience.ts';
import { type ChangeSummary, planChangeNotices } from './change-notices.ts';
import type { FollowStore } from './follow-store.ts';
import type { Follower, Following } from './following.ts';
import type { Audience, Notice, NoticeCounts } from './notice.ts';
import type { NoticeSender } from './notice-sender.ts';
import type { NoticeStore } from './notice-store.ts';
import type { Segments } from './segments.ts';

/** A warning as an admin writes it: whom it is for, and the text in both languages. */
export interface WarningDraft {
  /** Market codes or names in either language ("US, 德国"). */
  markets?: string;
  ipTypes?: string[];
  segments?: string[];
  en: string;
  zh: string;
}

const WARNING_MAX = 600;

/**
 * Notices to followers: change notices after a reload and the warnings admins write, queued
 * for the sender, and what users see of them (/warnings, "stop notices").
 */
export function createNotices(deps: {
  follows: FollowStore;
  following: Following;
  store: NoticeStore;
  sender: NoticeSender;
  segments: Segments;
  /** The serving index's market table. */
  markets: () => MarketTable;
  metrics: Metrics;
  logger: Logger;
  now?: () => Date;
}) {
  const now = deps.now ?? (() => new Date());

  /** How many followers a notice would reach now. */
  const reach = async (audience: Audience): Promise<number> =>
    (await audienceOf(deps.follows, deps.markets(), audience)).length;

  async function queue(notice: Notice): Promise<number> {
    const recipients = await audienceOf(deps.follows, deps.markets(), notice.audience);
    await deps.store.save(notice);
    const queued = await deps.store.enqueue(
      notice.id,
      recipients.map(({ platform, userId, conversationId, lang }) => ({
        platform,
        userId,
        conversationId,
        lang,
      })),
    );
    if (queued > 0) deps.sender.kick();
    return queued;
  }

  /** Checks a draft and makes it a notice; a draft that names nobody or says nothing is refused. */
  function draftWarning(draft: WarningDraft): Notice {
    const read = draft.markets?.trim() ? deps.following.read(draft.markets) : undefined;
    const unknownMarkets = read?.unknown ?? [];
    const segments = draft.segments ?? [];
    const ipTypes = draft.ipTypes ?? [];
    const problems = [
      ...(unknownMarkets.length > 0 ? [`unknown market: ${unknownMarkets.join(', ')}`] : []),
      ...segments
        .filter((id) => !deps.segments.some((s) => s.id === id))
        .map((id) => `unknown segment: ${id}`),
      ...ipTypes.filter((type) => !namedIpTypes.includes(type)).map((t) => `unknown IP type: ${t}`),
      ...(['en', 'zh'] as const)
        .filter((lang) => draft[lang].trim().length === 0 || draft[lang].length > WARNING_MAX)
        .map((lang) => `the ${lang} text is empty or longer than ${WARNING_MAX} characters`),
    ];
    const audience: Audience = { markets: read?.markets ?? [], ipTypes, segments };
    if (namesNothing(audience)) problems.push('name at least one market, IP type or industry segment');
    if (problems.length > 0)
      throw new IpriskError('INVALID_INPUT', `The warning cannot be sent: ${problems.join('; ')}.`, {
        hint: `Markets by ISO code or name (US, Germany, 越南); segments: ${deps.segments.map((s) => s.id).join(', ')}; IP types: ${namedIpTypes.join(', ')}.`,
      });
    const text = { en: draft.en.trim(), zh: draft.zh.trim() };
    return {
      id: `w-${randomUUID().slice(0, 12)}`,
      kind: 'warning',
      createdAt: now().toISOString(),
      audience,
      text: { en: { summary: text.en }, zh: { summary: text.zh } },
      question: text,
    };
  }

  return {
    /**
     * After a reload: a notice per document added or changed, to followers of its markets.
     * Never throws: a reload has happened whatever becomes of its notices.
     */
    async afterReload(
      before: KnowledgeIndex,
      after: KnowledgeIndex,
      report: BuildReport,
      summaries: Record<string, ChangeSummary> = {},
    ): Promise<{ notices: number; queued: number }> {
      try {
        const notices = planChangeNotices(before, after, report, summaries, now());
        let queued = 0;
        for (const notice of notices) queued += await queue(notice);
        if (notices.length > 0)
          deps.logger.info({ notices: notices.map((n) => n.id), queued }, 'change notices queued');
        return { notices: notices.length, queued };
      } catch (error) {
        deps.logger.error({ err: error }, 'change notices could not be queued');
        return { notices: 0, queued: 0 };
      }
    },

    /** What a reload of `report` would tell followers, for the console to show before sending. */
    planned(before: KnowledgeIndex, after: KnowledgeIndex, report: BuildReport): Notice[] {
      return planChangeNotices(before, after, report, {}, now());
    },

    draftWarning,

    reach,

    /** How many followers a draft reaches, and the notice it would be (to preview). */
    async previewWarning(draft: WarningDraft): Promise<{ notice: Notice; reach: number }> {
      const notice = draftWarning(draft);
      return { notice, reach: await reach(notice.audience) };
    },

    /** Logs the warning and queues it for everyone it reaches. */
    async sendWarning(draft: WarningDraft): Promise<{ notice: Notice; queued: number }> {
      const notice = draftWarning(draft);
      const queued = await queue(notice);
      deps.logger.info({ warning: notice.id, audience: notice.audience, queued }, 'admin warning queued');
      return { notice, queued };
    },

    get: (id: string) => deps.store.get(id),

    /** The notices log, newest first, with delivery counts. */
    recent: (
      kind: Notice['kind'] | undefined,
      limit = 50,
    ): Promise<Array<{ notice: Notice; counts: NoticeCounts }>> => deps.store.recent(kind, limit),

    /** /warnings: the newest warnings that concern this follower (all, for someone following nothing). */
    async warningsFor(follower: Pick<Follower, 'platform' | 'userId'>, limit = 5): Promise<Notice[]> {
      const profile = await deps.following.profile(follower);
      const warnings = (await deps.store.recent('warning', 50)).map((entry) => entry.notice);
      return (
        profile && !namesNothing(profile)
          ? warnings.filter((notice) =>
              inAudience(
                profile,
                notice.audience,
                new Set(concernedMarkets(deps.markets(), notice.audience.markets)),
              ),
            )
          : warnings
      ).slice(0, limit);
    },

    /** "Stop notices" under a notice: everything followed is deleted. */
    async optOut(follower: Pick<Follower, 'platform' | 'userId'>): Promise<void> {
      await deps.following.forget(follower);
      deps.metrics.inc('iprisk_notice_optouts_total', { platform: follower.platform });
    },

    /** The question "Ask about this" asks, in the follower's language. */
    async question(noticeId: string, lang: Lang): Promise<string | undefined> {
      return (await deps.store.get(noticeId))?.question[lang];
    },
  };
}

export type Notices = ReturnType<typeof createNotices>;
