import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { AIMessage, HumanMessage, SystemMessage } from '@langchain/core/messages';
import type { Metrics } from '../admin/metrics.ts';
import type { Turn } from '../conversation/state.ts';
import type { Chunk } from '../knowledge/chunk.ts';
import type { Logger } from '../logger.ts';
import type { Citation } from './answer.ts';
import type { Composer } from './compose.ts';
import { citationOf } from './extractive.ts';
import type { PromptTemplate } from './prompt.ts';
import { answerVerifier } from './verify-answer.ts';

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
  /** A stream that sends nothing for this long is given up (the client's timeout covers only its start). */
  streamIdleMs?: number;
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
      const verify = answerVerifier(chunks);
      let checked = '';
      try {
        const history = (input.history ?? [])
          .slice(-HISTORY_TURNS)
          .flatMap((turn: Turn) => [new HumanMessage(turn.question), new AIMessage(turn.answer)]);
        const messages = [
          new SystemMessage(
            deps.prompt.render({
              language: lang === 'zh' ? 'Simplified Chinese' : 'English',
              question,
              passages,
            }),
          ),
          ...history,
          new HumanMessage(question),
        ];
        const { text: raw, usage } = input.onDraft
          ? await streamed(deps.model, messages, deps.streamIdleMs ?? 20_000, (sofar) => {
              // Only what passes the check is shown while it is written: whole sentences, verified,
              // checked again only when another sentence is finished.
              const done = completedSentences(sofar);
              if (!done || done === checked) return;
              checked = done;
              const draft = verify(done, lang);
              if (draft.text && draft.outcome !== 'fell_back') input.onDraft?.(draft.text);
            })
          : await whole(deps.model, messages);
        deps.metrics?.inc('iprisk_llm_ms_sum', {}, performance.now() - started);
        deps.metrics?.inc('iprisk_llm_ms_count');
        if (usage) {
          deps.metrics?.inc('iprisk_llm_tokens_total', { kind: 'prompt' }, usage.input_tokens);
          deps.metrics?.inc('iprisk_llm_tokens_total', { kind: 'completion' }, usage.output_tokens);
        }
        const text = raw.trim();
        if (text.length === 0) throw new Error('empty completion');
        const verified = verify(text, lang);
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

type Usage = { input_tokens: number; output_tokens: number } | undefined;
type Messages = Parameters<BaseChatModel['invoke']>[0];

async function whole(model: BaseChatModel, messages: Messages): Promise<{ text: string; usage: Usage }> {
  const reply = await model.invoke(messages);
  return { text: typeof reply.content === 'string' ? reply.content : '', usage: reply.usage_metadata };
}

/** The answer as the model streams it; `progress` gets the whole text so far after each piece. */
async function streamed(
  model: BaseChatModel,
  messages: Messages,
  idleMs: number,
  progress: (text: string) => void,
): Promise<{ text: string; usage: Usage }> {
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const idle = () => {
    clearTimeout(timer);
    timer = setTimeout(() => abort.abort(new Error(`no stream data for ${idleMs} ms`)), idleMs);
  };
  let text = '';
  let usage: Usage;
  try {
    idle();
    for await (const chunk of await model.stream(messages, { signal: abort.signal })) {
      idle();
      if (typeof chunk.content === 'string' && chunk.content.length > 0) {
        text += chunk.content;
        progress(text);
      }
      if (chunk.usage_metadata) usage = chunk.usage_metadata;
    }
  } finally {
    clearTimeout(timer);
  }
  return { text, usage };
}

/** The text up to its last finished sentence (a draft never shows half a sentence or half a figure). */
function completedSentences(text: string): string {
  const end = Math.max(
    ...['. ', '.\n', '。', '！', '？', '! ', '? ', '\n'].map((mark) => text.lastIndexOf(mark)),
  );
  return end < 0 ? '' : text.slice(0, end + 1).trim();
}

/** The documents and sections the kept answer cites, each once. */
function citationsOf(chunks: Chunk[]): Citation[] {
  return [...new Map(chunks.map((chunk) => [`${chunk.docId}#${chunk.section}`, citationOf(chunk)])).values()];
}
