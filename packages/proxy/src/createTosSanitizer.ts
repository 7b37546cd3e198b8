import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import {
  sanitizeTosDocument,
  TosDocumentTooDeepError,
  type SanitizedTosDocument,
} from './sanitizeTosDocument';

/** What {@link sanitizeTosDocument} reads: one fetched document. */
export type TosDocumentInput = Parameters<typeof sanitizeTosDocument>[0];

/** What the worker (`tosSanitizer.worker.ts`) posts: once when it is ready, then one answer per document. */
export type TosSanitizerMessage =
  | { type: 'ready' }
  | { type: 'sanitized'; document: SanitizedTosDocument }
  // An error crosses the thread boundary as data (a class instance arrives as a plain Error at best).
  | { type: 'failed'; name: string; message: string };

/**
 * How long one document may take in the worker. A real Terms document of the 1 MB the loader allows
 * sanitizes in well under 3 s even on a slow, busy machine; one that takes longer is pathological (the
 * depth limit stops the one such kind known) and is refused rather than holding the worker, and every
 * Terms document queued behind it, any longer.
 */
const TIME_LIMIT_MS = 10_000;

/**
 * The worker's heap. A 1 MB document, the most the loader fetches, peaks at some 30-40 MB of heap in
 * sanitize-html; one that needs more than this is refused (its worker runs out of memory and is
 * replaced), where on the event loop it would have grown the whole proxy's heap.
 */
export const TOS_WORKER_RESOURCE_LIMITS = { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 16 };

/** After a worker failed to start, documents are sanitized inline and a start is tried again after this, doubling. */
const RETRY_FIRST_MS = 5_000;
const RETRY_MAX_MS = 5 * 60_000;

/** Thrown for a document that took longer than the time limit: the proxy answers that it is unavailable. */
export class TosSanitizeTimeoutError extends Error {
  constructor(limitMs: number) {
    super(`sanitizing the Terms document took longer than ${limitMs} ms`);
    this.name = 'TosSanitizeTimeoutError';
  }
}

/** Thrown for a document whose worker went away while it was in it (out of memory, say): it is unavailable. */
export class TosSanitizerCrashedError extends Error {
  constructor(cause: unknown) {
    super(`the Terms worker stopped while sanitizing a document (${messageOf(cause)})`, { cause });
    this.name = 'TosSanitizerCrashedError';
  }
}

/** A worker start that threw (the constructor, the file check): another start would throw the same. */
class StartThrewError extends Error {}

/** Sanitizes Terms documents off the event loop. */
export interface TosSanitizer {
  /** Rejects with {@link TosDocumentTooDeepError} or {@link TosSanitizeTimeoutError} for a document refused. */
  sanitize(input: TosDocumentInput): Promise<SanitizedTosDocument>;
  /** Stops the worker; documents asked for afterwards are sanitized inline. */
  close(): Promise<void>;
}

/** The worker file beside this module: TypeScript from source (vitest, `node --import tsx`), JavaScript in dist/. */
export function startTosSanitizerWorker(): Worker {
  // Held in a variable, so no bundler mistakes the URL below for an asset of its own to copy or resolve.
  const here = import.meta.url as string | undefined;
  if (typeof here !== 'string') throw new Error('no import.meta.url: bundled to CommonJS');
  if (here.endsWith('.ts')) {
    // A worker does not inherit the TypeScript loader of its parent: it loads the module through tsx's API.
    const file = new URL('tosSanitizer.worker.ts', here).href;
    const tsx = import.meta.resolve('tsx/esm/api');
    const boot = `import(${JSON.stringify(tsx)}).then((tsx) => tsx.tsImport(${JSON.stringify(file)}, ${JSON.stringify(file)}))`;
    return new Worker(boot, { eval: true, resourceLimits: TOS_WORKER_RESOURCE_LIMITS });
  }
  const file = new URL('tosSanitizer.worker.js', here);
  // A bundler that inlined this module left no worker file beside it.
  if (!existsSync(file)) throw new Error(`no worker file at ${file.href}`);
  return new Worker(file, { resourceLimits: TOS_WORKER_RESOURCE_LIMITS });
}

/**
 * Runs {@link sanitizeTosDocument} in a worker thread, so a large document (hundreds of milliseconds
 * to seconds of sanitize-html) never holds the event loop that every other request waits on. The
 * worker starts on the first document and is `unref()`ed while idle (it never keeps a process alive);
 * documents go to it one at a time. One that takes longer than the time limit, or that its worker
 * cannot hold in {@link TOS_WORKER_RESOURCE_LIMITS}, is refused and its worker replaced (the next
 * document starts a fresh one).
 *
 * Where no worker can start, documents are sanitized inline, after one warning. A start that throws
 * (a bundler left no worker file, no `import.meta.url`) is not tried again. A worker that fails
 * before it is ready (a thread the system would not give, a module that would not load) is tried
 * again 5 s later, then after twice as long each time up to 5 minutes; once one starts, a second
 * warning says so.
 */
export function createTosSanitizer(
  options: {
    warn?: (message: string) => void;
    /** Internal, for tests. */
    timeLimitMs?: number;
    /** Internal, for tests: the first wait before a failed start is tried again. */
    retryFirstMs?: number;
    /** Internal, for tests. */
    startWorker?: () => Worker;
  } = {},
): TosSanitizer {
  const timeLimitMs = options.timeLimitMs ?? TIME_LIMIT_MS;
  const retryFirstMs = options.retryFirstMs ?? RETRY_FIRST_MS;
  const startWorker = options.startWorker ?? startTosSanitizerWorker;
  /** Set for good by close() or a start that threw. */
  let inline = false;
  /** While failed starts are being retried: when the next may be tried, and how long the one after waits. */
  let retry: { at: number; nextWaitMs: number } | undefined;
  let ready: Promise<Worker> | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  function retire(worker: Worker): void {
    void worker.terminate();
    ready = undefined;
  }

  /** Starts a worker and waits for its `ready`; rejects when it cannot start. */
  function start(): Promise<Worker> {
    let worker: Worker;
    try {
      worker = startWorker();
    } catch (error) {
      return Promise.reject(new StartThrewError(messageOf(error)));
    }
    const starting = new Promise<Worker>((resolve, reject) => {
      worker.unref();
      const failed = (error: unknown) => {
        worker.off('message', onMessage);
        worker.off('exit', onExit);
        void worker.terminate();
        reject(error);
      };
      const onExit = (code: number) => failed(new Error(`the worker exited with code ${code}`));
      const onMessage = (message: TosSanitizerMessage) => {
        if (message.type !== 'ready') return;
        worker.off('message', onMessage);
        worker.off('error', failed);
        worker.off('exit', onExit);
        // From now on a document in the worker hears of its crash; an idle worker that goes away (it
        // should not) is replaced on the next document, and its error is never the process's.
        worker.on('error', () => undefined);
        worker.once('exit', () => {
          if (ready === starting) ready = undefined;
        });
        resolve(worker);
      };
      worker.on('message', onMessage);
      worker.once('error', failed);
      worker.once('exit', onExit);
    });
    return starting;
  }

  function run(worker: Worker, input: TosDocumentInput): Promise<SanitizedTosDocument> {
    return new Promise((resolve, reject) => {
      const settle = () => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onGone);
        worker.off('exit', onGone);
        worker.unref();
      };
      const timer = setTimeout(() => {
        settle();
        retire(worker);
        reject(new TosSanitizeTimeoutError(timeLimitMs));
      }, timeLimitMs);
      const onMessage = (message: TosSanitizerMessage) => {
        settle();
        if (message.type === 'sanitized') return resolve(message.document);
        if (message.type !== 'failed') return reject(new Error(`unexpected worker message ${message.type}`));
        if (message.name === 'TosDocumentTooDeepError') return reject(new TosDocumentTooDeepError());
        reject(Object.assign(new Error(message.message), { name: message.name }));
      };
      // The worker crashed (out of memory, say) or was stopped by close(): the next document starts another.
      const onGone = (error: unknown) => {
        settle();
        retire(worker);
        reject(new TosSanitizerCrashedError(error instanceof Error ? error : `exit code ${String(error)}`));
      };
      worker.on('message', onMessage);
      worker.once('error', onGone);
      worker.once('exit', onGone);
      // Held while a document is in it, so a process waiting on nothing else still gets its answer.
      worker.ref();
      worker.postMessage(input);
    });
  }

  async function sanitizeOne(input: TosDocumentInput): Promise<SanitizedTosDocument> {
    if (inline || (retry !== undefined && Date.now() < retry.at)) return sanitizeTosDocument(input);
    let worker: Worker;
    try {
      ready ??= start();
      worker = await ready;
    } catch (error) {
      ready = undefined;
      const thrown = error instanceof StartThrewError;
      if (thrown) inline = true;
      if (retry === undefined)
        options.warn?.(
          `Terms documents are sanitized on the event loop, as no worker thread could start (${messageOf(error)})${
            thrown
              ? ': where a bundler inlined @kyc-kit/proxy, keep it external (Next.js: serverExternalPackages)'
              : `; a worker is tried again in ${Math.round(retryFirstMs / 1000)} s`
          }`,
        );
      const waitMs = retry?.nextWaitMs ?? retryFirstMs;
      retry = { at: Date.now() + waitMs, nextWaitMs: Math.min(waitMs * 2, RETRY_MAX_MS) };
      return sanitizeTosDocument(input);
    }
    if (retry !== undefined) {
      retry = undefined;
      options.warn?.('Terms documents are sanitized in a worker thread again');
    }
    return run(worker, input);
  }

  return {
    sanitize(input) {
      const result = queue.then(() => sanitizeOne(input));
      queue = result.catch(() => undefined);
      return result;
    },
    async close() {
      inline = true;
      const started = ready;
      ready = undefined;
      const worker = await started?.catch(() => undefined);
      await worker?.terminate();
    },
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
