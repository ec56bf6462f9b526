import {
  type Conversation,
  type ConversationData,
  conversations,
  createConversation,
  type VersionedState,
} from '@grammyjs/conversations';
import { type Composer, type Context, InlineKeyboard } from 'grammy';
import type { Message } from 'grammy/types';
import { requesterMessages } from '../../src/copy/requests.ts';
import { IpriskError, isIpriskError } from '../../src/errors.ts';
import type { Lang } from '../../src/text/lang.ts';
import { advance, beginIntake, type IntakeEvent, type IntakeNotice } from '../../src/triage/intake.ts';
import { disputeTypes, type Requester, type TicketField, ticketIpTypes } from '../../src/triage/ticket.ts';
import { describeError } from './boundary.ts';
import { reply } from './commands.ts';
import { type BotContext, conversationId, userLang } from './context.ts';
import type { TelegramDeps } from './deps.ts';
import { escapeHtml } from './format.ts';
import { adapterStore } from './redis-storage-adapter.ts';
import { sendHtml } from './send.ts';
import {
  choiceFromText,
  disputeLabels,
  fieldLabels,
  fieldPrompt,
  fieldReason,
  intakeFields,
  intakeTexts,
  ipTypeLabels,
  summaryText,
} from './triage-texts.ts';

export const INTAKE = 'intake';
/** A form left alone this long is dropped, so a later question is not taken as an answer to it. */
export const INTAKE_IDLE_MS = 60 * 60_000;
/** Buttons of the form: `tk:<field>:<value>`, `tk:do:<submit|edit|cancel|summary>`, `tk:edit:<field>`. */
export const intakeCallbackPattern = /^tk:/u;

export interface IntakeArgs {
  lang: Lang;
  /** The question the requester asked, when the form was started from an answer's button. */
  question?: string;
}

type Input =
  | { kind: 'text'; text: string }
  | { kind: 'button'; field: string; value: string }
  | { kind: 'cancel' }
  | { kind: 'back' }
  | { kind: 'other' };

/**
 * Updates whose chat had an assistance-request form open, as the conversations storage saw them:
 * the error boundary leaves their text out of the log, since it may be contact details.
 */
const formOpen = new WeakMap<object, boolean>();

/** True when the update may carry form input (a form was open, or it failed before that was known). */
export function mayHoldFormInput(ctx: BotContext): boolean {
  const known = formOpen.get(ctx);
  return known ?? ctx.chat?.type === 'private';
}

function commandOf(message: Message): string | undefined {
  const entity = message.entities?.find((e) => e.type === 'bot_command' && e.offset === 0);
  if (!entity || message.text === undefined) return undefined;
  return message.text.slice(1, entity.length).split('@')[0]?.toLowerCase();
}

function pairs(keyboard: InlineKeyboard, buttons: [string, string][]): InlineKeyboard {
  buttons.forEach(([label, data], i) => {
    keyboard.text(label, data);
    if (i % 2 === 1) keyboard.row();
  });
  return keyboard;
}

function fieldKeyboard(
  field: TicketField,
  lang: Lang,
  prefill: string | undefined,
): InlineKeyboard | undefined {
  if (field === 'ipType')
    return pairs(
      new InlineKeyboard(),
      ticketIpTypes.map((key) => [ipTypeLabels[key][lang], `tk:ipType:${key}`]),
    );
  if (field === 'disputeType')
    return pairs(
      new InlineKeyboard(),
      disputeTypes.map((key) => [disputeLabels[key][lang], `tk:disputeType:${key}`]),
    );
  if (field === 'deadline') return new InlineKeyboard().text(intakeTexts.none[lang], 'tk:deadline:none');
  if (field === 'question') {
    const keyboard = new InlineKeyboard();
    if (prefill) keyboard.text(intakeTexts.keep[lang], 'tk:question:keep');
    return keyboard.text(intakeTexts.skip[lang], 'tk:question:skip');
  }
  return undefined;
}

const summaryKeyboard = (lang: Lang) =>
  new InlineKeyboard()
    .text(intakeTexts.submit[lang], 'tk:do:submit')
    .text(intakeTexts.edit[lang], 'tk:do:edit')
    .text(intakeTexts.cancel[lang], 'tk:do:cancel');

const editKeyboard = (lang: Lang) =>
  pairs(
    new InlineKeyboard(),
    intakeFields.map((field) => [fieldLabels[field][lang], `tk:edit:${field}`]),
  )
    .row()
    .text(intakeTexts.backToSummary[lang], 'tk:do:summary');

/** What to check for a field: a button's value, a typed choice's key, or the text as typed. */
function rawValue(
  field: TicketField,
  input: Extract<Input, { kind: 'text' | 'button' }>,
  prefill: string | undefined,
): string {
  if (input.kind === 'button') {
    if (input.value === 'keep') return prefill ?? '';
    return input.value === 'none' || input.value === 'skip' ? 'none' : input.value;
  }
  if (field === 'question' && prefill && /^(keep|保留)$/iu.test(input.text.trim())) return prefill;
  if (field === 'ipType' || field === 'disputeType') return choiceFromText(field, input.text);
  return input.text;
}

/**
 * The assistance-request form as a grammY conversation. The plugin replays this function from the
 * start on every update, so everything that touches the outside (sending, answering buttons,
 * submitting) goes through `conversation.external`, and the rest only depends on the updates.
 */
function intakeBuilder(deps: TelegramDeps) {
  const { triage, logger } = deps.core;
  return async function intake(
    conversation: Conversation<BotContext, Context>,
    ctx: Context,
    args: IntakeArgs,
  ): Promise<void> {
    const chatId = ctx.chat?.id;
    if (chatId === undefined) return;
    const { lang } = args;
    const prefill = args.question?.trim().slice(0, 1000) || undefined;

    const say = (html: string, keyboard?: InlineKeyboard) =>
      conversation.external(async (outer) => {
        await sendHtml(outer.api, chatId, html, keyboard ? { keyboard } : {}, logger);
      });
    const ack = () =>
      conversation.external(async (outer) => {
        await outer.answerCallbackQuery().catch(() => undefined);
      });

    const next = async (): Promise<Input> => {
      const update = await conversation.wait();
      const data = update.callbackQuery?.data;
      if (data !== undefined) {
        // Buttons under answers (feedback, sources) still work while the form is open.
        if (!intakeCallbackPattern.test(data)) return conversation.skip({ next: true });
        await ack();
        const [, field = '', ...rest] = data.split(':');
        return { kind: 'button', field, value: rest.join(':') };
      }
      const message = update.message;
      if (!message) return conversation.skip({ next: true });
      if (message.text === undefined) return { kind: 'other' };
      const command = commandOf(message);
      if (command === 'cancel') return { kind: 'cancel' };
      // /help, /mytickets, /lang… are answered as usual; the form keeps waiting.
      if (command) return conversation.skip({ next: true });
      const word = message.text.trim().toLowerCase();
      if (word === 'cancel' || word === '取消') return { kind: 'cancel' };
      if (word === 'back' || word === '返回') return { kind: 'back' };
      return { kind: 'text', text: message.text };
    };
    /** The next input, ignoring (already acknowledged) buttons of earlier messages. */
    const nextFor = async (wanted: string[]): Promise<Input> => {
      for (;;) {
        const input = await next();
        if (input.kind !== 'button' || wanted.includes(input.field)) return input;
      }
    };

    const noticeText = (notice: IntakeNotice | undefined): string | undefined =>
      notice === undefined
        ? undefined
        : notice.kind === 'invalid'
          ? fieldReason(notice.field, notice.reason, lang)
          : notice.kind === 'textPlease'
            ? intakeTexts.textPlease[lang]
            : intakeTexts.useButtons[lang];

    let { state, view } = beginIntake();
    await say(intakeTexts.intro[lang]);
    for (;;) {
      if (view.kind === 'cancelled') {
        await say(intakeTexts.cancelled[lang]);
        return;
      }
      if (view.kind === 'ask') {
        const { field } = view;
        const notice = noticeText(view.notice);
        await say(
          fieldPrompt(field, view.position, lang, { prefill, ...(notice ? { notice } : {}) }),
          fieldKeyboard(field, lang, prefill),
        );
        const input = await nextFor([field]);
        const event: IntakeEvent =
          input.kind === 'text' || input.kind === 'button'
            ? { kind: 'answer', field, raw: rawValue(field, input, prefill) }
            : input;
        // The replay-safe clock: a form continued after midnight replays with the day it was answered on.
        const today = event.kind === 'answer' ? new Date(await conversation.now()) : undefined;
        ({ state, view } = advance(state, event, today ? { today } : {}));
        continue;
      }
      if (view.kind === 'summary') {
        const notice = noticeText(view.notice);
        const summary = summaryText(state.values, lang);
        await say(notice ? `⚠️ ${escapeHtml(notice)}\n\n${summary}` : summary, summaryKeyboard(lang));
        const input = await nextFor(['do']);
        const event: IntakeEvent =
          input.kind === 'cancel' || (input.kind === 'button' && input.value === 'cancel')
            ? { kind: 'cancel' }
            : input.kind === 'back'
              ? { kind: 'back' }
              : input.kind === 'button' && input.value === 'submit'
                ? { kind: 'submit' }
                : input.kind === 'button' && input.value === 'edit'
                  ? { kind: 'edit' }
                  : { kind: 'other' };
        ({ state, view } = advance(state, event));
        continue;
      }
      if (view.kind === 'chooseField') {
        await say(intakeTexts.editWhich[lang], editKeyboard(lang));
        const pick = await nextFor(['do', 'edit']);
        if (pick.kind === 'cancel' || (pick.kind === 'button' && pick.value === 'cancel')) {
          ({ state, view } = advance(state, { kind: 'cancel' }));
          continue;
        }
        const field = intakeFields.find(
          (f) => pick.kind === 'button' && pick.field === 'edit' && f === pick.value,
        );
        // "Back to the summary" (or anything else) shows the summary again.
        ({ state, view } = advance(state, field ? { kind: 'editField', field } : { kind: 'summary' }));
        continue;
      }
      if (view.kind === 'submit') {
        const ticketInput = view.input;
        const outcome = await conversation.external(async (outer) => {
          const requester: Requester = {
            platform: 'telegram',
            userId: String(outer.from?.id ?? chatId),
            conversationId: conversationId(chatId),
            lang,
          };
          try {
            const ticket = await triage.submit(requester, ticketInput);
            return { ok: true, text: escapeHtml(requesterMessages.submitted(ticket)) };
          } catch (error) {
            // The input stays out of the log: it holds contact details.
            logger.error(
              {
                err: isIpriskError(error) ? describeError(error) : { name: (error as Error)?.name },
                userId: requester.userId,
              },
              'telegram: assistance request not saved',
            );
            return { ok: false, text: escapeHtml(requesterMessages.notSaved(lang)) };
          }
        });
        if (outcome.ok) {
          await say(`${outcome.text}\n${intakeTexts.myTicketsHint[lang]}`);
          return;
        }
        // Not saved: say so, and offer the summary again so a retry needs no retyping.
        await say(outcome.text);
        view = { kind: 'summary', input: ticketInput };
        continue;
      }
      // A whole-form view never comes from one-field answers.
      return;
    }
  };
}

/** `/start assist` or `/start assist_<answer id>`: the private-chat link given in groups. */
export const deepLinkPattern = /^assist(?:_([\w-]{1,32}))?$/u;

/**
 * Opens the form, in private chats only (it asks for contact details); in a group the user gets a
 * link to the private chat that carries the answer the button was under.
 */
export async function startIntake(
  ctx: BotContext,
  deps: TelegramDeps,
  from: { question?: string; answerId?: string; lang?: Lang } = {},
): Promise<void> {
  const lang = from.lang ?? userLang(ctx);
  const question = from.question;
  if (ctx.chat?.type !== 'private') {
    const link = `https://t.me/${ctx.me.username}?start=assist${from.answerId ? `_${from.answerId}` : ''}`;
    const keyboard = new InlineKeyboard().url(intakeTexts.openPrivate[lang], link);
    await sendHtml(
      ctx.api,
      ctx.chat?.id ?? 0,
      intakeTexts.privateOnly[lang],
      { keyboard, ...(ctx.msg?.message_id !== undefined ? { replyTo: ctx.msg.message_id } : {}) },
      deps.core.logger,
    );
    return;
  }
  if (ctx.conversation.active(INTAKE) > 0) {
    await reply(ctx, deps, intakeTexts.alreadyActive[lang]);
    return;
  }
  const args: IntakeArgs = { lang, ...(question ? { question } : {}) };
  await ctx.conversation.enter(INTAKE, args);
}

/**
 * The conversations plugin and the form. Form state is kept per private chat in the adapter's
 * store (Redis when configured, with the session TTL), so any instance can continue a form.
 */
export function installIntake(bot: Composer<BotContext>, deps: TelegramDeps): void {
  const store = adapterStore<VersionedState<ConversationData>>(deps.core, 'tg-intake', 'tolerant');
  const ttl = deps.core.config.SESSION_TTL_SECONDS;
  const keyOf = (ctx: BotContext) => (ctx.chat?.type === 'private' ? String(ctx.chat.id) : undefined);
  bot.use(
    conversations<BotContext, Context>({
      storage: {
        type: 'context',
        // Bump when the form's steps change: forms saved by older code are then dropped, not replayed.
        // 2: each answer's check reads the clock (one more replayed step).
        // 3: the form's steps come from the core's intake state machine.
        version: 3,
        adapter: {
          async read(ctx) {
            const key = keyOf(ctx);
            if (key === undefined) {
              formOpen.set(ctx, false);
              return undefined;
            }
            const state = await store.get(key);
            formOpen.set(ctx, (state?.state[INTAKE]?.length ?? 0) > 0);
            return state;
          },
          async write(ctx, state) {
            const key = keyOf(ctx);
            if (key !== undefined) await store.set(key, state, ttl);
          },
          async delete(ctx) {
            const key = keyOf(ctx);
            if (key !== undefined) await store.delete(key);
          },
        },
      },
      // Only the idle timeout leaves the form this way (cancel and submit return normally).
      onExit: async (id, ctx) => {
        if (id === INTAKE && ctx.chat)
          await sendHtml(ctx.api, ctx.chat.id, intakeTexts.idle[userLang(ctx)], {}, deps.core.logger);
      },
    }),
  );
  bot.use(
    createConversation<BotContext, Context>(intakeBuilder(deps), {
      id: INTAKE,
      maxMillisecondsToWait: INTAKE_IDLE_MS,
    }),
  );
}

/** Buttons of a form that is no longer open (finished, cancelled, expired). */
export function installStaleFormButtons(bot: Composer<BotContext>, storeDown: () => boolean): void {
  bot.callbackQuery(intakeCallbackPattern, async (ctx) => {
    // The form could not be read because the store is away, not because it expired: the request
    // cannot be saved now, and the requester must hear so.
    if (storeDown())
      throw new IpriskError('STORE_UNAVAILABLE', 'The assistance-request form could not be read', {
        hint: 'Check that Redis is running and REDIS_URL points at it.',
      });
    await ctx.answerCallbackQuery({ text: intakeTexts.formGone[userLang(ctx)] });
  });
}
