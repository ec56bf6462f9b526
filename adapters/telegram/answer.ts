import { randomBytes } from 'node:crypto';
import { type BotContext, conversationId, telegramUserId, userLang } from './context.ts';
import type { TelegramDeps } from './deps.ts';
import { ANSWER_TTL_SECONDS } from './deps.ts';
import { formatAnswer } from './format.ts';
import { answerKeyboard } from './keyboard.ts';
import { sendHtml } from './send.ts';
import { texts } from './texts.ts';

/** Telegram never sends more than this in one message; anything longer came from elsewhere. */
const MAX_STORED_QUESTION = 4096;

/** Asks the core and sends the cited answer with its buttons. */
export async function answerQuestion(ctx: BotContext, deps: TelegramDeps, question: string): Promise<void> {
  const chat = ctx.chat;
  const from = ctx.from;
  if (!chat || !from) return;
  const { service, logger } = deps.core;
  // "hi" or "help" gets the help text, not an "I don't know" with buttons to rate it.
  if (service.isGreeting(question)) {
    await sendHtml(ctx.api, chat.id, texts.help[userLang(ctx)], {}, logger);
    return;
  }
  void deps.optional('sendChatAction', () => ctx.api.sendChatAction(chat.id, 'typing'));

  const result = await service.answer({
    platform: 'telegram',
    conversationId: conversationId(chat.id),
    userId: telegramUserId(from.id),
    text: question,
  });

  // Over the rate limit: the polite "wait a minute" alone, with nothing to vote on.
  if (result.rateLimited) {
    await sendHtml(ctx.api, chat.id, formatAnswer(result), {}, logger);
    return;
  }
  const answerId = randomBytes(6).toString('base64url');
  await deps.answers.set(
    answerId,
    {
      question: question.slice(0, MAX_STORED_QUESTION),
      answer: result.answer,
      lang: result.lang,
      citations: result.citations,
      indexVersion: service.indexVersion(),
    },
    ANSWER_TTL_SECONDS,
  );
  const keyboard = answerKeyboard(answerId, result.lang, {
    sources: result.citations.length > 0,
    assist: result.suggestAssistance,
  });
  await sendHtml(
    ctx.api,
    chat.id,
    formatAnswer(result),
    { keyboard, ...(chat.type === 'private' ? {} : { replyTo: ctx.msg?.message_id }) },
    logger,
  );
}
