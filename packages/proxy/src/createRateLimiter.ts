/** A limit of `limit` requests per `windowMs`. */
export interface RateLimit {
  limit: number;
  windowMs: number;
}

/** The outcome of one {@link RateLimiter.hit}. */
export type RateLimitResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Counts requests per key in fixed windows. */
export interface RateLimiter {
  /** Counts one request for `key`; refused once the window's limit is used up. */
  hit(key: string, now?: number): RateLimitResult;
}

/** Past this many keys, expired windows are swept, so a flood of addresses cannot grow memory without end. */
const SWEEP_THRESHOLD = 10_000;

/**
 * An in-memory fixed-window limiter. Per process by design: it protects the
 * process and the provider quota from one user or one address; a partner
 * running many instances adds a shared limiter at its edge.
 */
export function createRateLimiter(rateLimit: RateLimit): RateLimiter {
  const windows = new Map<string, { count: number; resetAt: number }>();
  return {
    hit(key, now = Date.now()) {
      if (windows.size > SWEEP_THRESHOLD) {
        for (const [entryKey, entry] of windows) if (entry.resetAt <= now) windows.delete(entryKey);
      }
      let window = windows.get(key);
      if (!window || window.resetAt <= now) {
        window = { count: 0, resetAt: now + rateLimit.windowMs };
        windows.set(key, window);
      }
      window.count += 1;
      if (window.count <= rateLimit.limit) return { allowed: true };
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((window.resetAt - now) / 1000)) };
    },
  };
}
