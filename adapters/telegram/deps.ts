import type { Citation } from '../../src/answer/answer.ts';
import type { Core } from '../../src/core.ts';
import type { SessionStore } from '../../src/sessions/session-store.ts';
import type { Lang } from '../../src/text/lang.ts';
import type { OptionalCall } from './optional.ts';
import type { TelegramSettings } from './settings.ts';

/** What the Telegram adapter uses of the core. */
export type TelegramCore = Pick<Core, 'service' | 'logger' | 'metrics' | 'config' | 'redis' | 'triage'> &
  Partial<Pick<Core, 'store' | 'storeHealth'>>;

/** An answer kept for its buttons: feedback needs the question and answer, "Sources" the citations. */
export interface AnswerRecord {
  question: string;
  answer: string;
  lang: Lang;
  citations: Citation[];
  indexVersion: string;
}

/** A prompt the bot put in the staff chat ("Ask for info", "Reply"): the reply to it is the text. */
export interface StaffPrompt {
  action: 'info' | 'reply';
  ticketId: string;
}

/** Present only when Telegram is the staff side (see TelegramSettings.staffChatId). */
export interface StaffDeps {
  chatId: string;
  /** Open prompts by message id in the staff chat. */
  prompts: SessionStore<StaffPrompt>;
  /** Bot messages in the staff chat that belong to a ticket (thread posts, reminders), by message id. */
  threads: SessionStore<string>;
}

/** Everything the handlers need, passed in rather than imported. */
export interface TelegramDeps {
  core: TelegramCore;
  settings: TelegramSettings;
  answers: SessionStore<AnswerRecord>;
  optional: OptionalCall;
  staff?: StaffDeps;
}

/** Buttons stay usable for a week; after that the record is gone and the button says so. */
export const ANSWER_TTL_SECONDS = 7 * 24 * 3600;
