import type { createClient } from 'redis';
import { IpriskError } from '../errors.ts';
import type { SessionStore } from './session-store.ts';

export type RedisClient = ReturnType<typeof createClient>;

/** Every key carries the product prefix and a TTL, so nothing lingers without a reason. */
export function createRedisStore<T>(client: RedisClient, namespace: string): SessionStore<T> {
  const full = (key: string) => `iprisk:${namespace}:${key}`;
  const guard = async <R>(operation: () => Promise<R>): Promise<R> => {
    try {
      return await operation();
    } catch (error) {
      throw new IpriskError('STORE_UNAVAILABLE', 'Redis did not answer', {
        cause: error,
        hint: 'Check that Redis is running and REDIS_URL points at it.',
      });
    }
  };
  return {
    async get(key) {
      const raw = await guard(() => client.get(full(key)));
      return typeof raw === 'string' ? (JSON.parse(raw) as T) : undefined;
    },
    async set(key, value, ttlSeconds) {
      await guard(() => client.set(full(key), JSON.stringify(value), { EX: ttlSeconds }));
    },
    async delete(key) {
      await guard(() => client.del(full(key)));
    },
    async setIfAbsent(key, value, ttlSeconds) {
      const result = await guard(() =>
        client.set(full(key), JSON.stringify(value), { EX: ttlSeconds, NX: true }),
      );
      return result === 'OK';
    },
  };
}
