import { createExtractiveComposer } from '../answer/compose.ts';
import { createAssistant } from '../assistant/assistant.ts';
import type { ConversationState } from '../conversation/state.ts';
import { IpriskError } from '../errors.ts';
import type { EvalItem } from '../eval/eval-set.ts';
import { runEval } from '../eval/run-eval.ts';
import type { Logger } from '../logger.ts';
import type { KnowledgeIndex } from '../retrieval/knowledge-index.ts';
import { createMemoryStore } from '../sessions/memory-store.ts';

/**
 * Before a new index version is served, the eval set must still pass on it: a reload that would
 * make answers worse than the threshold is refused and the old version keeps serving.
 */
/** The eval's figures on one index version, as the console shows them. */
export interface SmokeResult {
  version: string;
  at: string;
  hit: { rate: number; passed: number; total: number };
  abstain: { rate: number; passed: number; total: number };
  passed: boolean;
}

export interface SmokeCheck {
  (index: KnowledgeIndex): Promise<void>;
  /** The result on a version checked by this process (at most the last few). */
  resultFor(version: string): SmokeResult | undefined;
}

const KEEP_RESULTS = 10;

export function createSmokeCheck(
  items: EvalItem[],
  floors: { hit: number; abstain: number },
  logger: Logger,
): SmokeCheck {
  const results = new Map<string, SmokeResult>();
  const check = async (index: KnowledgeIndex): Promise<void> => {
    const assistant = createAssistant({
      getIndex: () => index,
      sessions: createMemoryStore<ConversationState>(),
      sessionTtlSeconds: 600,
      composer: createExtractiveComposer(),
      logger,
    });
    const summary = await runEval(assistant, items);
    const passed = summary.hit.rate >= floors.hit && summary.abstain.rate >= floors.abstain;
    results.set(index.manifest.version, {
      version: index.manifest.version,
      at: new Date().toISOString(),
      hit: summary.hit,
      abstain: summary.abstain,
      passed,
    });
    for (const old of [...results.keys()].slice(0, Math.max(0, results.size - KEEP_RESULTS)))
      results.delete(old);
    if (!passed) {
      throw new IpriskError(
        'KNOWLEDGE_INVALID',
        `smoke check failed on ${index.manifest.version}: hit ${summary.hit.rate.toFixed(2)} (need ${floors.hit}), abstain ${summary.abstain.rate.toFixed(2)} (need ${floors.abstain})`,
        {
          hint: 'The previous version keeps serving. Check the changed documents, or lower RELOAD_SMOKE_MIN_HIT / RELOAD_SMOKE_MIN_ABSTAIN.',
        },
      );
    }
  };
  return Object.assign(check, { resultFor: (version: string) => results.get(version) });
}
