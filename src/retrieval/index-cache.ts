import type { CardFacts } from '../answer/card-matcher.ts';
import { sha256 } from '../hash.ts';
import type { Chunk } from '../knowledge/chunk.ts';
import type { LoadProblem } from '../knowledge/loader.ts';
import type { KnowledgeDocument } from '../knowledge/schema.ts';
import { type TermCounts, Vocabulary } from './vocabulary.ts';

/**
 * What a build computes per document and per passage, kept by content hash between builds, so a
 * reload re-chunks and re-tokenises only what changed. One per process (the core makes it);
 * entries no build used last time are dropped.
 */
export interface IndexCache {
  /** A knowledge file's parse, by path and content. */
  document(
    path: string,
    raw: string,
    make: () => KnowledgeDocument | LoadProblem,
  ): KnowledgeDocument | LoadProblem;
  chunks(doc: KnowledgeDocument, make: () => Chunk[]): Chunk[];
  /** Numbers every index term; shared by every build, so cached term counts stay valid. */
  vocabulary: Vocabulary;
  /**
   * A passage's term counts by its indexed text (copies of a text share them); `tokenizer` names
   * the tokenizer (its glossary), which keys them too.
   */
  counts(text: string, tokenizer: string, make: () => TermCounts): TermCounts;
  /** Terms of a knowledge text that is not a passage (a card's question or answer). */
  textTerms(text: string, tokenizer: string, make: () => string[]): string[];
  /** Market codes a passage's text names; `markets` names the market data that found them. */
  markets(text: string, markets: string, make: () => string[]): string[];
  /** Whether a term names a market, by the market data (`markets`) that answered it. */
  namesMarket(term: string, markets: string, make: () => boolean): boolean;
  /** What a card's texts say, by the card's content and the data that read it. */
  cardFacts(key: string, make: () => CardFacts): CardFacts;
  /** A card file's cards and problems, by its content and its document's. */
  cardFile<T>(key: string, make: () => T): T;
  /** Ends a build: what it did not use is forgotten. */
  sweep(): void;
}

interface Layer<T> {
  live: Map<string, T>;
  used: Map<string, T>;
}

export function createIndexCache(): IndexCache {
  const layers = {
    documents: { live: new Map(), used: new Map() } as Layer<KnowledgeDocument | LoadProblem>,
    chunks: { live: new Map(), used: new Map() } as Layer<Chunk[]>,
    counts: { live: new Map(), used: new Map() } as Layer<TermCounts>,
    markets: { live: new Map(), used: new Map() } as Layer<string[]>,
    texts: { live: new Map(), used: new Map() } as Layer<string[]>,
    marketTerms: { live: new Map(), used: new Map() } as Layer<boolean>,
    cardFiles: { live: new Map(), used: new Map() } as Layer<unknown>,
    cardFacts: { live: new Map(), used: new Map() } as Layer<CardFacts>,
  };
  const get = <T>(layer: Layer<T>, key: string, make: () => T): T => {
    let value = layer.used.get(key) ?? layer.live.get(key);
    if (value === undefined) value = make();
    layer.used.set(key, value);
    return value;
  };
  return {
    document: (path, raw, make) => get(layers.documents, `${path}:${sha256(raw)}`, make),
    chunks: (doc, make) => get(layers.chunks, `${doc.hash}:${doc.path}`, make),
    vocabulary: new Vocabulary(),
    counts: (text, tokenizer, make) => get(layers.counts, `${tokenizer}:${text}`, make),
    markets: (text, markets, make) => get(layers.markets, `${markets}:${text}`, make),
    textTerms: (text, tokenizer, make) => get(layers.texts, `${tokenizer}:${text}`, make),
    namesMarket: (term, markets, make) => get(layers.marketTerms, `${markets}:${term}`, make),
    cardFile: <T>(key: string, make: () => T) => get(layers.cardFiles, key, make) as T,
    cardFacts: (key, make) => get(layers.cardFacts, key, make),
    sweep() {
      for (const layer of Object.values(layers) as Array<Layer<unknown>>) {
        layer.live = layer.used;
        layer.used = new Map();
      }
    },
  };
}
