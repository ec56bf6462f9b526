import { join } from 'node:path';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { sha256 } from '../hash.ts';
import { chunkDocument } from '../knowledge/chunker.ts';
import { loadGlossary } from '../knowledge/glossary.ts';
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
export async function openIndex(deps: BuildDeps, options: { force?: boolean } = {}) {
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

  const vectors = await embeddings.embedDocuments(
    chunks.map((chunk) => `${chunk.title}\n${chunk.section}\n${chunk.text}`),
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
  const store = await deps.store.write(manifest, chunks, vectors, embeddings);
  await deps.store.activate(manifest.version);
  await deps.store.prune(5);
  return finish(
    assembleIndex({ manifest, chunks, vectors: store, glossary, tokenizer }),
    false,
    chunks.length,
  );
}
