import type { AnswerResult } from '../../src/answer/answer.ts';
import { createMemoryStore } from '../../src/sessions/memory-store.ts';
import { createRedisStore, type RedisClient } from '../../src/sessions/redis-store.ts';
import type { SessionStore } from '../../src/sessions/session-store.ts';

/** Long enough to vote on or share an answer the next working week; then it is gone. */
export const ANSWER_TTL_SECONDS = 7 * 24 * 3600;

/**
 * An answer the bot gave, kept so its buttons (👍/👎, share, assistance) can refer to it by a
 * short id: Slack caps a button value at 2000 characters and it is visible to the client.
 */
export interface StoredAnswer {
  question: string;
  result: Omit<AnswerResult, 'timings'>;
  indexVersion: string;
}

export interface SlackStores {
  /** Threads the bot answered in (`<channel>:<thread ts>`): later replies there continue the session. */
  threads: SessionStore<true>;
  answers: SessionStore<StoredAnswer>;
  /** One vote per user and answer (`<answer id>:<user>`), so a double click is not counted twice. */
  votes: SessionStore<'up' | 'down'>;
}

/** Redis when the service has it, so every instance sees the same threads and answers. */
export function createSlackStores(redis: RedisClient | undefined): SlackStores {
  const store = <T>(namespace: string): SessionStore<T> =>
    redis ? createRedisStore<T>(redis, namespace) : createMemoryStore<T>();
  return {
    threads: store('slack-thread'),
    answers: store('slack-answer'),
    votes: store('slack-vote'),
  };
}

export const threadKey = (channel: string, threadTs: string) => `${channel}:${threadTs}`;
