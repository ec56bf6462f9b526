import type { ConversationFlavor } from '@grammyjs/conversations';
import type { Context, SessionFlavor } from 'grammy';
import type { Lang } from '../../src/text/lang.ts';

/**
 * What the adapter keeps per chat (grammY session); the Q&A conversation itself lives in the core,
 * an assistance-request form in progress in the conversations plugin's own storage.
 */
export interface ChatSession {
  /** Set by /lang; the bot's own texts follow it, answers follow the core's pinned language. */
  lang?: Lang;
}

export type BotContext = ConversationFlavor<Context & SessionFlavor<ChatSession>>;

export function langFromCode(code: string | undefined): Lang {
  return code?.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** The language for the bot's own texts: the chat's /lang choice, else the user's Telegram language. */
export function userLang(ctx: BotContext): Lang {
  return ctx.session.lang ?? langFromCode(ctx.from?.language_code);
}

export const conversationId = (chatId: number) => `telegram:${chatId}`;
export const telegramUserId = (userId: number) => `telegram:${userId}`;
