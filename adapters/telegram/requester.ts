import { type Api, type Composer, InputFile } from 'grammy';
import type { Message } from 'grammy/types';
import { requesterMessages } from '../../src/copy/requests.ts';
import { isIpriskError } from '../../src/errors.ts';
import type { Logger } from '../../src/logger.ts';
import { unlessStoreDown } from '../../src/sessions/tolerant-store.ts';
import { type Attachment, refuseAttachment } from '../../src/triage/attachment.ts';
import type { RequesterNotifier } from '../../src/triage/notifiers.ts';
import type { Requester } from '../../src/triage/ticket.ts';
import { reply } from './commands.ts';
import { type BotContext, userLang } from './context.ts';
import type { TelegramDeps } from './deps.ts';
import { escapeHtml } from './format.ts';
import { sendHtml } from './send.ts';
import type { TelegramSettings } from './settings.ts';
import { ticketListLine, ticketsTexts } from './triage-texts.ts';

/** What the bot tells a requester about a ticket always names it. */
const ticketIdPattern = /\bIPR-\d{4}-\d{6,}\b/u;

/** The chat to write to: `telegram:<chat id>` as the intake stores it, else the user's private chat. */
export function requesterChat(requester: Pick<Requester, 'conversationId' | 'userId'>): number {
  const match = /^telegram:(-?\d+)$/u.exec(requester.conversationId);
  return Number(match?.[1] ?? requester.userId);
}

/** Telegram's limit for a caption, in characters as shown (after entity parsing). */
export const CAPTION_LIMIT = 1024;

/** Plain text cut to `room` characters: a caption past the limit makes Telegram refuse the file. */
export function fitCaption(text: string, room = CAPTION_LIMIT): string {
  return text.length > room ? `${text.slice(0, Math.max(0, room - 1))}…` : text;
}

/**
 * A document or photo of a message as an Attachment, or undefined for anything else. Nothing is
 * downloaded until read(): the policy is checked on what Telegram reports first.
 */
export function telegramAttachment(
  api: Api,
  settings: Pick<TelegramSettings, 'token' | 'apiRoot'>,
  message: Message,
): Attachment | undefined {
  const read = (fileId: string) => () => downloadFile(api, settings, fileId);
  const day = new Date(message.date * 1000).toISOString().slice(0, 10);
  const document = message.document;
  if (document)
    return {
      name: document.file_name ?? `document-${day}`,
      // No type reported: nothing the policy can accept, rather than a guess from the name.
      mimeType: document.mime_type ?? 'application/octet-stream',
      // Telegram leaves the size out only rarely; getFile still refuses what a bot cannot download.
      size: document.file_size ?? 0,
      read: read(document.file_id),
    };
  // A photo comes in several sizes, smallest first; the experts want the largest. Telegram
  // re-encodes photos as JPEG and keeps no name.
  const photo = message.photo?.at(-1);
  if (photo)
    return {
      name: `photo-${day}.jpg`,
      mimeType: 'image/jpeg',
      size: photo.file_size ?? 0,
      read: read(photo.file_id),
    };
  return undefined;
}

/** getFile, then the file URL under the bot's API root (TELEGRAM_API_ROOT, as the bot's client uses). */
async function downloadFile(
  api: Api,
  settings: Pick<TelegramSettings, 'token' | 'apiRoot'>,
  fileId: string,
): Promise<Uint8Array> {
  const file = await api.getFile(fileId);
  if (!file.file_path) throw new Error('Telegram gave no path to download the file from.');
  // The URL holds the token: errors say what failed, never where.
  const response = await fetch(`${settings.apiRoot}/file/bot${settings.token}/${file.file_path}`).catch(
    (error: unknown) => {
      throw new Error('Could not download the file from Telegram.', {
        cause: { name: (error as Error).name },
      });
    },
  );
  if (!response.ok) throw new Error(`Could not download the file from Telegram (HTTP ${response.status}).`);
  return new Uint8Array(await response.arrayBuffer());
}

/** Sends a file as a document (photos too: a document keeps the original bytes and the name). */
export async function sendDocument(
  api: Api,
  chatId: number,
  file: Attachment,
  caption: { text: string; html?: boolean },
  replyTo?: number,
): Promise<Message.DocumentMessage> {
  return api.sendDocument(chatId, new InputFile(await file.read(), file.name), {
    caption: caption.text,
    ...(caption.html ? { parse_mode: 'HTML' as const } : {}),
    ...(replyTo !== undefined
      ? { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } }
      : {}),
  });
}

/** Status changes, requests for information, expert replies and files, sent to the requester's chat. */
export function telegramRequesterNotifier(api: Api, logger: Logger): RequesterNotifier {
  return {
    async send(requester, text) {
      await sendHtml(api, requesterChat(requester), escapeHtml(text), {}, logger);
    },
    async sendFile(requester, file, text) {
      await sendDocument(api, requesterChat(requester), file, { text: fitCaption(text) });
    },
  };
}

/** /mytickets: the caller's own tickets, in a private chat only. */
export async function myTickets(ctx: BotContext, deps: TelegramDeps): Promise<void> {
  const lang = userLang(ctx);
  if (!ctx.from) return;
  if (ctx.chat?.type !== 'private') {
    await reply(ctx, deps, ticketsTexts.privateOnly[lang]);
    return;
  }
  const tickets = await deps.core.triage.mine({ platform: 'telegram', userId: String(ctx.from.id) });
  await reply(
    ctx,
    deps,
    tickets.length === 0
      ? ticketsTexts.none[lang]
      : [ticketsTexts.title[lang], ...tickets.map((t) => ticketListLine(t, lang))].join('\n'),
  );
}

/** The ticket a requester's message replies to: the id the bot's message (its text or a file's caption) names. */
function repliedTicket(ctx: BotContext & { message: Message }): string | undefined {
  const replyTo = ctx.message.reply_to_message;
  if (replyTo?.from?.id !== ctx.me.id) return undefined;
  return ticketIdPattern.exec(replyTo.text ?? replyTo.caption ?? '')?.[0];
}

/**
 * A requester's message goes to the experts instead of the Q&A when it replies to one of the
 * bot's messages about a ticket (that ticket, by the id the message names), or answers a request
 * for information still waiting for them; the core decides. Everything else is a question; a
 * requester's document or photo about no open ticket is not passed on, and they are told how to.
 */
export function installRequesterReplies(bot: Composer<BotContext>, deps: TelegramDeps): void {
  const { triage } = deps.core;
  const say = (ctx: BotContext, text: string) => reply(ctx, deps, escapeHtml(text));
  /**
   * The ticket the message is for; 'told' when the requester heard why it goes to none (the
   * replied-to request is closed, or several wait for an answer); 'none' when it is about none.
   */
  const requesterOf = (ctx: { from: NonNullable<BotContext['from']> }) => ({
    platform: 'telegram' as const,
    userId: String(ctx.from.id),
  });
  const ticketFor = async (ctx: BotContext & { message: Message; from: NonNullable<BotContext['from']> }) => {
    const requester = requesterOf(ctx);
    const replied = repliedTicket(ctx);
    const route = await unlessStoreDown(
      triage.routeRequesterMessage(requester, replied),
      { kind: 'question' as const },
      deps.core.storeHealth,
    );
    const lang = userLang(ctx);
    if (route.kind === 'question') {
      if (!replied) return 'none';
      await say(ctx, requesterMessages.noOpenTicket(lang));
      return 'told';
    }
    if (route.kind === 'ambiguous') {
      await say(
        ctx,
        requesterMessages.chooseTicket(
          route.tickets.map((t) => t.id),
          lang,
        ),
      );
      return 'told';
    }
    return { requester, ticket: route.ticket, lang };
  };

  bot.on('message:text', async (ctx, next) => {
    const message = ctx.message;
    if (ctx.chat.type !== 'private') return next();
    if (message.entities?.some((e) => e.type === 'bot_command' && e.offset === 0)) return next();
    const found = await ticketFor(ctx);
    // Not about a ticket: a question for the assistant, answered further down.
    if (found === 'none') return next();
    if (found === 'told') return;
    const ticket = await triage.requesterReply(found.requester, found.ticket.id, message.text);
    await say(ctx, requesterMessages.relayed(ticket.id, found.lang));
  });

  bot.on(['message:document', 'message:photo'], async (ctx, next) => {
    if (ctx.chat.type !== 'private') return next();
    const file = telegramAttachment(ctx.api, deps.settings, ctx.message);
    if (!file) return next();
    const found = await ticketFor(ctx);
    if (found === 'none') {
      // Someone who never asked for assistance is asking the assistant, which reads text only
      // (told so further down); a requester learns how to get the file to their request.
      const mine = await unlessStoreDown(triage.mine(requesterOf(ctx)), [], deps.core.storeHealth);
      if (mine.length === 0) return next();
      await say(ctx, requesterMessages.fileWithoutTicket(userLang(ctx)));
    }
    if (typeof found === 'string') return;
    // Checked here as well as in the core, to tell the requester which rule the file broke
    // before anything is downloaded.
    const refusal = refuseAttachment(file);
    if (refusal) {
      await say(ctx, requesterMessages.fileRefused(refusal, found.lang));
      return;
    }
    try {
      const ticket = await triage.requesterFile(
        found.requester,
        found.ticket.id,
        file,
        ctx.message.caption ?? '',
      );
      await say(ctx, requesterMessages.fileRelayed(ticket.id, file.name, found.lang));
    } catch (error) {
      // Not passed on (the download or the staff side failed): the requester must not think it was.
      if (!isIpriskError(error, 'DELIVERY_FAILED')) throw error;
      await say(ctx, requesterMessages.fileNotDelivered(file.name, found.lang));
    }
  });
}
