import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { Metrics } from '../admin/metrics.ts';
import type { Turn } from '../conversation/state.ts';
import type { Logger } from '../logger.ts';
import type { PromptTemplate } from './prompt.ts';

/** Rewrites a follow-up ("And in Japan?") into a standalone question before retrieval. */
export interface QuestionRewriter {
  /** The standalone question, or undefined when the model is unavailable (the offline reading stays). */
  rewrite(question: string, turns: Turn[]): Promise<string | undefined>;
}

const REWRITE_TURNS = 3;
const MAX_LENGTH = 500;

export function createLlmRewriter(deps: {
  model: BaseChatModel;
  prompt: PromptTemplate<'history' | 'question'>;
  logger: Logger;
  metrics?: Metrics;
}): QuestionRewriter {
  return {
    async rewrite(question, turns) {
      const history = turns
        .slice(-REWRITE_TURNS)
        .map((turn) => `User: ${turn.question}\nAssistant: ${turn.answer.split('\n')[0] ?? ''}`)
        .join('\n');
      try {
        const reply = await deps.model.invoke(deps.prompt.render({ history, question }));
        const text = typeof reply.content === 'string' ? reply.content.trim().split('\n')[0]?.trim() : '';
        deps.metrics?.inc('iprisk_llm_rewrites_total', { outcome: text ? 'rewritten' : 'empty' });
        return text && text.length <= MAX_LENGTH ? text : undefined;
      } catch (error) {
        deps.metrics?.inc('iprisk_llm_rewrites_total', { outcome: 'failed' });
        deps.logger.warn({ err: (error as Error).message }, 'follow-up rewrite failed; reading it offline');
        return undefined;
      }
    },
  };
}
