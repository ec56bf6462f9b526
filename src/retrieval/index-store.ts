import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { IpriskError } from '../errors.ts';
import type { Chunk } from '../knowledge/chunk.ts';
import type { GlossaryEntry } from '../knowledge/glossary.ts';
import type { IndexManifest, IndexResources } from './knowledge-index.ts';

export interface StoredIndex {
  manifest: IndexManifest;
  chunks: Chunk[];
  vectors: HNSWLib;
}

async function readGlossary(dir: string): Promise<GlossaryEntry[]> {
  try {
    return JSON.parse(await readFile(join(dir, 'glossary.json'), 'utf8')) as GlossaryEntry[];
  } catch {
    return [];
  }
}

async function readResources(dir: string): Promise<IndexResources> {
  try {
    return JSON.parse(await readFile(join(dir, 'resources.json'), 'utf8')) as IndexResources;
  } catch (error) {
    throw new IpriskError('INDEX_UNAVAILABLE', `index version in ${dir} has no readable resources.json`, {
      cause: error,
      hint: 'Run `iprisk index` to rebuild it.',
    });
  }
}

/**
 * Index versions live in DATA_DIR/index/<version>/; the file CURRENT names the one to serve.
 * Writing a version never touches the serving one, and CURRENT is replaced by rename, so a crash
 * mid-build leaves the previous version in place.
 */
export function createIndexStore(dataDir: string) {
  const root = join(dataDir, 'index');
  const currentFile = join(root, 'CURRENT');
  // Written by a rollback: starts serve CURRENT as it is instead of rebuilding from the (newer)
  // knowledge files, until an admin reloads again.
  const pinnedFile = join(root, 'PINNED');

  async function current(): Promise<string | undefined> {
    try {
      const name = (await readFile(currentFile, 'utf8')).trim();
      return name.length > 0 ? name : undefined;
    } catch {
      return undefined;
    }
  }

  async function readManifest(version: string): Promise<IndexManifest | undefined> {
    try {
      return JSON.parse(await readFile(join(root, version, 'manifest.json'), 'utf8')) as IndexManifest;
    } catch {
      return undefined;
    }
  }

  /** Writes a built version (vectors already in `store`) into its folder, atomically. */
  async function write(
    manifest: IndexManifest,
    chunks: Chunk[],
    store: HNSWLib,
    glossary: GlossaryEntry[],
    resources: IndexResources,
  ): Promise<void> {
    const dir = join(root, manifest.version);
    const staging = `${dir}.partial`;
    await rm(staging, { recursive: true, force: true });
    await mkdir(staging, { recursive: true });
    if (chunks.length > 0) await store.save(join(staging, 'vectors'));
    await writeFile(join(staging, 'chunks.json'), JSON.stringify(chunks));
    // A version carries its glossary, so a rollback serves exactly what was built.
    await writeFile(join(staging, 'glossary.json'), JSON.stringify(glossary));
    // ... and its markets, question kinds and answer cards.
    await writeFile(join(staging, 'resources.json'), JSON.stringify(resources));
    await writeFile(join(staging, 'manifest.json'), JSON.stringify(manifest, null, 2));
    await rm(dir, { recursive: true, force: true });
    await rename(staging, dir);
  }

  async function load(version: string, embeddings: EmbeddingsInterface): Promise<StoredIndex> {
    const dir = join(root, version);
    const manifest = await readManifest(version);
    if (!manifest) throw new IpriskError('INDEX_UNAVAILABLE', `index version ${version} has no manifest`);
    try {
      const chunks = JSON.parse(await readFile(join(dir, 'chunks.json'), 'utf8')) as Chunk[];
      const vectors =
        chunks.length > 0
          ? await HNSWLib.load(join(dir, 'vectors'), embeddings)
          : new HNSWLib(embeddings, { space: 'cosine', numDimensions: 1 });
      return { manifest, chunks, vectors };
    } catch (error) {
      throw new IpriskError('INDEX_UNAVAILABLE', `index version ${version} could not be read`, {
        cause: error,
        hint: 'Run `iprisk index` to rebuild it.',
      });
    }
  }

  async function activate(version: string): Promise<void> {
    await mkdir(root, { recursive: true });
    const temp = `${currentFile}.${process.pid}.tmp`;
    await writeFile(temp, `${version}\n`);
    await rename(temp, currentFile);
  }

  /** Versions, oldest first (names start with a sortable timestamp). */
  async function versions(): Promise<string[]> {
    try {
      const entries = await readdir(root, { withFileTypes: true });
      return entries
        .filter((entry) => entry.isDirectory() && !entry.name.endsWith('.partial'))
        .map((entry) => entry.name)
        .sort();
    } catch {
      return [];
    }
  }

  async function prune(keep: number): Promise<void> {
    const serving = await current();
    const all = await versions();
    const excess = all.slice(0, Math.max(0, all.length - keep)).filter((version) => version !== serving);
    for (const version of excess) await rm(join(root, version), { recursive: true, force: true });
  }

  /** Deletes a version that is not serving (a refused build). */
  async function remove(version: string): Promise<void> {
    if (version === (await current())) return;
    await rm(join(root, version), { recursive: true, force: true });
  }

  return {
    root,
    current,
    remove,
    readManifest,
    write,
    load,
    activate,
    versions,
    prune,
    glossaryOf: (version: string) => readGlossary(join(root, version)),
    resourcesOf: (version: string) => readResources(join(root, version)),
    async pin(): Promise<void> {
      await mkdir(root, { recursive: true });
      await writeFile(pinnedFile, `${new Date().toISOString()}\n`);
    },
    async unpin(): Promise<void> {
      await rm(pinnedFile, { force: true });
    },
    async pinned(): Promise<boolean> {
      return readFile(pinnedFile, 'utf8').then(
        () => true,
        () => false,
      );
    },
  };
}

export type IndexStore = ReturnType<typeof createIndexStore>;
