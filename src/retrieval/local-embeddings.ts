import { Embeddings } from '@langchain/core/embeddings';
import { fnv1a } from '../hash.ts';
import type { Tokenizer } from '../text/tokenizer.ts';

export interface LocalEmbeddingsOptions {
  tokenizer: Tokenizer;
  dimensions?: number;
}

/**
 * Offline embeddings: hashed word, Chinese bigram and English character-trigram features with
 * sublinear term frequency, L2-normalised. No model download and the same vector for the same
 * text everywhere; it captures lexical and morphological similarity, which the glossary's query
 * expansion extends across languages.
 */
export class LocalHashEmbeddings extends Embeddings {
  readonly dimensions: number;
  private readonly tokenizer: Tokenizer;

  constructor(options: LocalEmbeddingsOptions) {
    super({});
    this.tokenizer = options.tokenizer;
    this.dimensions = options.dimensions ?? 1024;
  }

  /** Identifies the vector space, so an index built by another embedder is never reused. */
  get id(): string {
    return `local-hash-v1-${this.dimensions}`;
  }

  embedText(text: string): number[] {
    const weights = new Map<string, number>();
    const add = (feature: string, weight: number) =>
      weights.set(feature, (weights.get(feature) ?? 0) + weight);
    for (const term of this.tokenizer.terms(text)) {
      if (term.startsWith('#')) {
        add(term, 0.6);
        continue;
      }
      add(`w:${term}`, 1);
      if (/^[a-z]{5,}$/u.test(term)) {
        for (let i = 0; i + 3 <= term.length; i += 1) add(`c:${term.slice(i, i + 3)}`, 0.15);
      }
    }
    const vector = new Array<number>(this.dimensions).fill(0);
    for (const [feature, weight] of weights) {
      const hash = fnv1a(feature);
      const sign = hash & 0x80000000 ? -1 : 1;
      const slot = hash % this.dimensions;
      vector[slot] = (vector[slot] ?? 0) + sign * (1 + Math.log(weight));
    }
    let norm = 0;
    for (const value of vector) norm += value * value;
    norm = Math.sqrt(norm);
    // An all-zero vector (only emoji, say) would make cosine distance undefined.
    if (norm === 0) {
      vector[0] = 1;
      return vector;
    }
    return vector.map((value) => value / norm);
  }

  async embedDocuments(documents: string[]): Promise<number[][]> {
    return documents.map((document) => this.embedText(document));
  }

  async embedQuery(document: string): Promise<number[]> {
    return this.embedText(document);
  }
}
