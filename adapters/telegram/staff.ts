import { type Api, type Composer, GrammyError, InlineKeyboard } from 'grammy';
import type { Message } from 'grammy/types';
import { isIpriskError } from '../../src/errors.ts';
import type { Logger } from '../../src/logger.ts';
import { ticketDetails } from '../../src/triage/format.ts';
import type { StaffNotifier } from '../../src/triage/notifiers.ts';
import { statuses, type Ticket, type TicketStatus, transitions } from '../../src/triage/ticket.ts';
import { type BotContext, telegramUserId } from './context.ts';
import type { StaffDeps, StaffPrompt, TelegramDeps } from './deps.ts';
import { escapeHtml, htmlToPlain } from './format.ts';
import { CAPTION_LIMIT, fitCaption, sendDocument, telegramAttachment } from './requester.ts';
import { sendHtml } from './send.ts';
import { MESSAGE_LIMIT } from './split.ts';
import {
  reminderText,
  staffDone,
  staffPrompt,
  staffTexts,
  statusButton,
  threadText,
} from './triage-texts.ts';

// callback_data ≤ 64 bytes: `st:<action>:<ticket id>[:<status>]`.
type StaffAction = 'claim' | 'info' | 'status' | 'reply' | 'back' | 'to';
const codes: Record<StaffAction, string> = {
  claim: 'c',
  info: 'i',
  status: 's',
  reply: 'r',
  back: 'b',
  to: 't',
};
const actions = new Map(Object.entries(codes).map(([action, code]) => [code, action as StaffAction]));
export const staffCallbackPattern = /^st:([cisrbt]):(IPR-\d{4}-\d{6,})(?::([a-z-]{1,20}))?$/u;

export function staffData(action: StaffAction, id: string, status?: TicketStatus): string {
  return `st:${codes[action]}:${id}${status ? `:${status}` : ''}`;
}

function parseStaffData(
  data: string,
): { action: StaffAction; id: string; status?: TicketStatus } | undefined {
  const match = staffCallbackPattern.exec(data);
  const action = match?.[1] ? actions.get(match[1]) : undefined;
  if (!action || !match?.[2]) return undefined;
  const status = statuses.find((s) => s === match[3]);
  return { action, id: match[2], ...(status ? { status } : {}) };
}

/** Claim / Ask for info / Status / Reply; a closed ticket keeps only Reply. */
export function staffKeyboard(t: Ticket): InlineKeyboard {
  if (t.status === 'closed') return new InlineKeyboard().text(staffTexts.reply, staffData('reply', t.id));
  return new InlineKeyboard()
    .text(staffTexts.claim, staffData('claim', t.id))
    .text(staffTexts.askInfo, staffData('info', t.id))
    .row()
    .text(staffTexts.status, staffData('status', t.id))
    .text(staffTexts.reply, staffData('reply', t.id));
}

function statusKeyboard(t: Ticket): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const status of transitions[t.status])
    keyboard.text(statusButton(status), staffData('to', t.id, status));
  return keyboard.row().text(staffTexts.back, staffData('back', t.id));
}

const CARD_HEAD = { new: '🆕', closed: '✔️' } as Partial<Record<TicketStatus, string>>;

/**
 * The card: ticketDetails with contact, escaped, first line bold. A card that would not fit one
 * Telegram message is rebuilt from a shortened copy (long texts cut, the last history entries),
 * cut further if need be before escaping, so no tag or entity is ever split.
 */
export function staffCard(t: Ticket, timeZone = 'UTC'): string {
  const parts = (ticket: Ticket) => {
    const [first = '', ...rest] = ticketDetails(ticket, { withContact: true, timeZone }).split('\n');
    return {
      head: `${CARD_HEAD[ticket.status] ?? '📋'} <b>${escapeHtml(first)}</b>\n`,
      body: rest.join('\n'),
    };
  };
  const full = parts(t);
  const whole = `${full.head}${escapeHtml(full.body)}`;
  if (whole.length <= MESSAGE_LIMIT) return whole;

  const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text);
  const { head, body } = parts({
    ...t,
    input: {
      ...t.input,
      company: cut(t.input.company, 100),
      description: cut(t.input.description, 1200),
      ...(t.input.question ? { question: cut(t.input.question, 300) } : {}),
    },
    history: t.history.slice(-6).map((h) => ({ ...h, ...(h.detail ? { detail: cut(h.detail, 100) } : {}) })),
  });
  const note = `\n<i>${escapeHtml(staffTexts.truncated)}</i>`;
  let text = body;
  while (head.length + escapeHtml(text).length + note.length > MESSAGE_LIMIT)
    text = text.slice(0, Math.floor(text.length * 0.9));
  return `${head}${escapeHtml(text)}${note}`;
}

const notModified = (error: unknown) =>
  error instanceof GrammyError && /message is not modified/iu.test(error.description);

/**
 * Staff handle tickets in a Telegram group (TELEGRAM_STAFF_CHAT_ID) when Slack is not the staff
 * side: one card per ticket, edited as it changes; thread posts and reminders reply to it.
 */
export function telegramStaffNotifier(
  api: Api,
  staff: StaffDeps,
  logger: Logger,
  retentionDays: number,
  timeZone = 'UTC',
) {
  const chatId = Number(staff.chatId);
  const threadTtl = retentionDays * 86_400;
  const cardOf = (t: Ticket) =>
    t.staffThread?.platform === 'telegram' && t.staffThread.channel === staff.chatId
      ? Number(t.staffThread.ts)
      : undefined;
  const post = async (t: Ticket, html: string) => {
    const card = cardOf(t);
    const sent = await sendHtml(api, chatId, html, card ? { replyTo: card } : {}, logger);
    // A reply to any of these messages is about the same ticket.
    for (const part of sent) await staff.threads.set(String(part.message_id), t.id, threadTtl);
  };
  const notifier: StaffNotifier = {
    async postTicket(t) {
      const sent = await api.sendMessage(chatId, staffCard(t, timeZone), {
        parse_mode: 'HTML',
        link_preview_options: { is_disabled: true },
        reply_markup: staffKeyboard(t),
      });
      logger.info({ ticket: t.id }, 'ticket card posted to the Telegram staff chat');
      return { platform: 'telegram', channel: staff.chatId, ts: String(sent.message_id) };
    },
    async updateTicket(t) {
      const card = cardOf(t);
      if (card === undefined) return;
      await api
        .editMessageText(chatId, card, staffCard(t, timeZone), {
          parse_mode: 'HTML',
          link_preview_options: { is_disabled: true },
          reply_markup: staffKeyboard(t),
        })
        .catch((error: unknown) => {
          if (!notModified(error)) throw error;
        });
    },
    postToThread: (t, text) => post(t, threadText(t, text)),
    async postFile(t, file, text) {
      // Laid out like a thread post; the text is cut before escaping, so no tag or entity is split.
      const room = CAPTION_LIMIT - htmlToPlain(threadText(t, '')).length;
      const card = cardOf(t);
      const sent = await sendDocument(
        api,
        chatId,
        file,
        { text: threadText(t, fitCaption(text, room)), html: true },
        card,
      );
      // A reply to the file is about the same ticket, like a reply to any thread post.
      await staff.threads.set(String(sent.message_id), t.id, threadTtl);
    },
    async remind(t) {
      // The card may never have been posted (the staff chat was unreachable at submit): post it now.
      if (cardOf(t) === undefined) {
        const sent = await api.sendMessage(chatId, `${reminderText(t)}\n\n${staffCard(t, timeZone)}`, {
          parse_mode: 'HTML',
          link_preview_options: { is_disabled: true },
          reply_markup: staffKeyboard(t),
        });
        await staff.threads.set(String(sent.message_id), t.id, threadTtl);
        return;
      }
      await post(t, reminderText(t));
    },
  };
  return notifier;
}

const PROMPT_TTL_SECONDS = 24 * 3600;

/** Staff actions in the staff chat: the card's buttons, and replies to the card or to a prompt. */
export function installStaff(bot: Composer<BotContext>, deps: TelegramDeps): void {
  const staff = deps.staff;
  if (!staff) return;
  const { triage, logger } = deps.core;
  const threadTtl = deps.core.config.TICKET_RETENTION_DAYS * 86_400;
  const isAdmin = (userId: number | undefined) =>
    userId !== undefined && deps.settings.adminIds.has(String(userId));

  bot.callbackQuery(staffCallbackPattern, async (ctx) => {
    const parsed = parseStaffData(ctx.callbackQuery.data);
    if (!parsed) return ctx.answerCallbackQuery();
    if (!isAdmin(ctx.from.id)) {
      logger.warn(
        { userId: ctx.from.id, action: parsed.action, ticket: parsed.id },
        'telegram staff action refused: not an admin',
      );
      await ctx.answerCallbackQuery({ text: staffTexts.refused, show_alert: true });
      return;
    }
    // An admin pressing a copy of a card elsewhere (forwarded to a private chat) is told where it works.
    if (String(ctx.chat?.id) !== staff.chatId) {
      await ctx.answerCallbackQuery({ text: staffTexts.staffChatOnly, show_alert: true });
      return;
    }
    const staffId = telegramUserId(ctx.from.id);
    const card = ctx.callbackQuery.message?.message_id;
    try {
      switch (parsed.action) {
        case 'claim': {
          // Staff know each other by name, not by Telegram id.
          const name =
            [ctx.from.first_name, ctx.from.last_name].filter(Boolean).join(' ') || ctx.from.username;
          const t = await triage.claim(parsed.id, staffId, name);
          await ctx.answerCallbackQuery({ text: `${t.id}: claimed (${t.status})` });
          return;
        }
        case 'to': {
          if (!parsed.status) return ctx.answerCallbackQuery();
          const t = await triage.setStatus(parsed.id, parsed.status, staffId);
          await ctx.answerCallbackQuery({ text: `${t.id} → ${t.status}` });
          return;
        }
        case 'status': {
          const t = await triage.get(parsed.id);
          if (transitions[t.status].length === 0) {
            await ctx.answerCallbackQuery({ text: staffTexts.noStatus });
            return;
          }
          await ctx.answerCallbackQuery();
          await ctx.editMessageReplyMarkup({ reply_markup: statusKeyboard(t) });
          return;
        }
        case 'back': {
          const t = await triage.get(parsed.id);
          await ctx.answerCallbackQuery();
          await ctx.editMessageReplyMarkup({ reply_markup: staffKeyboard(t) });
          return;
        }
        case 'info':
        case 'reply': {
          const t = await triage.get(parsed.id);
          const mention = `<a href="tg://user?id=${ctx.from.id}">${escapeHtml(ctx.from.first_name)}</a>`;
          const sent = await ctx.api.sendMessage(
            Number(staff.chatId),
            staffPrompt(parsed.action, t.id, mention),
            {
              parse_mode: 'HTML',
              reply_markup: { force_reply: true, selective: true },
              ...(card ? { reply_parameters: { message_id: card, allow_sending_without_reply: true } } : {}),
            },
          );
          const prompt: StaffPrompt = { action: parsed.action, ticketId: t.id };
          await staff.prompts.set(String(sent.message_id), prompt, PROMPT_TTL_SECONDS);
          await ctx.answerCallbackQuery({ text: staffTexts.prompted });
          return;
        }
      }
    } catch (error) {
      if (!isIpriskError(error) || (error.code !== 'NOT_FOUND' && error.code !== 'CONFLICT')) throw error;
      const text = error.code === 'NOT_FOUND' ? staffTexts.notFound : error.message;
      await ctx.answerCallbackQuery({ text: text.slice(0, 200), show_alert: true });
    }
  });

  /**
   * The ticket a staff-chat message is about when it replies to one of the bot's messages about
   * one (an open prompt, the card, a thread post); 'refused' once a non-admin has been told no.
   */
  const ticketOfReply = async (
    ctx: BotContext & { message: Message; from: NonNullable<BotContext['from']> },
  ) => {
    const message = ctx.message;
    const replyTo = message.reply_to_message;
    const isCommand = message.entities?.some((e) => e.type === 'bot_command' && e.offset === 0);
    if (String(ctx.chat?.id) !== staff.chatId || !replyTo || replyTo.from?.id !== ctx.me.id || isCommand)
      return undefined;
    const key = String(replyTo.message_id);
    const prompt = await staff.prompts.get(key);
    const ticketId =
      prompt?.ticketId ??
      (await triage.byStaffThread(staff.chatId, key))?.id ??
      (await staff.threads.get(key));
    // A reply to some other message of the bot (an answer): a follow-up question, handled as usual.
    if (!ticketId) return undefined;
    if (!isAdmin(ctx.from.id)) {
      logger.warn({ userId: ctx.from.id, ticket: ticketId }, 'telegram staff reply refused: not an admin');
      await ctx.reply(staffTexts.refused, { reply_parameters: { message_id: message.message_id } });
      return 'refused';
    }
    return { key, prompt, ticketId, staffId: telegramUserId(ctx.from.id) };
  };
  const answer = (ctx: BotContext & { message: Message }, text: string, html = false) =>
    ctx.reply(text, {
      ...(html ? { parse_mode: 'HTML' as const } : {}),
      reply_parameters: { message_id: ctx.message.message_id },
    });
  /** The confirmation is part of the thread too: a reply to it is about the same ticket. */
  const done = async (
    ctx: BotContext & { message: Message },
    action: StaffPrompt['action'],
    ticketId: string,
  ) => {
    const sent = await answer(ctx, staffDone(action, ticketId), true);
    await staff.threads.set(String(sent.message_id), ticketId, threadTtl);
  };

  bot.on('message:text', async (ctx, next) => {
    const target = await ticketOfReply(ctx);
    if (!target) return next();
    if (target === 'refused') return;
    const { key, prompt, ticketId, staffId } = target;
    const action = prompt?.action ?? 'reply';
    try {
      if (action === 'info') await triage.requestInfo(ticketId, staffId, ctx.message.text);
      else await triage.staffReply(ticketId, staffId, ctx.message.text);
    } catch (error) {
      if (isIpriskError(error, 'NOT_FOUND')) {
        await answer(ctx, staffTexts.notFound);
        return;
      }
      throw error;
    }
    if (prompt) await staff.prompts.delete(key);
    await done(ctx, action, ticketId);
  });

  // A file in reply goes to the requester as it is, whatever a prompt asked for: the prompt stays
  // open for its text.
  bot.on(['message:document', 'message:photo'], async (ctx, next) => {
    const target = await ticketOfReply(ctx);
    if (!target) return next();
    if (target === 'refused') return;
    const file = telegramAttachment(ctx.api, deps.settings, ctx.message);
    if (!file) return next();
    try {
      await triage.staffFile(target.ticketId, target.staffId, file, ctx.message.caption ?? '');
    } catch (error) {
      if (isIpriskError(error, 'NOT_FOUND')) {
        await answer(ctx, staffTexts.notFound);
        return;
      }
      // A refused file (type, size) or a requester platform that takes none: the core says which.
      if (isIpriskError(error, 'INVALID_INPUT') || isIpriskError(error, 'CONFLICT')) {
        await answer(ctx, [error.message, error.hint].filter(Boolean).join(' '));
        return;
      }
      throw error;
    }
    await done(ctx, 'reply', target.ticketId);
  });
}
