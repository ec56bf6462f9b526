import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../config/config.ts';
import { embedderFor } from '../retrieval/embedder.ts';
import { openIndex } from '../retrieval/index-builder.ts';
import { createIndexStore } from '../retrieval/index-store.ts';

export interface ReloadBenchResult {
  scale: number;
  documents: number;
  chunks: number;
  fullBuildMs: number;
  oneDocumentReloadMs: number;
  reembedded: number;
  rssMb: number;
}

/** Copies the knowledge `scale` times under new ids, so a synthetic corpus has realistic text. */
async function syntheticCopy(source: string, target: string, scale: number): Promise<string> {
  await cp(join(source, 'glossary'), join(target, 'glossary'), { recursive: true }).catch(() => undefined);
  let firstFile = '';
  for (const collection of await readdir(source, { withFileTypes: true })) {
    if (!collection.isDirectory() || collection.name === 'glossary') continue;
    const dir = join(source, collection.name);
    for (const file of (await readdir(dir)).filter((name) => name.endsWith('.md'))) {
      const text = await readFile(join(dir, file), 'utf8');
      for (let copy = 0; copy < scale; copy += 1) {
        const out = join(target, collection.name, `copy${copy}`, file);
        await mkdir(join(target, collection.name, `copy${copy}`), { recursive: true });
        await writeFile(out, scale === 1 ? text : text.replace(/^id: (.*)$/mu, `id: $1-copy${copy}`));
        firstFile ||= out;
      }
    }
  }
  return firstFile;
}

/** Full build, then a reload after one document changed, on the knowledge copied `scale` times. */
export async function runReloadBench(config: Config, scale: number): Promise<ReloadBenchResult> {
  const work = await mkdtemp(join(tmpdir(), 'iprisk-reload-bench-'));
  try {
    const knowledgeDir = join(work, 'knowledge');
    const changed = await syntheticCopy(config.KNOWLEDGE_DIR, knowledgeDir, scale);
    const deps = { knowledgeDir, store: createIndexStore(join(work, 'data')), embedder: embedderFor(config) };
    let started = performance.now();
    await openIndex(deps);
    const fullBuildMs = Math.round(performance.now() - started);
    await writeFile(
      changed,
      `${await readFile(changed, 'utf8')}\n\nA sentence added for the reload benchmark.\n`,
    );
    started = performance.now();
    const second = await openIndex(deps);
    return {
      scale,
      documents: second.report.documents,
      chunks: second.report.chunks,
      fullBuildMs,
      oneDocumentReloadMs: Math.round(performance.now() - started),
      reembedded: second.report.embedded,
      rssMb: Math.round(process.memoryUsage().rss / 2 ** 20),
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
