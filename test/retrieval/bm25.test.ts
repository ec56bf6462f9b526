import { describe, expect, it } from 'vitest';
import { Bm25Index } from '../../src/retrieval/bm25.ts';
import { countTerms, TermSet, Vocabulary } from '../../src/retrieval/vocabulary.ts';

const passages = [
  ['opposition', 'deadline', 'vietnam', 'months', 'months'],
  ['customs', 'detention', 'hamburg', 'deadline'],
  ['schedule', 'amazon', 'frozen', 'account'],
];

function build(vocabulary = new Vocabulary()) {
  const counted = passages.map((terms) => countTerms(terms, vocabulary));
  return { vocabulary, counted, bm25: new Bm25Index(counted, vocabulary) };
}

describe('BM25 over numbered terms', () => {
  it('ranks the passage with the rarer shared term first and finds every passage with a term', () => {
    const { bm25 } = build();
    const hits = bm25.search(
      new Map([
        ['deadline', 1],
        ['vietnam', 1],
      ]),
      10,
    );
    expect(hits.map((h) => h.index)).toEqual([0, 1]);
    expect(bm25.passagesWith('deadline')).toEqual([0, 1]);
    expect(bm25.idf('vietnam')).toBeGreaterThan(bm25.idf('deadline'));
    expect(bm25.has('nowhere')).toBe(false);
    expect(bm25.search(new Map([['nowhere', 1]]), 10)).toEqual([]);
  });

  it('gives the same scores twice (its score buffer is cleared) and respects a filter', () => {
    const { bm25 } = build();
    const query = new Map([['deadline', 1]]);
    expect(bm25.search(query, 10)).toEqual(bm25.search(query, 10));
    expect(bm25.search(query, 10, (i) => i !== 0).map((h) => h.index)).toEqual([1]);
  });

  it('keeps working when the vocabulary holds terms of an earlier build', () => {
    const vocabulary = new Vocabulary();
    countTerms(['left', 'over', 'terms'], vocabulary);
    const { bm25 } = build(vocabulary);
    expect(bm25.passagesWith('amazon')).toEqual([2]);
    expect(bm25.passagesWith('left')).toEqual([]);
  });

  it("reads a passage's terms back as a set", () => {
    const { counted, vocabulary } = build();
    const set = new TermSet(counted[0] ?? countTerms([], vocabulary), vocabulary);
    expect(set.has('vietnam')).toBe(true);
    expect(set.has('amazon')).toBe(false);
    expect([...set].sort()).toEqual(['deadline', 'months', 'opposition', 'vietnam']);
  });
});
