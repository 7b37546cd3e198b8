import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './createRateLimiter';

describe('createRateLimiter', () => {
  it('refuses past the limit until the window ends, without counting refusals, and keeps keys apart', () => {
    const limiter = createRateLimiter({ limit: 2, windowMs: 1000 });
    expect(limiter.hit('a', 0)).toEqual({ allowed: true });
    expect(limiter.hit('a', 10)).toEqual({ allowed: true });
    expect(limiter.hit('a', 20)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(limiter.check('a', 30)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(limiter.hit('b', 30)).toEqual({ allowed: true });
    // A new window once the first has ended; the refused hit did not push it further out.
    expect(limiter.hit('a', 1000)).toEqual({ allowed: true });
    expect(limiter.hit('a', 1500)).toEqual({ allowed: true });
    expect(limiter.hit('a', 1600)).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('keeps counting a key whose window was renewed while older windows around it end', () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 1000 });
    limiter.hit('renewed', 0);
    limiter.hit('other', 500);
    // 'renewed' opens its second window after 'other' opened its first.
    expect(limiter.hit('renewed', 1200)).toEqual({ allowed: true });
    // 'other' ended at 1500: its window goes, the renewed one (until 2200) stays.
    expect(limiter.hit('other', 1600)).toEqual({ allowed: true });
    expect(limiter.hit('renewed', 2100)).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('counts a flood of 200,000 addresses in one window at the cost of one request each', () => {
    // Past 10,000 keys every hit used to walk every window held, so each request of a flood from
    // many addresses (or IPv6 networks) cost more than the last: billions of steps before it ended.
    const limiter = createRateLimiter({ limit: 1, windowMs: 60_000 });
    for (let index = 0; index < 200_000; index += 1) limiter.hit(`address:${index}`, index / 10);
    expect(limiter.hit('address:7', 20_000)).toEqual({ allowed: false, retryAfterSeconds: 41 });
    expect(limiter.hit('address:fresh', 20_000)).toEqual({ allowed: true });
  });
});
