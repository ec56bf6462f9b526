import { type RedisClient, redisCall } from '../sessions/redis-store.ts';
import type { Lang } from '../text/lang.ts';

/**
 * What users asked that the assistant could not answer (it abstained) or answered badly (👎): the
 * admins' list of knowledge to add. Contact details are redacted before an entry is stored.
 */
export interface UnansweredEntry {
  kind: 'abstained' | 'down';
  platform: string;
  lang: Lang;
  question: string;
  /** The answer the user rated 👎. */
  answer?: string;
  indexVersion: string;
  at: string;
}

export interface UnansweredStore {
  add(entry: UnansweredEntry): Promise<void>;
  /** Newest first, only entries within the retention period. */
  recent(limit: number): Promise<UnansweredEntry[]>;
}

/** The list never grows without bound, whatever the retention (UNANSWERED_MAX). */
export const UNANSWERED_CAP = 5000;

export interface UnansweredLimits {
  retentionDays: number;
  /** Most entries kept; the oldest go first. */
  max?: number;
}

function withinRetention(retentionDays: number, now: () => number) {
  return (entry: UnansweredEntry) => now() - Date.parse(entry.at) <= retentionDays * 86_400_000;
}

export function createMemoryUnansweredStore(
  { retentionDays, max = UNANSWERED_CAP }: UnansweredLimits,
  now: () => number = Date.now,
): UnansweredStore {
  let items: UnansweredEntry[] = [];
  const live = withinRetention(retentionDays, now);
  return {
    async add(entry) {
      items = [entry, ...items.filter(live)].slice(0, max);
    },
    async recent(limit) {
      return items.filter(live).slice(0, limit);
    },
  };
}

export function createRedisUnansweredStore(
  client: RedisClient,
  { retentionDays, max = UNANSWERED_CAP }: UnansweredLimits,
  now: () => number = Date.now,
): UnansweredStore {
  const key = 'iprisk:unanswered';
  const live = withinRetention(retentionDays, now);
  return {
    async add(entry) {
      await redisCall(() =>
        client
          .multi()
          .lPush(key, JSON.stringify(entry))
          .lTrim(key, 0, max - 1)
          .exec(),
      );
    },
    async recent(limit) {
      // Newest first: the first entry past the retention ends the list.
      const raw = await redisCall(() => client.lRange(key, 0, Math.min(limit, max) - 1));
      const entries = raw.map((item) => JSON.parse(item) as UnansweredEntry);
      const cut = entries.findIndex((entry) => !live(entry));
      return cut < 0 ? entries : entries.slice(0, cut);
    },
  };
}
