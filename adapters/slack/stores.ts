import type { AnswerRecord } from '../../src/service/service.ts';
import { createMemoryStore } from '../../src/sessions/memory-store.ts';
import { createRedisStore, type RedisClient } from '../../src/sessions/redis-store.ts';
import type { SessionStore } from '../../src/sessions/session-store.ts';
import type { Lang } from '../../src/text/lang.ts';
import type { TicketInput } from '../../src/triage/ticket.ts';

/** Long enough to vote on or share an answer the next working week; then it is gone. */

/**
 * An answer the bot gave, kept so its buttons (👍/👎, share, assistance) can refer to it by a
 * short id: Slack caps a button value at 2000 characters and it is visible to the client.
 */
/** An answer as the core keeps it for its buttons. */
export type StoredAnswer = AnswerRecord;

/** An hour to check the summary (or go back and fix a field) is plenty; then the draft goes. */
export const DRAFT_TTL_SECONDS = 3600;

/** A requester may answer the experts weeks later; the message's thread stays linked this long. */
export const TICKET_MESSAGE_TTL_SECONDS = 180 * 24 * 3600;

/**
 * An intake form between "Next" and "Submit": the checked input, kept server-side because a
 * description alone can exceed Slack's 3000-character private_metadata.
 */
export interface IntakeDraft {
  userId: string;
  lang: Lang;
  input: TicketInput;
}

export interface SlackStores {
  /** Threads the bot answered in (`<channel>:<thread ts>`): later replies there continue the session. */
  threads: SessionStore<true>;
  drafts: SessionStore<IntakeDraft>;
  /**
   * The bot's messages to a requester about a ticket (`<DM channel>:<ts>` → ticket id): a reply
   * in their thread goes to the experts instead of being answered as a question.
   */
  ticketMessages: SessionStore<string>;
}

/**
 * Redis when the service has it, so every instance sees the same threads and answers. Thread
 * links and stored answers are what an answer can go without while Redis is away; votes and
 * drafts must be kept, so they fail loudly instead.
 */
export function createSlackStores(
  redis: RedisClient | undefined,
  shared?: <T>(namespace: string, mode: 'tolerant' | 'strict') => SessionStore<T>,
): SlackStores {
  const store = <T>(namespace: string, mode: 'tolerant' | 'strict'): SessionStore<T> =>
    shared
      ? shared<T>(namespace, mode)
      : redis
        ? createRedisStore<T>(redis, namespace)
        : createMemoryStore<T>();
  return {
    threads: store('slack-thread', 'tolerant'),
    drafts: store('slack-draft', 'strict'),
    ticketMessages: store('slack-ticket-message', 'tolerant'),
  };
}

export const threadKey = (channel: string, threadTs: string) => `${channel}:${threadTs}`;
