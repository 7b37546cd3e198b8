import { createHmac, randomUUID } from 'node:crypto';
import type { Customer } from '@kyc-kit/core/server';
import { afterEach, describe, expect, it } from 'vitest';
import { createCdpJwt, parseCdpSigningKey } from './createCdpJwt';
import type { OnboardingStore } from './OnboardingStore';
import {
  APP_ORIGIN,
  BASE_PATH,
  SANDBOX_ORIGIN,
  WEBHOOK_SECRET,
  createProxyHarness,
  type ProxyHarness,
} from '@kyc-kit/testing/server';
import { createSqliteStore } from './createSqliteStore';
import { createStandardWebhookHeaders } from './verifyStandardWebhook';
import { createWebhookSignatureHeader } from './verifyWebhookSignature';

const harnesses: ProxyHarness[] = [];
afterEach(async () => {
  for (const harness of harnesses.splice(0)) await harness.close();
});

/** The sandbox sends no webhooks of its own here: only the ones each test delivers reach the proxy. */
function open(options: Parameters<typeof createProxyHarness>[0]): ProxyHarness {
  const harness = createProxyHarness(options);
  harnesses.push(harness);
  return harness;
}

function capabilityChanged(customerId: string, eventId: string = randomUUID()): string {
  return JSON.stringify({
    eventId,
    eventType: 'customers.capability.changed',
    timestamp: new Date().toISOString(),
    data: { customerId, capabilities: [{ code: 'custodyFiat', status: 'active' }] },
  });
}

/** A delivery's signature headers in its provider's scheme: Hook0 for Coinbase, Standard Webhooks for OMS. */
function signatureHeaders(provider: 'coinbase' | 'oms', rawBody: string): Record<string, string> {
  return provider === 'oms'
    ? createStandardWebhookHeaders({ secret: WEBHOOK_SECRET, rawBody, messageId: `msg_${randomUUID()}` })
    : { 'x-hook0-signature': createWebhookSignatureHeader(WEBHOOK_SECRET, rawBody) };
}

function deliver(
  harness: ProxyHarness,
  rawBody: string,
  signature: string,
  provider = 'coinbase',
  headers: Record<string, string> = {},
): Promise<Response> {
  return harness.handler(
    new Request(`${APP_ORIGIN}${BASE_PATH}/webhooks/${provider}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hook0-signature': signature, ...headers },
      body: rawBody,
    }),
    { clientAddress: '198.51.100.200' },
  );
}

function customerDeleted(customerId: string, eventId: string = randomUUID()): string {
  return JSON.stringify({
    eventId,
    eventType: 'customers.customer.deleted',
    timestamp: new Date().toISOString(),
    data: { customerId },
  });
}

/** Deletes a customer the way a partner's back office would: a signed `DELETE /v2/customers/{id}` to the provider. */
async function deleteUpstream(harness: ProxyHarness, customerId: string): Promise<number> {
  const url = new URL(`${SANDBOX_ORIGIN}/platform/v2/customers/${customerId}`);
  const token = await createCdpJwt(parseCdpSigningKey(harness.sandbox.credentials.coinbase), {
    method: 'DELETE',
    url,
  });
  const response = await harness.sandbox.fetch(
    new Request(url, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token}`, 'x-idempotency-key': randomUUID() },
    }),
  );
  return response.status;
}

async function errorCode(response: Response): Promise<string> {
  return ((await response.json()) as { error: { code: string } }).error.code;
}

/** Each processed event makes the proxy re-read the customer upstream: count those reads. */
function rereads(harness: ProxyHarness, customerId: string): number {
  return harness.upstreamCalls.filter((call) => call.method === 'GET' && call.path.endsWith(customerId))
    .length;
}

async function customerFor(harness: ProxyHarness, user: string): Promise<Customer> {
  const response = await harness.write(user, 'POST', '/customer', { capabilities: ['custodyFiat'] });
  return ((await response.json()) as { customer: Customer }).customer;
}

describe('provider webhooks', () => {
  it('publishes a verified event to the owning user and refuses forged, stale and tampered ones', async () => {
    const harness = open({ provider: 'coinbase', sandboxWebhooks: false });
    const customer = await customerFor(harness, 'owner');
    const stream = await harness.openEvents('owner');
    await stream.next((message) => message.event === 'customer');
    const eventId = randomUUID();
    const body = capabilityChanged(customer.id, eventId);

    const forged = await deliver(harness, body, createWebhookSignatureHeader('not-the-secret', body));
    const stale = await deliver(
      harness,
      body,
      createWebhookSignatureHeader(WEBHOOK_SECRET, body, Math.floor(Date.now() / 1000) - 301),
    );
    const tampered = await deliver(
      harness,
      body.replace('active', 'inactive'),
      createWebhookSignatureHeader(WEBHOOK_SECRET, body),
    );
    const unsigned = await deliver(harness, body, '');
    for (const response of [forged, stale, tampered, unsigned]) expect(response.status).toBe(401);
    expect(rereads(harness, customer.id)).toBe(0);

    // The refused attempts did not use up the event id: the genuine delivery is processed.
    const genuine = await deliver(harness, body, createWebhookSignatureHeader(WEBHOOK_SECRET, body));
    expect(genuine.status).toBe(204);
    expect(rereads(harness, customer.id)).toBe(1);
    const published = await stream.next((message) => message.event === 'customer');
    expect(JSON.parse(published.data ?? '{}')).toMatchObject({ customer: { id: customer.id } });
    await stream.close();
  });

  it('processes a replayed or redelivered event id once', async () => {
    const harness = open({ provider: 'coinbase', sandboxWebhooks: false });
    const customer = await customerFor(harness, 'owner');
    const eventId = randomUUID();
    const body = capabilityChanged(customer.id, eventId);
    const signature = createWebhookSignatureHeader(WEBHOOK_SECRET, body);
    expect((await deliver(harness, body, signature)).status).toBe(204);
    // The same request again (a replay), and the same event re-signed later with a new timestamp (a redelivery).
    expect((await deliver(harness, body, signature)).status).toBe(204);
    const redelivered = capabilityChanged(customer.id, eventId);
    expect(
      (
        await deliver(
          harness,
          redelivered,
          createWebhookSignatureHeader(WEBHOOK_SECRET, redelivered, Math.floor(Date.now() / 1000) + 1),
        )
      ).status,
    ).toBe(204);
    expect(rereads(harness, customer.id)).toBe(1);
  });

  it("de-duplicates the guides' id-less events by the X-Event-Id the v1 signature covers", async () => {
    const harness = open({ provider: 'coinbase', sandboxWebhooks: false });
    const customer = await customerFor(harness, 'owner');
    const body = JSON.stringify({
      type: 'customer.capability.status_changed',
      data: {
        customerId: customer.id,
        capability: 'custodyFiat',
        previousStatus: 'pending',
        status: 'active',
      },
    });
    const sign = (eventId: string): string => {
      const timestamp = Math.floor(Date.now() / 1000);
      const names = 'content-type x-event-id x-event-type';
      const v1 = createHmac('sha256', WEBHOOK_SECRET)
        .update(
          `${timestamp}.${names}.application/json.${eventId}.customer.capability.status_changed.${body}`,
        )
        .digest('hex');
      return `${createWebhookSignatureHeader(WEBHOOK_SECRET, body, timestamp)},h=${names},v1=${v1}`;
    };
    const headers = (eventId: string): Record<string, string> => ({
      'x-event-id': eventId,
      'x-event-type': 'customer.capability.status_changed',
    });
    expect((await deliver(harness, body, sign('evt-1'), 'coinbase', headers('evt-1'))).status).toBe(204);
    expect((await deliver(harness, body, sign('evt-1'), 'coinbase', headers('evt-1'))).status).toBe(204);
    expect(rereads(harness, customer.id)).toBe(1);
    // A later, distinct event with the same body is still processed.
    expect((await deliver(harness, body, sign('evt-2'), 'coinbase', headers('evt-2'))).status).toBe(204);
    expect(rereads(harness, customer.id)).toBe(2);
  });

  it('acknowledges events about customers of nobody here without acting on them', async () => {
    const harness = open({ provider: 'coinbase', sandboxWebhooks: false });
    const body = capabilityChanged('customer_00000000-0000-0000-0000-000000000000');
    expect((await deliver(harness, body, createWebhookSignatureHeader(WEBHOOK_SECRET, body))).status).toBe(
      204,
    );
    expect(harness.upstreamCalls).toHaveLength(0);
  });

  it('leaves an event unprocessed when the re-read fails, so the redelivery counts', async () => {
    const harness = open({ provider: 'coinbase', sandboxWebhooks: false });
    const customer = await customerFor(harness, 'owner');
    await harness.control('POST', '/faults', {
      kind: 'status',
      status: 500,
      path: `/platform/v2/customers/${customer.id}`,
      method: 'GET',
      count: 10,
    });
    const body = capabilityChanged(customer.id);
    const failed = await deliver(harness, body, createWebhookSignatureHeader(WEBHOOK_SECRET, body));
    expect(failed.status).toBe(503);
    await harness.control('DELETE', '/faults');
    expect((await deliver(harness, body, createWebhookSignatureHeader(WEBHOOK_SECRET, body))).status).toBe(
      204,
    );
  });

  it('unlinks a deleted customer, tells the open stream, and lets the user onboard again', async () => {
    const harness = open({ provider: 'coinbase', sandboxWebhooks: false });
    const customer = await customerFor(harness, 'owner');
    const stream = await harness.openEvents('owner');
    await stream.next((message) => message.event === 'customer');

    const body = customerDeleted(customer.id);
    expect((await deliver(harness, body, createWebhookSignatureHeader(WEBHOOK_SECRET, body))).status).toBe(
      204,
    );
    const gone = await stream.next((message) => message.event === 'customer_deleted');
    expect(JSON.parse(gone.data ?? '{}')).toEqual({ customerId: customer.id });
    expect(Number(gone.id)).toBeGreaterThan(0);
    // Nothing about a deleted customer is read back from the provider.
    expect(rereads(harness, customer.id)).toBe(0);

    const read = await harness.send('owner', 'GET', '/customer');
    expect(read.status).toBe(200);
    expect(await read.json()).toEqual({ customer: null, provider: 'coinbase' });
    const update = await harness.write('owner', 'PATCH', '/customer', { fields: { firstName: 'Ann' } });
    expect(update.status).toBe(404);

    const again = await harness.write('owner', 'POST', '/customer', { capabilities: ['custodyFiat'] });
    expect(again.status).toBe(201);
    expect(((await again.json()) as { customer: Customer }).customer.id).not.toBe(customer.id);
    await stream.close();
  });

  it('replays the deletion to a stream that resumes after it', async () => {
    const harness = open({ provider: 'coinbase', sandboxWebhooks: false });
    const customer = await customerFor(harness, 'owner');
    const first = await harness.openEvents('owner');
    const seen = await first.next((message) => message.event === 'customer');
    await first.close();
    const body = customerDeleted(customer.id);
    await deliver(harness, body, createWebhookSignatureHeader(WEBHOOK_SECRET, body));
    const resumed = await harness.openEvents('owner', { 'last-event-id': seen.id ?? '' });
    expect((await resumed.next((message) => message.event !== undefined)).event).toBe('customer_deleted');
    await resumed.close();
  });

  it('follows a deletion made at the provider: its own webhook unlinks the customer', async () => {
    const harness = open({ provider: 'coinbase' });
    const customer = await customerFor(harness, 'owner');
    const stream = await harness.openEvents('owner');
    expect(await deleteUpstream(harness, customer.id)).toBe(204);
    await stream.next((message) => message.event === 'customer_deleted');
    expect(await (await harness.send('owner', 'GET', '/customer')).json()).toEqual({
      customer: null,
      provider: 'coinbase',
    });
    await stream.close();
  });

  it('unlinks a customer found deleted on a read, even when its deletion event never came', async () => {
    const harness = open({ provider: 'coinbase', sandboxWebhooks: false });
    const customer = await customerFor(harness, 'owner');
    expect(await deleteUpstream(harness, customer.id)).toBe(204);
    const read = await harness.send('owner', 'GET', '/customer');
    expect(read.status).toBe(200);
    expect(await read.json()).toEqual({ customer: null, provider: 'coinbase' });
    // The stale link is gone: a create makes a new customer instead of answering with the deleted one.
    const created = await harness.write('owner', 'POST', '/customer', { capabilities: ['custodyFiat'] });
    expect(created.status).toBe(201);
    expect(((await created.json()) as { customer: Customer }).customer.id).not.toBe(customer.id);
  });

  it('reads a known link without the store, and forgets it when the provider says the customer is gone', async () => {
    const sqlite = createSqliteStore();
    let linkReads = 0;
    const store: OnboardingStore = {
      ...sqlite,
      getCustomerId(userId) {
        linkReads += 1;
        return sqlite.getCustomerId(userId);
      },
    };
    const harness = open({ provider: 'coinbase', sandboxWebhooks: false, handler: { store } });
    const customer = await customerFor(harness, 'owner');
    for (let read = 0; read < 3; read += 1) {
      const answer = (await (await harness.send('owner', 'GET', '/customer')).json()) as {
        customer: Customer;
      };
      expect(answer.customer.id).toBe(customer.id);
    }
    expect(linkReads).toBe(0);

    expect(await deleteUpstream(harness, customer.id)).toBe(204);
    expect(await (await harness.send('owner', 'GET', '/customer')).json()).toEqual({
      customer: null,
      provider: 'coinbase',
    });
    // The forgotten link is not answered from memory again: the store (now without it) is asked.
    const before = linkReads;
    expect(await (await harness.send('owner', 'GET', '/customer')).json()).toEqual({
      customer: null,
      provider: 'coinbase',
    });
    expect(linkReads).toBe(before + 1);
  });

  it('replaces a customer deleted upstream when the user onboards again', async () => {
    const harness = open({ provider: 'coinbase', sandboxWebhooks: false });
    const customer = await customerFor(harness, 'owner');
    expect(await deleteUpstream(harness, customer.id)).toBe(204);
    const created = await harness.write('owner', 'POST', '/customer', { capabilities: ['custodyFiat'] });
    expect(created.status).toBe(201);
    expect(((await created.json()) as { customer: Customer }).customer.id).not.toBe(customer.id);
  });

  it('routes OMS events on the OMS route only', async () => {
    const harness = open({ provider: 'oms', sandboxWebhooks: false });
    const customer = await customerFor(harness, 'owner');
    const eventId = `evt_${randomUUID().replace(/-/g, '')}`;
    const body = JSON.stringify({
      id: eventId,
      type: 'customer.endorsement.granted',
      createdAt: new Date().toISOString(),
      data: { customerId: customer.id, endorsement: { name: 'usd', status: 'ACTIVE' } },
    });
    const hook0 = createWebhookSignatureHeader(WEBHOOK_SECRET, body);
    expect((await deliver(harness, body, hook0, 'coinbase')).status).toBe(404);
    // OMS signs with Standard Webhooks: Coinbase's Hook0 header is no signature there.
    expect((await deliver(harness, body, hook0, 'oms')).status).toBe(401);
    const standard = signatureHeaders('oms', body);
    expect((await deliver(harness, body, '', 'oms', standard)).status).toBe(204);
    expect((await deliver(harness, body, '', 'oms', standard)).status).toBe(204);
    expect(rereads(harness, customer.id)).toBe(1);
  });
});

describe('OMS webhooks (Standard Webhooks)', () => {
  it('takes the signed Webhook-Id as the event id when the body has none, and accepts a rotated secret', async () => {
    const harness = open({
      provider: 'oms',
      sandboxWebhooks: false,
      webhookSecret: ['retired-secret', WEBHOOK_SECRET],
    });
    const customer = await customerFor(harness, 'owner');
    const body = JSON.stringify({
      type: 'customer.endorsement.granted',
      data: { customerId: customer.id, endorsement: { type: 'usd', status: 'ACTIVE' } },
    });
    const headers = createStandardWebhookHeaders({
      secret: WEBHOOK_SECRET,
      rawBody: body,
      messageId: 'msg_same',
    });
    expect((await deliver(harness, body, '', 'oms', headers)).status).toBe(204);
    // A redelivery: same Webhook-Id, signed afresh.
    const again = createStandardWebhookHeaders({
      secret: WEBHOOK_SECRET,
      rawBody: body,
      messageId: 'msg_same',
    });
    expect((await deliver(harness, body, '', 'oms', again)).status).toBe(204);
    expect(rereads(harness, customer.id)).toBe(1);
    const retired = createStandardWebhookHeaders({
      secret: 'retired-secret',
      rawBody: body,
      messageId: 'msg_other',
    });
    expect((await deliver(harness, body, '', 'oms', retired)).status).toBe(204);
    expect(rereads(harness, customer.id)).toBe(2);
    const unknown = createStandardWebhookHeaders({
      secret: 'never-issued',
      rawBody: body,
      messageId: 'msg_forged',
    });
    expect((await deliver(harness, body, '', 'oms', unknown)).status).toBe(401);
  });
});

describe('oversized webhooks', () => {
  /** Over the webhook limit of 256 KiB, whatever the browser body limit. */
  const OVERSIZED_BYTES = 1_048_576;

  function eventFor(provider: 'coinbase' | 'oms', customerId: string, eventId: string): object {
    return provider === 'coinbase'
      ? JSON.parse(capabilityChanged(customerId, eventId))
      : {
          id: eventId,
          type: 'customer.endorsement.granted',
          createdAt: new Date().toISOString(),
          data: { customerId, endorsement: { name: 'usd', status: 'ACTIVE' } },
        };
  }

  /** The body as a stream of 16 KiB chunks that declares no length, counting the chunks the proxy pulls. */
  function streamed(rawBody: string): {
    body: ReadableStream<Uint8Array>;
    chunks: number;
    pulled: () => number;
  } {
    const bytes = new TextEncoder().encode(rawBody);
    const chunkBytes = 16_384;
    const chunks = Math.ceil(bytes.byteLength / chunkBytes);
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          if (pulled === chunks) return controller.close();
          controller.enqueue(bytes.slice(pulled * chunkBytes, (pulled + 1) * chunkBytes));
          pulled += 1;
        },
      },
      { highWaterMark: 0 },
    );
    return { body, chunks, pulled: () => pulled };
  }

  const cases = (['coinbase', 'oms'] as const).flatMap((provider) =>
    (['declared', 'streamed'] as const).map((length) => ({ provider, length })),
  );

  it.each(cases)(
    'refuses an oversized $provider webhook ($length length) with 413 and no effect',
    async ({ provider, length }) => {
      const inner = createSqliteStore();
      const claimed: string[] = [];
      const store: OnboardingStore = {
        ...inner,
        isEventProcessed: (eventKey) => {
          claimed.push(eventKey);
          return inner.isEventProcessed(eventKey);
        },
      };
      const harness = open({ provider, sandboxWebhooks: false, handler: { bodyLimitBytes: 1024, store } });
      const customer = await customerFor(harness, 'owner');
      const stream = await harness.openEvents('owner');
      await stream.next((message) => message.event === 'customer');
      const eventId = `evt_${randomUUID().replace(/-/g, '')}`;
      const rawBody = JSON.stringify({
        ...eventFor(provider, customer.id, eventId),
        padding: 'x'.repeat(OVERSIZED_BYTES),
      });
      const headers = {
        'content-type': 'application/json',
        // Validly signed: only its size may stop it.
        ...signatureHeaders(provider, rawBody),
      };
      const url = `${APP_ORIGIN}${BASE_PATH}/webhooks/${provider}`;
      let request: Request;
      let source: ReturnType<typeof streamed> | undefined;
      if (length === 'declared') {
        request = new Request(url, {
          method: 'POST',
          headers: { ...headers, 'content-length': String(Buffer.byteLength(rawBody)) },
          body: rawBody,
        });
      } else {
        source = streamed(rawBody);
        // Node needs `duplex` for a streamed body; the DOM RequestInit type does not list it yet.
        const init: RequestInit & { duplex: 'half' } = {
          method: 'POST',
          headers,
          body: source.body,
          duplex: 'half',
        };
        request = new Request(url, init);
      }

      const refused = await harness.handler(request, { clientAddress: '198.51.100.200' });
      expect(refused.status).toBe(413);
      expect(await errorCode(refused)).toBe('invalid_request');
      // Cut off past the limit, not read to the end.
      if (source) expect(source.pulled()).toBeLessThan(source.chunks);
      expect(claimed).toEqual([]);
      expect(rereads(harness, customer.id)).toBe(0);

      // The same event at its normal size is still new to the proxy, and is the only one published.
      const genuine = JSON.stringify(eventFor(provider, customer.id, eventId));
      const delivered = await deliver(harness, genuine, '', provider, signatureHeaders(provider, genuine));
      expect(delivered.status).toBe(204);
      expect(rereads(harness, customer.id)).toBe(1);
      await stream.next((message) => message.event === 'customer');
      expect(stream.received.filter((message) => message.event === 'customer')).toHaveLength(2);
      await stream.close();
    },
  );
});
