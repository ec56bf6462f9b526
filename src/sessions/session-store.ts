/**
 * A small key-value store with expiry, in the spirit of grammY's StorageAdapter. Sessions,
 * dedupe marks and other short-lived state go through it; values are JSON.
 */
export interface SessionStore<T> {
  get(key: string): Promise<T | undefined>;
  set(key: string, value: T, ttlSeconds: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** Sets only if absent; true when this call set it. Used to answer a redelivered update once. */
  setIfAbsent(key: string, value: T, ttlSeconds: number): Promise<boolean>;
}
