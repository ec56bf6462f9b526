import type { StorageAdapter } from 'grammy';
import type { Core } from '../../src/core.ts';
import { createMemoryStore } from '../../src/sessions/memory-store.ts';
import { createRedisStore } from '../../src/sessions/redis-store.ts';
import type { SessionStore } from '../../src/sessions/session-store.ts';

/**
 * grammY's session storage over the core's SessionStore, so adapter state gets the same key
 * prefix, TTL on every key and Redis-or-memory choice as the rest of iprisk.
 */
export function sessionStorageAdapter<T>(store: SessionStore<T>, ttlSeconds: number): StorageAdapter<T> {
  return {
    read: (key) => store.get(key),
    write: (key, value) => store.set(key, value, ttlSeconds),
    delete: (key) => store.delete(key),
  };
}

/**
 * Redis (shared by every instance) when the core has it, otherwise this process's memory; a
 * `tolerant` store is one an answer can go without while Redis is away (see Core.store).
 */
export function adapterStore<T>(
  core: Pick<Core, 'redis'> & Partial<Pick<Core, 'store'>>,
  namespace: string,
  mode: 'tolerant' | 'strict' = 'strict',
): SessionStore<T> {
  if (core.store) return core.store<T>(namespace, mode);
  return core.redis ? createRedisStore<T>(core.redis, namespace) : createMemoryStore<T>();
}
