import { join } from 'node:path';
import { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import { Document } from '@langchain/core/documents';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import hnswlib from 'hnswlib-node';
import { kindsFileSchema } from '../answer/question-kinds.ts';
import { sha256 } from '../hash.ts';
import { loadCards } from '../knowledge/cards.ts';
import type { Chunk } from '../knowledge/chunk.ts';
import { chunkDocument } from '../knowledge/chunker.ts';
import { readDataFile } from '../knowledge/data-files.ts';
import { type Freshness, freshnessOfIndexed } from '../knowledge/freshness.ts';
import { createGlossary, loadGlossary } from '../knowledge/glossary.ts';
import { type LoadProblem, loadKnowledge, parseDocument } from '../knowledge/loader.ts';
import { marketsFileSchema } from '../knowledge/markets.ts';
import { createTokenizer, TOKENIZER_VERSION, type Tokenizer } from '../text/tokenizer.ts';
import type { IndexCache } from './index-cache.ts';
import type { IndexStore } from './index-store.ts';
import {
  assembleIndex,
  type IndexManifest,
  type IndexResources,
  type KnowledgeIndex,
} from './knowledge-index.ts';

/** Bump when chunking or index layout changes, so old index versions are not reused. */
const INDEX_FORMAT = 'chunks-v4-compact';

export interface BuildReport {
  version: string;
  /** True when the serving version already matched the knowledge and was loaded as is. */
  reused: boolean;
  added: string[];
  changed: string[];
  removed: string[];
  rejected: LoadProblem[];
  /** Set when newly built knowledge failed the smoke check and the previous version was kept. */
  refused?: string;
  documents: number;
  chunks: number;
  embedded: number;
  ms: number;
  /** Documents a person must check again: past `review_by`, or not updated for a year. */
  freshness: Freshness;
  /** After a reload: change notices made for followers, and how many messages were queued. */
  notices?: { notices: number; queued: number };
}

export interface Embedder {
  embeddings: EmbeddingsInterface;
  /** Names the vector space; part of the fingerprint so another embedder never reuses an index. */
  id: string;
}

export interface BuildDeps {
  knowledgeDir: string;
  store: IndexStore;
  /** Makes the embedder; local embeddings share the tokenizer, which knows the glossary's terms. */
  embedder: (tokenizer: Tokenizer) => Embedder;
  /** Knowledge files larger than this are skipped with a reason. */
  maxFileBytes?: number;
  now?: () => Date;
  /** Chunks and term lists of unchanged documents, reused by a reload. */
  cache?: IndexCache;
}

function versionName(date: Date, fingerprint: string): string {
  const stamp = date.toISOString().replace(/[-:]/gu, '').replace('.', '');
  return `${stamp}-${fingerprint.slice(0, 8)}`;
}

function diffDocuments(before: IndexManifest['documents'] | undefined, after: IndexManifest['documents']) {
  const old = before ?? {};
  const added = Object.keys(after).filter((key) => !(key in old));
  const changed = Object.keys(after).filter((key) => key in old && old[key]?.hash !== after[key]?.hash);
  const removed = Object.keys(old).filter((key) => !(key in after));
  return { added, changed, removed };
}

/**
 * Loads the knowledge folder and returns a ready index: the serving version when nothing changed
 * since it was built, otherwise a newly built and activated version.
 */
export interface OpenOptions {
  /** Build a new version even when the serving one matches the knowledge. */
  force?: boolean;
  /** Runs on a newly built index before it becomes CURRENT; throwing keeps the old version. */
  verify?: (index: KnowledgeIndex) => Promise<void>;
  /**
   * Build and check only: nothing is written or activated, and a failed check is reported in
   * `refused` instead of thrown (the console's reload preview).
   */
  preview?: boolean;
}

export async function openIndex(deps: BuildDeps, options: OpenOptions = {}) {
  const started = performance.now();
  const now = deps.now ?? (() => new Date());
  const servingVersion = await deps.store.current();
  const serving = servingVersion ? await deps.store.readManifest(servingVersion) : undefined;
  const { documents, problems } = await loadKnowledge(deps.knowledgeDir, {
    ...(deps.maxFileBytes ? { maxFileBytes: deps.maxFileBytes } : {}),
    ...(serving ? { serving: serving.documents } : {}),
    ...(deps.cache
      ? {
          parse: (path: string, raw: string) =>
            deps.cache?.document(path, raw, () => parseDocument(path, raw)) ?? parseDocument(path, raw),
        }
      : {}),
  });
  const { glossary, problems: glossaryProblems } = await loadGlossary(join(deps.knowledgeDir, 'glossary'));
  const markets = await readDataFile(deps.knowledgeDir, 'markets.yaml', marketsFileSchema);
  const kinds = await readDataFile(deps.knowledgeDir, 'question-kinds.yaml', kindsFileSchema);
  // Only the kinds' names are needed to check cards; their cues are compiled with the index.
  const { cards, problems: cardProblems } = await loadCards(
    deps.knowledgeDir,
    documents,
    (kind) => Object.hasOwn(kinds.kinds, kind),
    deps.maxFileBytes,
    deps.cache
      ? {
          kinds: Object.keys(kinds.kinds).sort().join(','),
          get: (key, make) => deps.cache?.cardFile(key, make) ?? make(),
        }
      : undefined,
  );
  const resources: IndexResources = { markets, kinds, cards };
  const rejected = [...problems, ...glossaryProblems, ...cardProblems];
  const tokenizer = createTokenizer(glossary.chineseTerms());
  const { embeddings, id: embedderId } = deps.embedder(tokenizer);
  const docEntries: IndexManifest['documents'] = {};
  const chunks = documents.flatMap((doc) => {
    const docChunks = deps.cache ? deps.cache.chunks(doc, () => chunkDocument(doc)) : chunkDocument(doc);
    docEntries[`${doc.meta.id}/${doc.meta.lang}`] = {
      path: doc.path,
      hash: doc.hash,
      chunks: docChunks.length,
      updated: doc.meta.updated,
      ...(doc.meta.review_by ? { reviewBy: doc.meta.review_by } : {}),
      ...(doc.meta.change_note ? { changeNote: doc.meta.change_note } : {}),
    };
    return docChunks;
  });
  const fingerprint = sha256(
    [
      INDEX_FORMAT,
      `tokenizer-${TOKENIZER_VERSION}`,
      embedderId,
      JSON.stringify(glossary.entries),
      JSON.stringify(resources),
      ...documents.map((d) => d.hash).sort(),
    ].join('\n'),
  );

  const finish = (index: KnowledgeIndex, reused: boolean, embedded: number) => {
    deps.cache?.sweep();
    const diff = diffDocuments(serving?.documents, index.manifest.documents);
    const report: BuildReport = {
      version: index.manifest.version,
      reused,
      ...(reused ? { added: [], changed: [], removed: [] } : diff),
      rejected,
      documents: documents.length,
      chunks: index.chunks.length,
      embedded,
      ms: Math.round(performance.now() - started),
      freshness: freshnessOfIndexed(index.manifest.documents, now()),
    };
    return { index, report };
  };

  if (servingVersion && serving?.fingerprint === fingerprint && !options.force) {
    try {
      const stored = await deps.store.load(servingVersion, embeddings);
      return finish(assembleIndex({ ...stored, glossary, tokenizer, resources }, deps.cache), true, 0);
    } catch {
      // An unreadable version is rebuilt below rather than served half-loaded.
    }
  }

  // Only chunks whose embedded text changed are embedded again (with a paid embeddings API a
  // one-document fix must not re-embed everything), and the serving version's vector graph is
  // updated rather than rebuilt: unchanged points stay, stale ones are marked deleted.
  const { store, embedded } = await buildVectors(
    deps,
    embedderId,
    embeddings,
    chunks,
    servingVersion,
    serving,
  );

  const builtAt = now();
  const manifest: IndexManifest = {
    version: versionName(builtAt, fingerprint),
    builtAt: builtAt.toISOString(),
    embedder: embedderId,
    fingerprint,
    documents: docEntries,
    chunkCount: chunks.length,
    buildMs: Math.round(performance.now() - started),
  };
  if (options.preview) {
    const index = assembleIndex(
      { manifest, chunks, vectors: store, glossary, tokenizer, resources },
      deps.cache,
    );
    const refused = await options.verify?.(index).then(
      () => undefined,
      (error: unknown) => (error instanceof Error ? error.message : String(error)),
    );
    const previewed = finish(index, false, embedded);
    return { ...previewed, report: { ...previewed.report, ...(refused ? { refused } : {}) } };
  }
  await deps.store.write(manifest, chunks, store, glossary.entries, resources);
  const index = assembleIndex(
    { manifest, chunks, vectors: store, glossary, tokenizer, resources },
    deps.cache,
  );
  // The new version is checked before it is named CURRENT: a failed check leaves the old one serving.
  try {
    await options.verify?.(index);
  } catch (error) {
    // A refused version is never served: it does not stay on disk either.
    await deps.store.remove(manifest.version);
    throw error;
  }
  await deps.store.activate(manifest.version);
  await deps.store.unpin();
  await deps.store.prune(KEEP_VERSIONS);
  return finish(index, false, embedded);
}

/** hnswlib's graph: links per node (its default), and a construction beam below its default 200. */
const GRAPH_LINKS = 16;
const GRAPH_CONSTRUCTION_BEAM = 64;

/** How many index versions stay on disk for rollback. */
export const KEEP_VERSIONS = 5;

export function embeddedText(chunk: Chunk): string {
  return `${chunk.title}\n${chunk.section}\n${chunk.text}`;
}

/** A vector graph for `chunks`: the serving version's, updated, when it used the same embedder. */
async function buildVectors(
  deps: BuildDeps,
  embedderId: string,
  embeddings: EmbeddingsInterface,
  chunks: Chunk[],
  servingVersion: string | undefined,
  serving: IndexManifest | undefined,
): Promise<{ store: HNSWLib; embedded: number }> {
  // Only the chunk id is read back; the text lives once, in chunks.json.
  const docFor = (chunk: Chunk) => new Document({ pageContent: '', metadata: { chunkId: chunk.id } });
  const base =
    servingVersion && serving?.embedder === embedderId
      ? await deps.store.load(servingVersion, embeddings).catch(() => undefined)
      : undefined;
  const docs = (base?.vectors.docstore as unknown as { _docs?: Map<string, Document> } | undefined)?._docs;
  if (!base || !docs || base.chunks.length === 0) {
    const store = new HNSWLib(embeddings, { space: 'cosine' });
    // Copies of a text (the same section in several documents) are embedded once.
    const texts = chunks.map(embeddedText);
    const unique = [...new Set(texts)];
    const embedded = unique.length > 0 ? await embeddings.embedDocuments(unique) : [];
    const byText = new Map(unique.map((text, i) => [text, embedded[i] ?? []]));
    const vectors = texts.map((text) => byText.get(text) ?? []);
    if (vectors.length > 0) {
      // The graph is built with a smaller construction beam than hnswlib's default (200): the
      // vectors only break ties between lexical matches, and the build is several times faster.
      const dimensions = vectors[0]?.length ?? 0;
      store.args.numDimensions = dimensions;
      const graph = new hnswlib.HierarchicalNSW('cosine', dimensions);
      graph.initIndex(vectors.length, GRAPH_LINKS, GRAPH_CONSTRUCTION_BEAM);
      (store as unknown as { index: typeof graph }).index = graph;
      const docsToSave: Record<number, Document> = {};
      vectors.forEach((vector, label) => {
        graph.addPoint(vector, label);
        const chunk = chunks[label];
        if (chunk) docsToSave[label] = docFor(chunk);
      });
      store.docstore.add(docsToSave);
    }
    return { store, embedded: unique.length };
  }

  // Labels of the base graph by the hash of the text they embed (copies of a text share a list).
  const oldById = new Map(base.chunks.map((chunk) => [chunk.id, chunk]));
  const labelsByText = new Map<string, number[]>();
  for (const [label, doc] of docs) {
    const old = oldById.get(String(doc.metadata.chunkId));
    if (!old) continue;
    const key = sha256(embeddedText(old));
    const labels = labelsByText.get(key);
    if (labels) labels.push(Number(label));
    else labelsByText.set(key, [Number(label)]);
  }
  const kept = new Map<number, Chunk>();
  const missing: Chunk[] = [];
  for (const chunk of chunks) {
    const label = labelsByText.get(sha256(embeddedText(chunk)))?.pop();
    if (label === undefined) missing.push(chunk);
    else kept.set(label, chunk);
  }
  const store = base.vectors;
  for (const label of [...docs.keys()].map(Number)) {
    const chunk = kept.get(label);
    if (chunk) {
      docs.set(String(label), docFor(chunk));
    } else {
      store.index.markDelete(label);
      docs.delete(String(label));
    }
  }
  if (missing.length > 0) {
    await store.addVectors(await embeddings.embedDocuments(missing.map(embeddedText)), missing.map(docFor));
  }
  return { store, embedded: missing.length };
}

/** Loads a stored version as it was built (its own glossary), e.g. for rollback or a reload notice. */
export async function loadVersion(deps: BuildDeps, version: string): Promise<KnowledgeIndex> {
  const glossary = createGlossary(await deps.store.glossaryOf(version));
  const tokenizer = createTokenizer(glossary.chineseTerms());
  const { embeddings } = deps.embedder(tokenizer);
  const stored = await deps.store.load(version, embeddings);
  return assembleIndex(
    { ...stored, glossary, tokenizer, resources: await deps.store.resourcesOf(version) },
    deps.cache,
  );
}
