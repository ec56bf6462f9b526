import type { TermCounts, Vocabulary } from './vocabulary.ts';

export interface Bm25Hit {
  index: number;
  score: number;
}

/**
 * Okapi BM25 over numbered terms, with postings in typed arrays (passage numbers and term
 * frequencies, one contiguous run per term): a few bytes per term occurrence, built in two passes.
 */
export class Bm25Index {
  /** Where each term's postings start in `docs`/`tfs`; the term's run ends where the next starts. */
  private readonly offsets: Int32Array;
  private readonly docs: Int32Array;
  private readonly tfs: Uint16Array;
  private readonly lengths: Float32Array;
  private readonly averageLength: number;
  private readonly scores: Float64Array;
  readonly size: number;

  constructor(
    passages: readonly TermCounts[],
    private readonly vocabulary: Vocabulary,
    private readonly k1 = 1.2,
    private readonly b = 0.75,
  ) {
    this.size = passages.length;
    this.lengths = Float32Array.from(passages, (p) => p.length);
    let total = 0;
    for (const p of passages) total += p.length;
    this.averageLength = total / Math.max(1, this.size);
    // The vocabulary may hold terms of earlier builds: they simply have no postings here.
    const terms = vocabulary.size;
    const df = new Int32Array(terms + 1);
    let postings = 0;
    for (const p of passages) {
      for (const id of p.ids) df[id] = (df[id] ?? 0) + 1;
      postings += p.ids.length;
    }
    this.offsets = new Int32Array(terms + 1);
    for (let id = 0; id < terms; id += 1) this.offsets[id + 1] = (this.offsets[id] ?? 0) + (df[id] ?? 0);
    this.docs = new Int32Array(postings);
    this.tfs = new Uint16Array(postings);
    const fill = this.offsets.slice(0, terms);
    passages.forEach((p, index) => {
      p.ids.forEach((id, k) => {
        const at = fill[id] ?? 0;
        this.docs[at] = index;
        this.tfs[at] = p.counts[k] ?? 0;
        fill[id] = at + 1;
      });
    });
    this.scores = new Float64Array(this.size);
  }

  private range(term: string): [number, number] | undefined {
    const id = this.vocabulary.find(term);
    if (id === undefined || id + 1 >= this.offsets.length) return undefined;
    const start = this.offsets[id] ?? 0;
    const end = this.offsets[id + 1] ?? 0;
    return end > start ? [start, end] : undefined;
  }

  idf(term: string): number {
    const range = this.range(term);
    const df = range ? range[1] - range[0] : 0;
    return Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
  }

  /** The passages that contain the term. */
  passagesWith(term: string): number[] {
    const range = this.range(term);
    return range ? Array.from(this.docs.subarray(range[0], range[1])) : [];
  }

  has(term: string): boolean {
    return this.range(term) !== undefined;
  }

  /** Scores every passage containing a query term; `weights` lets expansion terms count less. */
  search(query: Map<string, number>, limit: number, allow?: (index: number) => boolean): Bm25Hit[] {
    const scores = this.scores;
    const touched: number[] = [];
    for (const [term, weight] of query) {
      const range = this.range(term);
      if (!range) continue;
      const idf = this.idf(term);
      for (let at = range[0]; at < range[1]; at += 1) {
        const index = this.docs[at] ?? 0;
        if (allow && !allow(index)) continue;
        const tf = this.tfs[at] ?? 0;
        const norm = tf + this.k1 * (1 - this.b + (this.b * (this.lengths[index] ?? 0)) / this.averageLength);
        if (scores[index] === 0) touched.push(index);
        scores[index] = (scores[index] ?? 0) + weight * idf * ((tf * (this.k1 + 1)) / norm);
      }
    }
    const hits = touched.map((index) => ({ index, score: scores[index] ?? 0 }));
    for (const index of touched) scores[index] = 0;
    return hits.sort((a, b) => b.score - a.score || a.index - b.index).slice(0, limit);
  }
}
