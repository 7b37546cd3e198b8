import { UpstreamError } from './UpstreamError';

/** How upstream calls are retried. Every value has a default; tests shrink them. */
export interface RetryOptions {
  /**
   * Retries after the first attempt.
   * @default 3
   */
  retries?: number;
  /**
   * First backoff; each retry doubles it, with full jitter.
   * @default 250
   */
  baseDelayMs?: number;
  /**
   * Longest wait before a retry. A `Retry-After` longer than this ends the
   * retries, so the browser gets a retryable error instead of a request that hangs.
   * @default 8000
   */
  maxDelayMs?: number;
  /** How to wait; tests pass one that records the delay and resolves at once. */
  sleep?: (milliseconds: number) => Promise<void>;
  /** Source of jitter in [0, 1). @default Math.random */
  random?: () => number;
}

/** Options of one call to {@link requestWithRetry}. */
export interface RequestWithRetryOptions {
  /** Reads, and writes that carry an idempotency key, may be sent again. */
  canRetry: boolean;
  /** Time limit of each attempt. */
  timeoutMs: number;
  retry?: RetryOptions;
  /** Aborts every attempt and every wait, e.g. when the browser goes away. */
  signal?: AbortSignal;
}

/** Told once when an attempt is aborted (its time limit, or the caller's signal). */
export interface AttemptListener {
  attemptAborted(reason: unknown): void;
}

/**
 * One attempt as {@link requestWithAttempts} hands it to `send`: its abort
 * signal, made only when read, or one listener that is told of the abort
 * with no `AbortController`, no `AbortSignal` and no event listener per call.
 */
export interface UpstreamAttempt {
  /** The attempt's signal (created on first read): for a `fetch` that takes one. */
  readonly signal: AbortSignal;
  /** Whether the attempt was already aborted, and why. */
  readonly aborted: boolean;
  readonly reason: unknown;
  /** Sets the one listener told when the attempt is aborted; told at once when it already was. */
  watch(listener: AttemptListener): void;
}

/** What the retries read of an answer: a `Response`, or the transport's answer it has already read. */
export interface RetryableAnswer {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  readonly body: { cancel(): Promise<void> } | null;
}

/** Upstream statuses worth another attempt: rate limits and server-side failures. */
const RETRYABLE_STATUSES = new Set([429, 500, 502, 503, 504]);

/** Whether a provider status is transient (429 or a 5xx the provider may recover from). */
export function isRetryableStatus(status: number): boolean {
  return RETRYABLE_STATUSES.has(status);
}

/**
 * Reads `Retry-After` as seconds or an HTTP date; undefined when absent or
 * unreadable.
 */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

function defaultSleep(milliseconds: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, milliseconds);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Settles with `promise`, or rejects as soon as `signal` aborts: an in-process
 * `fetch` (the sandbox's) may ignore the signal, and a timeout must hold anyway.
 */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/**
 * The attempts in flight under each caller signal, on the signal itself, and
 * one `abort` listener per signal that tells them all. A caller's signal may
 * live much longer than one call (`createNodeListener` passes one per HTTP/1.x
 * connection, shared by every request on it), and an `EventTarget` listener
 * added and removed per attempt cost more than the rest of the abort
 * handling together; an attempt joins and leaves a `Set` instead.
 */
const attemptsKey = Symbol('kyc-kit.attemptsInFlight');

interface WithAttempts {
  [attemptsKey]?: Set<AttemptLimits>;
}

function attemptsOf(signal: AbortSignal): Set<AttemptLimits> {
  const holder = signal as WithAttempts;
  let attempts = holder[attemptsKey];
  if (attempts === undefined) {
    attempts = new Set();
    holder[attemptsKey] = attempts;
    signal.addEventListener('abort', abortAttempts, { once: true });
  }
  return attempts;
}

/** The one listener of a caller signal: aborts every attempt still in flight under it. */
function abortAttempts(event: Event): void {
  const signal = event.target as AbortSignal & WithAttempts;
  const attempts = signal[attemptsKey];
  if (attempts === undefined) return;
  for (const attempt of [...attempts]) attempt.outerAborted(signal.reason);
  attempts.clear();
}

/**
 * One attempt's limits: aborted at the time limit or when the caller's own
 * signal aborts. The object is the timer's argument and joins its caller
 * signal's attempts in flight, so an attempt allocates no closures; its `AbortSignal` exists
 * only when `send` reads it (the default transport never does).
 */
class AttemptLimits implements UpstreamAttempt {
  timedOut = false;
  aborted = false;
  reason: unknown = undefined;
  private controller: AbortController | undefined;
  private listener: AttemptListener | undefined;
  private readonly timer: NodeJS.Timeout;

  constructor(
    timeoutMs: number,
    private readonly outer: AbortSignal | undefined,
  ) {
    this.timer = setTimeout(AttemptLimits.expire, timeoutMs, this);
    if (outer?.aborted) this.abort(outer.reason);
    else if (outer !== undefined) attemptsOf(outer).add(this);
  }

  private static expire(this: void, limits: AttemptLimits): void {
    limits.timedOut = true;
    limits.abort(new Error('upstream timeout'));
  }

  get signal(): AbortSignal {
    if (this.controller === undefined) {
      this.controller = new AbortController();
      if (this.aborted) this.controller.abort(this.reason);
    }
    return this.controller.signal;
  }

  watch(listener: AttemptListener): void {
    if (this.aborted) listener.attemptAborted(this.reason);
    else this.listener = listener;
  }

  /** The caller's signal aborted. */
  outerAborted(reason: unknown): void {
    this.abort(reason);
  }

  private abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.controller?.abort(reason);
    this.listener?.attemptAborted(reason);
  }

  end(): void {
    clearTimeout(this.timer);
    if (this.outer !== undefined) (this.outer as WithAttempts)[attemptsKey]?.delete(this);
    this.listener = undefined;
  }
}

/**
 * Sends a request with a per-attempt timeout, and sends it again after 429,
 * 5xx, a timeout or a network error when `canRetry` allows it. Waits grow
 * exponentially with full jitter and never undercut a `Retry-After`.
 *
 * `send` is called once per attempt so each attempt can be signed afresh (a
 * CDP JWT carries a one-time nonce). Resolves with the last HTTP response,
 * whatever its status; rejects with an {@link UpstreamError} of failure
 * `timeout` or `network` when no response came.
 */
export function requestWithRetry<Answer extends RetryableAnswer = Response>(
  send: (signal: AbortSignal) => Promise<Answer>,
  options: RequestWithRetryOptions,
): Promise<Answer> {
  return requestWithAttempts((attempt) => raceAbort(send(attempt.signal), attempt.signal), options);
}

/**
 * {@link requestWithRetry} for a `send` that settles as soon as its attempt
 * is aborted (the default transport's undici call): it is handed the
 * {@link UpstreamAttempt} itself, and an attempt that only uses `watch`
 * costs a timer and no abort signal.
 */
export async function requestWithAttempts<Answer extends RetryableAnswer>(
  send: (attempt: UpstreamAttempt) => Promise<Answer>,
  options: RequestWithRetryOptions,
): Promise<Answer> {
  const retries = options.canRetry ? (options.retry?.retries ?? 3) : 0;

  for (let attempt = 0; ; attempt += 1) {
    const limits = new AttemptLimits(options.timeoutMs, options.signal);

    let failure: UpstreamError;
    let retryAfterSeconds: number | undefined;
    try {
      const response = await send(limits);
      if (!isRetryableStatus(response.status) || attempt >= retries) return response;
      retryAfterSeconds = parseRetryAfter(response.headers.get('retry-after'));
      // The body of a response we retry past is never read; release it.
      await response.body?.cancel().catch(() => undefined);
      failure = new UpstreamError('http', { status: response.status });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      failure = new UpstreamError(limits.timedOut ? 'timeout' : 'network', { cause: error });
      if (attempt >= retries) throw failure;
    } finally {
      limits.end();
    }

    // Only a retry gets here: its settings are read now, not on every call's first (and usually only) attempt.
    const maxDelayMs = options.retry?.maxDelayMs ?? 8000;
    const random = options.retry?.random ?? Math.random;
    const backoff = Math.min(maxDelayMs, (options.retry?.baseDelayMs ?? 250) * 2 ** attempt) * random();
    const retryAfterMs = retryAfterSeconds === undefined ? 0 : retryAfterSeconds * 1000;
    if (retryAfterMs > maxDelayMs) {
      // Waiting this long would hold the browser's request open: report a
      // retryable error that carries the provider's Retry-After instead.
      throw new UpstreamError('http', { status: failure.status, retryAfterSeconds });
    }
    const delay = Math.max(backoff, retryAfterMs);
    await (options.retry?.sleep ? options.retry.sleep(delay) : defaultSleep(delay, options.signal));
  }
}
