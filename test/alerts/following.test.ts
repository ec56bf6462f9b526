import { readFile } from 'node:fs/promises';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createMemoryFollowStore, createRedisFollowStore } from '../../src/alerts/follow-store.ts';
import { createFollowing } from '../../src/alerts/following.ts';
import { loadFollowingData, type Segments } from '../../src/alerts/segments.ts';
import { createMarketTable, type MarketTable } from '../../src/knowledge/markets.ts';
import type { RedisClient } from '../../src/sessions/redis-store.ts';
import { shippedKnowledge } from '../helpers/fixture-core.ts';
import { type RedisServer, startRedis } from '../helpers/redis-server.ts';

const vn = { platform: 'telegram' as const, userId: '1', conversationId: '1', lang: 'en' as const };
const us = { platform: 'slack' as const, userId: 'U2', conversationId: 'U2', lang: 'zh' as const };

describe('following markets, IP types and industries', () => {
  let markets: MarketTable;
  let segments: Segments;
  beforeAll(async () => {
    markets = createMarketTable(parse(await readFile(`${shippedKnowledge}/data/markets.yaml`, 'utf8')));
    segments = (await loadFollowingData(shippedKnowledge)).segments;
  });

  it('reads ISO codes and names in both languages, IP types and industries, and says what it did not understand', () => {
    const following = createFollowing({ store: createMemoryFollowStore(), markets: () => markets, segments });
    expect(following.read('VN us')).toMatchObject({
      markets: expect.arrayContaining(['VN', 'US']),
      unknown: [],
    });
    const zh = following.read('越南 德国 商标 照明');
    expect(zh.markets).toEqual(expect.arrayContaining(['VN', 'DE']));
    expect(zh.ipTypes).toEqual(['trademark']);
    expect(zh.segments).toEqual(['lighting']);
    expect(following.read('South Korea, patents? lighting').markets).toContain('KR');
    expect(following.read('VN Narnia').unknown).toEqual(['Narnia']);
  });

  it('adds to what one follows, removes on unfollow, refuses a request with nothing known in it', async () => {
    const following = createFollowing({ store: createMemoryFollowStore(), markets: () => markets, segments });
    await following.follow(vn, 'VN');
    const { profile } = await following.follow(vn, 'US trademark');
    expect(profile).toMatchObject({ markets: ['VN', 'US'], ipTypes: ['trademark'] });
    expect((await following.unfollow(vn, 'US'))?.markets).toEqual(['VN']);
    expect((await following.unfollow(vn, 'all'))?.markets).toEqual([]);
    await expect(following.follow(vn, 'Narnia')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  describe('in Redis', () => {
    let redis: RedisServer;
    let client: RedisClient;
    beforeAll(async () => {
      redis = await startRedis();
      client = createClient({ url: redis.url });
      await client.connect();
    });
    afterAll(async () => {
      await client?.quit();
      await redis?.stop();
    });

    it('finds followers by market and segment, and /forget leaves nothing behind', async () => {
      const store = createRedisFollowStore(client);
      const following = createFollowing({ store, markets: () => markets, segments });
      await following.follow(vn, 'VN lighting');
      await following.follow(us, 'US');
      expect((await store.followersOf(['VN'])).map((p) => p.userId)).toEqual(['1']);
      expect((await store.followersOf(['US', 'VN'])).map((p) => p.userId).sort()).toEqual(['1', 'U2']);
      expect((await store.inSegment('lighting')).map((p) => p.userId)).toEqual(['1']);
      await following.follow(vn, 'TH');
      await following.unfollow(vn, 'VN');
      expect(await store.followersOf(['VN'])).toEqual([]);

      expect(await following.forget(vn)).toBe(true);
      expect(await client.exists('iprisk:follow:telegram:1')).toBe(0);
      expect(await client.sIsMember('iprisk:followers:market:TH', 'telegram:1')).toBeFalsy();
      expect(await client.sIsMember('iprisk:followers:segment:lighting', 'telegram:1')).toBeFalsy();
      expect(await following.forget(vn)).toBe(false);
    });
  });
});
