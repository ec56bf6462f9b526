import { describe, expect, it } from 'vitest';
import { computePriority } from '../../src/triage/priority.ts';
import type { DisputeType, TicketInput } from '../../src/triage/ticket.ts';

const NOW = new Date('2026-11-21T10:00:00Z');
const day = (offset: number) => new Date(NOW.getTime() + offset * 86_400_000).toISOString().slice(0, 10);

/** A request with no deadline and a description that does not say the dispute is under way. */
const undated = (disputeType: DisputeType, over: Partial<TicketInput> = {}): TicketInput => ({
  company: 'Ningbo Lighting Co.',
  contactName: 'Li Wei',
  contact: 'li.wei@example.com',
  market: 'US',
  ipType: 'patent',
  disputeType,
  description: 'We need help with this dispute about our LED lamps.',
  ...over,
});

describe('priority: a minimum level per kind of dispute', () => {
  it.each(['section-337', 'schedule-a', 'customs-detention'] as const)(
    'keeps %s at least HIGH without a deadline',
    (type) => {
      const priority = computePriority(undated(type), NOW);
      expect(priority).toMatchObject({ level: 'high', score: 50 });
      expect(priority.reasons).toContain('No deadline given');
      expect(priority.reasons).toContainEqual(expect.stringContaining('At least HIGH'));
    },
  );

  it('holds for a detention described as under way, and for a far deadline', () => {
    expect(
      computePriority(
        undated('customs-detention', { description: 'Our goods were detained in Hamburg.' }),
        NOW,
      ),
    ).toMatchObject({ level: 'high', score: 50 });
    expect(computePriority(undated('schedule-a', { deadline: day(90) }), NOW).level).toBe('high');
  });

  it('only lifts: a near deadline still makes it URGENT, without the minimum as a reason', () => {
    const priority = computePriority(undated('section-337', { deadline: day(2) }), NOW);
    expect(priority.level).toBe('urgent');
    expect(priority.reasons).not.toContainEqual(expect.stringContaining('At least'));
  });

  it('leaves kinds without a minimum where their points put them', () => {
    expect(computePriority(undated('platform-takedown'), NOW)).toMatchObject({ level: 'low', score: 20 });
    expect(computePriority(undated('warning-letter'), NOW)).toMatchObject({ level: 'low', score: 15 });
  });
});
