import { randomUUID } from 'node:crypto';
import type { AnswerResult } from '../answer/answer.ts';
import type { Assistant } from '../assistant/assistant.ts';
import { compactForMatch } from '../text/normalize.ts';
import type { EvalItem } from './eval-set.ts';

export interface EvalOutcome {
  item: EvalItem;
  passed: boolean;
  result: AnswerResult;
}

export interface EvalSummary {
  hit: { rate: number; passed: number; total: number };
  abstain: { rate: number; passed: number; total: number };
  p50: number;
  p95: number;
  failures: EvalOutcome[];
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? 0;
}

/** The rule of the eval format: any expected string occurs after NFKC, lower case, no spaces. */
export function answerMatches(answer: string, expect: string[]): boolean {
  const haystack = compactForMatch(answer);
  return expect.some((needle) => haystack.includes(compactForMatch(needle)));
}

export async function runEval(assistant: Assistant, items: EvalItem[]): Promise<EvalSummary> {
  const outcomes: EvalOutcome[] = [];
  const latencies: number[] = [];
  for (const item of items) {
    const sessionId = `eval:${item.id}:${randomUUID()}`;
    const turns = item.turns ?? [item.question ?? ''];
    let result: AnswerResult | undefined;
    for (const turn of turns) {
      result = await assistant.ask({ text: turn, sessionId });
      latencies.push(result.timings.totalMs);
    }
    await assistant.reset(sessionId);
    if (!result) continue;
    const passed = item.abstain
      ? result.abstained
      : !result.abstained && answerMatches(result.answer, item.expect ?? []);
    outcomes.push({ item, passed, result });
  }
  const tally = (list: EvalOutcome[]) => {
    const passed = list.filter((o) => o.passed).length;
    return { rate: list.length === 0 ? 1 : passed / list.length, passed, total: list.length };
  };
  return {
    hit: tally(outcomes.filter((o) => !o.item.abstain)),
    abstain: tally(outcomes.filter((o) => o.item.abstain)),
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    failures: outcomes.filter((o) => !o.passed),
  };
}

export function summaryLine(summary: EvalSummary): string {
  const f = (n: number) => n.toFixed(2);
  return `eval: hit=${f(summary.hit.rate)} (${summary.hit.passed}/${summary.hit.total}) abstain=${f(summary.abstain.rate)} (${summary.abstain.passed}/${summary.abstain.total}) p50=${summary.p50.toFixed(1)}ms p95=${summary.p95.toFixed(1)}ms`;
}
