/**
 * Every index term once, numbered: passages and postings hold numbers, not strings, so a large
 * knowledge base costs bytes per term occurrence rather than a string object each. Numbers only
 * grow (a reload adds new terms), so term counts computed by an earlier build stay valid.
 */
export class Vocabulary {
  private readonly ids = new Map<string, number>();
  private readonly terms: string[] = [];

  /** The term's number, adding it when new. */
  intern(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.ids.set(term, id);
      this.terms.push(term);
    }
    return id;
  }

  find(term: string): number | undefined {
    return this.ids.get(term);
  }

  term(id: number): string {
    return this.terms[id] ?? '';
  }

  get size(): number {
    return this.terms.length;
  }
}

/** One passage's terms: distinct term numbers (ascending), how often each occurs, and the total. */
export interface TermCounts {
  ids: Int32Array;
  counts: Uint16Array;
  length: number;
}

export function countTerms(terms: readonly string[], vocabulary: Vocabulary): TermCounts {
  const counts = new Map<number, number>();
  for (const term of terms) {
    const id = vocabulary.intern(term);
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  const ids = Int32Array.from(counts.keys()).sort();
  return {
    ids,
    counts: Uint16Array.from(ids, (id) => Math.min(65_535, counts.get(id) ?? 0)),
    length: terms.length,
  };
}

/** Whether a passage has a term: a binary search over its numbers. */
export function hasTerm(passage: TermCounts, id: number): boolean {
  let low = 0;
  let high = passage.ids.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const value = passage.ids[middle] ?? 0;
    if (value === id) return true;
    if (value < id) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}

/** A passage's distinct terms as a read-only set of strings (decoded on demand). */
export class TermSet implements Iterable<string> {
  constructor(
    private readonly passage: TermCounts,
    private readonly vocabulary: Vocabulary,
  ) {}

  has(term: string): boolean {
    const id = this.vocabulary.find(term);
    return id !== undefined && hasTerm(this.passage, id);
  }

  get size(): number {
    return this.passage.ids.length;
  }

  *[Symbol.iterator](): Iterator<string> {
    for (const id of this.passage.ids) yield this.vocabulary.term(id);
  }
}
