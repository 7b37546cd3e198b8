import { writeSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';
import { pino, type DestinationStream, type Logger } from 'pino';

/**
 * Keys censored, at any depth, in every log line of the proxy. The proxy
 * never logs a request or provider body in the first place; these are the
 * second line of defence should one ever be passed to a log call:
 * credentials, cookies, the values a user typed, and each write-only PII
 * field under the names both providers use.
 */
export const REDACTED_LOG_KEYS: ReadonlySet<string> = new Set([
  'authorization',
  'cookie',
  'x-hook0-signature',
  'webhook-signature',
  'body',
  'fields',
  'values',
  'fullSsn',
  'ssnLast4',
  'dateOfBirth',
  'birthDate',
  'address',
  'residentialAddress',
  'identifyingInformation',
  'ipAddress',
  'requesterIpAddress',
  'clientAddress',
  'apiKeySecret',
  'apiSecret',
  'accessToken',
]);

const CENSOR = '[redacted]';
/** Deeper than any log object the proxy writes; anything below is dropped rather than walked. */
const MAX_DEPTH = 6;

/** A copy of `value` with every censored key replaced; objects without one are returned as they are. */
function scrub(value: unknown, depth: number): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (depth > MAX_DEPTH) return CENSOR;
  if (Array.isArray(value)) {
    let changed: unknown[] | undefined;
    value.forEach((item, index) => {
      const next = scrub(item, depth + 1);
      if (next !== item) (changed ??= [...value])[index] = next;
    });
    return changed ?? value;
  }
  if (value instanceof Error) return value;
  let changed: Record<string, unknown> | undefined;
  for (const key in value) {
    const item = (value as Record<string, unknown>)[key];
    const next = REDACTED_LOG_KEYS.has(key) ? CENSOR : scrub(item, depth + 1);
    if (next !== item) (changed ??= { ...(value as Record<string, unknown>) })[key] = next;
  }
  return changed ?? value;
}

/** Characters of log lines gathered before one write, when the proxy makes its own logger. */
const BUFFER_CHARS = 4096;
/** Gathered lines are written at least this often, however few. */
const FLUSH_INTERVAL_MS = 1000;

/** How long a batch standard output refused (a full pipe) waits before it is offered again. */
const RETRY_MS = 10;

/**
 * Standard output for the proxy's own logger: lines gathered in an array
 * and written as one batch with a synchronous `write` (what node's own
 * `process.stdout` does for files and pipes on Linux), about 25 lines a
 * call. sonic-boom's `minLength` buffering appended each line to one growing
 * string and measured that string's UTF-8 length on every line (flattening
 * and copying the whole batch each time), and its asynchronous write sent
 * every batch through libuv's thread pool. A full pipe never blocks the
 * event loop: the refused bytes wait, in order with the lines after them,
 * and are offered again shortly; at exit they are written out whatever it
 * takes.
 */
class StdoutLines implements DestinationStream {
  private lines: string[] = [];
  private chars = 0;
  /** Bytes standard output refused so far, oldest first. */
  private pending: Buffer[] = [];
  private retry: NodeJS.Timeout | undefined;
  /** The reader went away (EPIPE): nothing more is written. */
  private closed = false;
  /** `flush` callbacks waiting for `pending` to be written. */
  private flushed: ((error?: Error) => void)[] = [];

  constructor(private readonly fd: number) {}

  write(line: string): void {
    this.lines.push(line);
    this.chars += line.length;
    if (this.chars >= BUFFER_CHARS) this.drain();
  }

  /** Writes the gathered lines now (or queues them behind bytes standard output refused). */
  drain(): void {
    if (this.lines.length === 0) return;
    const batch = this.lines.length === 1 ? (this.lines[0] as string) : this.lines.join('');
    this.lines = [];
    this.chars = 0;
    if (this.closed) return;
    if (this.pending.length > 0) this.pending.push(Buffer.from(batch));
    else this.put(Buffer.from(batch));
  }

  /** Writes `bytes`; what a full pipe refuses waits in `pending`, retried from a timer. */
  private put(bytes: Buffer): void {
    if (this.closed) return;
    let offset = 0;
    while (offset < bytes.byteLength) {
      try {
        offset += writeSync(this.fd, bytes, offset);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN' || code === 'EBUSY') {
          this.pending.push(bytes.subarray(offset));
          this.retry ??= setTimeout(() => this.retryPending(), RETRY_MS).unref();
        } else {
          // EPIPE (the reader is gone) or a closed descriptor: the lines have nowhere to go.
          this.closed = true;
          this.pending = [];
          for (const callback of this.flushed.splice(0)) callback();
        }
        return;
      }
    }
  }

  private retryPending(): void {
    this.retry = undefined;
    const queued = this.pending;
    this.pending = [];
    for (const [index, bytes] of queued.entries()) {
      this.put(bytes);
      if (this.pending.length > 0) {
        this.pending.push(...queued.slice(index + 1));
        return;
      }
    }
    for (const callback of this.flushed.splice(0)) callback();
  }

  /** pino's `logger.flush(cb)`: writes the gathered lines, and calls back once standard output took them all. */
  flush(callback?: (error?: Error) => void): void {
    this.drain();
    if (callback === undefined) return;
    if (this.pending.length === 0) process.nextTick(callback);
    else this.flushed.push(callback);
  }

  /** Writes everything gathered so far before returning (pino calls it on `fatal`; the process's exit does too). */
  flushSync(): void {
    this.drain();
    clearTimeout(this.retry);
    this.retry = undefined;
    const wait = new Int32Array(new SharedArrayBuffer(4));
    for (let attempts = 0; this.pending.length > 0 && attempts < 1000; attempts += 1) {
      this.retryPending();
      clearTimeout(this.retry);
      this.retry = undefined;
      if (this.pending.length > 0) Atomics.wait(wait, 0, 0, RETRY_MS);
    }
  }
}

let defaultDestination: StdoutLines | undefined;

/**
 * Standard output, buffered: lines are gathered up to {@link BUFFER_CHARS}
 * characters and written together (also every {@link FLUSH_INTERVAL_MS},
 * and when the process exits), instead of one write per line. One
 * destination for every handler of the process. Where standard output was
 * replaced (a test runner's capture) or in a worker thread (no exit hook
 * there), pino's own default.
 */
function bufferedStdout(): DestinationStream | undefined {
  const stdout = process.stdout;
  if (!isMainThread || stdout.write !== Object.getPrototypeOf(stdout).write) return undefined;
  if (defaultDestination === undefined) {
    const lines = new StdoutLines(stdout.fd ?? 1);
    process.on('exit', () => lines.flushSync());
    setInterval(() => lines.drain(), FLUSH_INTERVAL_MS).unref();
    defaultDestination = lines;
  }
  return defaultDestination;
}

/**
 * The proxy's logger: the partner's pino logger (or a new one) as a child
 * tagged `component: "@kyc-kit/proxy"` that censors {@link REDACTED_LOG_KEYS}
 * at any depth, whatever the partner's own redaction says. A plain walk of
 * the (small, flat) log object instead of pino's path-based redaction: the
 * same protection at a fraction of the cost per line. Without a partner
 * logger, lines go to standard output in batches of about 4 KB, written at
 * least once a second and when the process exits (a process killed by a
 * signal it does not handle loses at most that last second); pass a logger to
 * choose another destination.
 */
export function createProxyLogger(logger?: Logger): Logger {
  // pino types the root's and a child's formatter differently; both get the same walk.
  const log = <T extends object>(object: T): T => scrub(object, 0) as T;
  if (logger) return logger.child({ component: '@kyc-kit/proxy' }, { formatters: { log } });
  const destination = bufferedStdout();
  return destination
    ? pino({ name: '@kyc-kit/proxy', formatters: { log } }, destination)
    : pino({ name: '@kyc-kit/proxy', formatters: { log } });
}
