import type { types } from '@slack/bolt';
import { statusName } from '../../src/copy/requests.ts';
import type { Lang } from '../../src/text/lang.ts';
import { type Priority, type Ticket, type TicketStatus, transitions } from '../../src/triage/ticket.ts';
import {
  escapeMrkdwn,
  noticeMessage,
  SECTION_MAX,
  type SlackMessage,
  splitText,
  TEXT_MAX,
} from './blocks.ts';
import { disputeLabels, intakeCopy, ipTypeLabels } from './triage-copy.ts';

type KnownBlock = types.KnownBlock;

/** The staff controls on a ticket card; the actions block's id carries the ticket id. */
export const STAFF_ACTION = {
  claim: 'iprisk_ticket_claim',
  ask: 'iprisk_ticket_ask_open',
  reply: 'iprisk_ticket_reply_open',
  status: 'iprisk_ticket_status',
} as const;

export const CARD_BLOCK_PREFIX = 'iprisk_ticket:';

/** The ticket a card's control belongs to, from its block id (or the button's value). */
export function ticketIdOf(action: { block_id?: string; value?: string }): string | undefined {
  if (action.value) return action.value;
  return action.block_id?.startsWith(CARD_BLOCK_PREFIX)
    ? action.block_id.slice(CARD_BLOCK_PREFIX.length)
    : undefined;
}

export const levelMark: Record<Priority['level'], string> = {
  urgent: '🔴',
  high: '🟠',
  normal: '🟡',
  low: '⚪',
};

/** Status names as staff say them. */
export const staffStatus: Record<TicketStatus, string> = {
  new: 'New',
  accepted: 'Accepted',
  'needs-info': 'Needs info',
  'in-progress': 'In progress',
  answered: 'Answered',
  closed: 'Closed',
};

const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });
const mrkdwn = (text: string) => ({ type: 'mrkdwn' as const, text });
const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);
const field = (label: string, value: string) => mrkdwn(clip(`*${label}*\n${value}`, 2000));

/** A Slack user id is shown as a mention; anyone else (Telegram, the CLI) by name. */
export function who(id: string): string {
  return /^[UW][A-Z0-9]{2,}$/u.test(id) ? `<@${id}>` : escapeMrkdwn(id);
}

const platformNames: Record<Ticket['requester']['platform'], string> = {
  telegram: 'Telegram',
  slack: 'Slack',
  console: 'console',
  http: 'HTTP API',
};

function requesterLabel(ticket: Ticket): string {
  const { platform, userId } = ticket.requester;
  return platform === 'slack' ? who(userId) : `${platformNames[platform]} user ${escapeMrkdwn(userId)}`;
}

/** The assignee as staff know them: a Slack mention, or the name a Telegram staff member goes by. */
function assigneeLabel(ticket: Ticket): string {
  if (!ticket.assignee) return '— (unclaimed)';
  if (ticket.assigneeName) return escapeMrkdwn(ticket.assigneeName);
  return who(ticket.assignee);
}

/** Slack shows the date in each reader's own time zone; the fallback is UTC. */
export function slackTime(iso: string): string {
  const epoch = Math.floor(Date.parse(iso) / 1000);
  return `<!date^${epoch}^{date_short_pretty} {time}|${iso.slice(0, 16).replace('T', ' ')} UTC>`;
}

const dispute = (ticket: Ticket) => disputeLabels[ticket.input.disputeType].en;

/**
 * The one-line summary used as the card's notification text: no contact details. Slack reads
 * mentions in it as in the blocks, so the requester's words are escaped here too.
 */
export function cardHeadline(ticket: Ticket): string {
  const { priority, input } = ticket;
  return clip(
    `${levelMark[priority.level]} ${ticket.id} · ${priority.level.toUpperCase()} (${priority.score}) · ` +
      `${staffStatus[ticket.status]} · ${dispute(ticket)} · ${escapeMrkdwn(input.market)} · ${escapeMrkdwn(input.company)}`,
    TEXT_MAX,
  );
}

/**
 * The ticket as staff see it in SLACK_TRIAGE_CHANNEL. Contact details are on the card because
 * staff need them; they never go into the notification text or the logs.
 */
export function ticketCard(ticket: Ticket): SlackMessage {
  const { priority, input } = ticket;
  const reasons = priority.reasons.map((r) => `• ${escapeMrkdwn(r)}`).join('\n');
  const blocks: KnownBlock[] = [
    { type: 'header', text: plain(clip(`${ticket.id} — ${dispute(ticket)}`, 150)) },
    {
      type: 'section',
      text: mrkdwn(
        clip(
          `${levelMark[priority.level]} *${priority.level.toUpperCase()}* · score ${priority.score}\n${reasons}`,
          SECTION_MAX,
        ),
      ),
    },
    {
      type: 'section',
      fields: [
        field('Status', staffStatus[ticket.status]),
        field('Assignee', assigneeLabel(ticket)),
        field('Company', escapeMrkdwn(input.company)),
        field('Contact', `${escapeMrkdwn(input.contactName)} · ${escapeMrkdwn(input.contact)}`),
        field('Market', escapeMrkdwn(input.market)),
        field('IP type', ipTypeLabels[input.ipType].en),
        field('Dispute type', dispute(ticket)),
        field('Deadline', input.deadline ?? 'none given'),
      ],
    },
    ...splitText(`*Description*\n${escapeMrkdwn(input.description)}`, SECTION_MAX).map(
      (text): KnownBlock => ({ type: 'section', text: mrkdwn(text) }),
    ),
  ];
  if (input.question)
    blocks.push({
      type: 'context',
      elements: [mrkdwn(clip(`*Question asked:* ${escapeMrkdwn(input.question)}`, SECTION_MAX))],
    });
  blocks.push({
    type: 'context',
    elements: [
      mrkdwn(
        `Requester ${requesterLabel(ticket)} (${platformNames[ticket.requester.platform]}, ` +
          `${ticket.requester.lang === 'zh' ? 'Chinese' : 'English'}) · created ${slackTime(ticket.createdAt)} · ` +
          'messages in this thread are internal notes; start one with `reply:` to write to the requester',
      ),
    ],
  });
  const next = transitions[ticket.status];
  if (next.length > 0) {
    blocks.push({
      type: 'actions',
      block_id: `${CARD_BLOCK_PREFIX}${ticket.id}`,
      elements: [
        {
          type: 'button',
          action_id: STAFF_ACTION.claim,
          text: plain(ticket.assignee ? 'Claim (take over)' : 'Claim'),
          value: ticket.id,
          ...(ticket.assignee ? {} : { style: 'primary' as const }),
        },
        { type: 'button', action_id: STAFF_ACTION.ask, text: plain('Ask for information'), value: ticket.id },
        { type: 'button', action_id: STAFF_ACTION.reply, text: plain('Reply'), value: ticket.id },
        {
          type: 'static_select',
          action_id: STAFF_ACTION.status,
          placeholder: plain('Change status'),
          options: next.map((status) => ({ text: plain(staffStatus[status]), value: status })),
        },
      ],
    });
  }
  return { text: cardHeadline(ticket), blocks };
}

/** What the SLA reminder says: in the card's thread, and one short line in the channel. */
export function reminderTexts(ticket: Ticket, minutes: number): { thread: string; channel: string } {
  const level = ticket.priority.level;
  return {
    thread:
      `⏰ Reminder: untouched for more than ${minutes} minutes (the SLA for ${level} tickets). ` +
      'Claim it, ask for information or change its status.',
    channel: `⏰ ${ticket.id} untouched for more than ${minutes} minutes (${level})`,
  };
}

/** `/iprisk mytickets`: the requester's own tickets, newest first. */
export function myTicketsMessage(tickets: Ticket[], lang: Lang): SlackMessage {
  if (tickets.length === 0) return noticeMessage(intakeCopy.myTicketsNone[lang]);
  const lines = tickets.map(
    (ticket) =>
      `• ${ticket.id} · ${statusName(ticket.status, lang)} · ${disputeLabels[ticket.input.disputeType][lang]} · ` +
      `${escapeMrkdwn(ticket.input.company)} · ` +
      `${intakeCopy.created[lang]} ${ticket.createdAt.slice(0, 10)}`,
  );
  return noticeMessage(`${intakeCopy.myTicketsTitle[lang]}\n${lines.join('\n')}`);
}

/** `/iprisk tickets` for staff: the open queue, most urgent first, without contact details. */
export function queueMessage(tickets: Ticket[]): SlackMessage {
  if (tickets.length === 0) return noticeMessage('No open tickets.');
  const lines = tickets.map(
    (ticket) =>
      `${levelMark[ticket.priority.level]} ${ticket.id} · ${ticket.priority.level.toUpperCase()} ${ticket.priority.score} · ` +
      `${staffStatus[ticket.status]} · ${dispute(ticket)} · ${ticket.input.market} · ` +
      `due ${ticket.input.deadline ?? '—'} · ${escapeMrkdwn(ticket.input.company)}` +
      (ticket.assignee ? ` · ${assigneeLabel(ticket)}` : ''),
  );
  return noticeMessage(`Open tickets, most urgent first:\n${lines.join('\n')}`);
}
