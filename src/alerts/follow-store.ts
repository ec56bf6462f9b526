import { type RedisClient, redisCall } from '../sessions/redis-store.ts';
import type { Lang } from '../text/lang.ts';

/**
 * What an exporter follows, per platform user: markets, optionally IP types and industry
 * segments, and where to write to them. Nothing else is kept; /forget deletes it all.
 */
export interface FollowProfile {
  platform: 'telegram' | 'slack';
  userId: string;
  /** Where notices go (a Telegram chat, a Slack DM). */
  conversationId: string;
  lang: Lang;
  markets: string[];
  ipTypes: string[];
  segments: string[];
  updatedAt: string;
}

export interface FollowStore {
  get(platform: string, userId: string): Promise<FollowProfile | undefined>;
  save(profile: FollowProfile): Promise<void>;
  /** Removes the profile and every index entry; true when there was one. */
  forget(platform: string, userId: string): Promise<boolean>;
  /** Followers of any of these markets. */
  followersOf(markets: string[]): Promise<FollowProfile[]>;
  /** Followers of a segment. */
  inSegment(segment: string): Promise<FollowProfile[]>;
  /** Followers who named this IP type. */
  withIpType(type: string): Promise<FollowProfile[]>;
}

const who = (platform: string, userId: string) => `${platform}:${userId}`;

export function createMemoryFollowStore(): FollowStore {
  const profiles = new Map<string, FollowProfile>();
  return {
    async get(platform, userId) {
      return profiles.get(who(platform, userId));
    },
    async save(profile) {
      profiles.set(who(profile.platform, profile.userId), profile);
    },
    async forget(platform, userId) {
      return profiles.delete(who(platform, userId));
    },
    async followersOf(markets) {
      return [...profiles.values()].filter((p) => p.markets.some((m) => markets.includes(m)));
    },
    async inSegment(segment) {
      return [...profiles.values()].filter((p) => p.segments.includes(segment));
    },
    async withIpType(type) {
      return [...profiles.values()].filter((p) => p.ipTypes.includes(type));
    },
  };
}

/**
 * Profiles as JSON under iprisk:follow:<platform>:<user>, with a set per market, segment
 * and IP type (iprisk:followers:market:<code>, …:segment:<id>, …:ip:<type>) so a notice finds its followers without a scan.
 */
export function createRedisFollowStore(client: RedisClient): FollowStore {
  const key = (platform: string, userId: string) => `iprisk:follow:${who(platform, userId)}`;
  const marketSet = (code: string) => `iprisk:followers:market:${code}`;
  const segmentSet = (id: string) => `iprisk:followers:segment:${id}`;
  const ipSet = (type: string) => `iprisk:followers:ip:${type}`;
  const read = async (members: string[]): Promise<FollowProfile[]> => {
    if (members.length === 0) return [];
    const raw = await redisCall(() => client.mGet(members.map((m) => `iprisk:follow:${m}`)));
    return raw.filter((r): r is string => typeof r === 'string').map((r) => JSON.parse(r) as FollowProfile);
  };
  const unindex = (batch: ReturnType<RedisClient['multi']>, profile: FollowProfile) => {
    const member = who(profile.platform, profile.userId);
    for (const code of profile.markets) batch.sRem(marketSet(code), member);
    for (const id of profile.segments) batch.sRem(segmentSet(id), member);
    for (const type of profile.ipTypes) batch.sRem(ipSet(type), member);
  };
  const get = async (platform: string, userId: string) => {
    const raw = await redisCall(() => client.get(key(platform, userId)));
    return raw ? (JSON.parse(raw) as FollowProfile) : undefined;
  };
  return {
    get,
    async save(profile) {
      const earlier = await get(profile.platform, profile.userId);
      const member = who(profile.platform, profile.userId);
      const batch = client.multi();
      if (earlier) unindex(batch, earlier);
      batch.set(key(profile.platform, profile.userId), JSON.stringify(profile));
      for (const code of profile.markets) batch.sAdd(marketSet(code), member);
      for (const id of profile.segments) batch.sAdd(segmentSet(id), member);
      for (const type of profile.ipTypes) batch.sAdd(ipSet(type), member);
      await redisCall(() => batch.exec());
    },
    async forget(platform, userId) {
      const earlier = await get(platform, userId);
      if (!earlier) return false;
      const batch = client.multi();
      unindex(batch, earlier);
      batch.del(key(platform, userId));
      await redisCall(() => batch.exec());
      return true;
    },
    async followersOf(markets) {
      if (markets.length === 0) return [];
      const members = await redisCall(() => client.sUnion(markets.map(marketSet)));
      return read(members);
    },
    async inSegment(segment) {
      return read(await redisCall(() => client.sMembers(segmentSet(segment))));
    },
    async withIpType(type) {
      return read(await redisCall(() => client.sMembers(ipSet(type))));
    },
  };
}
