import { type BotContext, conversationId, telegramUserId, userLang } from './context.ts';
import type { TelegramDeps } from './deps.ts';
import { formatAnswer } from './format.ts';
import { answerKeyboard } from './keyboard.ts';
import { sendHtml } from './send.ts';
import { texts } from './texts.ts';

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

  const result = await service.answer(
    {
      platform: 'telegram',
      conversationId: conversationId(chat.id),
      userId: telegramUserId(from.id),
      text: question,
    },
    // In a private chat a model-written answer appears as it is written (a draft), then the final
    // message with its buttons replaces it; groups and offline answers arrive whole.
    chat.type === 'private' ? { onDraft: draftSender(ctx, chat.id, deps) } : {},
  );

  // Over the rate limit: the polite "wait a minute" alone, with nothing to vote on.
  if (result.rateLimited) {
    await sendHtml(ctx.api, chat.id, formatAnswer(result), {}, logger);
    return;
  }
  // Without a kept record (no answer id) the buttons would have nothing to refer to.
  const answerId = result.answerId;
  const keyboard = answerId
    ? answerKeyboard(answerId, result.lang, {
        sources: result.citations.length > 0,
        assist: result.suggestAssistance,
      })
    : undefined;
  await sendHtml(
    ctx.api,
    chat.id,
    formatAnswer(result),
    {
      ...(keyboard ? { keyboard } : {}),
      ...(chat.type === 'private' ? {} : { replyTo: ctx.msg?.message_id }),
    },
    logger,
  );
}

/** Drafts at most every DRAFT_INTERVAL_MS and only when the text grew; a failed draft is skipped. */
const DRAFT_INTERVAL_MS = 400;

function draftSender(ctx: BotContext, chatId: number, deps: TelegramDeps): (text: string) => void {
  const draftId = ctx.msg?.message_id ?? 1;
  let sentAt = 0;
  let last = '';
  return (text) => {
    const now = Date.now();
    if (text === last || now - sentAt < DRAFT_INTERVAL_MS) return;
    sentAt = now;
    last = text;
    ctx.api
      .sendMessageDraft(chatId, draftId, text)
      .catch((err: unknown) => deps.core.logger.debug({ err }, 'draft not shown'));
  };
}
