import type { IncomingMessage, ServerResponse } from 'node:http';

/** A `node:http` exchange: the request whose body is read, and the answer to close once a body is refused. */
export interface NodeExchange {
  incoming: IncomingMessage;
  outgoing: ServerResponse;
  /** Work the answer does not wait for, run by `createNodeListener` once it has written the answer. */
  afterAnswer?: (() => void)[];
}

/**
 * The `node:http` request behind each `Request` that `createNodeListener`
 * hands the handler, so a body can be read from the socket's own stream
 * rather than through a web `ReadableStream` built around it. A property of
 * the request object itself (not a `WeakMap` entry, which costs a hash
 * insert per request and an ephemeron for the collector to trace): it lives
 * exactly as long as its request.
 */
const exchangeKey = Symbol('kyc-kit.nodeExchange');

interface WithExchange {
  [exchangeKey]?: NodeExchange;
}

/** Records the `node:http` exchange a `Request` was built from (see `createNodeListener`). */
export function rememberExchange(request: Request, exchange: NodeExchange): void {
  (request as WithExchange)[exchangeKey] = exchange;
}

/**
 * Runs `task` once the answer to `request` is written, when `request` came
 * from `createNodeListener` (which then runs it right after its write, in
 * the same turn), and returns true; returns false otherwise, and the caller
 * does the work itself. Only for work nobody relies on before the answer
 * (the request's log line): nothing a retry, another instance or a stream
 * needs stored may wait for it.
 */
export function deferUntilAnswered(request: Request, task: () => void): boolean {
  const exchange = (request as WithExchange)[exchangeKey];
  if (exchange === undefined) return false;
  (exchange.afterAnswer ??= []).push(task);
  return true;
}

/** Runs the work {@link deferUntilAnswered} put off, once (`createNodeListener`, after its write). */
export function runAfterAnswer(exchange: NodeExchange): void {
  const tasks = exchange.afterAnswer;
  if (tasks === undefined) return;
  exchange.afterAnswer = undefined;
  for (const task of tasks) task();
}

/**
 * Whether something before `createNodeListener` (a body parser such as `express.json()`) already read
 * the body of `request` and kept no raw bytes (`req.rawBody`, which the adapter reads instead).
 */
export function isBodyReadElsewhere(request: Request): boolean {
  const exchange = (request as WithExchange)[exchangeKey];
  if (exchange === undefined) return false;
  const incoming = exchange.incoming as IncomingMessage & { rawBody?: unknown };
  return (incoming.readableDidRead || incoming.readableEnded) && !Buffer.isBuffer(incoming.rawBody);
}

/** The `node:http` exchange whose request body is still unread, when `request` came from `createNodeListener`. */
export function unreadExchangeOf(request: Request): NodeExchange | undefined {
  const exchange = (request as WithExchange)[exchangeKey];
  if (exchange === undefined) return undefined;
  const { incoming } = exchange;
  if (incoming.readableDidRead || incoming.readableEnded || incoming.destroyed) return undefined;
  return exchange;
}

/**
 * Whether the whole request body already sits in the stream's buffer, unread.
 * node:http marks a message complete only a turn after its last body bytes
 * are buffered, so a body with a `Content-Length` is also whole once that
 * many bytes are there (HTTP/1.1 framing: no more can belong to it).
 */
function isWhollyBuffered(incoming: IncomingMessage): boolean {
  if (incoming.readableFlowing === true) return false;
  if (incoming.complete) return true;
  const declared = incoming.headers['content-length'];
  return (
    declared !== undefined &&
    incoming.headers['transfer-encoding'] === undefined &&
    Number(declared) === incoming.readableLength
  );
}

/** What ends a node body read early: too large, too slow. */
export interface NodeBodyLimits {
  maxBytes: number;
  timeoutMs: number | undefined;
  tooLarge: () => Error;
  tooSlow: () => Error;
}

/**
 * Reads a `node:http` request body whole, as bytes, within `maxBytes` and
 * `timeoutMs`. Past either, reading stops at once (nothing more is
 * buffered), the promise rejects with the limit's error, and the connection
 * is closed once that error's answer (413, 408) is written, so the rest of
 * the upload is never read.
 */
export function readIncomingBody(exchange: NodeExchange, limits: NodeBodyLimits): Promise<Buffer> {
  const { incoming } = exchange;
  // Most JSON bodies arrive with their headers: node:http has then parsed them whole into the stream's
  // buffer (their declared length is all there, or the message is complete), and they are taken from
  // there at once, with no listeners and no timer.
  if (isWhollyBuffered(incoming) && incoming.readableLength <= limits.maxBytes)
    return Promise.resolve(takeBuffered(incoming));
  // But node:http runs the handler as soon as a request's headers are parsed, before it pushes the body
  // bytes of the same socket read into the stream, and a route that reads its body without a turn in
  // between (the middlewares all run on synchronously) finds the buffer still empty. Those bytes are
  // there once the parser's call returns, so one microtask later the body is usually whole; only a body
  // still missing then (in later packets, or streamed) is read by listeners under the time limit.
  if (awaitsBufferedBody(incoming, limits.maxBytes))
    return Promise.resolve(exchange).then((later) =>
      isWhollyBuffered(later.incoming) && later.incoming.readableLength <= limits.maxBytes
        ? takeBuffered(later.incoming)
        : readByEvents(later, limits),
    );
  return readByEvents(exchange, limits);
}

/** A declared body within the limit, none of it buffered or read yet: worth one microtask's wait. */
function awaitsBufferedBody(incoming: IncomingMessage, maxBytes: number): boolean {
  if (incoming.readableFlowing === true || incoming.complete || incoming.readableLength !== 0) return false;
  const declared = incoming.headers['content-length'];
  return (
    declared !== undefined &&
    incoming.headers['transfer-encoding'] === undefined &&
    Number(declared) <= maxBytes
  );
}

/** Takes a wholly buffered body out of the stream. */
function takeBuffered(incoming: IncomingMessage): Buffer {
  const body = (incoming.read() as Buffer | null) ?? Buffer.alloc(0);
  // Flowing, so the stream ends as soon as node:http sees the message end; left paused, it would still
  // be "unread" when the answer is written, and the adapter would set timers to drain it.
  incoming.resume();
  return body;
}

/** Reads a body as it streams in, by listeners, within the limits (see {@link readIncomingBody}). */
function readByEvents({ incoming, outgoing }: NodeExchange, limits: NodeBodyLimits): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const timer =
      limits.timeoutMs === undefined ? undefined : setTimeout(() => fail(limits.tooSlow()), limits.timeoutMs);
    const cleanup = (): void => {
      clearTimeout(timer);
      incoming.off('data', onData);
      incoming.off('end', onEnd);
      incoming.off('error', onError);
      incoming.off('close', onClose);
    };
    const fail = (error: Error): void => {
      cleanup();
      incoming.pause();
      if (outgoing.headersSent) incoming.destroy();
      else outgoing.setHeader('connection', 'close');
      reject(error);
    };
    const onData = (chunk: Buffer): void => {
      total += chunk.byteLength;
      if (total > limits.maxBytes) fail(limits.tooLarge());
      else chunks.push(chunk);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, total));
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(error);
    };
    const onClose = (): void => {
      if (incoming.readableEnded) return;
      cleanup();
      reject(new Error('request body aborted'));
    };
    incoming.on('data', onData);
    incoming.on('end', onEnd);
    incoming.on('error', onError);
    incoming.on('close', onClose);
  });
}
