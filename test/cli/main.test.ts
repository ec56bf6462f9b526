import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../adapters/cli/main.ts';
import { createRedisFollowStore } from '../../src/alerts/follow-store.ts';
import { fixtureKnowledge } from '../helpers/fixture-core.ts';
import { startRedis } from '../helpers/redis-server.ts';

const bin = fileURLToPath(new URL('../../bin/iprisk.js', import.meta.url));

describe('iprisk command line', () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'iprisk-cli-'));
    env = { KNOWLEDGE_DIR: fixtureKnowledge, DATA_DIR: dataDir, LOG_LEVEL: 'error' };
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  async function run(args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t), env });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it.each([[[]], [['frobnicate']], [['ask']], [['ask', '--bogus', 'q']], [['eval']], [['eval', 'a', 'b']]])(
    'prints usage and exits 2 for %j',
    async (args) => {
      const { code, err } = await run(args);
      expect(code).toBe(2);
      expect(err).toContain('Usage: iprisk <command>');
    },
  );

  it('ask --json prints the answer object of the architecture', async () => {
    const { code, out } = await run(['ask', '--json', '美国337调查的答辩期限是多久?']);
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(Object.keys(json).sort()).toEqual([
      'abstained',
      'answer',
      'citations',
      'lang',
      'suggestAssistance',
      'timings',
    ]);
    expect(json).toMatchObject({ lang: 'zh', abstained: false, suggestAssistance: false });
    expect(json.citations[0]).toMatchObject({
      id: 'fixture-337',
      title: expect.any(String),
      collection: 'guide',
    });
    expect(json.timings).toEqual({ retrieveMs: expect.any(Number), totalMs: expect.any(Number) });
  });

  it('ask --session carries a follow-up across invocations through Redis', async () => {
    const redis = await startRedis();
    try {
      env = { ...env, REDIS_URL: redis.url };
      await run(['ask', '--session', 's1', 'What is the Section 337 response deadline?']);
      const { out } = await run(['ask', '--json', '--session', 's1', '如果不答辩会怎样?']);
      expect(JSON.parse(out).answer).toMatch(/视为承认|缺席/u);
    } finally {
      const { REDIS_URL: _unused, ...rest } = env;
      env = rest;
      await redis.stop();
    }
  });

  it('index reports documents and chunks, and rejected documents by path', async () => {
    const { code, out } = await run(['index', '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(out);
    expect(report.documents).toBe(6);
    expect(report.rejected).toEqual([]);
  });

  it('eval prints failures and the summary line', async () => {
    const file = join(dataDir, 'eval.jsonl');
    await writeFile(
      file,
      [
        { id: 'a', lang: 'en', question: 'What is the Section 337 response deadline?', expect: ['20 days'] },
        { id: 'b', lang: 'en', question: 'What is the Section 337 response deadline?', expect: ['99 days'] },
        { id: 'c', lang: 'en', question: 'Write me a poem', abstain: true },
      ]
        .map((item) => JSON.stringify(item))
        .join('\n'),
    );
    const { code, out, err } = await run(['eval', file]);
    expect(code).toBe(0);
    expect(err).toContain('FAIL b');
    expect(out.split('\n').at(-1)).toMatch(
      /^eval: hit=0\.50 \(1\/2\) abstain=1\.00 \(1\/1\) p50=[\d.]+ms p95=[\d.]+ms$/u,
    );
  });

  it('eval --aggregate reads a folder and prints the summary only', async () => {
    const folder = join(dataDir, 'sealed');
    await mkdir(folder, { recursive: true });
    await writeFile(
      join(folder, 'a.jsonl'),
      JSON.stringify({
        id: 'x',
        lang: 'en',
        question: 'What is the Section 337 response deadline?',
        expect: ['99 days'],
      }),
    );
    const { code, out, err } = await run(['eval', folder, '--aggregate']);
    expect(code).toBe(0);
    expect(err).not.toContain('FAIL');
    expect(out).toMatch(/^eval: hit=0\.00 \(0\/1\)/u);
  });

  it('ask --explain says why it answered, and why it declined', async () => {
    const answered = await run([
      'ask',
      '--explain',
      'How many days do we get to respond to an ITC 337 complaint?',
    ]);
    expect(answered.out).toContain('20 days');
    expect(answered.out).toMatch(/route: card — card fixture-337-response-deadline scored/u);
    expect(answered.out).toMatch(/forward=[\d.]+/u);
    const declined = await run(['ask', '--explain', 'What is the trademark opposition period in Argentina?']);
    expect(declined.out).toMatch(/route: abstain — no document covers AR/u);
    expect(declined.out).toContain('markets: AR; not covered: AR');
  });

  it('warn previews a warning with its reach, queues it for the service, and needs REDIS_URL', async () => {
    const noRedis = await run(['warn', '--segment', 'lighting', '--en', 'x', '--zh', 'y']);
    expect(noRedis.code).toBe(1);
    expect(noRedis.err).toContain('REDIS_URL');
    const redis = await startRedis();
    const withRedis = { ...env, REDIS_URL: redis.url };
    const warn = async (args: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await main(['warn', ...args], {
        out: (t) => out.push(t),
        err: (t) => err.push(t),
        env: withRedis,
      });
      return { code, out: out.join('\n'), err: err.join('\n') };
    };
    try {
      const client = createClient({ url: redis.url });
      await client.connect();
      await createRedisFollowStore(client).save({
        platform: 'telegram',
        userId: '5',
        conversationId: '5',
        lang: 'zh',
        markets: ['US'],
        ipTypes: [],
        segments: ['lighting'],
        updatedAt: new Date().toISOString(),
      });
      const text = ['--segment', 'lighting', '--en', 'Lighting takedowns rising', '--zh', '照明类下架增多'];
      const preview = await warn([...text, '--preview']);
      expect(preview.out).toContain('followers it reaches: 1');
      expect(preview.out).toContain('照明类下架增多');
      expect(await client.lLen('iprisk:notice:queue')).toBe(0);
      const sent = await warn([...text, '--json']);
      expect(JSON.parse(sent.out)).toMatchObject({ reach: 1, sent: true });
      expect(await client.lLen('iprisk:notice:queue')).toBe(1);
      expect((await warn(['--markets', 'Narnia', '--en', 'x', '--zh', 'y'])).err).toContain(
        'unknown market: Narnia',
      );
      await client.quit();
    } finally {
      await redis.stop();
    }
  });

  it('runs as the installed bin', async () => {
    const { stdout } = await promisify(execFile)('node', [bin, 'ask', '--json', 'Write me a poem'], {
      env: { ...process.env, ...env },
    });
    expect(JSON.parse(stdout)).toMatchObject({ abstained: true, citations: [] });
  });
});
