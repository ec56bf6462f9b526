import type { Lang } from '../text/lang.ts';

export interface Citation {
  id: string;
  title: string;
  collection: 'guide' | 'rcep' | 'case';
  section?: string;
}

/** The answer as every adapter and `ask --json` see it (shared/ARCHITECTURE.md). */
export interface AnswerResult {
  answer: string;
  lang: Lang;
  abstained: boolean;
  suggestAssistance: boolean;
  citations: Citation[];
  timings: { retrieveMs: number; totalMs: number };
}
