import type { Composer } from 'grammy';
import { isIpriskError } from '../../src/errors.ts';
import type { Lang } from '../../src/text/lang.ts';
import { type BotContext, conversationId, telegramUserId, userLang } from './context.ts';
import type { TelegramDeps } from './deps.ts';
import { followCommand } from './follow.ts';
import { escapeHtml } from './format.ts';
import { deepLinkPattern, INTAKE, startIntake } from './intake.ts';
import { myTickets } from './requester.ts';
import { sendHtml } from './send.ts';
import { reloadedText, reloadFailedText, statsText, texts } from './texts.ts';
import { intakeTexts } from './triage-texts.ts';

export async function reply(ctx: BotContext, deps: TelegramDeps, html: string): Promise<void> {
  if (!ctx.chat) return;
  const replyTo = ctx.chat.type === 'private' ? undefined : ctx.msg?.message_id;
  await sendHtml(ctx.api, ctx.chat.id, html, replyTo === undefined ? {} : { replyTo }, deps.core.logger);
}

/** Admin commands check the sender here; a refusal is logged with the user id only. */
async function asAdmin(ctx: BotContext, deps: TelegramDeps, command: string, work: () => Promise<void>) {
  const userId = ctx.from?.id;
  if (userId !== undefined && deps.settings.adminIds.has(String(userId))) {
    await work();
    return;
  }
  deps.core.logger.warn({ userId, command }, 'telegram admin command refused: not an admin');
  await reply(ctx, deps, texts.adminOnly[userLang(ctx)]);
}

function parseLang(arg: string): Lang | 'auto' | undefined {
  const value = arg.trim().toLowerCase();
  return value === 'zh' || value === 'en' || value === 'auto' ? value : undefined;
}

export function installCommands(bot: Composer<BotContext>, deps: TelegramDeps): void {
  const { service } = deps.core;

  bot.command('start', async (ctx) => {
    // t.me/<bot>?start=assist[_<answer id>]: the link a group gets for the private form.
    const link = deepLinkPattern.exec(ctx.match.trim());
    if (link) {
      const record = link[1] ? await service.answerRecord(link[1]) : undefined;
      await startIntake(ctx, deps, record ? { question: record.question, lang: record.result.lang } : {});
      return;
    }
    await reply(ctx, deps, texts.welcome[userLang(ctx)]);
  });
  bot.command('help', (ctx) => reply(ctx, deps, texts.help[userLang(ctx)]));
  bot.command('assist', (ctx) => startIntake(ctx, deps));
  bot.command('mytickets', (ctx) => myTickets(ctx, deps));
  for (const action of ['follow', 'unfollow', 'profile', 'forget'] as const)
    bot.command(action, async (ctx) => {
      const said = await followCommand(ctx, deps, action, ctx.match);
      if (!said || !ctx.chat) return;
      if (!said.keyboard) return reply(ctx, deps, escapeHtml(said.text));
      await sendHtml(
        ctx.api,
        ctx.chat.id,
        escapeHtml(said.text),
        { keyboard: said.keyboard },
        deps.core.logger,
      );
    });
  // An open form handles /cancel itself; reaching here means there is none.
  bot.command('cancel', (ctx) =>
    reply(
      ctx,
      deps,
      ctx.conversation.active(INTAKE) > 0
        ? intakeTexts.alreadyActive[userLang(ctx)]
        : intakeTexts.nothingToCancel[userLang(ctx)],
    ),
  );

  bot.command('lang', async (ctx) => {
    const choice = parseLang(ctx.match);
    if (!choice || !ctx.chat) {
      await reply(ctx, deps, texts.langUsage[userLang(ctx)]);
      return;
    }
    const lang = choice === 'auto' ? undefined : choice;
    await service.setLanguage(conversationId(ctx.chat.id), lang);
    if (lang) ctx.session.lang = lang;
    else delete ctx.session.lang;
    await reply(ctx, deps, lang ? texts.langSet[lang] : texts.langAuto[userLang(ctx)]);
  });

  bot.command('reload', (ctx) =>
    asAdmin(ctx, deps, 'reload', async () => {
      const lang = userLang(ctx);
      await reply(ctx, deps, texts.reloading[lang]);
      try {
        const report = await service.reload({ userId: telegramUserId(ctx.from?.id ?? 0), isAdmin: true });
        await reply(ctx, deps, reloadedText(report, lang));
      } catch (error) {
        // The admin needs the reason (a smoke check, a lock, a broken index), not a generic apology.
        if (!isIpriskError(error)) throw error;
        await reply(ctx, deps, reloadFailedText(error, lang));
      }
    }),
  );

  bot.command('stats', (ctx) =>
    asAdmin(ctx, deps, 'stats', async () => {
      await reply(ctx, deps, statsText(await service.stats(), userLang(ctx)));
    }),
  );
}
