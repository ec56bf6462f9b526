import { isIpriskError } from '../errors.ts';
import type { SessionStore } from './session-store.ts';
import type { StoreHealth } from './store-health.ts';

/**
 * A store for state an answer can go without (conversation history, delivery marks, thread
 * links): while the store is away, reads find nothing, writes are dropped and every delivery
 * counts as new, so questions are still answered. Anything that must be kept (tickets, votes,
 * feedback) uses the plain store and fails loudly instead.
 */
export function tolerantStore<T>(store: SessionStore<T>, health: StoreHealth): SessionStore<T> {
  const attempt = <R>(operation: () => Promise<R>, fallback: R): Promise<R> =>
    unlessStoreDown(
      operation().then((result) => {
        health.ok();
        return result;
      }),
      fallback,
      health,
    );
  return {
    get: (key) => attempt(() => store.get(key), undefined),
    set: (key, value, ttl) => attempt(() => store.set(key, value, ttl), undefined),
    delete: (key) => attempt(() => store.delete(key), undefined),
    setIfAbsent: (key, value, ttl) => attempt(() => store.setIfAbsent(key, value, ttl), true),
  };
}

/**
 * A read an answer can go without, made safe for an outage: while the store is away it gives
 * `fallback` (a requester with tickets waiting is then answered as anyone else) instead of failing.
 */
export async function unlessStoreDown<T>(read: Promise<T>, fallback: T, health?: StoreHealth): Promise<T> {
  try {
    return await read;
  } catch (error) {
    if (!isIpriskError(error, 'STORE_UNAVAILABLE')) throw error;
    health?.failed(error);
    return fallback;
  }
}
