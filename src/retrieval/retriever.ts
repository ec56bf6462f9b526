import type { Chunk } from '../knowledge/chunk.ts';
import type { Lang } from '../text/lang.ts';
import { reciprocalRankFusion } from './fusion.ts';
import type { KnowledgeIndex } from './knowledge-index.ts';

export interface RetrievalFilters {
  lang?: Lang;
  jurisdictions?: string[];
  ipTypes?: string[];
  collections?: string[];
}

export interface RetrievalQuery {
  text: string;
  lang: Lang;
  /** Markets the question names; chunks about them rank higher. */
  markets: string[];
  /** Words for the kind of answer wanted, searched for at expansion weight. */
  hints?: string;
  /** Examples are asked for: cases lead instead of trailing guides and notes. */
  wantsCases?: boolean;
  filters?: RetrievalFilters;
  limit?: number;
}

export interface ScoredChunk {
  chunk: Chunk;
  index: number;
  score: number;
  bm25: number;
}

function allows(chunk: Chunk, filters: RetrievalFilters | undefined): boolean {
  if (!filters) return true;
  if (filters.lang && chunk.lang !== filters.lang) return false;
  if (filters.collections?.length && !filters.collections.includes(chunk.collection)) return false;
  if (filters.ipTypes?.length && !chunk.ipTypes.some((type) => filters.ipTypes?.includes(type))) return false;
  if (
    filters.jurisdictions?.length &&
    !chunk.jurisdictions.some((code) => filters.jurisdictions?.includes(code))
  )
    return false;
  return true;
}

/** Query terms with weights: the question's own terms count fully, glossary translations less. */
export function queryTerms(index: KnowledgeIndex, text: string): Map<string, number> {
  const weights = new Map<string, number>();
  for (const term of index.tokenizer.terms(text))
    weights.set(term, Math.min(2, (weights.get(term) ?? 0) + 1));
  for (const expansion of index.glossary.expand(text)) {
    for (const term of index.tokenizer.terms(expansion)) if (!weights.has(term)) weights.set(term, 0.5);
  }
  return weights;
}

/**
 * Hybrid search: BM25 (with glossary expansion across languages) and hnswlib vectors, fused by
 * reciprocal rank, then nudged towards the question's language and the markets it names.
 */
export async function retrieve(index: KnowledgeIndex, query: RetrievalQuery): Promise<ScoredChunk[]> {
  const limit = query.limit ?? 8;
  const pool = Math.max(40, limit * 5);
  const terms = queryTerms(index, query.text);
  for (const term of index.tokenizer.terms(query.hints ?? '')) if (!terms.has(term)) terms.set(term, 0.5);
  // Without filters nothing is checked per passage (the vector search would call back per node).
  const filters = query.filters;
  const allow = filters
    ? (i: number) => {
        const chunk = index.chunks[i];
        return chunk !== undefined && allows(chunk, filters);
      }
    : undefined;
  const lexical = index.bm25.search(terms, pool, allow);
  const expansion = index.glossary.expand(query.text).join(' ');
  const vector = await index.vectors.embeddings.embedQuery(`${query.text} ${expansion}`);
  const semantic =
    index.chunks.length === 0
      ? []
      : await index.vectors.similaritySearchVectorWithScore(
          vector,
          Math.min(pool, index.chunks.length),
          filters
            ? (doc) => {
                const chunk = index.byId.get(doc.metadata.chunkId as string);
                return chunk !== undefined && allows(chunk, filters);
              }
            : undefined,
        );
  const fused = reciprocalRankFusion([
    { ids: lexical.map((hit) => index.chunks[hit.index]?.id ?? ''), weight: 1 },
    // The offline hashed vectors are lexical at heart; they break ties rather than lead.
    { ids: semantic.map(([doc]) => doc.metadata.chunkId as string), weight: 0.3 },
  ]);
  const bm25ById = new Map(lexical.map((hit) => [index.chunks[hit.index]?.id ?? '', hit.score]));
  const wantsCases = query.wantsCases === true;
  const results: ScoredChunk[] = [];
  for (const [id, base] of fused) {
    const position = index.positions.get(id);
    const chunk = index.byId.get(id);
    if (position === undefined || !chunk) continue;
    let score = base;
    if (chunk.lang === query.lang) score *= 1.25;
    if (query.markets.length > 0) {
      const markets = index.chunkMarkets[position];
      const hits = query.markets.filter((code) => markets?.has(code)).length;
      score *= hits > 0 ? 1 + 0.35 * hits : 0.75;
    }
    if (chunk.faq) score *= 1.1;
    // Cases illustrate; guides and notes state the rules. Cases lead only when examples are asked for.
    if (chunk.collection === 'case') score *= wantsCases ? 1.3 : 0.7;
    results.push({ chunk, index: position, score, bm25: bm25ById.get(id) ?? 0 });
  }
  return results.sort((a, b) => b.score - a.score || a.index - b.index).slice(0, limit);
}
