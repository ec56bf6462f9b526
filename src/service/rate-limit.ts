/**
 * A per-user limit on questions: at most `perMinute` in any sliding minute. In-process (each
 * instance counts its own), which is enough to stop one user flooding the answerer.
 */
export interface RateLimiter {
  /** True when the user may ask now; the question is counted. */
  allow(user: string): boolean;
  /** Seconds until the user may ask again (0 when they may). */
  retryAfter(user: string): number;
}

const WINDOW_MS = 60_000;

export function createRateLimiter(perMinute: number, now: () => number = Date.now): RateLimiter {
  const asked = new Map<string, number[]>();
  let sweptAt = now();
  const recent = (user: string, at: number) => (asked.get(user) ?? []).filter((t) => at - t < WINDOW_MS);
  return {
    allow(user) {
      if (perMinute <= 0) return true;
      const at = now();
      if (at - sweptAt > WINDOW_MS) {
        sweptAt = at;
        for (const [key, times] of asked) if (times.every((t) => at - t >= WINDOW_MS)) asked.delete(key);
      }
      const times = recent(user, at);
      if (times.length >= perMinute) {
        asked.set(user, times);
        return false;
      }
      asked.set(user, [...times, at]);
      return true;
    },
    retryAfter(user) {
      const at = now();
      const times = recent(user, at);
      if (perMinute <= 0 || times.length < perMinute) return 0;
      return Math.ceil((WINDOW_MS - (at - (times[0] ?? at))) / 1000);
    },
  };
}
