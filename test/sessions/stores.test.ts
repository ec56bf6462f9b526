import { createClient } from 'redis';
import { describe, expect, it } from 'vitest';
import { isIpriskError } from '../../src/errors.ts';
import { createMemoryStore } from '../../src/sessions/memory-store.ts';
import { createRedisStore } from '../../src/sessions/redis-store.ts';
import type { SessionStore } from '../../src/sessions/session-store.ts';
import { useRedisClient } from '../helpers/redis-server.ts';

function behavesLikeAStore(make: () => SessionStore<{ n: number }>) {
  it('gets what was set, and nothing after delete', async () => {
    const store = make();
    await store.set('a', { n: 1 }, 60);
    expect(await store.get('a')).toEqual({ n: 1 });
    await store.delete('a');
    expect(await store.get('a')).toBeUndefined();
  });

  it('sets only once with setIfAbsent', async () => {
    const store = make();
    expect(await store.setIfAbsent('once', { n: 1 }, 60)).toBe(true);
    expect(await store.setIfAbsent('once', { n: 2 }, 60)).toBe(false);
    expect(await store.get('once')).toEqual({ n: 1 });
  });
}

describe('memory store', () => {
  behavesLikeAStore(() => createMemoryStore());

  it('expires entries after their TTL', async () => {
    let now = 0;
    const store = createMemoryStore<{ n: number }>(() => now);
    await store.set('k', { n: 1 }, 10);
    now = 9_999;
    expect(await store.get('k')).toEqual({ n: 1 });
    now = 10_000;
    expect(await store.get('k')).toBeUndefined();
  });
});

describe('redis store against a real redis-server', () => {
  const redis = useRedisClient();

  behavesLikeAStore(() => createRedisStore(redis.client, 'test'));

  it('prefixes keys and sets a TTL on every key', async () => {
    const store = createRedisStore<{ n: number }>(redis.client, 'session');
    await store.set('chat-1', { n: 1 }, 120);
    const ttl = await redis.client.ttl('iprisk:session:chat-1');
    expect(ttl).toBeGreaterThan(100);
    expect(ttl).toBeLessThanOrEqual(120);
  });

  it('forgets a session once its TTL has passed', async () => {
    const store = createRedisStore<{ n: number }>(redis.client, 'session');
    await store.set('short', { n: 1 }, 1);
    expect(await store.get('short')).toEqual({ n: 1 });
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    expect(await store.get('short')).toBeUndefined();
  });

  it('reports an unreachable Redis as STORE_UNAVAILABLE', async () => {
    const dead = createClient({ url: redis.server.url, socket: { reconnectStrategy: false } });
    await dead.connect();
    await dead.quit();
    const store = createRedisStore<{ n: number }>(dead, 'session');
    const error = await store.get('x').catch((e: unknown) => e);
    expect(isIpriskError(error, 'STORE_UNAVAILABLE')).toBe(true);
  });
});
