import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { Logger } from '../logger.ts';
import type { Composer } from './compose.ts';
import type { PromptTemplate } from './prompt.ts';

/**
 * LLM mode: a chat model writes the answer from the retrieved passages. Citations are still ours
 * (the passages it was given), and if the model fails or times out the extractive answer is
 * returned instead, so a question is never lost to an outage.
 */
export function createLlmComposer(deps: {
  model: BaseChatModel;
  prompt: PromptTemplate;
  fallback: Composer;
  logger: Logger;
}): Composer {
  return {
    name: 'llm',
    async compose(input) {
      const { evidence, lang, question } = input;
      const passages = [...new Map(evidence.sentences.map((s) => [s.chunk.id, s.chunk])).values()]
        .map((chunk, i) => `[${i + 1}] ${chunk.title} — ${chunk.section}\n${chunk.text}`)
        .join('\n\n');
      try {
        const reply = await deps.model.invoke(
          deps.prompt.render({
            language: lang === 'zh' ? 'Simplified Chinese' : 'English',
            question,
            passages,
          }),
        );
        const text = typeof reply.content === 'string' ? reply.content.trim() : '';
        if (text.length === 0) throw new Error('empty completion');
        return {
          lead: text,
          steps: [],
          suggestAssistance: input.suggestAssistance,
          citations: evidence.citations,
        };
      } catch (error) {
        deps.logger.warn({ err: (error as Error).message }, 'LLM answer failed; using the extractive answer');
        return deps.fallback.compose(input);
      }
    },
  };
}
