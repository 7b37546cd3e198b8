import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  APP_ORIGIN,
  BASE_PATH,
  WEBHOOK_SECRET,
  createProxyHarness,
  type ProxyHarness,
} from '@kyc-kit/testing/server';
import { createWebhookSignatureHeader } from './verifyWebhookSignature';

const harnesses: ProxyHarness[] = [];
afterEach(async () => {
  for (const harness of harnesses.splice(0)) await harness.close();
});

function open(options: Parameters<typeof createProxyHarness>[0]): ProxyHarness {
  const harness = createProxyHarness(options);
  harnesses.push(harness);
  return harness;
}

/** A request body that counts how many chunks the proxy pulled; `endless` never finishes. */
function countedBody(
  text: string,
  endless = false,
): { body: ReadableStream<Uint8Array>; pulled: () => number } {
  const bytes = new TextEncoder().encode(text);
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        pulled += 1;
        if (pulled === 1) return controller.enqueue(bytes);
        if (endless) return new Promise<void>(() => undefined);
        controller.close();
      },
    },
    { highWaterMark: 0 },
  );
  return { body, pulled: () => pulled };
}

function webhook(
  harness: ProxyHarness,
  body: ReadableStream<Uint8Array> | string,
  headers: Record<string, string>,
  clientAddress: string,
): Promise<Response> {
  // Node needs `duplex` for a streamed body; the DOM RequestInit type does not list it yet.
  const init: RequestInit & { duplex: 'half' } = {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    duplex: 'half',
  };
  return harness.handler(new Request(`${APP_ORIGIN}${BASE_PATH}/webhooks/coinbase`, init), { clientAddress });
}

function capabilityChanged(customerId: string): string {
  return JSON.stringify({
    eventId: randomUUID(),
    eventType: 'customers.capability.changed',
    timestamp: new Date().toISOString(),
    data: { customerId, capabilities: [{ code: 'custodyFiat', status: 'active' }] },
  });
}

describe('webhook route limits', () => {
  it('refuses a delivery without any signature header before reading its body', async () => {
    const harness = open({ provider: 'coinbase', sandboxWebhooks: false });
    const source = countedBody('{"eventType":"customers.capability.changed"}');
    const refused = await webhook(harness, source.body, {}, '192.0.2.50');
    expect(refused.status).toBe(401);
    expect(source.pulled()).toBe(0);
  });

  it("refuses an address whose forgeries used up its budget before reading, and still takes the provider's deliveries", async () => {
    const harness = open({
      provider: 'coinbase',
      sandboxWebhooks: false,
      handler: { rateLimit: { webhookFailuresPerAddress: { limit: 3, windowMs: 60_000 } } },
    });
    const forged = '{"eventType":"customers.capability.changed","padding":"' + 'x'.repeat(2000) + '"}';
    const signature = createWebhookSignatureHeader('not-the-secret', forged);
    for (let attempt = 0; attempt < 3; attempt += 1)
      expect((await webhook(harness, forged, { 'x-hook0-signature': signature }, '192.0.2.66')).status).toBe(
        401,
      );
    const source = countedBody(forged);
    const limited = await webhook(harness, source.body, { 'x-hook0-signature': signature }, '192.0.2.66');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(source.pulled()).toBe(0);

    const genuine = capabilityChanged('customer_unknown');
    const delivered = await webhook(
      harness,
      genuine,
      { 'x-hook0-signature': createWebhookSignatureHeader(WEBHOOK_SECRET, genuine) },
      '198.51.100.200',
    );
    expect(delivered.status).toBe(204);
  });

  it('refuses a webhook body that does not arrive in time with 408', async () => {
    const harness = open({ provider: 'coinbase', sandboxWebhooks: false, handler: { bodyTimeoutMs: 50 } });
    const source = countedBody('{"eventType":', true);
    const refused = await webhook(harness, source.body, { 'x-hook0-signature': 't=1,v1=00' }, '192.0.2.70');
    expect(refused.status).toBe(408);
  });
});

describe('browser request bodies', () => {
  it('refuses a write whose body does not arrive in time with 408', async () => {
    const harness = open({ provider: 'coinbase', sandboxWebhooks: false, handler: { bodyTimeoutMs: 50 } });
    const source = countedBody('{"capabilities":', true);
    const init: RequestInit & { duplex: 'half' } = {
      method: 'POST',
      headers: {
        cookie: 'session=slow',
        'content-type': 'application/json',
        'x-kyc-kit': '1',
        origin: APP_ORIGIN,
      },
      body: source.body,
      duplex: 'half',
    };
    const response = await harness.handler(new Request(`${APP_ORIGIN}${BASE_PATH}/customer`, init), {
      clientAddress: '203.0.113.10',
    });
    expect(response.status).toBe(408);
    expect(await response.json()).toMatchObject({ error: { code: 'invalid_request', retryable: true } });
  });
});

describe('IPv6 clients', () => {
  it('counts a whole /64 as one address: rotating through it gets no fresh budget, another /64 is apart', async () => {
    const harness = open({
      provider: 'coinbase',
      sandboxWebhooks: false,
      handler: { rateLimit: { perAddress: { limit: 3, windowMs: 60_000 } } },
    });
    // One host's /64 holds 2^64 addresses: a new one for every request costs the sender nothing.
    const sameNetwork = ['2001:db8:1:2::1', '2001:db8:1:2::2', '[2001:db8:1:2:aaaa::3]:443'];
    for (const clientAddress of sameNetwork)
      expect((await harness.send(null, 'GET', '/customer', { clientAddress })).status).toBe(401);
    const rotated = await harness.send(null, 'GET', '/customer', {
      clientAddress: '2001:0db8:0001:0002:ffff::9',
    });
    expect(rotated.status).toBe(429);
    expect((await harness.send(null, 'GET', '/customer', { clientAddress: '2001:db8:1:3::1' })).status).toBe(
      401,
    );
  });

  it('refuses a /64 whose forged webhooks used up its budget, whichever of its addresses sends the next', async () => {
    const harness = open({
      provider: 'coinbase',
      sandboxWebhooks: false,
      handler: { rateLimit: { webhookFailuresPerAddress: { limit: 3, windowMs: 60_000 } } },
    });
    const forged = '{"eventType":"customers.capability.changed"}';
    const signature = { 'x-hook0-signature': createWebhookSignatureHeader('not-the-secret', forged) };
    for (const host of ['1', '2', '3'])
      expect((await webhook(harness, forged, signature, `2001:db8:77:1::${host}`)).status).toBe(401);
    const source = countedBody(forged);
    expect((await webhook(harness, source.body, signature, '2001:db8:77:1::4')).status).toBe(429);
    expect(source.pulled()).toBe(0);
  });
});
