import { createClient } from 'redis';
import { beforeEach, describe, expect, it } from 'vitest';
import { isIpriskError } from '../../src/errors.ts';
import type { RedisClient } from '../../src/sessions/redis-store.ts';
import type { StaffNotifier } from '../../src/triage/notifiers.ts';
import { computePriority } from '../../src/triage/priority.ts';
import { checkField, type Requester, type Ticket, type TicketInput } from '../../src/triage/ticket.ts';
import {
  createMemoryTicketStore,
  createRedisTicketStore,
  type TicketStore,
} from '../../src/triage/ticket-store.ts';
import { createTriage } from '../../src/triage/triage.ts';
import { silentLogger } from '../helpers/fixture-core.ts';
import { useRedisClient } from '../helpers/redis-server.ts';

const NOW = new Date('2026-11-21T10:00:00Z');
const day = (offset: number) => new Date(NOW.getTime() + offset * 86_400_000).toISOString().slice(0, 10);

const input = (over: Partial<TicketInput> = {}): TicketInput => ({
  company: 'Ningbo Lighting Co.',
  contactName: 'Li Wei',
  contact: 'li.wei@example.com',
  market: 'US',
  ipType: 'patent',
  disputeType: 'section-337',
  deadline: day(5),
  description: 'We were served with a Section 337 complaint about our LED lamps.',
  ...over,
});

const alice: Requester = { platform: 'telegram', userId: '100', conversationId: 'telegram:100', lang: 'en' };
const bob: Requester = { platform: 'telegram', userId: '200', conversationId: 'telegram:200', lang: 'zh' };

function recordingStaff() {
  const calls: Array<{ kind: string; id: string; text?: string }> = [];
  const notifier: StaffNotifier = {
    async postTicket(t) {
      calls.push({ kind: 'post', id: t.id });
      return { platform: 'slack', channel: 'CTRIAGE', ts: `ts-${t.id}` };
    },
    async updateTicket(t) {
      calls.push({ kind: 'update', id: t.id });
    },
    async postToThread(t, text) {
      calls.push({ kind: 'thread', id: t.id, text });
    },
    async remind(t) {
      calls.push({ kind: 'remind', id: t.id });
    },
  };
  return { notifier, calls };
}

function setup(store: TicketStore, clock = { now: NOW }) {
  const triage = createTriage({
    store,
    logger: silentLogger,
    slaMinutes: { urgent: 60, high: 240, normal: 1440, low: 4320 },
    now: () => clock.now,
  });
  const staff = recordingStaff();
  const sent: Array<{ to: string; text: string }> = [];
  triage.registerStaff(staff.notifier);
  triage.registerRequester('telegram', { send: async (r, text) => void sent.push({ to: r.userId, text }) });
  return { triage, staff, sent, clock };
}

describe('priority', () => {
  it('puts a 337 response due in 5 days above a squatting opposition due in 60', () => {
    const urgent = computePriority(input(), NOW);
    const later = computePriority(
      input({
        disputeType: 'trademark-squatting',
        deadline: day(60),
        description: 'A distributor filed our brand in Vietnam.',
      }),
      NOW,
    );
    expect(urgent.score).toBeGreaterThan(later.score);
    expect(urgent.level).toBe('urgent');
    expect(urgent.reasons.join(' ')).toMatch(/Deadline in 5 day/u);
    expect(later.level).toBe('low');
  });

  it('ranks a scenario set in the order staff would work them', () => {
    const scenarios: Array<[string, Partial<TicketInput>]> = [
      [
        'fair',
        {
          disputeType: 'trade-fair',
          deadline: day(1),
          description: 'Injunction served at our booth in Frankfurt today.',
        },
      ],
      ['337', { disputeType: 'section-337', deadline: day(5) }],
      [
        'freeze',
        {
          disputeType: 'schedule-a',
          deadline: day(10),
          description: 'Our Amazon funds were frozen by a TRO.',
        },
      ],
      [
        'customs',
        { disputeType: 'customs-detention', deadline: day(12), description: 'Machines detained in Hamburg.' },
      ],
      [
        'letter',
        {
          disputeType: 'warning-letter',
          deadline: day(30),
          description: 'A warning letter arrived from a competitor.',
        },
      ],
      [
        'squat',
        {
          disputeType: 'trademark-squatting',
          deadline: day(60),
          description: 'Our brand was filed by a former agent.',
        },
      ],
    ];
    const scores = scenarios.map(([name, over]) => [name, computePriority(input(over), NOW).score] as const);
    const order = [...scores].sort((a, b) => b[1] - a[1]).map(([name]) => name);
    expect(order).toEqual(['fair', '337', 'freeze', 'customs', 'letter', 'squat']);
  });
});

describe('field checks', () => {
  it('gives a reason to ask again', () => {
    expect(checkField('contact', 'not a contact')).toEqual({
      ok: false,
      reason: 'Give an email address or a phone number.',
    });
    expect(checkField('deadline', '2026-02-30')).toMatchObject({ ok: false });
    expect(checkField('deadline', 'none')).toEqual({ ok: true, value: undefined });
    expect(checkField('contact', '+86 138 0000 0000')).toEqual({ ok: true, value: '+86 138 0000 0000' });
    expect(checkField('disputeType', 'lawsuit')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('section-337'),
    });
  });
});

function behavesLikeTriage(makeStore: () => TicketStore) {
  it('stores a ticket with a readable id, posts the card and orders the queue by priority', async () => {
    const { triage, staff } = setup(makeStore());
    const squat = await triage.submit(
      bob,
      input({
        disputeType: 'trademark-squatting',
        deadline: day(60),
        description: 'Our brand was squatted in Vietnam.',
      }),
    );
    const urgent = await triage.submit(alice, input());
    expect(urgent.id).toMatch(/^IPR-2026-\d{6}$/u);
    expect(urgent.staffThread).toEqual({ platform: 'slack', channel: 'CTRIAGE', ts: `ts-${urgent.id}` });
    expect(staff.calls.filter((c) => c.kind === 'post').map((c) => c.id)).toEqual([squat.id, urgent.id]);
    expect((await triage.queue()).map((t) => t.id)).toEqual([urgent.id, squat.id]);
    expect(await triage.byStaffThread('CTRIAGE', `ts-${urgent.id}`)).toMatchObject({ id: urgent.id });
  });

  it('lets a requester read only their own tickets', async () => {
    const { triage } = setup(makeStore());
    const mine = await triage.submit(alice, input());
    await triage.submit(bob, input({ company: 'Bob Co.' }));
    expect((await triage.mine(alice)).map((t) => t.id)).toEqual([mine.id]);
    const error = await triage.getForRequester(mine.id, bob).catch((e: unknown) => e);
    expect(isIpriskError(error, 'NOT_FOUND')).toBe(true);
  });

  it('moves through claim, needs-info, replies both ways and status changes, keeping history', async () => {
    const { triage, staff, sent } = setup(makeStore());
    const t = await triage.submit(alice, input());
    await triage.claim(t.id, 'U_STAFF');
    await triage.requestInfo(t.id, 'U_STAFF', 'Please send the complaint PDF.');
    const relayed = await triage.requesterReply(alice, t.id, 'Attached the complaint.');
    await triage.staffReply(t.id, 'U_STAFF', 'Calendar the 20-day response deadline.');
    const done = await triage.setStatus(t.id, 'answered', 'U_STAFF');
    expect(relayed.id).toBe(t.id);
    // Answering the request for information supplies it: the ticket is worked on again.
    expect(relayed.status).toBe('in-progress');
    expect(staff.calls).toContainEqual({
      kind: 'thread',
      id: t.id,
      text: 'Requester: Attached the complaint.',
    });
    expect(sent.map((m) => m.text)).toEqual([
      expect.stringContaining('accepted'),
      expect.stringContaining('Please send the complaint PDF.'),
      expect.stringContaining('Calendar the 20-day response deadline.'),
      expect.stringContaining('answered'),
    ]);
    expect(done.history.map((h) => h.action)).toEqual([
      'submitted',
      'claimed',
      'asked for information',
      'requester replied',
      'replied',
      'status → answered',
    ]);
    const error = await triage.setStatus(t.id, 'new', 'U_STAFF').catch((e: unknown) => e);
    expect(isIpriskError(error, 'CONFLICT')).toBe(true);
  });

  it('routes a requester message by the ticket it replies to, never to the latest open ticket', async () => {
    const { triage, staff } = setup(makeStore());
    const first = await triage.submit(alice, input());
    const second = await triage.submit(alice, input({ company: 'Alice Lighting' }));
    const route = await triage.routeRequesterMessage(alice, first.id);
    expect(route).toMatchObject({ kind: 'ticket', ticket: { id: first.id } });
    await triage.requesterReply(alice, first.id, 'About the first one.');
    expect(staff.calls).toContainEqual({
      kind: 'thread',
      id: first.id,
      text: 'Requester: About the first one.',
    });
    expect(staff.calls.some((c) => c.kind === 'thread' && c.id === second.id)).toBe(false);
    // Someone else's ticket id is not a way in.
    expect(await triage.routeRequesterMessage(bob, first.id)).toEqual({ kind: 'question' });
  });

  it('takes only the answer to a request for information as a reply; later messages are questions', async () => {
    const { triage } = setup(makeStore());
    const t = await triage.submit(alice, input());
    expect(await triage.routeRequesterMessage(alice)).toEqual({ kind: 'question' });
    await triage.requestInfo(t.id, 'U_STAFF', 'Which port?');
    const route = await triage.routeRequesterMessage(alice);
    expect(route).toMatchObject({ kind: 'ticket', ticket: { id: t.id } });
    await triage.requesterReply(alice, t.id, 'Hamburg.');
    expect(await triage.routeRequesterMessage(alice)).toEqual({ kind: 'question' });
  });

  it('asks which ticket when two wait for an answer', async () => {
    const { triage } = setup(makeStore());
    const a = await triage.submit(alice, input());
    const b = await triage.submit(alice, input({ company: 'Alice Lighting' }));
    await triage.requestInfo(a.id, 'U_STAFF', 'Which port?');
    await triage.requestInfo(b.id, 'U_STAFF', 'Which court?');
    const route = await triage.routeRequesterMessage(alice);
    expect(route.kind).toBe('ambiguous');
  });

  it('announces a ticket again when nobody touched it within its SLA, once per period', async () => {
    const clock = { now: NOW };
    const { triage, staff } = setup(makeStore(), clock);
    const t = await triage.submit(alice, input());
    clock.now = new Date(NOW.getTime() + 30 * 60_000);
    expect(await triage.checkSla()).toEqual([]);
    clock.now = new Date(NOW.getTime() + 61 * 60_000);
    expect((await triage.checkSla()).map((x) => x.id)).toEqual([t.id]);
    expect(await triage.checkSla()).toEqual([]);
    expect(staff.calls.filter((c) => c.kind === 'remind')).toHaveLength(1);
  });
}

describe('triage with the in-process store', () => {
  behavesLikeTriage(() => createMemoryTicketStore(30));
});

describe('triage with a real Redis', () => {
  const redis = useRedisClient();
  beforeEach(async () => {
    await redis.client.flushDb();
  });

  behavesLikeTriage(() => createRedisTicketStore(redis.client, 30));

  it('keeps open tickets without expiry and closed ones for the retention period', async () => {
    const { triage } = setup(createRedisTicketStore(redis.client, 30));
    const t = await triage.submit(alice, input());
    expect(await redis.client.ttl(`iprisk:ticket:${t.id}`)).toBe(-1);
    await triage.setStatus(t.id, 'closed', 'U_STAFF');
    const ttl = await redis.client.ttl(`iprisk:ticket:${t.id}`);
    expect(ttl).toBeGreaterThan(29 * 86_400);
    expect((await triage.queue()).map((x: Ticket) => x.id)).not.toContain(t.id);
  });

  it('fails honestly when Redis is down during submit', async () => {
    const dead = createClient({ url: redis.server.url, socket: { reconnectStrategy: false } });
    await dead.connect();
    await dead.quit();
    const { triage, staff } = setup(createRedisTicketStore(dead as RedisClient, 30));
    const error = await triage.submit(alice, input()).catch((e: unknown) => e);
    expect(isIpriskError(error, 'STORE_UNAVAILABLE')).toBe(true);
    expect(staff.calls).toEqual([]);
  });
});
