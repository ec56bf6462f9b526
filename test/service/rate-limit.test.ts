import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../src/service/rate-limit.ts';

describe('per-user rate limit', () => {
  it('lets a user ask N questions in any minute, then says how long to wait', () => {
    let now = 0;
    const limiter = createRateLimiter(3, () => now);
    expect([1, 2, 3].map(() => limiter.allow('telegram:1'))).toEqual([true, true, true]);
    expect(limiter.allow('telegram:1')).toBe(false);
    expect(limiter.allow('telegram:2')).toBe(true);
    now = 20_000;
    expect(limiter.retryAfter('telegram:1')).toBe(40);
    now = 60_001;
    expect(limiter.allow('telegram:1')).toBe(true);
  });

  it('is off at 0', () => {
    const limiter = createRateLimiter(0);
    expect(Array.from({ length: 100 }, () => limiter.allow('u')).every(Boolean)).toBe(true);
  });
});
