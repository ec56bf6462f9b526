import { randomUUID } from 'node:crypto';
import { type RedisClient, redisCall } from './redis-store.ts';
import type { StoreHealth } from './store-health.ts';
import { unlessStoreDown } from './tolerant-store.ts';

/** Runs a task while holding a conversation's lock, shared by every instance. */
export type ConversationLock = <T>(conversation: string, task: () => Promise<T>) => Promise<T>;

const HOLD_MS = 15_000;
const WAIT_MS = 10_000;
const POLL_MS = 20;
const RELEASE =
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

/**
 * A short Redis lock per conversation, so two instances answering one chat take turns. It expires
 * on its own if an instance dies holding it; while Redis is away the task runs unlocked (this
 * instance's queue still orders its own messages).
 */
export function createRedisConversationLock(redis: RedisClient, health: StoreHealth): ConversationLock {
  return async (conversation, task) => {
    const key = `iprisk:lock:conversation:${conversation}`;
    const token = randomUUID();
    const acquire = async () => {
      const deadline = Date.now() + WAIT_MS;
      while (Date.now() < deadline) {
        if ((await redisCall(() => redis.set(key, token, { NX: true, PX: HOLD_MS }))) === 'OK') return true;
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
      return false;
    };
    const held = await unlessStoreDown(acquire(), false, health);
    try {
      return await task();
    } finally {
      if (held) await redis.eval(RELEASE, { keys: [key], arguments: [token] }).catch(() => undefined);
    }
  };
}
