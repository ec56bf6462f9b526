import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve } from '../../adapters/cli/serve.ts';
import { createHttpServer, type HttpServer } from '../../adapters/http/server.ts';
import { loadConfig } from '../../src/config/config.ts';
import { isIpriskError } from '../../src/errors.ts';
import { createMemoryStore } from '../../src/sessions/memory-store.ts';
import { fixtureKnowledge, startCore } from '../helpers/fixture-core.ts';
import { freePort } from '../helpers/redis-server.ts';
import { startFakeSlackApi } from '../slack/fake-slack-api.ts';
import { signedHeaders } from '../slack/signing.ts';
import { capturingLogger } from '../telegram/harness.ts';

const ADMIN = 'limits-admin-token-0123456789abcdef';
const QUESTION = 'When did RCEP enter into force for Japan?';

describe('limits and bad input over HTTP', () => {
  let core: Awaited<ReturnType<typeof startCore>>;
  let http: HttpServer;
  let base: string;
  let port: number;
  const log = capturingLogger();
  beforeAll(async () => {
    core = await startCore(undefined, { ADMIN_TOKEN: ADMIN, RATE_LIMIT_PER_MINUTE: '8' }, log.logger);
    http = createHttpServer({ ...core, logger: log.logger });
    port = await http.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await http.close();
    await core.close();
  });
  const ask = (question: string, sessionId?: string) =>
    fetch(`${base}/v1/ask`, {
      method: 'POST',
      body: JSON.stringify({ question, ...(sessionId ? { sessionId } : {}) }),
    });

  it('answers a question pasted with zero-width and direction marks', async () => {
    const pasted = 'When\u200b did\u200d RCEP\u2060 enter\ufeff into force for \u200eJapan\u202c?';
    const reply = await (await ask(pasted)).json();
    expect(reply.abstained).toBe(false);
    expect(reply.answer).toContain('2022');
  });

  it('answers a user over the per-minute limit with 429, Retry-After and a polite reply', async () => {
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 9; i += 1) {
      last = await ask(QUESTION, 'flood');
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 8)).toEqual(Array(8).fill(200));
    expect(statuses[8]).toBe(429);
    if (!last) throw new Error('no reply');
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await last.json()).answer).toMatch(/wait a minute/u);
    // Another user is not affected.
    expect((await ask(QUESTION, 'someone-else')).status).toBe(200);
  });

  it('never logs a token sent as a query parameter', async () => {
    const res = await fetch(`${base}/v1/tickets?token=${ADMIN}&status=all`);
    expect(res.status).toBe(401);
    expect(JSON.stringify(log.lines)).not.toContain(ADMIN);
    expect(log.lines.some((l) => String(l.msg).startsWith('admin request refused'))).toBe(true);
  });

  it('closes the connection after a 413 instead of promising keep-alive', async () => {
    const { status, connection, closed } = await new Promise<{
      status: number | undefined;
      connection: string | undefined;
      closed: boolean;
    }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/v1/ask', method: 'POST' }, (res) => {
        res.resume();
        res.on('end', () => {
          // The server ends the socket after the reply.
          req.socket?.once('close', () =>
            resolve({ status: res.statusCode, connection: res.headers.connection, closed: true }),
          );
          if (req.socket?.destroyed)
            resolve({ status: res.statusCode, connection: res.headers.connection, closed: true });
        });
      });
      req.on('error', reject);
      req.setHeader('connection', 'keep-alive');
      req.end(JSON.stringify({ question: 'x'.repeat(70_000) }));
    });
    expect(status).toBe(413);
    expect(connection).toBe('close');
    expect(closed).toBe(true);
  });
});

describe('configuration that keeps a service safe', () => {
  it('refuses an ADMIN_TOKEN under 24 characters, saying how to make one', () => {
    const error = (() => {
      try {
        loadConfig({ ADMIN_TOKEN: 'short-token' });
      } catch (e) {
        return e;
      }
    })();
    expect(isIpriskError(error, 'CONFIG_INVALID')).toBe(true);
    expect((error as Error).message).toMatch(/ADMIN_TOKEN must be at least 24 characters/u);
  });

  it('takes a listen address, and refuses a malformed one', () => {
    expect(loadConfig({ HOST: '127.0.0.1' }).HOST).toBe('127.0.0.1');
    expect(loadConfig({}).HOST).toBeUndefined();
    expect(() => loadConfig({ HOST: 'not a host!' })).toThrow(/HOST/u);
  });

  it('drops expired sessions from memory without anyone reading them', async () => {
    let now = 0;
    const store = createMemoryStore<number>(() => now);
    for (let i = 0; i < 100; i += 1) await store.set(`s${i}`, i, 60);
    expect(store.size()).toBe(100);
    now = 61_000;
    await store.set('fresh', 1, 60);
    expect(store.size()).toBe(1);
  });
});

describe('shutdown', () => {
  it('stops within its deadline while a Slack call is still being retried, and warns when ADMIN_TOKEN is unset', async () => {
    const slack = await startFakeSlackApi();
    // Every answer Slack is asked to post fails with a 500: the Web API client keeps retrying.
    for (let i = 0; i < 20; i += 1) slack.replyOnce('chat.postMessage', { status: 500, body: { ok: false } });
    const log = capturingLogger();
    const port = await freePort();
    const config = loadConfig({
      KNOWLEDGE_DIR: fixtureKnowledge,
      DATA_DIR: `/tmp/iprisk-shutdown-${port}`,
      RELOAD_SMOKE_EVAL: '',
      HTTP_PORT: String(port),
      HOST: '127.0.0.1',
      SLACK_MODE: 'http',
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: 'shutdown-secret',
      SLACK_API_URL: slack.apiUrl,
    });
    let stop: () => void = () => undefined;
    const until = new Promise<void>((resolve) => {
      stop = resolve;
    });
    const running = serve(config, log.logger, until, 1500);
    try {
      await slack.waitFor((calls) => calls.find((c) => c.method === 'auth.test'), 10_000);
      await new Promise((r) => setTimeout(r, 200));
      const body = JSON.stringify({
        team_id: 'T1',
        api_app_id: 'A1',
        type: 'event_callback',
        event_id: 'EvShutdown',
        event_time: Math.floor(Date.now() / 1000),
        event: {
          type: 'message',
          channel_type: 'im',
          channel: 'D1',
          user: 'U1',
          text: QUESTION,
          ts: '1.000001',
        },
      });
      await fetch(`http://127.0.0.1:${port}/slack/events`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', ...signedHeaders('shutdown-secret', body) },
      });
      await slack.waitFor((calls) => calls.find((c) => c.method === 'chat.postMessage'), 10_000);
      const started = Date.now();
      stop();
      await running;
      expect(Date.now() - started).toBeLessThan(5000);
      expect(log.lines.some((l) => /ADMIN_TOKEN is not set/u.test(String(l.msg)))).toBe(true);
    } finally {
      stop();
      await running.catch(() => undefined);
      await slack.stop();
    }
  }, 30_000);
});
