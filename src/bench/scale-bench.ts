import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createExtractiveComposer } from '../answer/compose.ts';
import { createAssistant } from '../assistant/assistant.ts';
import type { Config } from '../config/config.ts';
import type { ConversationState } from '../conversation/state.ts';
import type { Logger } from '../logger.ts';
import { embedderFor } from '../retrieval/embedder.ts';
import { openIndex } from '../retrieval/index-builder.ts';
import { createIndexCache } from '../retrieval/index-cache.ts';
import { createIndexStore } from '../retrieval/index-store.ts';
import { createMemoryStore } from '../sessions/memory-store.ts';
import { askLatency } from './ask-latency.ts';

export interface ScaleResult {
  scale: number;
  documents: number;
  chunks: number;
  fullBuildMs: number;
  oneDocumentReloadMs: number;
  reembedded: number;
  askP50Ms: number;
  askP95Ms: number;
  rssMb: number;
  heapMb: number;
}

/**
 * Copies the knowledge `scale` times: the first copy as it is (its cards keep their documents),
 * the others under new ids, so a larger corpus has realistic text and the same questions.
 */
async function syntheticCopy(source: string, target: string, scale: number): Promise<string> {
  let firstFile = '';
  for (const entry of await readdir(source, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const dir = join(source, entry.name);
    const files = (await readdir(dir)).filter((name) => name.endsWith('.md'));
    if (files.length === 0) {
      // Cards, glossary and data files: once.
      await cp(dir, join(target, entry.name), { recursive: true });
      continue;
    }
    for (const file of files) {
      const text = await readFile(join(dir, file), 'utf8');
      for (let copy = 0; copy < scale; copy += 1) {
        const folder = join(target, entry.name, `copy${copy}`);
        await mkdir(folder, { recursive: true });
        const out = join(folder, file);
        await writeFile(out, copy === 0 ? text : text.replace(/^id: (.*)$/mu, `id: $1-copy${copy}`));
        if (copy === scale - 1) firstFile ||= out;
      }
    }
  }
  return firstFile;
}

const ROUNDS = 10;

/**
 * One scale, in this process: full build, in-process ask latency on the built index (after a
 * warm-up), then a reload after one document changed. Memory is this process's.
 */
export async function runScale(config: Config, logger: Logger, scale: number): Promise<ScaleResult> {
  const work = await mkdtemp(join(tmpdir(), 'iprisk-scale-bench-'));
  try {
    const knowledgeDir = join(work, 'knowledge');
    const changed = await syntheticCopy(config.KNOWLEDGE_DIR, knowledgeDir, scale);
    const deps = {
      knowledgeDir,
      store: createIndexStore(join(work, 'data')),
      embedder: embedderFor(config),
      cache: createIndexCache(),
    };
    let started = performance.now();
    const built = await openIndex(deps);
    const fullBuildMs = Math.round(performance.now() - started);

    const assistant = createAssistant({
      getIndex: () => built.index,
      sessions: createMemoryStore<ConversationState>(),
      sessionTtlSeconds: 600,
      composer: createExtractiveComposer(),
      logger,
    });
    // Four conversations per round, new each round.
    const ask = await askLatency(assistant, ROUNDS, 'scale');

    await writeFile(
      changed,
      `${await readFile(changed, 'utf8')}\n\nA sentence added for the reload benchmark.\n`,
    );
    started = performance.now();
    const second = await openIndex(deps);
    const oneDocumentReloadMs = Math.round(performance.now() - started);
    const memory = process.memoryUsage();
    return {
      scale,
      documents: second.report.documents,
      chunks: second.report.chunks,
      fullBuildMs,
      oneDocumentReloadMs,
      reembedded: second.report.embedded,
      askP50Ms: ask.p50Ms,
      askP95Ms: ask.p95Ms,
      // The peak: a reload holds the serving index and the new one at once.
      rssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      heapMb: Math.round(memory.heapUsed / 2 ** 20),
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

const cli = fileURLToPath(new URL('../../bin/iprisk.js', import.meta.url));

/** Each scale in its own process, so one scale's memory does not count against the next. */
export async function runScales(scales: number[], env?: NodeJS.ProcessEnv): Promise<ScaleResult[]> {
  const results: ScaleResult[] = [];
  for (const scale of scales) {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--max-old-space-size=8192', cli, 'bench', '--scale', String(scale), '--json'],
      // Without an explicit environment the child inherits this process's.
      { ...(env ? { env } : {}), maxBuffer: 1 << 20 },
    );
    results.push(JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as ScaleResult);
  }
  return results;
}

export function formatScales(results: ScaleResult[]): string {
  const header = 'scale  documents  chunks   full build  1-doc reload  ask p50  ask p95  rss MB  heap MB';
  const rows = results.map(
    (r) =>
      `${`${r.scale}×`.padEnd(6)} ${String(r.documents).padStart(9)}  ${String(r.chunks).padStart(6)}  ${`${(r.fullBuildMs / 1000).toFixed(1)} s`.padStart(10)}  ${`${(r.oneDocumentReloadMs / 1000).toFixed(2)} s`.padStart(12)}  ${`${r.askP50Ms} ms`.padStart(7)}  ${`${r.askP95Ms} ms`.padStart(7)}  ${String(r.rssMb).padStart(6)}  ${String(r.heapMb).padStart(7)}`,
  );
  return [header, ...rows].join('\n');
}
