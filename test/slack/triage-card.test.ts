import { describe, expect, it } from 'vitest';
import { ticketCard } from '../../adapters/slack/triage-card.ts';
import { computePriority } from '../../src/triage/priority.ts';
import type { Ticket } from '../../src/triage/ticket.ts';
import { sampleTicketInput } from '../helpers/tickets.ts';

const input = sampleTicketInput();
const at = '2026-11-30T08:05:00.000Z';
const ticket: Ticket = {
  id: 'IPR-2026-000042',
  status: 'accepted',
  priority: computePriority(input, new Date(at)),
  requester: { platform: 'telegram', userId: '9001', conversationId: 'telegram:9001', lang: 'zh' },
  input,
  assignee: 'telegram:555',
  assigneeName: 'Wang Fang',
  createdAt: at,
  updatedAt: at,
  touchedAt: at,
  history: [],
};

/** What staff read on a ticket card from another platform. */
describe('Slack ticket card', () => {
  const text = JSON.stringify(ticketCard(ticket).blocks);

  it('names the assignee and the requester’s platform as people read them', () => {
    expect(text).toContain('Wang Fang');
    expect(text).not.toContain('telegram:555');
    expect(text).toContain('Telegram user 9001');
    expect(text).toContain('(Telegram, Chinese)');
  });

  it('shows times in each reader’s time zone, with UTC as the fallback', () => {
    expect(text).toContain(
      `<!date^${Date.parse(at) / 1000}^{date_short_pretty} {time}|2026-11-30 08:05 UTC>`,
    );
  });

  it('tells staff that thread messages are internal notes and how to reply', () => {
    expect(text).toContain('internal notes');
    expect(text).toContain('`reply:`');
  });
});
