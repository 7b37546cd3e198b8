import { Hono } from 'hono';
import { streamSSE, type SSEStreamingApi } from 'hono/streaming';
import type { CustomerEvent } from './createEventHub';
import type { ProxyContext, ProxyDeps, ProxyEnv } from './createProxyDeps';
import { customerEnvelopeJson } from './customerJson';
import { ProxyError } from './ProxyError';

/** Writes one event in the wire format of docs/contracts.md. */
function writeEvent(stream: SSEStreamingApi, event: CustomerEvent): Promise<void> {
  switch (event.type) {
    case 'customer':
      return stream.writeSSE({
        id: String(event.id),
        event: 'customer',
        data: customerEnvelopeJson(event.customer),
      });
    case 'customer_deleted':
      return stream.writeSSE({
        id: String(event.id),
        event: 'customer_deleted',
        data: JSON.stringify({ customerId: event.customerId }),
      });
    default:
      return event satisfies never;
  }
}

/**
 * `GET /events`: the user's server-sent event stream. Each event carries the
 * whole customer, so resuming after `Last-Event-ID` sends the latest event
 * when the client has not seen it.
 */
export function createEventRoutes(deps: ProxyDeps) {
  const { store, logger, hub } = deps;
  const routes = new Hono<ProxyEnv>();
  // Streams past the limit check that have not subscribed yet (they are reading the latest event):
  // counted too, or many opened at one moment would all pass the check before any is counted.
  const opening = new Map<string, number>();
  const release = (userId: string): void => {
    const count = (opening.get(userId) ?? 1) - 1;
    if (count > 0) opening.set(userId, count);
    else opening.delete(userId);
  };

  routes.get('/', async (c) => {
    const userId = c.get('user').id;
    if (hub.streamCount(userId) + (opening.get(userId) ?? 0) >= deps.maxStreamsPerUser)
      throw new ProxyError('rate_limited', { retryAfterSeconds: 5 });
    opening.set(userId, (opening.get(userId) ?? 0) + 1);
    try {
      return await openStream(c, userId);
    } finally {
      // By now the stream has subscribed (streamSSE runs its callback up to its first await at once)
      // and counts itself, or it failed: either way it is no longer opening.
      release(userId);
    }
  });

  async function openStream(c: ProxyContext, userId: string): Promise<Response> {
    const lastEventHeader = c.req.header('last-event-id');
    const lastEventId =
      lastEventHeader !== undefined && /^\d{1,16}$/.test(lastEventHeader)
        ? Number(lastEventHeader)
        : undefined;
    const latest = await hub.latest(userId);
    // A fresh stream starts with the newest event (it carries the whole customer); a resume gets every
    // stored event after the client's, from whichever instance stored it.
    const known = lastEventId !== undefined && latest !== null && latest.id >= lastEventId;
    const afterId = known ? lastEventId : latest ? latest.id - (lastEventId === undefined ? 1 : 0) : 0;
    // An id this store never gave (another database, or a reset): the client may have missed anything.
    const needsFreshRead = lastEventId !== undefined && !known;
    const signal = c.req.raw.signal;

    const response = streamSSE(c, async (stream) => {
      // Writes are queued in order by the stream's writer; none is awaited, so one slow reader never blocks the hub.
      const unsubscribe = hub.subscribe(userId, afterId, (event) => void writeEvent(stream, event));
      // While this stream is open, the server watches a customer in verification: the browser need not poll.
      const unwatch = deps.watcher.watch(userId);
      let end = (): void => undefined;
      const closed = new Promise<void>((resolve) => {
        end = resolve;
        stream.onAbort(resolve);
        signal.addEventListener('abort', () => resolve(), { once: true });
        // The handler's close(): the stream ends, and the browser reconnects to another instance.
        deps.closing.addEventListener('abort', end, { once: true });
        if (signal.aborted || deps.closing.aborted) resolve();
      });
      // Each heartbeat asks the session again: a stream never outlives a sign-out or an expiry (nor
      // hears another user's events if the cookie now names someone else).
      const heartbeat = setInterval(() => {
        void stream.write(': heartbeat\n\n');
        void Promise.resolve(deps.resolveUser(c.req.raw)).then(
          (user) => user?.id !== userId && end(),
          () => undefined,
        );
      }, deps.heartbeatMs);
      void stream.write('retry: 3000\n\n');
      if (needsFreshRead) {
        void store
          .getCustomerId(userId)
          .then(async (customerId) => {
            if (customerId === null) return;
            const customer = await deps.onLinkedCustomer(customerId, () => deps.readCustomer(customerId));
            await hub.publish(userId, customer);
          })
          .catch((error: unknown) =>
            logger.warn(
              { error: error instanceof Error ? error.name : 'unknown' },
              'event stream resume read failed',
            ),
          );
      }
      try {
        await closed;
      } finally {
        // The handler's signal outlives every stream: one listener left per stream ever opened would pile up.
        deps.closing.removeEventListener('abort', end);
        unsubscribe();
        unwatch();
        clearInterval(heartbeat);
      }
    });
    response.headers.set('content-type', 'text/event-stream; charset=utf-8');
    response.headers.set('cache-control', 'no-store');
    // Reverse proxies such as nginx would otherwise buffer the stream and delay every event.
    response.headers.set('x-accel-buffering', 'no');
    return response;
  }

  return routes;
}
