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
export function createSmokeCheck(
  items: EvalItem[],
  floors: { hit: number; abstain: number },
  logger: Logger,
) {
  return async (index: KnowledgeIndex): Promise<void> => {
    const assistant = createAssistant({
      getIndex: () => index,
      sessions: createMemoryStore<ConversationState>(),
      sessionTtlSeconds: 600,
      composer: createExtractiveComposer(),
      logger,
    });
    const summary = await runEval(assistant, items);
    if (summary.hit.rate < floors.hit || summary.abstain.rate < floors.abstain) {
      throw new IpriskError(
        'KNOWLEDGE_INVALID',
        `smoke check failed on ${index.manifest.version}: hit ${summary.hit.rate.toFixed(2)} (need ${floors.hit}), abstain ${summary.abstain.rate.toFixed(2)} (need ${floors.abstain})`,
        {
          hint: 'The previous version keeps serving. Check the changed documents, or lower RELOAD_SMOKE_MIN_HIT / RELOAD_SMOKE_MIN_ABSTAIN.',
        },
      );
    }
  };
}
