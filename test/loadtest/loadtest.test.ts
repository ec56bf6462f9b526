import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve } from '../../adapters/cli/serve.ts';
import { loadConfig } from '../../src/config/config.ts';
import { runLoadtest } from '../../src/loadtest/loadtest.ts';
import { fixtureKnowledge, silentLogger } from '../helpers/fixture-core.ts';
import { freePort, type RedisServer, startRedis } from '../helpers/redis-server.ts';

const run = promisify(execFile);

/** `iprisk loadtest` against a real `serve` with a real Redis that goes away mid-run. */
describe('loadtest', () => {
  let redis: RedisServer;
  let stop: () => void = () => undefined;
  let running: Promise<void>;
  let url: string;

  beforeAll(async () => {
    redis = await startRedis();
    const port = await freePort();
    const config = loadConfig({
      KNOWLEDGE_DIR: fixtureKnowledge,
      DATA_DIR: `/tmp/iprisk-loadtest-${port}`,
      RELOAD_SMOKE_EVAL: '',
      HTTP_PORT: String(port),
      HOST: '127.0.0.1',
      REDIS_URL: redis.url,
      ADMIN_TOKEN: 'loadtest-admin-token-0123456789',
      LOG_LEVEL: 'silent',
    });
    const until = new Promise<void>((resolve) => {
      stop = resolve;
    });
    running = serve(config, silentLogger, until);
    url = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 100; i += 1) {
      if ((await fetch(`${url}/healthz`).catch(() => undefined))?.ok) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  });
  afterAll(async () => {
    stop();
    await running;
    // The loadtest started a daemonized redis-server in place of the helper's: stop it too.
    await run('redis-cli', ['-p', String(redis.port), 'shutdown', 'nosave']).catch(() => undefined);
    await redis.stop();
  });

  it('answers every question and loses no turn, with Redis down for a second mid-run', async () => {
    const result = await runLoadtest({
      url,
      sessions: 20,
      questions: 10,
      concurrency: 10,
      redisUrl: redis.url,
      adminToken: 'loadtest-admin-token-0123456789',
      outage: { afterMs: 300, forMs: 1000 },
    });
    expect(result.requests).toBe(200);
    expect(result.failures).toEqual({});
    expect(result.answered).toBe(200);
    expect(result.outage?.upAtMs).toBeGreaterThan(result.outage?.downAtMs ?? Number.POSITIVE_INFINITY);
    expect(result.sessionsChecked).toBe(20);
    expect(result.lostTurns).toBe(0);
    expect(result.duplicatedTurns).toBe(0);
    expect(result.tickets?.lost).toBe(0);
    // Ready again without a restart.
    expect(result.outage?.readyAgainMs).toBeDefined();
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
  }, 60_000);
});
