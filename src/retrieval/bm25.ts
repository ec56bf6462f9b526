export interface Bm25Hit {
  index: number;
  score: number;
}

/** Okapi BM25 over pre-tokenised documents; small enough to rebuild at every load. */
export class Bm25Index {
  private readonly postings = new Map<string, Array<[number, number]>>();
  private readonly lengths: number[];
  private readonly averageLength: number;
  readonly size: number;

  constructor(
    documents: string[][],
    private readonly k1 = 1.2,
    private readonly b = 0.75,
  ) {
    this.size = documents.length;
    this.lengths = documents.map((terms) => terms.length);
    this.averageLength = this.lengths.reduce((sum, length) => sum + length, 0) / Math.max(1, this.size);
    documents.forEach((terms, index) => {
      const counts = new Map<string, number>();
      for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
      for (const [term, count] of counts) {
        let list = this.postings.get(term);
        if (!list) {
          list = [];
          this.postings.set(term, list);
        }
        list.push([index, count]);
      }
    });
  }

  idf(term: string): number {
    const df = this.postings.get(term)?.length ?? 0;
    return Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
  }

  /** The passages that contain the term. */
  passagesWith(term: string): number[] {
    return (this.postings.get(term) ?? []).map(([index]) => index);
  }

  has(term: string): boolean {
    return this.postings.has(term);
  }

  /** Scores every document containing a query term; `weights` lets expansion terms count less. */
  search(query: Map<string, number>, limit: number, allow?: (index: number) => boolean): Bm25Hit[] {
    const scores = new Map<number, number>();
    for (const [term, weight] of query) {
      const list = this.postings.get(term);
      if (!list) continue;
      const idf = this.idf(term);
      for (const [index, tf] of list) {
        if (allow && !allow(index)) continue;
        const length = this.lengths[index] ?? 0;
        const norm = tf + this.k1 * (1 - this.b + (this.b * length) / this.averageLength);
        scores.set(index, (scores.get(index) ?? 0) + weight * idf * ((tf * (this.k1 + 1)) / norm));
      }
    }
    return [...scores]
      .map(([index, score]) => ({ index, score }))
      .sort((a, b) => b.score - a.score || a.index - b.index)
      .slice(0, limit);
  }
}
