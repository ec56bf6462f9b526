import type { webApi } from '@slack/bolt';
import type { Logger } from '../../src/logger.ts';
import type { RequesterNotifier, StaffNotifier } from '../../src/triage/notifiers.ts';
import type { Requester, StaffThread, Ticket } from '../../src/triage/ticket.ts';
import type { SlaMinutes } from '../../src/triage/triage.ts';
import { escapeMrkdwn, noticeMessage, SECTION_MAX, splitText } from './blocks.ts';
import { post } from './reply.ts';
import { type SlackStores, TICKET_MESSAGE_TTL_SECONDS, threadKey } from './stores.ts';
import { reminderTexts, ticketCard } from './triage-card.ts';
import { intakeCopy } from './triage-copy.ts';

const TICKET_ID = /IPR-\d{4}-\d{6}/u;

/** The card's place, when it was posted to Slack. */
function slackThread(ticket: Ticket): StaffThread | undefined {
  return ticket.staffThread?.platform === 'slack' ? ticket.staffThread : undefined;
}

/**
 * Tells a Slack requester something about their ticket, in their DM with the bot, and remembers
 * the message so a reply in its thread reaches the experts.
 */
export async function sendToRequester(
  client: webApi.WebClient,
  stores: SlackStores,
  requester: Pick<Requester, 'userId' | 'conversationId' | 'lang'>,
  text: string,
): Promise<void> {
  const sections = splitText(escapeMrkdwn(text), SECTION_MAX);
  const sent = await client.chat.postMessage({
    // The DM channel opened at intake; a user id also reaches the user's DM with the app.
    channel: requester.conversationId || requester.userId,
    text: escapeMrkdwn(text).slice(0, 4000),
    blocks: [
      ...sections.map((piece) => ({
        type: 'section' as const,
        text: { type: 'mrkdwn' as const, text: piece },
      })),
      { type: 'context', elements: [{ type: 'mrkdwn', text: intakeCopy.replyHint[requester.lang] }] },
    ],
    unfurl_links: false,
    unfurl_media: false,
  });
  const ticketId = text.match(TICKET_ID)?.[0];
  const channel = typeof sent.channel === 'string' ? sent.channel : requester.conversationId;
  if (ticketId && sent.ts)
    await stores.ticketMessages.set(threadKey(channel, sent.ts), ticketId, TICKET_MESSAGE_TTL_SECONDS);
}

/** How the workflow reaches Slack requesters: a direct message from the bot. */
export function createSlackRequesterNotifier(
  client: webApi.WebClient,
  stores: SlackStores,
): RequesterNotifier {
  return {
    send: (requester, text) => sendToRequester(client, stores, requester, text),
  };
}

export interface StaffNotifierDeps {
  client: webApi.WebClient;
  /** SLACK_TRIAGE_CHANNEL: a channel id (C…) the bot is a member of. */
  channel: string;
  slaMinutes: SlaMinutes;
  logger: Logger;
}

/**
 * Tickets as cards in SLACK_TRIAGE_CHANNEL: posted on submit, updated in place after every
 * change, with the requester's replies and SLA reminders in the card's thread.
 */
export function createSlackStaffNotifier(deps: StaffNotifierDeps): StaffNotifier {
  const { client } = deps;

  async function postCard(ticket: Ticket): Promise<StaffThread | undefined> {
    const card = ticketCard(ticket);
    const sent = await client.chat.postMessage({
      channel: deps.channel,
      text: card.text,
      blocks: card.blocks,
      unfurl_links: false,
      unfurl_media: false,
    });
    if (!sent.ts) return undefined;
    // Slack answers with the channel's id, also when SLACK_TRIAGE_CHANNEL names it otherwise.
    const channel = typeof sent.channel === 'string' ? sent.channel : deps.channel;
    return { platform: 'slack', channel, ts: sent.ts };
  }

  return {
    postTicket: postCard,

    async updateTicket(ticket) {
      const thread = slackThread(ticket);
      if (!thread) return;
      const card = ticketCard(ticket);
      await client.chat.update({
        channel: thread.channel,
        ts: thread.ts,
        text: card.text,
        blocks: card.blocks,
      });
    },

    async postToThread(ticket, text) {
      const thread = slackThread(ticket);
      if (thread) await post(client, thread.channel, thread.ts, [noticeMessage(text)]);
      // The card never made it to Slack: the channel still hears about it, with the id.
      else await post(client, deps.channel, undefined, [noticeMessage(`${ticket.id}: ${text}`)]);
    },

    async remind(ticket) {
      const texts = reminderTexts(ticket, deps.slaMinutes[ticket.priority.level]);
      const thread = slackThread(ticket);
      if (thread) {
        await post(client, thread.channel, thread.ts, [noticeMessage(texts.thread)]);
        await post(client, thread.channel, undefined, [noticeMessage(texts.channel)]);
        return;
      }
      // Posting the card failed at submit: post it now, so the ticket is not only in Redis.
      await post(client, deps.channel, undefined, [noticeMessage(texts.channel)]);
      await postCard(ticket);
      deps.logger.warn(
        { ticket: ticket.id },
        'slack card re-posted by the SLA reminder (not linked to the ticket)',
      );
    },
  };
}
