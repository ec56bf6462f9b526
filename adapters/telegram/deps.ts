import type { Core } from '../../src/core.ts';
import type { SessionStore } from '../../src/sessions/session-store.ts';
import type { OptionalCall } from './optional.ts';
import type { TelegramSettings } from './settings.ts';

/** What the Telegram adapter uses of the core. */
export type TelegramCore = Pick<
  Core,
  | 'service'
  | 'logger'
  | 'metrics'
  | 'config'
  | 'redis'
  | 'triage'
  | 'following'
  | 'followNames'
  | 'notices'
  | 'riskCheck'
> &
  Partial<Pick<Core, 'store' | 'storeHealth'>>;

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
  optional: OptionalCall;
  staff?: StaffDeps;
}
