import { MemoryVectorStore } from '@langchain/classic/vectorstores/memory';
import { Document } from '@langchain/core/documents';
import MiniSearch from 'minisearch';
import type { Assistant } from '../assistant/assistant.ts';
import { embeddedText } from '../retrieval/index-builder.ts';
import type { KnowledgeIndex } from '../retrieval/knowledge-index.ts';
import { queryTerms, retrieve } from '../retrieval/retriever.ts';
import { detectLang } from '../text/lang.ts';

/** A question as the bench asks it: the last message, with the turns before it for iprisk's sessions. */
export interface BenchQuestion {
  id: string;
  text: string;
  turns: string[];
}

/** One retrieval stack under test: document ids, best first (a document counted once). */
export interface BenchRetriever {
  name: string;
  search(question: BenchQuestion, k: number): Promise<string[]>;
}

const POOL = 20;

/** Passage ranks to document ranks: the first time a document appears is its rank. */
function documentsOf(docIds: Iterable<string>, k: number): string[] {
  const seen: string[] = [];
  for (const id of docIds) {
    if (!seen.includes(id)) seen.push(id);
    if (seen.length >= k) break;
  }
  return seen;
}

/**
 * The five stacks compared on the same passages and questions: MiniSearch (BM25 with the same
 * jieba tokenisation), LangChain's MemoryVectorStore and hnswlib alone (exact and approximate
 * cosine over the same local embeddings), our BM25 alone, and iprisk's full retrieval.
 */
export async function benchRetrievers(
  index: KnowledgeIndex,
  assistant: Assistant,
): Promise<BenchRetriever[]> {
  const { chunks, tokenizer } = index;
  const docOfChunk = (id: string) => index.byId.get(id)?.docId ?? '';

  const mini = new MiniSearch<{ id: string; title: string; section: string; text: string }>({
    fields: ['title', 'section', 'text'],
    tokenize: (text) => tokenizer.terms(text),
    processTerm: (term) => term,
  });
  mini.addAll(chunks.map((c) => ({ id: c.id, title: c.title, section: c.section, text: c.text })));

  const embeddings = index.vectors.embeddings;
  const memory = new MemoryVectorStore(embeddings);
  await memory.addVectors(
    await embeddings.embedDocuments(chunks.map(embeddedText)),
    chunks.map((c) => new Document({ pageContent: c.text, metadata: { chunkId: c.id } })),
  );

  const cardDoc = new Map(index.resources.cards.map((card) => [card.id, card.docId]));
  let session = 0;

  return [
    {
      name: 'MiniSearch (BM25, jieba)',
      search: async (q, k) =>
        documentsOf(
          mini.search(q.text, { prefix: false, fuzzy: false }).map((hit) => docOfChunk(String(hit.id))),
          k,
        ),
    },
    {
      name: 'LangChain MemoryVectorStore',
      search: async (q, k) =>
        documentsOf(
          (await memory.similaritySearchVectorWithScore(await embeddings.embedQuery(q.text), POOL)).map(
            ([doc]) => docOfChunk(String(doc.metadata.chunkId)),
          ),
          k,
        ),
    },
    {
      name: 'hnswlib alone',
      search: async (q, k) =>
        documentsOf(
          (
            await index.vectors.similaritySearchVectorWithScore(await embeddings.embedQuery(q.text), POOL)
          ).map(([doc]) => docOfChunk(String(doc.metadata.chunkId))),
          k,
        ),
    },
    {
      name: 'BM25 alone (iprisk)',
      search: async (q, k) =>
        documentsOf(
          index.bm25
            .search(queryTerms(index, q.text), POOL)
            .map((hit) => index.chunks[hit.index]?.docId ?? ''),
          k,
        ),
    },
    {
      name: 'iprisk (full)',
      // What the assistant does: the document its answer cites, the cards it matched, then its
      // hybrid passages (language and markets weighed), in the conversation the question came in.
      search: async (q, k) => {
        session += 1;
        const sessionId = `bench-peers:${session}`;
        for (const turn of q.turns) await assistant.ask({ text: turn, sessionId });
        const result = await assistant.ask({ text: q.text, sessionId, explain: true });
        await assistant.reset(sessionId);
        const ranked = documentsOf(
          [
            ...result.citations.map((c) => c.id),
            ...(result.explanation?.cards ?? []).map((card) => cardDoc.get(card.id) ?? ''),
            ...(result.explanation?.passages ?? []).map((p) => docOfChunk(p.id)),
          ].filter(Boolean),
          k,
        );
        if (ranked.length >= k) return ranked;
        // A card answered, so no passages were searched: the hybrid search fills the ranks below it.
        const passages = await retrieve(index, {
          text: result.explanation?.resolved ?? q.text,
          lang: result.lang ?? detectLang(q.text),
          markets: result.explanation?.markets ?? [],
          limit: POOL,
        });
        return documentsOf([...ranked, ...passages.map((p) => p.chunk.docId)], k);
      },
    },
  ];
}
