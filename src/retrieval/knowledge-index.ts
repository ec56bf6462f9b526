import type { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import { type CardFacts, type CardIndex, createCardIndex } from '../answer/card-matcher.ts';
import { type CoverageMap, createCoverageMap } from '../answer/coverage.ts';
import { createQuestionKinds, type KindsData, type QuestionKinds } from '../answer/question-kinds.ts';
import { sha256 } from '../hash.ts';
import type { Card } from '../knowledge/cards.ts';
import type { Chunk } from '../knowledge/chunk.ts';
import type { Glossary } from '../knowledge/glossary.ts';
import { createMarketTable, type MarketsData, type MarketTable } from '../knowledge/markets.ts';
import { createSpeller, type Speller } from '../text/spelling.ts';
import type { Tokenizer } from '../text/tokenizer.ts';
import { Bm25Index } from './bm25.ts';
import type { IndexCache } from './index-cache.ts';
import { countTerms, TermSet, Vocabulary } from './vocabulary.ts';

/** What a version carries besides its passages: the data that says how to read questions, and the cards. */
export interface IndexResources {
  markets: MarketsData;
  kinds: KindsData;
  cards: Card[];
}

export interface IndexManifest {
  version: string;
  builtAt: string;
  embedder: string;
  /** Hash over every input: unchanged knowledge, glossary and embedder mean the same index. */
  fingerprint: string;
  documents: Record<
    string,
    {
      path: string;
      hash: string;
      chunks: number;
      updated?: string;
      reviewBy?: string;
      /** The document's `change_note`: what its last update changed. */
      changeNote?: string;
    }
  >;
  chunkCount: number;
  buildMs: number;
}

/** Everything retrieval needs in memory for one index version; immutable once built. */
export interface KnowledgeIndex {
  manifest: IndexManifest;
  chunks: Chunk[];
  byId: Map<string, Chunk>;
  /** Chunk id to its position in `chunks` (and in the parallel arrays below). */
  positions: Map<string, number>;
  vectors: HNSWLib;
  bm25: Bm25Index;
  glossary: Glossary;
  tokenizer: Tokenizer;
  /** Market codes each chunk is about: its document's plus those its text names. */
  chunkMarkets: Array<Set<string>>;
  /** Positions of each document's chunks in one language, keyed `${docId}.${lang}`. */
  documentChunks: Map<string, number[]>;
  /** Chunk terms (with title and section), for overlap checks in the answerer. */
  chunkTerms: TermSet[];
  resources: IndexResources;
  markets: MarketTable;
  kinds: QuestionKinds;
  cards: CardIndex;
  coverage: CoverageMap;
  /** Repairs typos in Latin-script words against the words the knowledge uses. */
  speller: Speller;
}

export function indexedText(chunk: Chunk): string {
  return `${chunk.title}\n${chunk.section}\n${chunk.text}`;
}

export function assembleIndex(
  parts: {
    manifest: IndexManifest;
    chunks: Chunk[];
    vectors: HNSWLib;
    glossary: Glossary;
    tokenizer: Tokenizer;
    resources: IndexResources;
  },
  cache?: IndexCache,
): KnowledgeIndex {
  const tokenizerKey = sha256(parts.glossary.chineseTerms().join('|')).slice(0, 16);
  const marketsKey = sha256(JSON.stringify(parts.resources.markets)).slice(0, 16);
  const kindsKey = sha256(JSON.stringify(parts.resources.kinds)).slice(0, 16);
  const vocabulary = cache?.vocabulary ?? new Vocabulary();
  // The section heading (an FAQ question) says what the passage answers: count it twice.
  const counted = parts.chunks.map((chunk) => {
    const text = `${indexedText(chunk)}\n${chunk.section}`;
    const count = () => countTerms(parts.tokenizer.terms(text), vocabulary);
    return cache ? cache.counts(text, tokenizerKey, count) : count();
  });
  const markets = createMarketTable(parts.resources.markets);
  const named = (chunk: Chunk) => () => markets.find(`${chunk.section} ${chunk.text}`).map((m) => m.code);
  const kinds = createQuestionKinds(parts.resources.kinds);
  // Copies of a text (the same section in several documents) are read once.
  const texts = [...new Set(parts.chunks.map((chunk) => chunk.text))];
  const mentioned = new Set(texts.flatMap((text) => kinds.platformsOf(text)));
  const bm25 = new Bm25Index(counted, vocabulary);
  const documents = new Map(parts.chunks.map((chunk) => [chunk.docId, chunk]));
  const cardIndex = createCardIndex({
    cards: parts.resources.cards,
    tokenizer: parts.tokenizer,
    glossary: parts.glossary,
    markets,
    kinds,
    idf: (term) => bm25.idf(term),
    ...(cache
      ? {
          cardTerms: (text: string) => cache.textTerms(text, tokenizerKey, () => parts.tokenizer.terms(text)),
          namesMarket: (term: string) =>
            cache.namesMarket(term, marketsKey, () => markets.find(term).length > 0),
          cardFacts: (card: Card, make: () => CardFacts) =>
            cache.cardFacts(`${kindsKey}:${marketsKey}:${sha256(JSON.stringify(card))}`, make),
        }
      : {}),
  });
  const coverage = createCoverageMap(
    [...documents.values()],
    parts.resources.cards,
    markets,
    // In the kinds file's order: the platforms exporters ask about most come first.
    Object.keys(kinds.data.platforms ?? {}).filter((platform) => mentioned.has(platform)),
  );
  const speller = createSpeller([
    ...new Set(parts.chunks.map((chunk) => `${chunk.title} ${chunk.section} ${chunk.text}`)),
    // Paraphrases carry the everyday words users write ("stolen", "scared"), not only legal ones.
    ...parts.resources.cards.map((card) => `${card.en.q} ${card.en.also.join(' ')} ${card.en.a}`),
    ...parts.glossary.entries.flatMap((entry) => entry.en),
    ...parts.resources.markets.markets.flatMap((market) => market.names ?? []),
    JSON.stringify(parts.resources.kinds),
  ]);
  const chunkMarkets = parts.chunks.map(
    (chunk) =>
      new Set([
        ...chunk.jurisdictions,
        ...(cache
          ? cache.markets(`${chunk.section}\n${chunk.text}`, marketsKey, named(chunk))
          : named(chunk)()),
      ]),
  );
  const chunkTerms = counted.map((passage) => new TermSet(passage, vocabulary));
  const documentChunks = new Map<string, number[]>();
  parts.chunks.forEach((chunk, i) => {
    const key = `${chunk.docId}.${chunk.lang}`;
    const list = documentChunks.get(key);
    if (list) list.push(i);
    else documentChunks.set(key, [i]);
  });
  return {
    ...parts,
    markets,
    kinds,
    cards: cardIndex,
    coverage,
    speller,
    byId: new Map(parts.chunks.map((chunk) => [chunk.id, chunk])),
    positions: new Map(parts.chunks.map((chunk, i) => [chunk.id, i])),
    bm25,
    chunkMarkets,
    chunkTerms,
    documentChunks,
  };
}
