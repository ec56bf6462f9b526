import { session } from 'grammy';
import { describe, expect, it } from 'vitest';
import { adapterStore, sessionStorageAdapter } from '../../adapters/telegram/redis-storage-adapter.ts';
import { createMemoryStore } from '../../src/sessions/memory-store.ts';
import { useRedisClient } from '../helpers/redis-server.ts';

describe('grammY StorageAdapter over the SessionStore', () => {
  const redis = useRedisClient();

  it('reads, writes with a TTL under the iprisk prefix, and deletes in Redis', async () => {
    const storage = sessionStorageAdapter(
      adapterStore<{ lang?: string }>({ redis: redis.client }, 'tg-session'),
      120,
    );
    expect(await storage.read('42')).toBeUndefined();
    await storage.write('42', { lang: 'zh' });
    expect(await storage.read('42')).toEqual({ lang: 'zh' });
    expect(await redis.client.get('iprisk:tg-session:42')).toBe('{"lang":"zh"}');
    const ttl = await redis.client.ttl('iprisk:tg-session:42');
    expect(ttl).toBeGreaterThan(100);
    expect(ttl).toBeLessThanOrEqual(120);
    await storage.delete('42');
    expect(await redis.client.exists('iprisk:tg-session:42')).toBe(0);
  });

  it('uses memory when there is no Redis', async () => {
    const storage = sessionStorageAdapter(adapterStore<{ n: number }>({ redis: undefined }, 'x'), 60);
    await storage.write('k', { n: 1 });
    expect(await storage.read('k')).toEqual({ n: 1 });
  });

  it('works as grammY session storage: a change in one update is there in the next', async () => {
    const storage = sessionStorageAdapter(createMemoryStore<{ count: number }>(), 60);
    const middleware = session({ initial: () => ({ count: 0 }), storage });
    const ctx = () =>
      ({ chatId: 9, chat: { id: 9 }, from: { id: 1 } }) as never as { session: { count: number } };
    for (let i = 0; i < 3; i++) {
      const c = ctx();
      await middleware(c as never, async () => {
        c.session.count++;
      });
    }
    expect(await storage.read('9')).toEqual({ count: 3 });
  });
});
