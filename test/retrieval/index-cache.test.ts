import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.ts';
import { embedderFor } from '../../src/retrieval/embedder.ts';
import { openIndex } from '../../src/retrieval/index-builder.ts';
import { createIndexCache } from '../../src/retrieval/index-cache.ts';
import { createIndexStore } from '../../src/retrieval/index-store.ts';
import { retrieve } from '../../src/retrieval/retriever.ts';
import { fixtureKnowledge } from '../helpers/fixture-core.ts';

describe('a reload with the index cache', () => {
  let work: string | undefined;
  afterEach(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('reuses the passages of unchanged documents and searches exactly as a build without it', async () => {
    work = await mkdtemp(join(tmpdir(), 'iprisk-cache-'));
    const knowledgeDir = join(work, 'knowledge');
    await cp(fixtureKnowledge, knowledgeDir, { recursive: true });
    const embedder = embedderFor(loadConfig({}));
    const cached = {
      knowledgeDir,
      store: createIndexStore(join(work, 'a')),
      embedder,
      cache: createIndexCache(),
    };
    const first = await openIndex(cached);
    const changed = join(knowledgeDir, 'guides', 'fixture-customs.en.md');
    await writeFile(
      changed,
      `${await readFile(changed, 'utf8')}\n\n## Note\n\nA paragraph added for this test about customs.\n`,
    );
    const second = await openIndex(cached);
    const fresh = await openIndex({ knowledgeDir, store: createIndexStore(join(work, 'b')), embedder });

    const unchanged = (index: typeof first.index) => index.chunks.find((c) => c.docId === 'fixture-337');
    expect(unchanged(second.index)).toBe(unchanged(first.index));
    expect(second.report.changed).toEqual(['fixture-customs/en']);
    for (const text of [
      'customs detention deadline',
      '337 response 20 days',
      'RCEP Japan entry into force',
    ]) {
      const query = { text, lang: 'en' as const, markets: [] };
      const ids = async (index: typeof first.index) =>
        (await retrieve(index, query)).map((r) => [r.chunk.id, r.score.toFixed(6)]);
      expect(await ids(second.index)).toEqual(await ids(fresh.index));
    }
  });
});
