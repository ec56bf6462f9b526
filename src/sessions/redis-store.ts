import type { createClient } from 'redis';
import { IpriskError } from '../errors.ts';
import type { SessionStore } from './session-store.ts';

export type RedisClient = ReturnType<typeof createClient>;

/**
 * Runs a Redis call, turning a connection failure into STORE_UNAVAILABLE so each adapter's error
 * boundary can tell the user plainly that something could not be saved.
 */
export async function redisCall<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw new IpriskError('STORE_UNAVAILABLE', 'Redis did not answer', {
      cause: error,
      hint: 'Check that Redis is running and REDIS_URL points at it.',
    });
  }
}

/** Every key carries the product prefix and a TTL, so nothing lingers without a reason. */
export function createRedisStore<T>(client: RedisClient, namespace: string): SessionStore<T> {
  const full = (key: string) => `iprisk:${namespace}:${key}`;
  return {
    async get(key) {
      const raw = await redisCall(() => client.get(full(key)));
      return typeof raw === 'string' ? (JSON.parse(raw) as T) : undefined;
    },
    async set(key, value, ttlSeconds) {
      await redisCall(() => client.set(full(key), JSON.stringify(value), { EX: ttlSeconds }));
    },
    async delete(key) {
      await redisCall(() => client.del(full(key)));
    },
    async setIfAbsent(key, value, ttlSeconds) {
      const result = await redisCall(() =>
        client.set(full(key), JSON.stringify(value), { EX: ttlSeconds, NX: true }),
      );
      return result === 'OK';
    },
  };
}
