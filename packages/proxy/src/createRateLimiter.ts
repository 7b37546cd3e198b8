import { optionError } from './optionErrors';

/** A limit of `limit` requests per `windowMs`. */
export interface RateLimit {
  limit: number;
  windowMs: number;
}

/** The outcome of one {@link RateLimiter.hit}. */
export type RateLimitResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Counts requests per key in fixed windows. */
export interface RateLimiter {
  /** Counts one request for `key`; refused once the window's limit is used up, and a refused one is not counted. */
  hit(key: string, now?: number): RateLimitResult;
  /** Whether `key` still has room, without counting anything: the cheap pre-check before work is done. */
  check(key: string, now?: number): RateLimitResult;
}

/**
 * An in-memory fixed-window limiter. Per process by design: it protects the
 * process and the provider quota from one user or one address; a partner
 * running many instances adds a shared limiter at its edge (the limits are
 * then per instance, which a load balancer spreads evenly).
 *
 * Windows are held in the order they were opened, and every window is as
 * long as the next, so the ones that have ended are always the oldest: each
 * hit drops those from the front and stops at the first still running. A
 * flood of keys (one per address) therefore costs each request the same,
 * however many windows are held, and no ended window outlives the next hit.
 */
export function createRateLimiter(rateLimit: RateLimit): RateLimiter {
  checkRateLimit('createRateLimiter', 'rateLimit', rateLimit);
  const windows = new Map<string, { count: number; resetAt: number }>();
  function current(key: string, now: number): { count: number; resetAt: number } | undefined {
    const window = windows.get(key);
    return window && window.resetAt > now ? window : undefined;
  }
  function refused(window: { resetAt: number }, now: number): RateLimitResult {
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((window.resetAt - now) / 1000)) };
  }
  function dropEnded(now: number): void {
    for (const [key, window] of windows) {
      if (window.resetAt > now) return;
      windows.delete(key);
    }
  }
  return {
    hit(key, now = Date.now()) {
      dropEnded(now);
      let window = current(key, now);
      if (!window) {
        // Deleted first, so the new window goes to the back, in opening order.
        windows.delete(key);
        window = { count: 0, resetAt: now + rateLimit.windowMs };
        windows.set(key, window);
      }
      // A refused request is not counted: a burst past the limit does not push the caller's own budget further out.
      if (window.count >= rateLimit.limit) return refused(window, now);
      window.count += 1;
      return { allowed: true };
    },
    check(key, now = Date.now()) {
      const window = current(key, now);
      return window && window.count >= rateLimit.limit ? refused(window, now) : { allowed: true };
    },
  };
}

/**
 * A limit as the partner wrote it: `{ limit: '60' }` (an environment variable) would never refuse anything,
 * and `windowMs: '60000'` would open one window that never ends, so both are refused at start-up.
 */
export function checkRateLimit(where: string, name: string, value: unknown): void {
  const { limit, windowMs } = (typeof value === 'object' && value !== null ? value : {}) as Record<
    string,
    unknown
  >;
  // Infinity is a limit too: no limit.
  const limitOk = typeof limit === 'number' && limit >= 1 && (Number.isInteger(limit) || limit === Infinity);
  const windowOk = typeof windowMs === 'number' && Number.isFinite(windowMs) && windowMs >= 1;
  if (limitOk && windowOk) return;
  throw optionError(
    where,
    `${name} must be { limit, windowMs }, numbers (at most limit requests per windowMs milliseconds), got ${describe(value)}`,
  );
}

function describe(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
