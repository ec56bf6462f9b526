import type { Composer } from 'grammy';
import { voteReplies } from '../../src/copy/votes.ts';
import { reply } from './commands.ts';
import { type BotContext, telegramUserId, userLang } from './context.ts';
import type { TelegramDeps } from './deps.ts';
import { followButton, followButtonPattern } from './follow.ts';
import { fullSources } from './format.ts';
import { startIntake } from './intake.ts';
import { callbackPattern, parseCallback } from './keyboard.ts';
import { texts } from './texts.ts';

/** The buttons under an answer: 👍/👎 feedback, the full sources, and a way to human experts. */
export function installCallbacks(bot: Composer<BotContext>, deps: TelegramDeps): void {
  const { service } = deps.core;

  bot.callbackQuery(callbackPattern, async (ctx) => {
    const parsed = parseCallback(ctx.callbackQuery.data);
    if (!parsed) return;
    const record = await service.answerRecord(parsed.answerId);
    const lang = record?.result.lang ?? userLang(ctx);

    if (parsed.action === 'assist') {
      await ctx.answerCallbackQuery();
      // The question under which the button was pressed is offered as the form's last field.
      await startIntake(ctx, deps, {
        ...(record ? { question: record.question } : {}),
        answerId: parsed.answerId,
        lang,
      });
      return;
    }
    if (!record) {
      await ctx.answerCallbackQuery({ text: texts.expired[lang] });
      return;
    }
    if (parsed.action === 'sources') {
      await ctx.answerCallbackQuery();
      await reply(ctx, deps, fullSources(record.result.citations, lang));
      return;
    }

    const userId = telegramUserId(ctx.from.id);
    const outcome = await service.castVote(parsed.answerId, {
      platform: 'telegram',
      userId,
      vote: parsed.action,
    });
    await ctx.answerCallbackQuery({ text: voteReplies[outcome][lang] });
  });

  bot.callbackQuery(followButtonPattern, (ctx) => followButton(ctx, deps, ctx.match[1] ?? ''));

  // Buttons from older versions or other bots: stop the client's spinner, say nothing.
  bot.on('callback_query', (ctx) => ctx.answerCallbackQuery());
}
