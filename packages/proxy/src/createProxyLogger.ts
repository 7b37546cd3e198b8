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

/**
 * Lines gathered in an array and handed to standard output's sonic-boom
 * destination as one string per batch. sonic-boom's own `minLength`
 * buffering appends each line to one growing string and measures that
 * string's UTF-8 length on every write, which flattens and copies the
 * whole batch once per line; here a line costs a push and its length.
 */
class LineBatcher implements DestinationStream {
  private lines: string[] = [];
  private chars = 0;

  constructor(private readonly destination: ReturnType<typeof pino.destination>) {}

  write(line: string): void {
    this.lines.push(line);
    this.chars += line.length;
    if (this.chars >= BUFFER_CHARS) this.drain();
  }

  /** Hands the gathered lines to the destination (written asynchronously, in order). */
  drain(): void {
    if (this.lines.length === 0) return;
    const batch = this.lines.length === 1 ? (this.lines[0] as string) : this.lines.join('');
    this.lines = [];
    this.chars = 0;
    this.destination.write(batch);
  }

  /** Writes everything gathered so far before returning (pino calls it on `fatal`; the process's exit does too). */
  flushSync(): void {
    this.drain();
    this.destination.flushSync();
  }
}

let defaultDestination: LineBatcher | undefined;

/**
 * Standard output, buffered: lines are gathered up to {@link BUFFER_CHARS}
 * characters and written together (also every {@link FLUSH_INTERVAL_MS},
 * and synchronously when the process exits), instead of one asynchronous
 * `fs.write` per line. One destination for every handler of the process.
 * Where standard output was replaced (a test runner's capture) or in a worker
 * thread (no exit hook there), pino's own default.
 */
function bufferedStdout(): DestinationStream | undefined {
  const stdout = process.stdout;
  if (!isMainThread || stdout.write !== Object.getPrototypeOf(stdout).write) return undefined;
  if (defaultDestination === undefined) {
    const batcher = new LineBatcher(pino.destination({ dest: stdout.fd ?? 1, sync: false }));
    // Before pino's own exit hook (registered with the destination above) flushes the destination.
    process.prependListener('exit', () => batcher.flushSync());
    setInterval(() => batcher.drain(), FLUSH_INTERVAL_MS).unref();
    defaultDestination = batcher;
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
