import { type BotError, GrammyError, HttpError } from 'grammy';
import { requesterMessages } from '../../src/copy/requests.ts';
import type { Core } from '../../src/core.ts';
import { IpriskError, isIpriskError } from '../../src/errors.ts';
import { redactText } from '../../src/logger.ts';
import type { BotContext } from './context.ts';
import { langFromCode } from './context.ts';
import { mayHoldFormInput } from './intake.ts';
import { texts } from './texts.ts';

/**
 * The parts of an error worth logging. Never the whole object: grammY errors carry the request
 * payload (user text, and on some paths the token-bearing URL).
 */
export function describeError(error: unknown): Record<string, unknown> {
  if (error instanceof GrammyError)
    return {
      name: error.name,
      method: error.method,
      errorCode: error.error_code,
      description: error.description,
    };
  if (error instanceof HttpError) {
    // The underlying fetch error's message holds the request URL, and with it the token.
    const inner = error.error as { name?: unknown; code?: unknown } | undefined;
    return {
      name: error.name,
      message: redactToken(error.message),
      cause: { name: inner?.name, code: inner?.code },
    };
  }
  if (error instanceof IpriskError)
    return {
      name: error.name,
      code: error.code,
      message: redactToken(error.message),
      hint: error.hint,
      ...(error.cause instanceof Error ? { cause: redactToken(error.cause.message).slice(0, 200) } : {}),
    };
  if (error instanceof Error)
    return {
      name: error.name,
      message: redactToken(error.message).slice(0, 300),
      stack: error.stack && redactToken(error.stack),
    };
  return { value: redactToken(String(error)).slice(0, 300) };
}

/** Bot API URLs carry the token (/bot<id>:<secret>/method); never let one reach a log. */
export const redactToken = redactText;

const PREVIEW_CHARS = 100;

/**
 * The one error boundary (bot.catch): logs what happened without secrets or long user text,
 * counts it, and tells the user something short.
 */
export function errorBoundary(core: Pick<Core, 'logger' | 'metrics'>) {
  return async (botError: BotError<BotContext>): Promise<void> => {
    const { ctx } = botError;
    const text = ctx.message?.text ?? ctx.callbackQuery?.data;
    // An answer to the assistance-request form may be contact details: its length only.
    const preview = ctx.callbackQuery !== undefined || !mayHoldFormInput(ctx);
    core.metrics.inc('iprisk_errors_total', { platform: 'telegram' });
    core.logger.error(
      {
        err: describeError(botError.error),
        updateId: ctx.update.update_id,
        chatId: ctx.chat?.id,
        userId: ctx.from?.id,
        ...(text !== undefined
          ? { ...(preview ? { textPreview: text.slice(0, PREVIEW_CHARS) } : {}), textLength: text.length }
          : {}),
      },
      'telegram update failed',
    );
    if (!ctx.chat) return;
    // Not the session's language: the session store may be what failed.
    const lang = langFromCode(ctx.from?.language_code);
    try {
      if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => undefined);
      // Submitting a request when the store is down: say plainly that it was not submitted.
      const notSubmitted =
        ctx.callbackQuery?.data === 'tk:do:submit' && isIpriskError(botError.error, 'STORE_UNAVAILABLE');
      // Anything else that had to be stored (a vote, a reply to staff): "not saved", not "error".
      const notSaved = isIpriskError(botError.error, 'STORE_UNAVAILABLE');
      await ctx.api.sendMessage(
        ctx.chat.id,
        notSubmitted ? requesterMessages.notSaved(lang) : notSaved ? texts.notSaved[lang] : texts.error[lang],
      );
    } catch (error) {
      core.logger.warn({ err: describeError(error) }, 'could not tell the user about the error');
    }
  };
}
