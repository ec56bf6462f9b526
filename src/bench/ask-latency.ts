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
 * In-process `ask` latency over the fixed workload: `rounds` timed passes after a warm-up.
 * `sessionOf` says which conversation each question is asked in (history changes the work).
 */
export async function askLatency(
  assistant: Assistant,
  rounds: number,
  sessionOf: (round: number, question: number) => string,
): Promise<AskLatency> {
  const latencies: number[] = [];
  for (let round = 0; round < rounds + WARM_UP; round += 1) {
    for (const [i, text] of benchQuestions.entries()) {
      const started = performance.now();
      await assistant.ask({ text, sessionId: sessionOf(round, i) });
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
