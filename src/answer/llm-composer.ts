import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { AIMessage, HumanMessage, SystemMessage } from '@langchain/core/messages';
import type { Metrics } from '../admin/metrics.ts';
import type { Turn } from '../conversation/state.ts';
import type { Logger } from '../logger.ts';
import type { Citation } from './answer.ts';
import type { Composer } from './compose.ts';
import type { PromptTemplate } from './prompt.ts';
import { verifyAnswer } from './verify-answer.ts';

/** The turns of the conversation the model sees before the question (the rest stay out of the prompt). */
export const HISTORY_TURNS = 3;

/**
 * LLM mode: a chat model writes the answer from the retrieved passages, and nothing it writes
 * reaches the user unchecked: citations must name a passage it was given, every figure must be
 * stated by a cited passage, and the answer must be in the question's language (verifyAnswer).
 * What fails the check is repaired or replaced by the extractive answer, as is an outage, so a
 * question is never lost. Outcomes, tokens and latency are counted in /metrics.
 */
export function createLlmComposer(deps: {
  model: BaseChatModel;
  prompt: PromptTemplate;
  fallback: Composer;
  logger: Logger;
  metrics?: Metrics;
}): Composer {
  const count = (outcome: string) => deps.metrics?.inc('iprisk_llm_answers_total', { outcome });
  return {
    name: 'llm',
    async compose(input) {
      const { evidence, lang, question } = input;
      const chunks = [...new Map(evidence.sentences.map((s) => [s.chunk.id, s.chunk])).values()];
      const passages = chunks
        .map((chunk, i) => `[${i + 1}] ${chunk.title} — ${chunk.section}\n${chunk.text}`)
        .join('\n\n');
      const started = performance.now();
      try {
        const history = (input.history ?? [])
          .slice(-HISTORY_TURNS)
          .flatMap((turn: Turn) => [new HumanMessage(turn.question), new AIMessage(turn.answer)]);
        const reply = await deps.model.invoke([
          new SystemMessage(
            deps.prompt.render({
              language: lang === 'zh' ? 'Simplified Chinese' : 'English',
              question,
              passages,
            }),
          ),
          ...history,
          new HumanMessage(question),
        ]);
        deps.metrics?.inc('iprisk_llm_ms_sum', {}, performance.now() - started);
        deps.metrics?.inc('iprisk_llm_ms_count');
        const usage = reply.usage_metadata;
        if (usage) {
          deps.metrics?.inc('iprisk_llm_tokens_total', { kind: 'prompt' }, usage.input_tokens);
          deps.metrics?.inc('iprisk_llm_tokens_total', { kind: 'completion' }, usage.output_tokens);
        }
        const text = typeof reply.content === 'string' ? reply.content.trim() : '';
        if (text.length === 0) throw new Error('empty completion');
        const verified = verifyAnswer(text, chunks, lang);
        count(verified.outcome);
        if (verified.outcome !== 'verified')
          deps.logger.info({ outcome: verified.outcome, notes: verified.notes }, 'LLM answer failed a check');
        if (verified.outcome === 'fell_back' || !verified.text) return deps.fallback.compose(input);
        const citations = citationsOf(
          verified.cited.map((n) => chunks[n - 1]).filter((c) => c !== undefined),
        );
        return {
          lead: verified.text,
          steps: [],
          suggestAssistance: input.suggestAssistance,
          citations: citations.length > 0 ? citations : evidence.citations,
        };
      } catch (error) {
        count('fell_back');
        deps.logger.warn({ err: (error as Error).message }, 'LLM answer failed; using the extractive answer');
        return deps.fallback.compose(input);
      }
    },
  };
}

/** The documents and sections the kept answer cites, each once. */
function citationsOf(
  chunks: Array<{ docId: string; title: string; collection: Citation['collection']; section: string }>,
): Citation[] {
  const seen = new Map<string, Citation>();
  for (const chunk of chunks)
    seen.set(`${chunk.docId}#${chunk.section}`, {
      id: chunk.docId,
      title: chunk.title,
      collection: chunk.collection,
      section: chunk.section,
    });
  return [...seen.values()];
}
