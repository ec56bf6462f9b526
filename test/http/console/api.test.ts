import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisServer, startRedis } from '../../helpers/redis-server.ts';
import {
  ADMIN_TOKEN,
  type ConsoleHarness,
  followers,
  STAFF_TOKEN,
  signIn,
  startConsole,
} from './console-harness.ts';

const UNCOVERED = 'How long is the trademark opposition period in Chile?';

interface Item {
  id: string;
  question: string;
  count: number;
  status: string;
  document?: string;
}
const itemsOf = async (res: Response) => ((await res.json()) as { items: Item[] }).items;

describe('console JSON API', () => {
  let c: ConsoleHarness;
  beforeAll(async () => {
    c = await startConsole();
  });
  afterAll(async () => {
    await c.close();
  });

  it('lists an uncovered question asked twice once, with count 2, only with a valid bearer token', async () => {
    expect((await c.ask(UNCOVERED)).abstained).toBe(true);
    expect((await c.ask('how long is the trademark opposition period in chile')).abstained).toBe(true);
    expect((await c.api('/v1/admin/unanswered')).status).toBe(401);
    expect((await c.api('/v1/admin/unanswered', { token: 'wrong-token-0123456789abcdefghij' })).status).toBe(
      401,
    );
    const items = await itemsOf(await c.api('/v1/admin/unanswered', { token: ADMIN_TOKEN }));
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      question: 'how long is the trademark opposition period in chile',
      count: 2,
      status: 'open',
      lang: 'en',
    });
  });

  it('marks a group; a document that is not served or a group that does not exist is refused with the reason', async () => {
    const [item] = await itemsOf(await c.api('/v1/admin/unanswered', { token: ADMIN_TOKEN }));
    const id = item?.id ?? '';
    const unknownDoc = await c.api(`/v1/admin/unanswered/${id}`, {
      method: 'POST',
      token: ADMIN_TOKEN,
      body: { status: 'covered', document: 'no-such-doc' },
    });
    expect(unknownDoc.status).toBe(400);
    expect(((await unknownDoc.json()) as { error: { message: string } }).error.message).toContain(
      'no-such-doc',
    );
    const missing = await c.api('/v1/admin/unanswered/000000000000', {
      method: 'POST',
      token: ADMIN_TOKEN,
      body: { status: 'wont-cover' },
    });
    expect(missing.status).toBe(404);
    const covered = await c.api(`/v1/admin/unanswered/${id}`, {
      method: 'POST',
      token: ADMIN_TOKEN,
      body: { status: 'covered', document: 'fixture-337' },
    });
    expect(covered.status).toBe(200);
    expect((await itemsOf(await c.api('/v1/admin/unanswered', { token: ADMIN_TOKEN })))[0]).toMatchObject({
      status: 'covered',
      document: 'fixture-337',
    });
    await c.api(`/v1/admin/unanswered/${id}`, {
      method: 'POST',
      token: ADMIN_TOKEN,
      body: { status: 'open' },
    });
    expect((await itemsOf(await c.api('/v1/admin/unanswered', { token: ADMIN_TOKEN })))[0]?.status).toBe(
      'open',
    );
  });

  it('gives staff read-only access: unanswered and tickets, not marks, knowledge or reload', async () => {
    expect((await c.api('/v1/admin/unanswered', { token: STAFF_TOKEN })).status).toBe(200);
    expect((await c.api('/v1/tickets', { token: STAFF_TOKEN })).status).toBe(200);
    expect((await c.api('/v1/admin/knowledge', { token: STAFF_TOKEN })).status).toBe(403);
    expect((await c.api('/v1/admin/reload', { method: 'POST', token: STAFF_TOKEN })).status).toBe(403);
  });

  it('describes the serving knowledge: version, documents with their sections and twin, rejected files', async () => {
    const body = (await (await c.api('/v1/admin/knowledge', { token: ADMIN_TOKEN })).json()) as {
      version: string;
      documents: Array<{ id: string; lang: string; twin: boolean; sections: string[] }>;
      rejected: unknown[];
    };
    expect(body.version).toBe(c.core.service.indexVersion());
    const customs = body.documents.find((d) => d.id === 'fixture-customs' && d.lang === 'en');
    expect(customs?.twin).toBe(true);
    expect(customs?.sections.length).toBeGreaterThan(1);
    expect(body.rejected).toEqual([]);
  });

  it('tries a question with the explanation, without logging it as a user question', async () => {
    const before = (await itemsOf(await c.api('/v1/admin/unanswered', { token: ADMIN_TOKEN })))[0]?.count;
    const res = await c.api('/v1/admin/try', {
      method: 'POST',
      token: ADMIN_TOKEN,
      body: { question: UNCOVERED },
    });
    const result = (await res.json()) as {
      abstained: boolean;
      explanation: { route: string; uncovered: string[] };
    };
    expect(result.abstained).toBe(true);
    expect(result.explanation).toMatchObject({ route: 'abstain', uncovered: ['CL'] });
    expect((await itemsOf(await c.api('/v1/admin/unanswered', { token: ADMIN_TOKEN })))[0]?.count).toBe(
      before,
    );
  });

  it('lists feedback with its counts and without the voters’ ids', async () => {
    const answer = await c.ask('When did RCEP enter into force for Japan?');
    await c.core.service.castVote(answer.answerId ?? '', {
      platform: 'telegram',
      userId: '4242',
      vote: 'up',
    });
    const body = (await (await c.api('/v1/admin/feedback', { token: ADMIN_TOKEN })).json()) as {
      counts: { up: number };
      items: Array<Record<string, unknown>>;
    };
    expect(body.counts.up).toBe(1);
    expect(body.items[0]).toMatchObject({
      vote: 'up',
      question: 'When did RCEP enter into force for Japan?',
    });
    expect(JSON.stringify(body.items)).not.toContain('4242');
  });

  it('previews a warning to a segment with the number of followers it reaches, sends it to as many, and logs it', async () => {
    await followers(c.core, [
      ['1', 'US lighting'],
      ['2', '照明 越南'],
      ['3', 'US toys'],
    ]);
    const warning = {
      segments: ['lighting'],
      en: 'Schedule A filings against lighting sellers are rising',
      zh: '针对照明卖家的 Schedule A 起诉增多',
    };
    const post = (body: unknown) => c.api('/v1/admin/warnings', { method: 'POST', token: ADMIN_TOKEN, body });
    const preview = (await (await post({ ...warning, preview: true })).json()) as {
      reach: number;
      sent: boolean;
    };
    expect(preview).toMatchObject({ reach: 2, sent: false });
    const sent = (await (await post(warning)).json()) as { reach: number; sent: boolean };
    expect(sent).toMatchObject({ reach: preview.reach, sent: true });
    const log = (await (await c.api('/v1/admin/notices?kind=warning', { token: ADMIN_TOKEN })).json()) as {
      items: Array<{ text: { en: { summary: string } }; counts: { queued: number } }>;
    };
    expect(log.items[0]).toMatchObject({ text: { en: { summary: warning.en } }, counts: { queued: 2 } });
    const refused = await post({ ...warning, segments: [], markets: 'Narnia' });
    expect(refused.status).toBe(400);
    expect(
      (await c.api('/v1/admin/warnings', { method: 'POST', token: STAFF_TOKEN, body: warning })).status,
    ).toBe(403);
  });

  it('with the console cookie, a POST needs the CSRF token', async () => {
    const session = await signIn(c.base, ADMIN_TOKEN);
    expect(session.cookie).not.toBe('');
    const [item] = await itemsOf(
      await c.api('/v1/admin/unanswered', { headers: { cookie: session.cookie } }),
    );
    const path = `/v1/admin/unanswered/${item?.id}`;
    const body = { status: 'wont-cover' };
    expect((await c.api(path, { method: 'POST', body, headers: { cookie: session.cookie } })).status).toBe(
      403,
    );
    expect(
      (
        await c.api(path, {
          method: 'POST',
          body,
          headers: { cookie: session.cookie, 'x-csrf-token': session.csrf },
        })
      ).status,
    ).toBe(200);
    // The form posts need it too.
    const form = await fetch(`${c.base}/admin/unanswered/${item?.id}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'status=open',
    });
    expect(form.status).toBe(403);
  });

  it('refuses a wrong token at sign-in, then every attempt from that address after five failures', async () => {
    for (let i = 0; i < 5; i++)
      expect((await signIn(c.base, `wrong-${i}-0123456789abcdefghijkl`)).status).toBe(401);
    expect((await signIn(c.base, 'wrong-again-0123456789abcdefghij')).status).toBe(429);
    // Even the right token waits: the address is out of attempts.
    expect((await signIn(c.base, ADMIN_TOKEN)).status).toBe(429);
  });
});

describe('console on two instances sharing Redis', () => {
  let redis: RedisServer;
  let a: ConsoleHarness;
  let b: ConsoleHarness;
  beforeAll(async () => {
    redis = await startRedis();
    a = await startConsole({ REDIS_URL: redis.url });
    b = await startConsole({ REDIS_URL: redis.url }, a.knowledgeDir);
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await redis?.stop();
  });

  it('both see the same unanswered log, feedback and console sessions', async () => {
    await a.ask(UNCOVERED);
    await b.ask(UNCOVERED);
    const answer = await a.ask('When did RCEP enter into force for Japan?');
    await a.core.service.castVote(answer.answerId ?? '', { platform: 'slack', userId: 'U1', vote: 'down' });
    for (const instance of [a, b]) {
      const items = await itemsOf(await instance.api('/v1/admin/unanswered', { token: ADMIN_TOKEN }));
      expect(items.find((item) => item.question === UNCOVERED)?.count).toBe(2);
      const feedback = (await (await instance.api('/v1/admin/feedback', { token: ADMIN_TOKEN })).json()) as {
        counts: { down: number };
      };
      expect(feedback.counts.down).toBe(1);
    }
    const session = await signIn(a.base, ADMIN_TOKEN);
    expect((await b.api('/v1/admin/unanswered', { headers: { cookie: session.cookie } })).status).toBe(200);
  });
});
