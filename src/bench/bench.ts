import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../config/config.ts';
import { createCore } from '../core.ts';
import { percentile } from '../eval/run-eval.ts';
import type { Logger } from '../logger.ts';
import { benchQuestions } from './questions.ts';

export interface BenchResult {
  index: { buildMs: number; loadMs: number; documents: number; chunks: number };
  ask: { questions: number; p50Ms: number; p95Ms: number; maxMs: number };
  memory: { rssMb: number; heapUsedMb: number };
}

/**
 * Measures what the targets name: a full index build of the configured knowledge (in a temporary
 * DATA_DIR, so the serving index is untouched), a reload of that index, and in-process `ask`
 * latency over a fixed workload after a warm-up.
 */
export async function runBench(config: Config, logger: Logger, rounds = 20): Promise<BenchResult> {
  const dataDir = await mkdtemp(join(tmpdir(), 'iprisk-bench-'));
  try {
    const benchConfig = { ...config, DATA_DIR: dataDir, REDIS_URL: undefined };
    const built = await createCore(benchConfig, logger);
    await built.close();
    const loadStarted = performance.now();
    const core = await createCore(benchConfig, logger);
    const loadMs = performance.now() - loadStarted;
    const latencies: number[] = [];
    for (let round = 0; round < rounds + 2; round += 1) {
      for (const [i, text] of benchQuestions.entries()) {
        const started = performance.now();
        await core.assistant.ask({ text, sessionId: `bench:${i % 4}` });
        if (round >= 2) latencies.push(performance.now() - started);
      }
    }
    await core.close();
    const memory = process.memoryUsage();
    const round1 = (n: number) => Math.round(n * 100) / 100;
    return {
      index: {
        buildMs: built.buildReport.ms,
        loadMs: Math.round(loadMs),
        documents: built.buildReport.documents,
        chunks: built.buildReport.chunks,
      },
      ask: {
        questions: latencies.length,
        p50Ms: round1(percentile(latencies, 50)),
        p95Ms: round1(percentile(latencies, 95)),
        maxMs: round1(Math.max(...latencies)),
      },
      memory: { rssMb: Math.round(memory.rss / 2 ** 20), heapUsedMb: Math.round(memory.heapUsed / 2 ** 20) },
    };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

export function formatBench(result: BenchResult): string {
  return [
    `index: build ${result.index.buildMs} ms, load ${result.index.loadMs} ms (${result.index.documents} documents, ${result.index.chunks} chunks)`,
    `ask:   p50 ${result.ask.p50Ms} ms, p95 ${result.ask.p95Ms} ms, max ${result.ask.maxMs} ms over ${result.ask.questions} questions (target p95 < 20 ms)`,
    `memory: rss ${result.memory.rssMb} MB, heap ${result.memory.heapUsedMb} MB`,
  ].join('\n');
}
