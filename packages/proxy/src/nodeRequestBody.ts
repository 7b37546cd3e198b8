import type { IncomingMessage, ServerResponse } from 'node:http';

/** A `node:http` exchange: the request whose body is read, and the answer to close once a body is refused. */
export interface NodeExchange {
  incoming: IncomingMessage;
  outgoing: ServerResponse;
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
export function readIncomingBody(
  { incoming, outgoing }: NodeExchange,
  limits: NodeBodyLimits,
): Promise<Buffer> {
  // Most JSON bodies arrive with their headers: by the time a route reads one, node:http has parsed it
  // whole into the stream's buffer (its declared length is all there, or the message is complete), and it
  // is taken from there at once, with no listeners and no timer.
  if (isWhollyBuffered(incoming) && incoming.readableLength <= limits.maxBytes) {
    const body = (incoming.read() as Buffer | null) ?? Buffer.alloc(0);
    // Flowing, so the stream ends as soon as node:http sees the message end; left paused, it would still
    // be "unread" when the answer is written, and the adapter would set timers to drain it.
    incoming.resume();
    return Promise.resolve(body);
  }
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
