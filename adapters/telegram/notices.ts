import { type Api, type Composer, GrammyError, InlineKeyboard } from 'grammy';
import type { DeliveryOutcome, NoticeDeliverer } from '../../src/alerts/notice.ts';
import { noticeCopy } from '../../src/copy/notices.ts';
import { answerQuestion } from './answer.ts';
import { reply } from './commands.ts';
import { type BotContext, userLang } from './context.ts';
import type { TelegramDeps } from './deps.ts';
import { FOLLOW_COMMAND } from './follow.ts';
import { escapeHtml } from './format.ts';
import { sendHtml } from './send.ts';

/** Under a notice: `na:<notice id>` asks about it, `no:stop` stops all notices. */
const askPattern = /^na:(.{1,60})$/u;
const STOP = 'no:stop';

/** Telegram's answer to a failed send, as the notice sender reads it. */
function outcomeOf(error: unknown): DeliveryOutcome {
  if (!(error instanceof GrammyError))
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  const retryAfter = error.parameters.retry_after;
  return {
    ok: false,
    reason: `${error.error_code} ${error.description}`,
    ...(retryAfter !== undefined ? { retryAfterMs: retryAfter * 1000 } : {}),
    // Blocked by the user, or a chat that no longer exists: trying again cannot help.
    permanent:
      error.error_code === 403 || (error.error_code === 400 && /chat not found/iu.test(error.description)),
  };
}

/** Sends notices to the follower's chat, with the buttons to ask about it or stop them. */
export function telegramNoticeDeliverer(api: Api, core: TelegramDeps['core']): NoticeDeliverer {
  return {
    async send(recipient, notice) {
      const names = core.followNames(FOLLOW_COMMAND);
      const keyboard = new InlineKeyboard()
        .text(noticeCopy.ask[recipient.lang], `na:${notice.id}`)
        .text(noticeCopy.stop[recipient.lang], STOP);
      try {
        await sendHtml(
          api,
          Number(recipient.conversationId),
          escapeHtml(noticeCopy.message(notice, recipient.lang, names)),
          { keyboard },
          core.logger,
        );
        return { ok: true };
      } catch (error) {
        return outcomeOf(error);
      }
    },
  };
}

/** /warnings, and the buttons under a notice. */
export function installNotices(bot: Composer<BotContext>, deps: TelegramDeps): void {
  const { core } = deps;
  bot.command('warnings', async (ctx) => {
    if (!ctx.from) return;
    const lang = userLang(ctx);
    const list = await core.notices.warningsFor({ platform: 'telegram', userId: String(ctx.from.id) });
    await reply(ctx, deps, escapeHtml(noticeCopy.warnings(list, lang, core.followNames(FOLLOW_COMMAND))));
  });

  bot.callbackQuery(askPattern, async (ctx) => {
    const lang = userLang(ctx);
    const question = await core.notices.question(ctx.match[1] ?? '', lang);
    if (!question) {
      await ctx.answerCallbackQuery({ text: noticeCopy.expired[lang] });
      return;
    }
    await ctx.answerCallbackQuery();
    await answerQuestion(ctx, deps, question);
  });

  bot.callbackQuery(STOP, async (ctx) => {
    const lang = userLang(ctx);
    await core.notices.optOut({ platform: 'telegram', userId: String(ctx.from.id) });
    await ctx.answerCallbackQuery();
    await reply(ctx, deps, escapeHtml(noticeCopy.optedOut(lang, FOLLOW_COMMAND)));
  });
}
