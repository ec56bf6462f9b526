import type { Assistant } from '../assistant/assistant.ts';
import type { EvalItem } from '../eval/eval-set.ts';
import { percentile, runEval } from '../eval/run-eval.ts';
import type { KnowledgeIndex } from '../retrieval/knowledge-index.ts';
import { round2 } from './ask-latency.ts';
import { type BenchQuestion, benchRetrievers } from './retrievers.ts';

export interface RetrieverScore {
  name: string;
  /** Share of questions whose answering document ranks first, in the top three; mean reciprocal rank. */
  hit1: number;
  hit3: number;
  mrr: number;
  p50Ms: number;
  p95Ms: number;
}

export interface PeerBenchResult {
  questions: number;
  retrievers: RetrieverScore[];
  /** iprisk's answers that contain the expected fact (the eval's own check). */
  answerHit: number;
}

const DEPTH = 10;
const WARM_UP = 20;

const round3 = (n: number) => Math.round(n * 1000) / 1000;

function questionOf(item: EvalItem): BenchQuestion {
  const turns = item.turns ?? [item.question ?? ''];
  return { id: item.id, text: turns[turns.length - 1] ?? '', turns: turns.slice(0, -1) };
}

/**
 * Quality and speed of each retrieval stack on the eval items that name the document answering
 * them (`sources`): hit@1, hit@3 and MRR over documents, p50/p95 per search after a warm-up.
 */
export async function runPeerBench(
  index: KnowledgeIndex,
  assistant: Assistant,
  items: EvalItem[],
): Promise<PeerBenchResult> {
  const labelled = items.filter((item) => item.sources && item.expect);
  const retrievers = await benchRetrievers(index, assistant);
  const scores: RetrieverScore[] = [];
  for (const retriever of retrievers) {
    for (const item of labelled.slice(0, WARM_UP)) await retriever.search(questionOf(item), DEPTH);
    let hit1 = 0;
    let hit3 = 0;
    let mrr = 0;
    const times: number[] = [];
    for (const item of labelled) {
      const question = questionOf(item);
      const started = performance.now();
      const ranked = await retriever.search(question, DEPTH);
      // A follow-up's earlier turns are not the search being timed.
      if (question.turns.length === 0) times.push(performance.now() - started);
      const wanted = new Set(item.sources?.map((source) => source.doc));
      const rank = ranked.findIndex((doc) => wanted.has(doc));
      if (rank === 0) hit1 += 1;
      if (rank >= 0 && rank < 3) hit3 += 1;
      if (rank >= 0) mrr += 1 / (rank + 1);
    }
    const n = Math.max(1, labelled.length);
    scores.push({
      name: retriever.name,
      hit1: round3(hit1 / n),
      hit3: round3(hit3 / n),
      mrr: round3(mrr / n),
      p50Ms: round2(percentile(times, 50)),
      p95Ms: round2(percentile(times, 95)),
    });
  }
  const answers = await runEval(assistant, labelled);
  return { questions: labelled.length, retrievers: scores, answerHit: round3(answers.hit.rate) };
}

export function formatPeers(result: PeerBenchResult): string {
  const header = `retriever                       hit@1  hit@3  MRR    p50 ms  p95 ms   (${result.questions} labelled questions)`;
  const rows = result.retrievers.map(
    (r) =>
      `${r.name.padEnd(31)} ${r.hit1.toFixed(3)}  ${r.hit3.toFixed(3)}  ${r.mrr.toFixed(3)}  ${r.p50Ms.toFixed(2).padStart(6)}  ${r.p95Ms.toFixed(2).padStart(6)}`,
  );
  return [
    header,
    ...rows,
    `iprisk answer-level hit (expected fact in the answer): ${result.answerHit.toFixed(3)}`,
  ].join('\n');
}
