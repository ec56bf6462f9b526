import type { Lang } from '../text/lang.ts';
import type { AnswerSections } from './compose.ts';

export interface Citation {
  id: string;
  title: string;
  collection: 'guide' | 'rcep' | 'case';
  section?: string;
}

/** The answer as every adapter and `ask --json` see it (shared/ARCHITECTURE.md). */
export interface AnswerResult {
  /** The answer as plain text (CLI, logs, eval); `sections` is the same answer for rendering. */
  answer: string;
  sections: AnswerSections;
  lang: Lang;
  abstained: boolean;
  suggestAssistance: boolean;
  citations: Citation[];
  timings: { retrieveMs: number; totalMs: number };
  /** Set by the service: the id of the stored answer record that buttons and votes refer to. */
  answerId?: string;
  /** Set when the session store was away: answered as a first question, and this turn not kept. */
  withoutHistory?: true;
  /** Set when the user asked too many questions in a minute: the answer is a polite "wait". */
  rateLimited?: { retryAfterSeconds: number };
  /** Only when asked for (`explain: true`). */
  explanation?: Explanation;
}

/** Why an answer (or an abstention) won: `iprisk ask --explain` and the console's try-it page. */
export interface Explanation {
  resolved: string;
  followUp: boolean;
  markets: string[];
  uncovered: string[];
  kinds: string[];
  topics: string[];
  domain: boolean;
  activeDispute: boolean;
  /** Which path answered: a card, quoted passages, or none. */
  route: 'card' | 'passages' | 'abstain';
  reason: string;
  cards: Array<{ id: string; score: number; paraphrase: string; features: Record<string, number> }>;
  passages: Array<{ id: string; section: string; score: number }>;
  sentences: Array<{ text: string; score: number }>;
  coverage?: number;
}
