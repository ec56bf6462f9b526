import type { webApi } from '@slack/bolt';
import type { SlackMessage } from './blocks.ts';
import type { SlackDeps } from './deps.ts';
import type { StoredAnswer } from './stores.ts';

const QUESTION_MAX = 4000;

export interface Asked {
  answerId: string;
  answer: StoredAnswer;
}

/**
 * Asks the core and keeps the answer under a short id for its buttons. `userId` is Slack's user
 * id; the core sees it platform-prefixed.
 */
export async function ask(
  deps: SlackDeps,
  input: { conversationId: string; userId: string; text: string; onDraft?: (text: string) => void },
): Promise<Asked> {
  const {
    timings: _timings,
    explanation: _explanation,
    answerId = '',
    ...result
  } = await deps.service.answer(
    {
      platform: 'slack',
      conversationId: input.conversationId,
      userId: `slack:${input.userId}`,
      text: input.text,
    },
    input.onDraft ? { onDraft: input.onDraft } : {},
  );
  // The core keeps the record its buttons refer to; this copy is what is rendered now.
  const answer: StoredAnswer = {
    question: input.text.slice(0, QUESTION_MAX),
    result,
    indexVersion: deps.service.indexVersion(),
  };
  return { answerId, answer };
}

/** Posts messages in order (a long answer may be several), in a thread when `threadTs` is given. */
export async function post(
  client: webApi.WebClient,
  channel: string,
  threadTs: string | undefined,
  messages: SlackMessage[],
): Promise<string | undefined> {
  let firstTs: string | undefined;
  for (const message of messages) {
    const sent = await client.chat.postMessage({
      channel,
      text: message.text,
      blocks: message.blocks,
      ...(threadTs ? { thread_ts: threadTs } : {}),
      // Citations name documents, not links; previews of any URL in an answer would only add noise.
      unfurl_links: false,
      unfurl_media: false,
    });
    firstTs ??= sent.ts;
  }
  return firstTs;
}
