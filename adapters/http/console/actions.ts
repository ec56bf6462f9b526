import { type AnswerNote, saveAnswerNote } from '../../../src/admin/answer-note.ts';
import type { ChangeSummary } from '../../../src/alerts/change-notices.ts';
import type { Notice } from '../../../src/alerts/notice.ts';
import type { WarningDraft } from '../../../src/alerts/notices.ts';
import type { AnswerResult } from '../../../src/answer/answer.ts';
import type { Core } from '../../../src/core.ts';
import { IpriskError } from '../../../src/errors.ts';
import type { UnansweredGroup, UnansweredMark } from '../../../src/feedback/unanswered-groups.ts';
import type { BuildReport } from '../../../src/retrieval/index-builder.ts';
import type { Lang } from '../../../src/text/lang.ts';

/** What the console's pages and its JSON API both do, once. */

const sessionName = /^[\w.:-]{1,64}$/u;

/** Asks as a user would, without logging it as a user's question; `owner` keeps testers apart. */
export async function tryQuestion(
  core: Core,
  input: { question: string; lang?: Lang | undefined; session?: string | undefined; owner: string },
): Promise<AnswerResult> {
  const question = input.question.trim();
  if (!question) throw new IpriskError('INVALID_INPUT', 'Write a question to try.');
  const name = input.session && sessionName.test(input.session) ? input.session : 'try';
  const sessionId = `console:${input.owner}:${name}`;
  await core.assistant.setLanguage(sessionId, input.lang);
  return core.assistant.ask({ text: question.slice(0, 4096), sessionId, explain: true });
}

export async function findGroup(core: Core, id: string): Promise<UnansweredGroup> {
  const group = (await core.service.unansweredGroups()).find((g) => g.id === id);
  if (!group)
    throw new IpriskError('NOT_FOUND', `No unanswered question ${id}.`, {
      hint: 'It may have passed UNANSWERED_RETENTION_DAYS; list them with GET /v1/admin/unanswered.',
    });
  return group;
}

const statuses = ['open', 'covered', 'wont-cover'] as const;

export async function markGroup(
  core: Core,
  id: string,
  status: string,
  document?: string,
): Promise<{ id: string; status: UnansweredGroup['status']; mark?: UnansweredMark }> {
  if (!(statuses as readonly string[]).includes(status))
    throw new IpriskError('INVALID_INPUT', 'status must be open, covered or wont-cover.');
  const doc = document?.trim();
  if (status === 'covered') {
    if (!doc) throw new IpriskError('INVALID_INPUT', 'Name the document that covers it (its id).');
    const served = Object.keys(core.index.get().manifest.documents).some((key) => key.startsWith(`${doc}/`));
    if (!served)
      throw new IpriskError('INVALID_INPUT', `No served document has the id ${doc}.`, {
        hint: 'Use a document id from the Knowledge page, or reload first if you just added it.',
      });
  }
  await findGroup(core, id);
  const mark = await core.service.markUnanswered(id, status as UnansweredGroup['status'], doc);
  return { id, status: status as UnansweredGroup['status'], ...(mark ? { mark } : {}) };
}

/** "title | url" per line. */
export function parseSources(text: string): Array<{ title: string; url?: string }> {
  return text
    .split(/\r?\n/u)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [title = '', url] = line.split('|').map((part) => part.trim());
      return url ? { title: title || url, url } : { title };
    });
}

/** Saves an answer card for a group as a knowledge note and marks the group covered by it. */
export async function writeAnswerCard(
  core: Core,
  groupId: string,
  input: {
    lang: string;
    question: string;
    answer: string;
    title?: string;
    markets: string[];
    ipTypes: string[];
    sources: Array<{ title: string; url?: string }>;
  },
): Promise<{ id: string; path: string }> {
  await findGroup(core, groupId);
  const saved = await saveAnswerNote(
    core.config.KNOWLEDGE_DIR,
    {
      lang: input.lang as Lang,
      question: input.question,
      answer: input.answer,
      ...(input.title?.trim() ? { title: input.title.trim() } : {}),
      markets: input.markets.map((m) => m.trim().toUpperCase()).filter(Boolean),
      ipTypes: input.ipTypes as AnswerNote['ipTypes'],
      sources: input.sources,
    },
    new Date(),
  );
  await core.service.markUnanswered(groupId, 'covered', saved.id);
  core.logger.info({ group: groupId, path: saved.path }, 'answer card written from the console');
  return saved;
}

/** A planned change notice with the number of followers it would reach now. */
export interface PlannedNotice {
  notice: Notice;
  reach: number;
}

/** What a reload would do, and the notices it would send, for the admin to edit before reloading. */
export async function previewReload(core: Core): Promise<{ report: BuildReport; planned: PlannedNotice[] }> {
  const { report, index } = await core.reloader.previewBuild();
  const planned = report.refused ? [] : core.notices.planned(core.index.get(), index, report);
  return {
    report,
    planned: await Promise.all(
      planned.map(async (notice) => ({ notice, reach: await core.notices.reach(notice.audience) })),
    ),
  };
}

/** The reload form's notice fields: `notice_en:<doc>`, `notice_zh:<doc>`, `nonotice:<doc>`. */
export function changeSummariesOf(form: URLSearchParams): Record<string, ChangeSummary> {
  const summaries: Record<string, ChangeSummary> = {};
  for (const [name, value] of form) {
    const field = /^(notice_en|notice_zh|nonotice):([a-z0-9][a-z0-9-]*)$/u.exec(name);
    if (!field?.[1] || !field[2]) continue;
    const entry = summaries[field[2]] ?? {};
    summaries[field[2]] = entry;
    if (field[1] === 'nonotice') entry.noNotice = true;
    else if (value.trim()) entry[field[1] === 'notice_en' ? 'en' : 'zh'] = value.trim().slice(0, 280);
  }
  return summaries;
}

/** The warning form (console) or JSON body (API) as a draft. */
export function warningDraftOf(input: URLSearchParams | Record<string, unknown>): WarningDraft {
  const get = (name: string): unknown => (input instanceof URLSearchParams ? input.get(name) : input[name]);
  const list = (name: string, jsonName = name): string[] => {
    const value = input instanceof URLSearchParams ? input.getAll(name) : input[jsonName];
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  };
  const text = (name: string) => (typeof get(name) === 'string' ? (get(name) as string) : '');
  const markets = get('markets');
  return {
    markets: Array.isArray(markets) ? markets.join(' ') : text('markets'),
    segments: list('segments'),
    ipTypes: list('ip_types', 'ipTypes'),
    en: text('en'),
    zh: text('zh'),
  };
}
