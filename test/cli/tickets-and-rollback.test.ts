import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../adapters/cli/main.ts';
import { createHttpServer } from '../../adapters/http/server.ts';
import { fixtureKnowledge, startCore } from '../helpers/fixture-core.ts';
import { type RedisServer, startRedis } from '../helpers/redis-server.ts';

describe('staff and admin commands', () => {
  let redis: RedisServer;
  let knowledge: string;
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    redis = await startRedis();
    knowledge = await mkdtemp(join(tmpdir(), 'iprisk-kb-'));
    dataDir = await mkdtemp(join(tmpdir(), 'iprisk-data-'));
    await cp(fixtureKnowledge, knowledge, { recursive: true });
    env = {
      KNOWLEDGE_DIR: knowledge,
      DATA_DIR: dataDir,
      REDIS_URL: redis.url,
      RELOAD_SMOKE_EVAL: '',
      LOG_LEVEL: 'error',
      ADMIN_TOKEN: 'admin-secret-for-tests-0123456789',
    };
  });
  afterAll(async () => {
    await redis.stop();
    await rm(knowledge, { recursive: true, force: true });
    await rm(dataDir, { recursive: true, force: true });
  });

  async function run(args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t), env });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('lists tickets most urgent first, shows one, and serves them to integrations with the admin token', async () => {
    const core = await startCore(knowledge, {
      REDIS_URL: redis.url,
      ADMIN_TOKEN: 'admin-secret-for-tests-0123456789',
    });
    const http = createHttpServer(core);
    const base = `http://127.0.0.1:${await http.listen(0, '127.0.0.1')}`;
    try {
      const requester = {
        platform: 'telegram' as const,
        userId: '1',
        conversationId: 'telegram:1',
        lang: 'en' as const,
      };
      const later = await core.triage.submit(requester, {
        company: 'Yiwu Toys Co.',
        contactName: 'Chen Jie',
        contact: 'chen@example.com',
        market: 'VN',
        ipType: 'trademark',
        disputeType: 'trademark-squatting',
        deadline: new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10),
        description: 'A former distributor filed our brand in Vietnam.',
      });
      const urgent = await core.triage.submit(requester, {
        company: 'Ningbo Lighting Co.',
        contactName: 'Li Wei',
        contact: 'li.wei@example.com',
        market: 'US',
        ipType: 'patent',
        disputeType: 'section-337',
        deadline: new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10),
        description: 'We were served with a Section 337 complaint.',
      });

      const list = await run(['tickets', 'list', '--json']);
      expect(list.code).toBe(0);
      expect(JSON.parse(list.out).map((t: { id: string }) => t.id)).toEqual([urgent.id, later.id]);
      const text = await run(['tickets', 'list']);
      expect(text.out.split('\n')[0]).toContain(urgent.id);
      const shown = await run(['tickets', 'show', urgent.id]);
      expect(shown.out).toContain('Why this priority: Deadline in');
      expect((await run(['tickets', 'show', 'IPR-2026-999999'])).code).toBe(1);
      expect((await run(['tickets', 'frob'])).code).toBe(2);

      expect((await fetch(`${base}/v1/tickets`)).status).toBe(401);
      const api = await fetch(`${base}/v1/tickets`, {
        headers: { authorization: 'Bearer admin-secret-for-tests-0123456789' },
      });
      expect((await api.json()).tickets.map((t: { id: string }) => t.id)).toEqual([urgent.id, later.id]);
      const one = await fetch(`${base}/v1/tickets/${urgent.id}`, {
        headers: { authorization: 'Bearer admin-secret-for-tests-0123456789' },
      });
      expect(await one.json()).toMatchObject({ id: urgent.id, priority: { level: 'urgent' } });
    } finally {
      await http.close();
      await core.close();
    }
  });

  it('iprisk index rebuilds after a change and --rollback returns to the previous version', async () => {
    const first = JSON.parse((await run(['index', '--json'])).out);
    const doc = join(knowledge, 'guides/fixture-337.en.md');
    await writeFile(doc, (await readFile(doc, 'utf8')).replaceAll('20 days', '28 days'));
    const second = JSON.parse((await run(['index', '--json'])).out);
    expect(second.changed).toEqual(['fixture-337/en']);
    expect(second.version).not.toBe(first.version);
    const rolled = JSON.parse((await run(['index', '--rollback', '--json'])).out);
    expect(rolled).toMatchObject({ version: first.version, previous: second.version });
    const answer = JSON.parse(
      (await run(['ask', '--json', 'What is the Section 337 response deadline?'])).out,
    );
    expect(answer.answer).toContain('20 days');
  });
});
