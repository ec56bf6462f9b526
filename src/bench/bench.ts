import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../config/config.ts';
import { createCore } from '../core.ts';
import type { EvalItem } from '../eval/eval-set.ts';
import type { Logger } from '../logger.ts';
import { type AskLatency, askLatency } from './ask-latency.ts';
import { formatPeers, type PeerBenchResult, runPeerBench } from './peer-bench.ts';
import { formatScales, type ScaleResult } from './scale-bench.ts';

export interface BenchResult {
  machine: { cpu: string; cores: number; memoryGb: number; node: string };
  index: { buildMs: number; loadMs: number; documents: number; chunks: number };
  ask: AskLatency;
  memory: { rssMb: number; heapUsedMb: number };
  peers?: PeerBenchResult;
  scales?: ScaleResult[];
}

export function machine(): BenchResult['machine'] {
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  };
}

/**
 * Measures what the targets name: a full index build of the configured knowledge (in a temporary
 * DATA_DIR, so the serving index is untouched), a reload of that index, in-process `ask` latency
 * over a fixed workload after a warm-up, and, given labelled eval items, the peer retrievers.
 */
export async function runBench(
  config: Config,
  logger: Logger,
  options: { rounds?: number; items?: EvalItem[] } = {},
): Promise<BenchResult> {
  const rounds = options.rounds ?? 20;
  const dataDir = await mkdtemp(join(tmpdir(), 'iprisk-bench-'));
  try {
    const benchConfig = { ...config, DATA_DIR: dataDir, REDIS_URL: undefined };
    const built = await createCore(benchConfig, logger);
    await built.close();
    const loadStarted = performance.now();
    const core = await createCore(benchConfig, logger);
    const loadMs = performance.now() - loadStarted;
    // Four conversations that go on across rounds: questions are asked with history.
    const ask = await askLatency(core.assistant, rounds, 'bench');
    const memory = process.memoryUsage();
    const peers = options.items
      ? await runPeerBench(core.index.get(), core.assistant, options.items)
      : undefined;
    await core.close();
    return {
      machine: machine(),
      index: {
        buildMs: built.buildReport.ms,
        loadMs: Math.round(loadMs),
        documents: built.buildReport.documents,
        chunks: built.buildReport.chunks,
      },
      ask,
      memory: { rssMb: Math.round(memory.rss / 2 ** 20), heapUsedMb: Math.round(memory.heapUsed / 2 ** 20) },
      ...(peers ? { peers } : {}),
    };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

export function formatBench(result: BenchResult): string {
  const m = result.machine;
  return [
    `machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB, Node ${m.node}`,
    `index: build ${result.index.buildMs} ms, load ${result.index.loadMs} ms (${result.index.documents} documents, ${result.index.chunks} chunks)`,
    `ask:   p50 ${result.ask.p50Ms} ms, p95 ${result.ask.p95Ms} ms, max ${result.ask.maxMs} ms over ${result.ask.questions} questions (target p95 ≤ 5 ms)`,
    `memory: rss ${result.memory.rssMb} MB, heap ${result.memory.heapUsedMb} MB`,
    ...(result.peers ? ['', formatPeers(result.peers)] : []),
    ...(result.scales ? ['', formatScales(result.scales)] : []),
  ].join('\n');
}
