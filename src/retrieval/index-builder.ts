import { join } from 'node:path';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { sha256 } from '../hash.ts';
import type { Chunk } from '../knowledge/chunk.ts';
import { chunkDocument } from '../knowledge/chunker.ts';
import { createGlossary, loadGlossary } from '../knowledge/glossary.ts';
import { type LoadProblem, loadKnowledge } from '../knowledge/loader.ts';
import { createTokenizer, TOKENIZER_VERSION, type Tokenizer } from '../text/tokenizer.ts';
import type { IndexStore } from './index-store.ts';
import { assembleIndex, type IndexManifest, type KnowledgeIndex } from './knowledge-index.ts';

/** Bump when chunking or index layout changes, so old index versions are not reused. */
const INDEX_FORMAT = 'chunks-v1';

export interface BuildReport {
  version: string;
  /** True when the serving version already matched the knowledge and was loaded as is. */
  reused: boolean;
  added: string[];
  changed: string[];
  removed: string[];
  rejected: LoadProblem[];
  documents: number;
  chunks: number;
  embedded: number;
  ms: number;
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
  now?: () => Date;
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
  /** The index in memory now: its vectors are reused for unchanged chunks. */
  previous?: KnowledgeIndex;
  /** Runs on a newly built index before it becomes CURRENT; throwing keeps the old version. */
  verify?: (index: KnowledgeIndex) => Promise<void>;
}

export async function openIndex(deps: BuildDeps, options: OpenOptions = {}) {
  const started = performance.now();
  const now = deps.now ?? (() => new Date());
  const { documents, problems } = await loadKnowledge(deps.knowledgeDir);
  const { glossary, problems: glossaryProblems } = await loadGlossary(join(deps.knowledgeDir, 'glossary'));
  const rejected = [...problems, ...glossaryProblems];
  const tokenizer = createTokenizer(glossary.chineseTerms());
  const { embeddings, id: embedderId } = deps.embedder(tokenizer);
  const docEntries: IndexManifest['documents'] = {};
  const chunks = documents.flatMap((doc) => {
    const docChunks = chunkDocument(doc);
    docEntries[`${doc.meta.id}/${doc.meta.lang}`] = {
      path: doc.path,
      hash: doc.hash,
      chunks: docChunks.length,
    };
    return docChunks;
  });
  const fingerprint = sha256(
    [
      INDEX_FORMAT,
      `tokenizer-${TOKENIZER_VERSION}`,
      embedderId,
      JSON.stringify(glossary.entries),
      ...documents.map((d) => d.hash).sort(),
    ].join('\n'),
  );

  const servingVersion = await deps.store.current();
  const serving = servingVersion ? await deps.store.readManifest(servingVersion) : undefined;
  const finish = (index: KnowledgeIndex, reused: boolean, embedded: number) => {
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
    };
    return { index, report };
  };

  if (servingVersion && serving?.fingerprint === fingerprint && !options.force) {
    try {
      const stored = await deps.store.load(servingVersion, embeddings);
      return finish(assembleIndex({ ...stored, glossary, tokenizer }), true, 0);
    } catch {
      // An unreadable version is rebuilt below rather than served half-loaded.
    }
  }

  // Only chunks whose embedded text changed are embedded again: with a paid embeddings API
  // a one-document fix must not re-embed the whole knowledge base.
  const known = await reusableVectors(
    deps,
    embedderId,
    embeddings,
    options.previous,
    servingVersion,
    serving,
  );
  const texts = chunks.map(embeddedText);
  const missing = texts.map((text, i) => (known.has(sha256(text)) ? -1 : i)).filter((i) => i >= 0);
  const fresh =
    missing.length > 0 ? await embeddings.embedDocuments(missing.map((i) => texts[i] as string)) : [];
  const freshByIndex = new Map(missing.map((i, k) => [i, fresh[k] as number[]]));
  const vectors = texts.map((text, i) => freshByIndex.get(i) ?? (known.get(sha256(text)) as number[]));

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
  const store = await deps.store.write(manifest, chunks, vectors, embeddings, glossary.entries);
  const index = assembleIndex({ manifest, chunks, vectors: store, glossary, tokenizer });
  // The new version is checked before it is named CURRENT: a failed check leaves the old one serving.
  await options.verify?.(index);
  await deps.store.activate(manifest.version);
  await deps.store.unpin();
  await deps.store.prune(KEEP_VERSIONS);
  return finish(index, false, missing.length);
}

/** How many index versions stay on disk for rollback. */
export const KEEP_VERSIONS = 5;

export function embeddedText(chunk: Chunk): string {
  return `${chunk.title}\n${chunk.section}\n${chunk.text}`;
}

/** Vectors of the previous version by the hash of their text, when it used the same embedder. */
async function reusableVectors(
  deps: BuildDeps,
  embedderId: string,
  embeddings: EmbeddingsInterface,
  previous: KnowledgeIndex | undefined,
  servingVersion: string | undefined,
  serving: IndexManifest | undefined,
): Promise<Map<string, number[]>> {
  const known = new Map<string, number[]>();
  let source: { chunks: Chunk[]; vectors: KnowledgeIndex['vectors'] } | undefined;
  if (previous && previous.manifest.embedder === embedderId) source = previous;
  else if (servingVersion && serving?.embedder === embedderId) {
    source = await deps.store.load(servingVersion, embeddings).catch(() => undefined);
  }
  if (!source || source.chunks.length === 0) return known;
  const hnsw = source.vectors.index;
  source.chunks.forEach((chunk, label) => {
    try {
      known.set(sha256(embeddedText(chunk)), hnsw.getPoint(label));
    } catch {
      // A label missing from an old index only means that chunk is embedded again.
    }
  });
  return known;
}

/** Loads a stored version as it was built (its own glossary), e.g. for rollback or a reload notice. */
export async function loadVersion(deps: BuildDeps, version: string): Promise<KnowledgeIndex> {
  const glossary = createGlossary(await deps.store.glossaryOf(version));
  const tokenizer = createTokenizer(glossary.chineseTerms());
  const { embeddings } = deps.embedder(tokenizer);
  const stored = await deps.store.load(version, embeddings);
  return assembleIndex({ ...stored, glossary, tokenizer });
}
