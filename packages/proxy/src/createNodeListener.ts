import { IncomingMessage, ServerResponse, type OutgoingHttpHeaders } from 'node:http';
import type { Socket } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { OnboardingHandler } from './createOnboardingHandler';
import { jsonAnswerParts, type JsonAnswerParts } from './jsonAnswer';
import { rememberExchange, runAfterAnswer } from './nodeRequestBody';
import { optionError } from './optionErrors';

/** Answers written by the adapter itself in one piece; anything else (event streams, documents) streams. */
const WHOLE_BODY_TYPE = /^application\/(?:[a-z.+-]*\+)?json\b/i;

/** Writes an answer the handler left as plain parts (see `jsonAnswer`): no `Response` is ever built for it. */
function writeParts(parts: JsonAnswerParts, outgoing: ServerResponse): void {
  const headers: OutgoingHttpHeaders = parts.headers;
  headers['content-length'] = Buffer.byteLength(parts.body);
  outgoing.writeHead(parts.status, headers);
  outgoing.end(parts.body);
}

/**
 * Writes a JSON answer in one call: its body is read whole (it is a string
 * the handler already built) instead of chunk by chunk through the generic
 * stream path, which waits a macrotask for the end of a body it cannot see.
 */
async function writeWhole(response: Response, outgoing: ServerResponse): Promise<void> {
  const body = new Uint8Array(await response.arrayBuffer());
  const headers: OutgoingHttpHeaders = {};
  for (const [name, value] of response.headers) if (name !== 'set-cookie') headers[name] = value;
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  headers['content-length'] = body.byteLength;
  outgoing.writeHead(response.status, headers);
  outgoing.end(body);
}

/** The abort controller of an HTTP/1.x connection, on the socket itself: it lives exactly as long as the connection. */
const connectionAbortKey = Symbol('kyc-kit.connectionAbort');

interface WithConnectionAbort {
  [connectionAbortKey]?: AbortController;
}

/** The socket's `close` listener: one function for every connection, no closure per connection. */
function abortConnection(this: Socket): void {
  (this as WithConnectionAbort)[connectionAbortKey]?.abort(new Error('Client connection closed.'));
}

/**
 * One signal per HTTP/1.x connection, aborted when the connection closes.
 * Over HTTP/1.1 a browser can abandon a request only by closing its
 * connection (there is no per-request cancel, and browsers do not pipeline),
 * so this tells a route everything a per-request signal would, and costs an
 * `AbortController` per connection instead of one per request (made by
 * `@hono/node-server` the first time a route reads `request.signal`). A
 * request that ends normally leaves it untouched, so the next request on the
 * same keep-alive connection is not cancelled by the end of the one before.
 * Whoever listens on it must stop listening when the request ends (the
 * upstream transport does): the signal outlives the request.
 */
function connectionSignalOf(socket: Socket): AbortSignal {
  const holder = socket as WithConnectionAbort;
  let controller = holder[connectionAbortKey];
  if (controller === undefined) {
    controller = new AbortController();
    holder[connectionAbortKey] = controller;
    if (socket.destroyed) controller.abort(new Error('Client connection closed.'));
    else socket.once('close', abortConnection);
  }
  return controller.signal;
}

/**
 * Adapts an {@link OnboardingHandler} to `node:http`: the result can be
 * passed to `http.createServer` or mounted in Express or Connect, at the
 * root or under a path (`app.use('/api/onboarding', listener)`: the routes
 * are matched on the full path, `originalUrl`), before any body parser
 * (or with the raw bytes kept as `req.rawBody`). It fills
 * `clientAddress` from the socket, which is what the proxy sends upstream as
 * the end-user's IP (or the first hop `trustedProxyCount` is counted from).
 * Over HTTP/1.x it also passes the connection's abort signal as `signal`
 * (see `OnboardingRequestContext`); over HTTP/2 the request's own signal is
 * used, as a stream can be cancelled on its own.
 */
export function createNodeListener(
  handler: OnboardingHandler,
): (incoming: IncomingMessage, outgoing: ServerResponse) => Promise<void> {
  if (typeof handler !== 'function')
    throw optionError(
      'createNodeListener',
      `pass the handler createOnboardingHandler({ upstream, resolveUser, webhookSecret }) returns, got ${handler === null ? 'null' : typeof handler}`,
    );
  const listener = getRequestListener(
    async (request, { incoming, outgoing }) => {
      // Bodies are then read from the node stream itself (readLimitedBody), not through a web stream.
      const exchange =
        outgoing instanceof ServerResponse && incoming instanceof IncomingMessage
          ? { incoming, outgoing }
          : undefined;
      if (exchange !== undefined) rememberExchange(request, exchange);
      try {
        const { socket } = incoming;
        const response = await handler(
          request,
          incoming instanceof IncomingMessage && incoming.httpVersionMajor === 1
            ? { clientAddress: socket.remoteAddress, signal: connectionSignalOf(socket) }
            : { clientAddress: socket.remoteAddress },
        );
        const parts = outgoing instanceof ServerResponse ? jsonAnswerParts(response) : undefined;
        if (parts !== undefined && outgoing instanceof ServerResponse) {
          writeParts(parts, outgoing);
          return RESPONSE_ALREADY_SENT;
        }
        if (
          !(outgoing instanceof ServerResponse) ||
          response.body === null ||
          !WHOLE_BODY_TYPE.test(response.headers.get('content-type') ?? '')
        )
          return response;
        await writeWhole(response, outgoing);
        return RESPONSE_ALREADY_SENT;
      } finally {
        // What the answer did not wait for (its log line), now that the client has it: a JSON answer is
        // written by then; a streamed one is about to be, as before.
        if (exchange !== undefined) runAfterAnswer(exchange);
      }
    },
    {
      // Leave the partner's global Request and Response alone.
      overrideGlobalObjects: false,
    },
  );
  return (incoming, outgoing) => {
    // Express and Connect strip a mount path from `url` (`app.use('/api/onboarding', listener)`) and keep
    // the full one as `originalUrl`: the routes live under `basePath`, the path the browser calls.
    const { originalUrl } = incoming as IncomingMessage & { originalUrl?: unknown };
    if (typeof originalUrl === 'string') incoming.url = originalUrl;
    return listener(incoming, outgoing);
  };
}
