import type { Assistant } from '../assistant/assistant.ts';
import { percentile } from '../eval/run-eval.ts';
import { benchQuestions } from './questions.ts';

export interface AskLatency {
  questions: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

export const round2 = (n: number) => Math.round(n * 100) / 100;

/** Warm-up rounds before timing starts. */
const WARM_UP = 2;

/**
 * In-process `ask` latency over the fixed workload: `rounds` timed passes after a warm-up. Each
 * pass asks the questions in four new conversations, so every pass does the same work (history
 * changes it) and the main run and every scale measure the same thing.
 */
export async function askLatency(assistant: Assistant, rounds: number, label: string): Promise<AskLatency> {
  const latencies: number[] = [];
  for (let round = 0; round < rounds + WARM_UP; round += 1) {
    for (const [i, text] of benchQuestions.entries()) {
      const started = performance.now();
      await assistant.ask({ text, sessionId: `${label}:${round}:${i % 4}` });
      if (round >= WARM_UP) latencies.push(performance.now() - started);
    }
  }
  return {
    questions: latencies.length,
    p50Ms: round2(percentile(latencies, 50)),
    p95Ms: round2(percentile(latencies, 95)),
    maxMs: round2(Math.max(...latencies)),
  };
}
