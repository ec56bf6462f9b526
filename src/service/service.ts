import { randomBytes } from 'node:crypto';
import type { Metrics } from '../admin/metrics.ts';
import type { Reloader, ReloadOptions } from '../admin/reloader.ts';
import type { AnswerResult } from '../answer/answer.ts';
import { textSections } from '../answer/compose.ts';
import type { Assistant } from '../assistant/assistant.ts';
import { phrases } from '../copy/answers.ts';
import { IpriskError } from '../errors.ts';
import type { DailyCounts } from '../feedback/daily-counts.ts';
import type { Feedback, FeedbackStore } from '../feedback/feedback-store.ts';
import { groupUnanswered, type UnansweredGroup, type UnansweredMark } from '../feedback/unanswered-groups.ts';
import type { UnansweredEntry, UnansweredStore } from '../feedback/unanswered-store.ts';
import { freshnessOfIndexed } from '../knowledge/freshness.ts';
import type { Logger } from '../logger.ts';
import type { IncomingMessage } from '../message.ts';
import type { BuildReport } from '../retrieval/index-builder.ts';
import type { IndexHolder } from '../retrieval/index-holder.ts';
import type { SessionStore } from '../sessions/session-store.ts';
import { detectLang, type Lang } from '../text/lang.ts';
import { redactContact } from '../text/redact-contact.ts';
import type { RateLimiter } from './rate-limit.ts';

export interface Stats {
  indexVersion: string;
  builtAt: string;
  documents: number;
  chunks: number;
  feedback: { up: number; down: number };
  /** Documents past their review date, and documents not updated for a year. */
  review: { pastReviewBy: number; olderThanAYear: number };
}

/** An answer as kept for its buttons (votes, sources, share, request assistance), on every platform. */
export interface AnswerRecord {
  question: string;
  result: Omit<AnswerResult, 'timings' | 'explanation' | 'answerId'>;
  indexVersion: string;
}

/** How long an answer's buttons keep working. */
export const ANSWER_TTL_SECONDS = 7 * 24 * 3600;

/** Questions longer than any chat message came from elsewhere; the record keeps this much. */
const QUESTION_MAX = 4096;

export interface ServiceDeps {
  assistant: Assistant;
  index: IndexHolder;
  feedback: FeedbackStore;
  reloader: Reloader;
  /** Answer records by id, so buttons under an answer work on any instance. */
  answers?: SessionStore<AnswerRecord>;
  newId?: () => string;
  /** What could not be answered, and answers rated 👎: the admins' list of knowledge to add. */
  unanswered?: UnansweredStore;
  /** Admins' marks on groups of unanswered questions ("covered by …", "won't cover"). */
  marks?: SessionStore<UnansweredMark>;
  /** How long marks are kept: as long as the questions they are about. */
  retentionDays?: number;
  /** Questions answered and abstained per day. */
  daily?: DailyCounts;
  /** Each user's vote per answer, so a changed vote replaces the earlier one. */
  votes?: SessionStore<Feedback['vote']>;
  /** Marks of deliveries already handled, shared by every instance when it is Redis. */
  deliveries: SessionStore<true>;
  metrics: Metrics;
  logger: Logger;
  /** Questions per user per minute; a user over it gets a polite reply instead of an answer. */
  rateLimiter?: RateLimiter;
  now?: () => Date;
}

/**
 * What every chat adapter needs from the core, in platform-neutral terms: answer a message,
 * record feedback, recognise a redelivered event, and the admin actions.
 */
export function createService(deps: ServiceDeps) {
  const now = deps.now ?? (() => new Date());

  async function answer(
    message: IncomingMessage,
    options: { onDraft?: (text: string) => void } = {},
  ): Promise<AnswerResult> {
    const limiter = deps.rateLimiter;
    if (limiter && !limiter.allow(`${message.platform}:${message.userId}`)) {
      deps.metrics.inc('iprisk_rate_limited_total', { platform: message.platform });
      const lang = detectLang(message.text);
      return {
        answer: phrases.rateLimited[lang],
        sections: textSections(phrases.rateLimited[lang]),
        lang,
        abstained: true,
        suggestAssistance: false,
        citations: [],
        timings: { retrieveMs: 0, totalMs: 0 },
        rateLimited: { retryAfterSeconds: limiter.retryAfter(`${message.platform}:${message.userId}`) },
      };
    }
    const result = await deps.assistant.ask({
      text: message.text,
      sessionId: message.conversationId,
      ...(options.onDraft ? { onDraft: options.onDraft } : {}),
    });
    deps.metrics.inc('iprisk_questions_total', {
      platform: message.platform,
      outcome: result.abstained ? 'abstained' : 'answered',
    });
    await deps.daily
      ?.count(result.abstained ? 'abstained' : 'answered', now())
      .catch((error: unknown) => deps.logger.debug({ err: error }, 'could not count a question'));
    deps.metrics.inc('iprisk_answer_ms_sum', {}, result.timings.totalMs);
    deps.metrics.inc('iprisk_answer_ms_count');
    // An empty message ("?") is not a question anyone could answer.
    if (result.abstained && /[\p{L}\p{N}]/u.test(message.text))
      await keepUnanswered({
        kind: 'abstained',
        platform: message.platform,
        lang: result.lang,
        question: message.text,
      });
    if (!deps.answers) return result;
    const { timings: _timings, explanation: _explanation, ...kept } = result;
    const answerId = (deps.newId ?? (() => randomBytes(6).toString('base64url')))();
    await deps.answers.set(
      answerId,
      {
        question: message.text.slice(0, QUESTION_MAX),
        result: kept,
        indexVersion: deps.index.get().manifest.version,
      },
      ANSWER_TTL_SECONDS,
    );
    return { ...result, answerId };
  }

  /**
   * Logs a question for the admins, contact details redacted. A failure to log never fails the
   * answer the user is waiting for.
   */
  async function keepUnanswered(entry: Omit<UnansweredEntry, 'at' | 'indexVersion'>): Promise<void> {
    if (!deps.unanswered) return;
    await deps.unanswered
      .add({
        ...entry,
        question: redactContact(entry.question).slice(0, QUESTION_MAX),
        ...(entry.answer ? { answer: redactContact(entry.answer) } : {}),
        indexVersion: deps.index.get().manifest.version,
        at: now().toISOString(),
      })
      // A store outage is reported once by the store's health check; this entry is simply lost.
      .catch((error: unknown) => deps.logger.debug({ err: error }, 'could not log an unanswered question'));
  }

  /** What the serving index holds: known without the store, so it survives a Redis outage. */
  function indexStats(): Omit<Stats, 'feedback'> {
    const { manifest } = deps.index.get();
    const due = freshnessOfIndexed(manifest.documents, now());
    return {
      indexVersion: manifest.version,
      builtAt: manifest.builtAt,
      documents: Object.keys(manifest.documents).length,
      chunks: manifest.chunkCount,
      review: { pastReviewBy: due.pastReviewBy.length, olderThanAYear: due.olderThanAYear.length },
    };
  }

  return {
    answer,
    setLanguage: (conversationId: string, lang: Lang | undefined) =>
      deps.assistant.setLanguage(conversationId, lang),
    reset: (conversationId: string) => deps.assistant.reset(conversationId),

    /** True the first time a delivery id is seen (within the TTL), false for a redelivery. */
    firstDelivery(id: string, ttlSeconds = 24 * 3600): Promise<boolean> {
      return deps.deliveries.setIfAbsent(id, true, ttlSeconds);
    },

    /** Questions that could not be answered and answers rated 👎, newest first (for admins). */
    unanswered: (limit = 100): Promise<UnansweredEntry[]> =>
      deps.unanswered ? deps.unanswered.recent(limit) : Promise.resolve([]),

    /**
     * The unanswered log grouped by similar question, newest group first, each with the admins'
     * mark. Grouping uses the serving index's tokenizer, so 商标异议 and 商标的异议 meet.
     */
    async unansweredGroups(limit = 2000): Promise<UnansweredGroup[]> {
      if (!deps.unanswered) return [];
      const entries = await deps.unanswered.recent(limit);
      const index = deps.index.get();
      const groups = groupUnanswered(entries, {
        terms: (text) => index.tokenizer.terms(text),
        markets: (text) => index.markets.find(text).map((market) => market.code),
      });
      const marks = new Map<string, UnansweredMark>();
      if (deps.marks) {
        const found = await Promise.all(groups.map((group) => deps.marks?.get(group.id)));
        found.forEach((mark, i) => {
          const id = groups[i]?.id;
          if (mark && id) marks.set(id, mark);
        });
      }
      return groups.map((group) => {
        const mark = marks.get(group.id);
        return mark ? { ...group, status: mark.status, mark } : group;
      });
    },

    /** An admin's decision on a group; `open` takes a mark back. */
    async markUnanswered(
      id: string,
      status: UnansweredGroup['status'],
      document?: string,
    ): Promise<UnansweredMark | undefined> {
      if (!deps.marks) throw new IpriskError('STORE_UNAVAILABLE', 'Marks cannot be kept without a store.');
      if (status === 'open') {
        await deps.marks.delete(id);
        return undefined;
      }
      const mark: UnansweredMark = {
        status,
        ...(status === 'covered' && document ? { document } : {}),
        at: now().toISOString(),
      };
      await deps.marks.set(id, mark, (deps.retentionDays ?? 90) * 86_400);
      return mark;
    },

    /** The latest 👍/👎 with their questions and answers, newest first. */
    recentFeedback: (limit = 100): Promise<Feedback[]> => deps.feedback.recent(limit),

    /** Questions answered and abstained per day, oldest first. */
    activity: (days = 14) =>
      deps.daily
        ? deps.daily.last(days, now())
        : Promise.resolve([] as Awaited<ReturnType<DailyCounts['last']>>),

    /** The answer a button refers to, while it is kept. */
    answerRecord: (answerId: string): Promise<AnswerRecord | undefined> =>
      deps.answers ? deps.answers.get(answerId) : Promise.resolve(undefined),

    /**
     * A 👍/👎 under an answer, for Telegram, Slack and HTTP alike: a user's last vote on an answer
     * counts, pressing the same one again changes nothing; an answer no longer kept is 'expired'.
     */
    async castVote(
      answerId: string,
      voter: { platform: string; userId: string; vote: Feedback['vote'] },
    ): Promise<'recorded' | 'changed' | 'unchanged' | 'expired'> {
      const record = await deps.answers?.get(answerId);
      if (!record) return 'expired';
      const key = `${answerId}:${voter.platform}:${voter.userId}`;
      const earlier = await deps.votes?.get(key);
      if (earlier === voter.vote) return 'unchanged';
      await deps.votes?.set(key, voter.vote, ANSWER_TTL_SECONDS);
      await deps.feedback.add(
        {
          ...voter,
          question: record.question,
          answer: record.result.answer,
          indexVersion: record.indexVersion,
          at: now().toISOString(),
        },
        earlier,
      );
      deps.metrics.inc('iprisk_feedback_total', { vote: voter.vote });
      if (voter.vote === 'down')
        await keepUnanswered({
          kind: 'down',
          platform: voter.platform,
          lang: record.result.lang,
          question: record.question,
          answer: record.result.answer,
        });
      return earlier ? 'changed' : 'recorded';
    },

    /** A greeting or "help" gets the adapter's help text, not an answer to rate. */
    isGreeting: (text: string) => deps.index.get().kinds.isGreeting(text),

    indexStats,

    async stats(): Promise<Stats> {
      return { ...indexStats(), feedback: await deps.feedback.counts() };
    },

    /** Admin only: the adapter says whether the sender is an admin; refusals are logged. */
    async reload(
      actor: { userId: string; isAdmin: boolean },
      options: ReloadOptions = {},
    ): Promise<BuildReport> {
      if (!actor.isAdmin) {
        deps.logger.warn({ userId: actor.userId }, 'reload refused: not an admin');
        throw new IpriskError('FORBIDDEN', 'Only admins can reload the knowledge base.');
      }
      try {
        const report = await deps.reloader.reload(options);
        deps.metrics.inc('iprisk_reloads_total', { result: 'ok' });
        return report;
      } catch (error) {
        deps.metrics.inc('iprisk_reloads_total', { result: 'failed' });
        throw error;
      }
    },

    indexVersion: () => deps.index.get().manifest.version,
  };
}

export type Service = ReturnType<typeof createService>;
