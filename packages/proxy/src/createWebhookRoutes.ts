import { createHash } from 'node:crypto';
import type { Customer } from '@kyc-kit/core/server';
import { Hono } from 'hono';
import type { ProxyDeps, ProxyEnv } from './createProxyDeps';
import { isCustomerGone } from './mapUpstreamError';
import type { NewCustomerEvent } from './OnboardingStore';
import { ProxyError } from './ProxyError';
import { readLimitedBody } from './readLimitedBody';
import { addressBucket } from './resolveClientAddress';
import { UpstreamError } from './UpstreamError';
import { parseJson } from './validateRequestBody';
import { WEBHOOK_SCHEMES, verifyProviderWebhook } from './verifyProviderWebhook';

/** The header a signed delivery of each scheme carries; it must be present before the body is read. */
const SIGNATURE_HEADER = { hook0: 'x-hook0-signature', 'standard-webhooks': 'webhook-signature' } as const;

/**
 * `POST /webhooks/:provider`: signed provider deliveries, not session-bound.
 * Each event is processed once (the store records its id); the customer it
 * names is re-read upstream and pushed to its user's streams.
 */
export function createWebhookRoutes(deps: ProxyDeps) {
  const { upstream, store, logger } = deps;
  const routes = new Hono<ProxyEnv>();

  routes.post('/:provider', async (c) => {
    if (c.req.param('provider') !== upstream.provider) throw new ProxyError('not_found');
    // Before any body is read: an address whose deliveries keep being refused is refused at once.
    const address = deps.clientAddressOf(c);
    const failures = `webhook:${address === undefined ? 'unknown' : addressBucket(address)}`;
    const budget = deps.webhookLimiter.check(failures);
    if (!budget.allowed)
      throw new ProxyError('rate_limited', { retryAfterSeconds: budget.retryAfterSeconds });
    let rawBody: string;
    let verdict: ReturnType<typeof verifyProviderWebhook>;
    try {
      // The cheap pre-check: a delivery without its scheme's signature header is not worth reading.
      if (c.req.header(SIGNATURE_HEADER[WEBHOOK_SCHEMES[upstream.provider]]) === undefined)
        throw new ProxyError('invalid_signature');
      rawBody = await readLimitedBody(c.req.raw, Math.max(deps.bodyLimitBytes, 262_144), {
        timeoutMs: deps.bodyTimeoutMs,
      });
      // Each provider's own scheme: Hook0 for Coinbase, Standard Webhooks for OMS.
      verdict = verifyProviderWebhook({
        provider: upstream.provider,
        rawBody,
        secret: deps.webhookSecret,
        getHeader: (name) => c.req.header(name),
      });
      if (!verdict.ok) {
        logger.warn({ reason: verdict.reason, provider: upstream.provider }, 'webhook refused');
        throw new ProxyError('invalid_signature');
      }
    } catch (error) {
      deps.webhookLimiter.hit(failures);
      throw error;
    }
    const event = upstream.readWebhookEvent(parseJson(rawBody));
    if (!event) {
      // Acknowledged so the provider stops redelivering an event this proxy has no use for.
      logger.info({ provider: upstream.provider }, 'webhook ignored: not a customer event');
      return c.body(null, 204);
    }
    // The id in the body; else a signed id header: Hook0's X-Event-Id when the v1 signature vouches
    // for it (the guides' event shape has no id field), or Standard Webhooks' always-signed
    // Webhook-Id; else the digest of the signed body, which identifies a redelivery.
    const headerEventId = verdict.signedHeaders.includes('x-event-id')
      ? c.req.header('x-event-id')
      : verdict.signedHeaders.includes('webhook-id')
        ? c.req.header('webhook-id')
        : undefined;
    const eventId =
      event.eventId ?? headerEventId ?? `sha256:${createHash('sha256').update(rawBody).digest('hex')}`;
    const eventKey = `${upstream.provider}:${eventId}`;
    if (await store.isEventProcessed(eventKey)) {
      logger.info({ eventType: event.eventType }, 'webhook duplicate ignored');
      return c.body(null, 204);
    }
    // Nothing is marked processed until the events are stored: an upstream failure here throws, answers
    // 5xx, and the provider's redelivery is handled from the start.
    const events: NewCustomerEvent[] = [];
    for (const customerId of event.customerIds) {
      if (event.kind === 'customer_deleted') {
        const deleted = await deps.unlinkDeletedCustomer(customerId);
        if (deleted) events.push(deleted);
        continue;
      }
      const userId = await store.getUserId(customerId);
      if (userId === null) continue;
      let customer: Customer;
      try {
        customer = await deps.readCustomer(customerId);
      } catch (error) {
        // A customer deleted upstream cannot be re-read: unlink it now (its deletion event may come later or never).
        if (isCustomerGone(error)) {
          const deleted = await deps.unlinkDeletedCustomer(customerId);
          if (deleted) events.push(deleted);
        }
        // Any other 404 ends this event too: retrying a read that cannot succeed would only redeliver forever.
        if (error instanceof UpstreamError && error.status === 404) continue;
        throw error;
      }
      events.push({ userId, type: 'customer', customer });
    }
    // One transaction: the events are stored and the webhook marked processed together, or neither.
    const stored = await store.appendEvents({ events, processedEventKey: eventKey, now: Date.now() });
    if (stored === null) {
      // The same event, delivered to another instance at the same moment, was stored first.
      logger.info({ eventType: event.eventType }, 'webhook duplicate ignored');
      return c.body(null, 204);
    }
    logger.info({ eventType: event.eventType }, 'webhook processed');
    return c.body(null, 204);
  });

  return routes;
}
