import type { Citation } from '../../src/answer/answer.ts';
import type { Core } from '../../src/core.ts';
import type { SessionStore } from '../../src/sessions/session-store.ts';
import type { Lang } from '../../src/text/lang.ts';
import type { OptionalCall } from './optional.ts';
import type { TelegramSettings } from './settings.ts';

/** An answer kept for its buttons: feedback needs the question and answer, "Sources" the citations. */
export interface AnswerRecord {
  question: string;
  answer: string;
  lang: Lang;
  citations: Citation[];
  indexVersion: string;
}

/** Everything the handlers need, passed in rather than imported. */
export interface TelegramDeps {
  core: Pick<Core, 'service' | 'logger' | 'metrics' | 'config' | 'redis'>;
  settings: TelegramSettings;
  answers: SessionStore<AnswerRecord>;
  /** One vote per user per answer. */
  votes: SessionStore<true>;
  optional: OptionalCall;
}

/** Buttons stay usable for a week; after that the record is gone and the button says so. */
export const ANSWER_TTL_SECONDS = 7 * 24 * 3600;
