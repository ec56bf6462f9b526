import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPeerBench } from '../../src/bench/peer-bench.ts';
import type { EvalItem } from '../../src/eval/eval-set.ts';
import { startCore } from '../helpers/fixture-core.ts';

// Questions about the fixture knowledge, each with the document that answers it. Timing is
// measured by `iprisk bench`, never asserted here.
const items: EvalItem[] = [
  {
    id: 'p1',
    lang: 'en',
    question: 'How long do we have to respond to a Section 337 complaint?',
    expect: ['20 days'],
    sources: [{ doc: 'fixture-337' }],
  },
  {
    id: 'p2',
    lang: 'en',
    question: 'When did RCEP enter into force for Japan?',
    expect: ['2022'],
    sources: [{ doc: 'fixture-rcep' }],
  },
  {
    id: 'p3',
    lang: 'zh',
    question: '欧盟海关扣留货物后权利人要多久内起诉？',
    expect: ['10'],
    sources: [{ doc: 'fixture-customs' }],
  },
  { id: 'p4', lang: 'en', question: 'How do I bake bread?', abstain: true },
];

describe('the retrieval bench against peers', () => {
  let core: Awaited<ReturnType<typeof startCore>>;
  beforeAll(async () => {
    core = await startCore();
  });
  afterAll(async () => {
    await core.close();
  });

  it('scores all five retrievers on the labelled questions only, and iprisk finds every answering document first', async () => {
    const result = await runPeerBench(core.index.get(), core.assistant, items);
    expect(result.questions).toBe(3);
    expect(result.retrievers.map((r) => r.name)).toEqual([
      'MiniSearch (BM25, jieba)',
      'LangChain MemoryVectorStore',
      'hnswlib alone',
      'BM25 alone (iprisk)',
      'iprisk (full)',
    ]);
    for (const r of result.retrievers) {
      expect(r.hit1).toBeLessThanOrEqual(r.hit3);
      expect(r.mrr).toBeGreaterThanOrEqual(r.hit1 - 1e-9);
      expect(r.mrr).toBeLessThanOrEqual(1);
    }
    expect(result.retrievers.at(-1)).toMatchObject({ hit1: 1, hit3: 1, mrr: 1 });
    expect(result.answerHit).toBe(1);
  });
});
