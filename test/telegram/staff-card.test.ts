import { describe, expect, it } from 'vitest';
import { MESSAGE_LIMIT } from '../../adapters/telegram/split.ts';
import { staffCard, staffKeyboard } from '../../adapters/telegram/staff.ts';
import type { Ticket } from '../../src/triage/ticket.ts';
import { balanced } from './harness.ts';

const ticket = (over: Partial<Ticket> = {}): Ticket => ({
  id: 'IPR-2026-000042',
  status: 'new',
  priority: { score: 95, level: 'urgent', reasons: ['Deadline in 5 day(s) (2026-11-26)'] },
  requester: { platform: 'telegram', userId: '1', conversationId: 'telegram:1', lang: 'en' },
  input: {
    company: 'Ningbo <Lighting> & Co.',
    contactName: 'Li Wei',
    contact: 'li.wei@example.com',
    market: 'US',
    ipType: 'patent',
    disputeType: 'section-337',
    deadline: '2026-11-26',
    description: 'We were served with a Section 337 complaint about our LED lamps.',
  },
  createdAt: '2026-11-21T10:00:00.000Z',
  updatedAt: '2026-11-21T10:00:00.000Z',
  touchedAt: '2026-11-21T10:00:00.000Z',
  history: [{ at: '2026-11-21T10:00:00.000Z', by: 'telegram:1', action: 'submitted' }],
  ...over,
});

describe('the staff card', () => {
  it('shows the details with contact, escaped, the first line bold', () => {
    const card = staffCard(ticket());
    expect(card).toContain('🆕 <b>IPR-2026-000042 — URGENT (score 95) — new</b>');
    expect(card).toContain('Company: Ningbo &lt;Lighting&gt; &amp; Co.');
    expect(card).toContain('Contact: Li Wei, li.wei@example.com');
    expect(balanced(card)).toBe(true);
  });

  it('shortens a card that would not fit one message, without breaking the HTML', () => {
    const long = ticket({
      input: { ...ticket().input, description: '<&> '.repeat(1000), question: 'Q & A '.repeat(160) },
      history: Array.from({ length: 40 }, (_, i) => ({
        at: '2026-11-21T10:00:00.000Z',
        by: 'staff:telegram:4242',
        action: 'replied',
        detail: `reply ${i} & more `.repeat(20),
      })),
    });
    const card = staffCard(long);
    expect(card.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
    expect(balanced(card)).toBe(true);
    expect(card).toContain('Contact: Li Wei, li.wei@example.com');
    expect(card).toContain('iprisk tickets show &lt;id&gt;');
    expect(card).not.toMatch(/&(?!amp;|lt;|gt;)/u);
  });

  it('keeps only Reply on a closed ticket', () => {
    const keys = (status: Ticket['status']) =>
      staffKeyboard(ticket({ status }))
        .inline_keyboard.flat()
        .map((b) => b.text);
    expect(keys('new')).toEqual(['🙋 Claim', '❓ Ask for info', '🔄 Status', '💬 Reply']);
    expect(keys('closed')).toEqual(['💬 Reply']);
  });
});
