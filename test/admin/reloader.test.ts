import { cp, mkdir, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Embeddings } from '@langchain/core/embeddings';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.ts';
import { createCore } from '../../src/core.ts';
import { isIpriskError } from '../../src/errors.ts';
import { openIndex } from '../../src/retrieval/index-builder.ts';
import { createIndexStore } from '../../src/retrieval/index-store.ts';
import { LocalHashEmbeddings } from '../../src/retrieval/local-embeddings.ts';
import type { Tokenizer } from '../../src/text/tokenizer.ts';
import { fixtureKnowledge, silentLogger, startCore } from '../helpers/fixture-core.ts';
import { startRedis } from '../helpers/redis-server.ts';

const ask = (core: Pick<Awaited<ReturnType<typeof startCore>>, 'service'>, text: string) =>
  core.service.answer({ platform: 'http', conversationId: `t:${Math.random()}`, userId: 'test', text });

async function waitFor(check: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('knowledge reload', () => {
  let knowledge: string;
  const doc337 = () => join(knowledge, 'guides/fixture-337.en.md');
  const change337 = async (from: string, to: string) =>
    writeFile(doc337(), (await readFile(doc337(), 'utf8')).replaceAll(from, to));

  beforeEach(async () => {
    knowledge = await mkdtemp(join(tmpdir(), 'iprisk-kb-'));
    await cp(fixtureKnowledge, knowledge, { recursive: true });
  });
  afterEach(async () => {
    await rm(knowledge, { recursive: true, force: true });
  });

  it('answers every question during a reload, each from the old or the new version', async () => {
    const core = await startCore(knowledge);
    try {
      await change337('20 days', '25 days');
      const question = 'What is the Section 337 response deadline?';
      const asks = Array.from({ length: 60 }, () => ask(core, question));
      const [report, ...answers] = await Promise.all([
        core.service.reload({ userId: 'admin', isAdmin: true }),
        ...asks,
      ]);
      expect(report?.changed).toEqual(['fixture-337/en']);
      for (const answer of answers) expect(answer.answer).toMatch(/20 days|25 days/u);
      expect((await ask(core, question)).answer).toContain('25 days');
    } finally {
      await core.close();
    }
  });

  it('rejects a broken document by name, loads the rest and keeps serving', async () => {
    const core = await startCore(knowledge);
    try {
      await writeFile(
        join(knowledge, 'guides/broken.en.md'),
        '---\nid: broken\nlang: en\n---\n## Oops\nNo title or sources.\n',
      );
      await change337('20 days', '21 days');
      const report = await core.service.reload({ userId: 'admin', isAdmin: true });
      // The broken document, and the answer card whose figure its section no longer states.
      expect(report.rejected.map((r) => r.path)).toEqual([
        'guides/broken.en.md',
        'cards/fixture-337.yaml#fixture-337-response-deadline',
      ]);
      expect(report.rejected[0]?.reason).toMatch(/title/u);
      expect(report.rejected[1]?.reason).toMatch(/20.*Key deadlines/u);
      expect((await ask(core, 'What is the Section 337 response deadline?')).answer).toContain('21 days');
    } finally {
      await core.close();
    }
  });

  it('stops citing a deleted document as soon as the new version serves', async () => {
    const core = await startCore(knowledge);
    try {
      const question = 'What counts as a small consignment under EU customs rules?';
      expect((await ask(core, question)).citations.map((c) => c.id)).toContain('fixture-customs');
      await unlink(join(knowledge, 'guides/fixture-customs.en.md'));
      await unlink(join(knowledge, 'guides/fixture-customs.zh.md'));
      const report = await core.service.reload({ userId: 'admin', isAdmin: true });
      expect(report.removed.sort()).toEqual(['fixture-customs/en', 'fixture-customs/zh']);
      expect((await ask(core, question)).citations.map((c) => c.id)).not.toContain('fixture-customs');
    } finally {
      await core.close();
    }
  });

  it('rolls back to the previous version', async () => {
    const core = await startCore(knowledge);
    try {
      const first = core.service.indexVersion();
      await change337('20 days', '30 days');
      await core.service.reload({ userId: 'admin', isAdmin: true });
      expect(core.service.indexVersion()).not.toBe(first);
      const rolled = await core.reloader.rollback();
      expect(rolled.version).toBe(first);
      expect(core.service.indexVersion()).toBe(first);
      expect(await core.indexStore.current()).toBe(first);
      expect((await ask(core, 'What is the Section 337 response deadline?')).answer).toContain('20 days');
    } finally {
      await core.close();
    }
  });

  it('keeps the old version when the smoke check fails', async () => {
    const evalFile = join(knowledge, 'smoke.jsonl');
    await writeFile(
      evalFile,
      `${JSON.stringify({ id: 's1', lang: 'en', question: 'What is the Section 337 response deadline?', expect: ['20 days'] })}\n`,
    );
    const core = await startCore(knowledge, { RELOAD_SMOKE_EVAL: evalFile, RELOAD_SMOKE_MIN_HIT: '1' });
    try {
      const before = core.service.indexVersion();
      await change337('20 days', '40 days');
      const error = await core.service.reload({ userId: 'admin', isAdmin: true }).catch((e: unknown) => e);
      expect(isIpriskError(error, 'KNOWLEDGE_INVALID')).toBe(true);
      expect(core.service.indexVersion()).toBe(before);
      expect(await core.indexStore.current()).toBe(before);
      expect((await ask(core, 'What is the Section 337 response deadline?')).answer).toContain('20 days');
    } finally {
      await core.close();
    }
  });

  it('serves at start only knowledge that passed the smoke check, and deletes what it refused', async () => {
    const evalFile = join(knowledge, 'smoke.jsonl');
    await writeFile(
      evalFile,
      `${JSON.stringify({ id: 's1', lang: 'en', question: 'What is the Section 337 response deadline?', expect: ['20 days'] })}\n`,
    );
    const env = { RELOAD_SMOKE_EVAL: evalFile, RELOAD_SMOKE_MIN_HIT: '1' };
    const first = await startCore(knowledge, env);
    const good = first.service.indexVersion();
    const config = loadConfig({ KNOWLEDGE_DIR: knowledge, DATA_DIR: first.dataDir, ...env });
    const versions = await first.indexStore.versions();
    await change337('20 days', '40 days');
    // A restart (`serve`) with the broken knowledge: it must not serve it.
    const restarted = await createCore(config, silentLogger, { verifyAtStart: true });
    try {
      expect(restarted.service.indexVersion()).toBe(good);
      expect(restarted.buildReport.refused).toMatch(/smoke check failed/u);
      expect((await ask(restarted, 'What is the Section 337 response deadline?')).answer).toContain(
        '20 days',
      );
      expect(await restarted.indexStore.versions()).toEqual(versions);
    } finally {
      await restarted.close();
      await first.close();
    }
  });

  it('keeps serving the real document when a reload brings a copy under its id', async () => {
    const core = await startCore(knowledge);
    try {
      const original = await readFile(doc337(), 'utf8');
      await mkdir(join(knowledge, 'cases'), { recursive: true });
      await writeFile(join(knowledge, 'cases/aaa-copy.en.md'), original.replaceAll('20 days', '99 days'));
      const report = await core.service.reload({ userId: 'admin', isAdmin: true });
      expect(report.rejected).toContainEqual({
        path: 'cases/aaa-copy.en.md',
        reason: expect.stringMatching(/duplicate id\+lang/u),
      });
      expect((await ask(core, 'What is the Section 337 response deadline?')).answer).toContain('20 days');
    } finally {
      await core.close();
    }
  });

  it('refuses a reload from a non-admin', async () => {
    const core = await startCore(knowledge);
    try {
      const error = await core.service.reload({ userId: 'someone', isAdmin: false }).catch((e: unknown) => e);
      expect(isIpriskError(error, 'FORBIDDEN')).toBe(true);
    } finally {
      await core.close();
    }
  });

  it('re-embeds only the chunks of the changed document', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'iprisk-data-'));
    let embedded = 0;
    class Counting extends Embeddings {
      constructor(private readonly inner: LocalHashEmbeddings) {
        super({});
      }
      async embedDocuments(texts: string[]) {
        embedded += texts.length;
        return this.inner.embedDocuments(texts);
      }
      async embedQuery(text: string) {
        return this.inner.embedQuery(text);
      }
    }
    const deps = {
      knowledgeDir: knowledge,
      store: createIndexStore(dataDir),
      embedder: (tokenizer: Tokenizer) => ({
        embeddings: new Counting(new LocalHashEmbeddings({ tokenizer })),
        id: 'counting',
      }),
    };
    try {
      const first = await openIndex(deps);
      expect(embedded).toBe(first.report.chunks);
      embedded = 0;
      await change337('20 days', '22 days');
      const second = await openIndex(deps);
      const changedChunks = second.index.chunks.filter((c) => c.docId === 'fixture-337' && c.lang === 'en');
      const touched = changedChunks.filter((c) => c.text.includes('22 days')).length;
      expect(second.report.embedded).toBe(embedded);
      expect(embedded).toBe(touched);
      expect(embedded).toBeGreaterThan(0);
      expect(embedded).toBeLessThan(changedChunks.length + 1);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  describe('in a cluster sharing Redis', () => {
    it('has every instance serve the new version after one reload', async () => {
      const redis = await startRedis();
      const dataDir = await mkdtemp(join(tmpdir(), 'iprisk-shared-'));
      const env = { REDIS_URL: redis.url, DATA_DIR: dataDir };
      const a = await startCore(knowledge, env);
      const b = await startCore(knowledge, env);
      const stops = [await a.reloader.follow(), await b.reloader.follow()];
      try {
        await change337('20 days', '24 days');
        const report = await a.service.reload({ userId: 'admin', isAdmin: true });
        await waitFor(() => b.service.indexVersion() === report.version);
        expect((await ask(b, 'What is the Section 337 response deadline?')).answer).toContain('24 days');
      } finally {
        for (const stop of stops) await stop();
        await a.close();
        await b.close();
        await rm(dataDir, { recursive: true, force: true });
        await redis.stop();
      }
    });

    it('runs one reload at a time', async () => {
      const redis = await startRedis();
      const a = await startCore(knowledge, { REDIS_URL: redis.url });
      try {
        await a.redis?.set('iprisk:lock:reload', 'someone-else', { PX: 60_000 });
        const error = await a.service.reload({ userId: 'admin', isAdmin: true }).catch((e: unknown) => e);
        expect(isIpriskError(error, 'CONFLICT')).toBe(true);
      } finally {
        await a.close();
        await redis.stop();
      }
    });
  });
});
