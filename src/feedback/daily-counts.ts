import { type RedisClient, redisCall } from '../sessions/redis-store.ts';
import { isoDay } from '../text/dates.ts';

/** Questions answered and abstained on one UTC day: the console's activity chart. */
export interface DayCount {
  day: string;
  answered: number;
  abstained: number;
}

export interface DailyCounts {
  count(outcome: 'answered' | 'abstained', at: Date): Promise<void>;
  /** The last `days` days up to `today`, oldest first, days without questions included as zero. */
  last(days: number, today: Date): Promise<DayCount[]>;
}

/** A day's counters outlive the longest chart the console draws. */
const KEEP_DAYS = 31;

function daysBack(days: number, today: Date): string[] {
  return Array.from({ length: days }, (_, i) =>
    isoDay(new Date(today.getTime() - (days - 1 - i) * 86_400_000)),
  );
}

export function createMemoryDailyCounts(): DailyCounts {
  const byDay = new Map<string, DayCount>();
  return {
    async count(outcome, at) {
      const day = isoDay(at);
      const entry = byDay.get(day) ?? { day, answered: 0, abstained: 0 };
      entry[outcome] += 1;
      byDay.set(day, entry);
      if (byDay.size > KEEP_DAYS) byDay.delete([...byDay.keys()].sort()[0] ?? day);
    },
    async last(days, today) {
      return daysBack(days, today).map((day) => ({
        ...(byDay.get(day) ?? { day, answered: 0, abstained: 0 }),
      }));
    },
  };
}

export function createRedisDailyCounts(client: RedisClient): DailyCounts {
  const key = (day: string) => `iprisk:daily:${day}`;
  return {
    async count(outcome, at) {
      const day = isoDay(at);
      await redisCall(() =>
        client
          .multi()
          .hIncrBy(key(day), outcome, 1)
          .expire(key(day), KEEP_DAYS * 86_400)
          .exec(),
      );
    },
    async last(days, today) {
      const wanted = daysBack(days, today);
      const raw = await redisCall(() => Promise.all(wanted.map((day) => client.hGetAll(key(day)))));
      return wanted.map((day, i) => ({
        day,
        answered: Number(raw[i]?.answered ?? 0),
        abstained: Number(raw[i]?.abstained ?? 0),
      }));
    },
  };
}
