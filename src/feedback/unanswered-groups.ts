import { sha256 } from '../hash.ts';
import type { Lang } from '../text/lang.ts';
import type { UnansweredEntry } from './unanswered-store.ts';

/** What an admin decided about a group of questions. */
export interface UnansweredMark {
  status: 'covered' | 'wont-cover';
  /** For `covered`: the document (id) that now answers it. */
  document?: string;
  at: string;
}

export type UnansweredStatus = 'open' | UnansweredMark['status'];

/** The same question asked by several users (or in several wordings), counted once. */
export interface UnansweredGroup {
  /** Stable while the group's first question is kept: what a mark is stored under. */
  id: string;
  /** The newest wording. */
  question: string;
  lang: Lang;
  count: number;
  abstained: number;
  down: number;
  firstAt: string;
  lastAt: string;
  platforms: string[];
  /** Other wordings, newest first (at most five). */
  wordings: string[];
  /** The answers users rated 👎 (at most three). */
  answers: string[];
  status: UnansweredStatus;
  mark?: UnansweredMark;
}

/** Share of words two questions must have in common to count as one. */
export const SAME_QUESTION = 0.6;

/** Letters and digits only: "How long?" and "how long" are one question. */
const keyOf = (text: string) =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');

function overlap(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const term of a) if (b.has(term)) shared += 1;
  return shared / (a.size + b.size - shared);
}

/** How questions are read for grouping: the index's tokenizer and market names. */
export interface QuestionReader {
  terms(text: string): string[];
  /** Market codes the question names: the same words about another market are another question. */
  markets(text: string): string[];
}

/**
 * Groups logged questions by similarity (the same letters, or most of the same words about the
 * same markets), newest group first; every group starts open (marks are the caller's).
 */
export function groupUnanswered(
  entries: readonly UnansweredEntry[],
  reader: QuestionReader,
): UnansweredGroup[] {
  interface Building {
    group: UnansweredGroup;
    key: string;
    terms: Set<string>;
    markets: string;
  }
  const building: Building[] = [];
  // Oldest first, so a group's id comes from the question that started it and stays put.
  for (const entry of [...entries].reverse()) {
    const key = keyOf(entry.question);
    const words = new Set(reader.terms(entry.question));
    const markets = [...new Set(reader.markets(entry.question))].sort().join(',');
    const home = building.find(
      (b) =>
        b.key === key ||
        (b.group.lang === entry.lang && b.markets === markets && overlap(b.terms, words) >= SAME_QUESTION),
    );
    if (!home) {
      const id = sha256(`${entry.lang}:${key}`).slice(0, 12);
      building.push({
        key,
        terms: words,
        markets,
        group: {
          id,
          question: entry.question,
          lang: entry.lang,
          count: 1,
          abstained: entry.kind === 'abstained' ? 1 : 0,
          down: entry.kind === 'down' ? 1 : 0,
          firstAt: entry.at,
          lastAt: entry.at,
          platforms: [entry.platform],
          wordings: [],
          answers: entry.answer ? [entry.answer] : [],
          status: 'open',
        },
      });
      continue;
    }
    const group = home.group;
    group.count += 1;
    group[entry.kind === 'abstained' ? 'abstained' : 'down'] += 1;
    if (group.question !== entry.question)
      group.wordings = [
        group.question,
        ...group.wordings.filter((w) => w !== group.question && w !== entry.question),
      ].slice(0, 5);
    group.question = entry.question;
    group.lastAt = entry.at;
    if (!group.platforms.includes(entry.platform)) group.platforms.push(entry.platform);
    if (entry.answer && !group.answers.includes(entry.answer))
      group.answers = [entry.answer, ...group.answers].slice(0, 3);
  }
  return building.map((b) => b.group).sort((a, b) => b.lastAt.localeCompare(a.lastAt));
}
