import type { Api, Composer } from 'grammy';
import type { Logger } from '../../src/logger.ts';
import { unlessStoreDown } from '../../src/sessions/tolerant-store.ts';
import { requesterMessages } from '../../src/triage/messages.ts';
import type { RequesterNotifier } from '../../src/triage/notifiers.ts';
import type { Requester } from '../../src/triage/ticket.ts';
import { reply } from './commands.ts';
import { type BotContext, userLang } from './context.ts';
import type { TelegramDeps } from './deps.ts';
import { escapeHtml } from './format.ts';
import { sendHtml } from './send.ts';
import { ticketListLine, ticketsTexts } from './triage-texts.ts';

/** What the bot tells a requester about a ticket always names it. */
const ticketIdPattern = /\bIPR-\d{4}-\d{6,}\b/u;

/** The chat to write to: `telegram:<chat id>` as the intake stores it, else the user's private chat. */
export function requesterChat(requester: Pick<Requester, 'conversationId' | 'userId'>): number {
  const match = /^telegram:(-?\d+)$/u.exec(requester.conversationId);
  return Number(match?.[1] ?? requester.userId);
}

/** Status changes, requests for information and expert replies, sent to the requester's chat. */
export function telegramRequesterNotifier(api: Api, logger: Logger): RequesterNotifier {
  return {
    async send(requester, text) {
      await sendHtml(api, requesterChat(requester), escapeHtml(text), {}, logger);
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

/**
 * A requester's message goes to the experts instead of the Q&A when it replies to one of the
 * bot's messages about a ticket (that ticket, by the id the message names), or answers a request
 * for information still waiting for them; the core decides. Everything else is a question.
 */
export function installRequesterReplies(bot: Composer<BotContext>, deps: TelegramDeps): void {
  const { triage } = deps.core;
  bot.on('message:text', async (ctx, next) => {
    const message = ctx.message;
    if (ctx.chat.type !== 'private') return next();
    if (message.entities?.some((e) => e.type === 'bot_command' && e.offset === 0)) return next();
    const requester = { platform: 'telegram' as const, userId: String(ctx.from.id) };
    const replyTo = message.reply_to_message;
    const repliedTicket =
      replyTo?.from?.id === ctx.me.id ? ticketIdPattern.exec(replyTo.text ?? '')?.[0] : undefined;
    const route = await unlessStoreDown(
      triage.routeRequesterMessage(requester, repliedTicket),
      { kind: 'question' as const },
      deps.core.storeHealth,
    );
    const lang = userLang(ctx);
    if (route.kind === 'question') {
      if (repliedTicket) await reply(ctx, deps, escapeHtml(requesterMessages.noOpenTicket(lang)));
      return repliedTicket ? undefined : next();
    }
    if (route.kind === 'ambiguous') {
      await reply(
        ctx,
        deps,
        escapeHtml(
          requesterMessages.chooseTicket(
            route.tickets.map((t) => t.id),
            lang,
          ),
        ),
      );
      return;
    }
    const ticket = await triage.requesterReply(requester, route.ticket.id, message.text);
    await reply(ctx, deps, escapeHtml(requesterMessages.relayed(ticket.id, lang)));
  });
}
