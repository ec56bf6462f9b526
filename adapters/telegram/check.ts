import { type Composer, InlineKeyboard } from 'grammy';
import type { CheckState, CheckView } from '../../src/alerts/risk-check.ts';
import { checkCopy } from '../../src/copy/check.ts';
import type { Lang } from '../../src/text/lang.ts';
import { type BotContext, userLang } from './context.ts';
import type { TelegramDeps } from './deps.ts';
import { FOLLOW_COMMAND } from './follow.ts';
import { escapeHtml } from './format.ts';
import { adapterStore } from './redis-storage-adapter.ts';
import { sendHtml } from './send.ts';

/** Buttons of the check: `ck:o:<choice>` (a choice), `ck:done`, `ck:back`, `ck:cancel`. */
const buttonPattern = /^ck:(o:([\w-]{1,20})|done|back|cancel)$/u;
/** An unfinished check is forgotten after an hour. */
const CHECK_TTL_SECONDS = 3600;

function keyboard(view: CheckView, lang: Lang): InlineKeyboard {
  const keys = new InlineKeyboard();
  view.options.forEach((option, i) => {
    if (i > 0 && i % 3 === 0) keys.row();
    keys.text(`${option.chosen ? '✓ ' : ''}${option.label}`, `ck:o:${option.value}`);
  });
  keys.row();
  if (view.kind !== 'yes-no') keys.text(checkCopy.done[lang], 'ck:done');
  if (view.position > 1) keys.text(checkCopy.back[lang], 'ck:back');
  return keys.text(checkCopy.cancel[lang], 'ck:cancel');
}

/**
 * /check: the pre-export risk check, one question at a time with buttons (markets may also be
 * typed), ending with the cited checklist. The core asks and decides; this renders it.
 */
export function installCheck(bot: Composer<BotContext>, deps: TelegramDeps): void {
  const { core } = deps;
  const checks = adapterStore<CheckState>(core, 'tg-check', 'tolerant');
  const keyOf = (ctx: BotContext) => `${ctx.chat?.id}:${ctx.from?.id}`;
  const prompt = (state: CheckState) => {
    const view = core.riskCheck.view(state);
    return { text: escapeHtml(checkCopy.prompt(view, state.lang)), keys: keyboard(view, state.lang) };
  };

  /** Asks the first question; from /check, or the private chat a group's link opens (/start check). */
  async function begin(ctx: BotContext): Promise<void> {
    if (!ctx.chat) return;
    const state = core.riskCheck.begin(userLang(ctx));
    await checks.set(keyOf(ctx), state, CHECK_TTL_SECONDS);
    const { text, keys } = prompt(state);
    await sendHtml(
      ctx.api,
      ctx.chat.id,
      `${escapeHtml(checkCopy.intro[state.lang])}\n\n${text}`,
      { keyboard: keys },
      core.logger,
    );
  }

  async function finish(ctx: BotContext, state: CheckState): Promise<void> {
    await checks.delete(keyOf(ctx));
    const list = await core.riskCheck.checklist(state);
    const text = checkCopy.checklist(list, { assist: '/assist', follow: FOLLOW_COMMAND });
    if (ctx.chat) await sendHtml(ctx.api, ctx.chat.id, escapeHtml(text), {}, core.logger);
  }

  // The private chat a group's "Open a private chat" button opens: t.me/<bot>?start=check.
  bot.command('start', (ctx, next) =>
    ctx.match.trim() === 'check' && ctx.chat.type === 'private' ? begin(ctx) : next(),
  );

  bot.command('check', async (ctx) => {
    if (!ctx.chat || !ctx.from) return;
    const lang = userLang(ctx);
    // In a group every message of the user would be taken as an answer: the check runs in private.
    if (ctx.chat.type !== 'private') {
      const keyboard = new InlineKeyboard().url(
        checkCopy.openPrivate[lang],
        `https://t.me/${ctx.me.username}?start=check`,
      );
      await sendHtml(
        ctx.api,
        ctx.chat.id,
        escapeHtml(checkCopy.privateOnly[lang]),
        { keyboard, replyTo: ctx.msg.message_id },
        core.logger,
      );
      return;
    }
    await begin(ctx);
  });

  bot.callbackQuery(buttonPattern, async (ctx) => {
    const state = await checks.get(keyOf(ctx));
    if (!state) {
      await ctx.answerCallbackQuery({ text: checkCopy.cancelled[userLang(ctx)] });
      return;
    }
    const [, action = '', choice] = ctx.match;
    if (action === 'cancel') {
      await checks.delete(keyOf(ctx));
      await ctx.answerCallbackQuery();
      await ctx.editMessageText(escapeHtml(checkCopy.cancelled[state.lang])).catch(() => undefined);
      return;
    }
    const outcome = core.riskCheck.step(
      state,
      choice ? { choose: choice } : action === 'done' ? { done: true } : { back: true },
    );
    await ctx.answerCallbackQuery(
      outcome.problem ? { text: checkCopy.problem(outcome.problem, state.lang) } : {},
    );
    if (outcome.done) {
      await ctx.editMessageReplyMarkup().catch(() => undefined);
      await finish(ctx, outcome.state);
      return;
    }
    await checks.set(keyOf(ctx), outcome.state, CHECK_TTL_SECONDS);
    const { text, keys } = prompt(outcome.state);
    await ctx
      .editMessageText(text, { parse_mode: 'HTML', reply_markup: keys })
      .catch((err: unknown) => core.logger.debug({ err }, 'check question not updated'));
  });

  // Typed answers (markets, "only in China", "yes") while a check is open in this chat.
  bot.on('message:text', async (ctx, next) => {
    if (ctx.message.text.startsWith('/')) return next();
    const state = await checks.get(keyOf(ctx));
    if (!state) return next();
    const outcome = core.riskCheck.step(state, { text: ctx.message.text });
    if (outcome.done) return finish(ctx, outcome.state);
    await checks.set(keyOf(ctx), outcome.state, CHECK_TTL_SECONDS);
    const { text, keys } = prompt(outcome.state);
    const problem = outcome.problem
      ? `${escapeHtml(checkCopy.problem(outcome.problem, state.lang))}\n\n`
      : '';
    await sendHtml(ctx.api, ctx.chat.id, `${problem}${text}`, { keyboard: keys }, core.logger);
  });
}
