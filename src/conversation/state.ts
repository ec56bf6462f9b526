import type { Lang } from '../text/lang.ts';

export interface Turn {
  question: string;
  /** The question as understood in context: what retrieval actually searched for. */
  resolved: string;
  answer: string;
  abstained: boolean;
  at: string;
}

export interface Topic {
  query: string;
  markets: string[];
}

export interface ConversationState {
  turns: Turn[];
  topic?: Topic;
  /** Reply language pinned with /lang; unset means the language of each question. */
  lang?: Lang;
}

export const MAX_TURNS = 6;

export function emptyState(): ConversationState {
  return { turns: [] };
}
