import type { SessionStore } from './session-store.ts';

/** How often, at most, expired entries are swept out (on a write, so no timer outlives a test). */
const SWEEP_EVERY_MS = 60_000;

/** In-process store for a single instance (no REDIS_URL): state is lost on restart. */
export function createMemoryStore<T>(now: () => number = Date.now): SessionStore<T> & { size(): number } {
  const entries = new Map<string, { value: string; expiresAt: number }>();
  let sweptAt = now();
  const live = (key: string) => {
    const entry = entries.get(key);
    if (entry && entry.expiresAt <= now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };
  // Sessions nobody comes back to would otherwise stay in memory for the life of the process.
  const put = (key: string, value: T, ttlSeconds: number) => {
    const at = now();
    if (at - sweptAt >= SWEEP_EVERY_MS) {
      sweptAt = at;
      for (const [k, entry] of entries) if (entry.expiresAt <= at) entries.delete(k);
    }
    entries.set(key, { value: JSON.stringify(value), expiresAt: at + ttlSeconds * 1000 });
  };
  return {
    async get(key) {
      const entry = live(key);
      // Stored as JSON so callers cannot mutate what is stored, as with Redis.
      return entry ? (JSON.parse(entry.value) as T) : undefined;
    },
    async set(key, value, ttlSeconds) {
      put(key, value, ttlSeconds);
    },
    async delete(key) {
      entries.delete(key);
    },
    async setIfAbsent(key, value, ttlSeconds) {
      if (live(key)) return false;
      put(key, value, ttlSeconds);
      return true;
    },
    /** Entries held, expired or not: what memory the store takes. */
    size: () => entries.size,
  };
}
