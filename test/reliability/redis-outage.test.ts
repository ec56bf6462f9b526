import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer, type HttpServer } from '../../adapters/http/server.ts';
import { startCore } from '../helpers/fixture-core.ts';
import { type RedisServer, startRedis } from '../helpers/redis-server.ts';
import { capturingLogger } from '../telegram/harness.ts';

const ADMIN = 'outage-admin-token-0123456789abcdef';

/** Redis goes away while the service runs, and comes back: questions never fail. */
describe('serving through a Redis outage', () => {
  let redis: RedisServer;
  let core: Awaited<ReturnType<typeof startCore>>;
  let http: HttpServer;
  let base: string;
  const log = capturingLogger();

  beforeAll(async () => {
    redis = await startRedis();
    core = await startCore(undefined, { REDIS_URL: redis.url, ADMIN_TOKEN: ADMIN }, log.logger);
    http = createHttpServer(core);
    base = `http://127.0.0.1:${await http.listen(0, '127.0.0.1')}`;
  });
  afterAll(async () => {
    await http.close();
    await core.close();
    await redis.stop();
  });

  const ask = (question: string, sessionId?: string) =>
    fetch(`${base}/v1/ask`, {
      method: 'POST',
      body: JSON.stringify({ question, ...(sessionId ? { sessionId } : {}) }),
    });
  const until = async (check: () => Promise<boolean>) => {
    for (let i = 0; i < 100 && !(await check()); i += 1) await new Promise((r) => setTimeout(r, 100));
  };

  it('keeps every turn of simultaneous questions on one session (shared in Redis), none lost or doubled', async () => {
    const questions = Array.from(
      { length: 6 },
      (_, i) => `When did RCEP enter into force for Japan? (${i + 1})`,
    );
    const replies = await Promise.all(questions.map((q) => ask(q, 'parallel')));
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const state = await core.sessions.get('http:parallel');
    // All six kept once each (they arrive in whatever order the connections deliver them).
    expect(state?.turns.map((t) => t.question.slice(-3)).sort()).toEqual(questions.map((q) => q.slice(-3)));
  });

  it('answers every question without history, warns once, reports it, and resumes when Redis returns', async () => {
    expect((await ask('When did RCEP enter into force for Japan?', 'before')).status).toBe(200);
    await redis.halt();

    const replies = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        ask('When did RCEP enter into force for Japan?', i % 2 === 0 ? `s-${i}` : undefined),
      ),
    );
    expect(replies.map((r) => r.status)).toEqual(replies.map(() => 200));
    const withSession = await (await ask('When did RCEP enter into force for Japan?', 'during')).json();
    expect(withSession.answer).toContain('2022');
    expect(withSession.withoutHistory).toBe(true);

    const warnings = log.lines.filter((l) => l.level === 40 && /Redis is not answering/u.test(String(l.msg)));
    expect(warnings).toHaveLength(1);
    expect(log.lines.filter((l) => l.level >= 50)).toHaveLength(0);

    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ ready: false, redis: 'down' });
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/iprisk_store_up 0/u);
    expect(metrics).toMatch(/iprisk_index_documents [1-9]/u);
    expect(metrics).toMatch(/iprisk_store_outages_total 1/u);

    // What must be stored says so, and when to try again; it is not a "no such ticket".
    const ticket = await fetch(`${base}/v1/tickets/IPR-2026-000001`, {
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    expect(ticket.status).toBe(503);
    expect(ticket.headers.get('retry-after')).toBe('5');
    const reload = await fetch(`${base}/v1/admin/reload`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    expect(reload.status).toBe(503);
    expect((await reload.json()).error.code).toBe('STORE_UNAVAILABLE');

    await redis.start();
    await until(async () => (await fetch(`${base}/readyz`)).status === 200);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    await ask('When did RCEP enter into force for Japan?', 'after');
    const follow = await (await ask('And for Korea?', 'after')).json();
    expect(follow.withoutHistory).toBeUndefined();
    expect(follow.answer).toContain('1 February 2022');
    expect(log.lines.some((l) => /Redis is back/u.test(String(l.msg)))).toBe(true);
  });
});
