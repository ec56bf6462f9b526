import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retrieve } from '../../src/retrieval/retriever.ts';
import { startCore } from '../helpers/fixture-core.ts';

describe('hybrid retrieval', () => {
  let core: Awaited<ReturnType<typeof startCore>>;
  beforeAll(async () => {
    core = await startCore();
  });
  afterAll(async () => {
    await core.close();
  });

  const top = async (text: string, lang: 'zh' | 'en', markets: string[] = []) =>
    (await retrieve(core.index.get(), { text, lang, markets }))[0]?.chunk;

  it('ranks the right document for an English question', async () => {
    expect(await top('How many days to respond to a Section 337 complaint?', 'en')).toMatchObject({
      docId: 'fixture-337',
      lang: 'en',
    });
  });

  it('ranks the right document for a Chinese question', async () => {
    expect(await top('欧盟海关扣留后权利人多久要起诉?', 'zh')).toMatchObject({
      docId: 'fixture-customs',
      lang: 'zh',
    });
  });

  it('finds documents across languages through the glossary', async () => {
    const hits = await retrieve(core.index.get(), {
      text: 'small consignment',
      lang: 'zh',
      markets: [],
      filters: { lang: 'zh' },
    });
    expect(hits[0]?.chunk).toMatchObject({ docId: 'fixture-customs', lang: 'zh', section: '小件包裹' });
  });

  it('applies metadata filters', async () => {
    const hits = await retrieve(core.index.get(), {
      text: 'deadline',
      lang: 'en',
      markets: [],
      filters: { collections: ['rcep'] },
    });
    expect(hits.every((hit) => hit.chunk.collection === 'rcep')).toBe(true);
  });

  it('reuses the persisted index when the knowledge has not changed', async () => {
    const again = await startCore(undefined, {});
    expect(again.buildReport.reused).toBe(false);
    await again.close();
    expect(core.buildReport.chunks).toBeGreaterThan(5);
  });
});
