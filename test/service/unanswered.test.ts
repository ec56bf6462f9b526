import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryUnansweredStore } from '../../src/feedback/unanswered-store.ts';
import { redactContact } from '../../src/text/redact-contact.ts';
import { startCore } from '../helpers/fixture-core.ts';

describe('questions the assistant could not answer, kept for admins', () => {
  let core: Awaited<ReturnType<typeof startCore>>;
  beforeAll(async () => {
    core = await startCore();
  });
  afterAll(async () => {
    await core.close();
  });

  it('logs an abstention with the contact details redacted, and a 👎 with its answer', async () => {
    await core.service.answer({
      platform: 'telegram',
      conversationId: 'c1',
      userId: 'u1',
      text: 'How do plant variety rights work in Peru? Write to li.wei@example.com or +86 138 0013 8000',
    });
    const [abstained] = await core.service.unanswered();
    expect(abstained).toMatchObject({ kind: 'abstained', platform: 'telegram', lang: 'en' });
    expect(abstained?.question).toContain('[email]');
    expect(abstained?.question).toContain('[phone]');
    expect(abstained?.question).not.toContain('li.wei');

    const answered = await core.service.answer({
      platform: 'slack',
      conversationId: 'c2',
      userId: 'u2',
      text: 'What is the deadline for the right holder after EU customs detain goods?',
    });
    expect(answered.abstained).toBe(false);
    await core.service.castVote(answered.answerId ?? '', { platform: 'slack', userId: 'u2', vote: 'down' });
    const [down] = await core.service.unanswered();
    expect(down).toMatchObject({
      kind: 'down',
      platform: 'slack',
      question: expect.stringContaining('EU customs'),
    });
    expect(down?.answer).toContain('10 working days');
  });

  it('keeps entries only for the retention period', async () => {
    let now = Date.parse('2026-12-01T00:00:00Z');
    const store = createMemoryUnansweredStore({ retentionDays: 90 }, () => now);
    const entry = {
      kind: 'abstained' as const,
      platform: 'telegram',
      lang: 'en' as const,
      question: 'q',
      indexVersion: 'v',
    };
    await store.add({ ...entry, at: new Date(now).toISOString() });
    expect(await store.recent(10)).toHaveLength(1);
    now += 91 * 86_400_000;
    expect(await store.recent(10)).toHaveLength(0);
  });

  it('keeps at most UNANSWERED_MAX entries, dropping the oldest', async () => {
    const store = createMemoryUnansweredStore({ retentionDays: 90, max: 3 });
    for (const question of ['q1', 'q2', 'q3', 'q4'])
      await store.add({
        kind: 'abstained',
        platform: 'slack',
        lang: 'en',
        question,
        indexVersion: 'v',
        at: new Date().toISOString(),
      });
    expect((await store.recent(10)).map((e) => e.question)).toEqual(['q4', 'q3', 'q2']);
  });

  it('redacts emails and phone numbers but not dates or case numbers', () => {
    expect(redactContact('mail a.b@c.com, call +1 (312) 555-0199, due 2026-12-01, case 337-TA-1279')).toBe(
      'mail [email], call [phone], due 2026-12-01, case 337-TA-1279',
    );
  });
});
