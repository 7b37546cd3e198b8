import { coinbase, oms } from '@kyc-kit/core/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { verifyHook0Signature } from './hook0Signature';
import { DEFAULT_TOS_VERSION_ID } from './termsOfService';
import { createSandboxTestClient, PASSING_INDIVIDUAL, PASSING_OMS_CUSTOMER } from './sandboxTestClient';
import type { SandboxTestClient } from './sandboxTestClient';

const secret = 'whsec_test_secret';
const acceptedAt = '2026-04-10T12:00:00Z';

interface Received {
  url: string;
  headers: Headers;
  rawBody: string;
  body: Record<string, unknown>;
}

/** A webhook receiver that answers with the given statuses in turn (then 200). */
function receiver(statuses: number[] = []): { fetch: typeof fetch; received: Received[] } {
  const received: Received[] = [];
  const queue = [...statuses];
  const fetchImplementation: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const rawBody = await request.text();
    received.push({
      url: request.url,
      headers: request.headers,
      rawBody,
      body: JSON.parse(rawBody) as Record<string, unknown>,
    });
    return new Response(null, { status: queue.shift() ?? 200 });
  };
  return { fetch: fetchImplementation, received };
}

let client: SandboxTestClient | undefined;

afterEach(async () => {
  vi.useRealTimers();
  await client?.close();
  client = undefined;
});

async function settle(target: SandboxTestClient): Promise<void> {
  // Deliveries start on the next timer turn; wait for that turn, then for the attempts in flight.
  await vi.waitFor(async () => {
    const log = await target.control('GET', '/webhooks');
    const deliveries = log.body.deliveries as { attempts: unknown[] }[];
    expect(deliveries.every((delivery) => delivery.attempts.length > 0)).toBe(true);
  });
}

async function createVerifiedCoinbaseCustomer(target: SandboxTestClient): Promise<string> {
  const created = await target.coinbase('POST', '/platform/v2/customers', {
    type: 'individual',
    individual: PASSING_INDIVIDUAL,
    tosAcceptances: [{ versionId: DEFAULT_TOS_VERSION_ID, language: 'en', acceptedAt }],
    capabilities: { custodyFiat: { requested: true }, custodyCrypto: { requested: true } },
  });
  await target.control('POST', '/advance', { customerId: created.body.customerId });
  return String(created.body.customerId);
}

describe('Coinbase webhooks', () => {
  it('sends the spec shape customers.capability.changed, signed with X-Hook0-Signature', async () => {
    const sink = receiver();
    client = createSandboxTestClient({
      webhooks: { url: 'https://partner.test/hooks', secret },
      fetch: sink.fetch,
    });
    const customerId = await createVerifiedCoinbaseCustomer(client);
    await settle(client);
    expect(sink.received).toHaveLength(2);
    for (const delivery of sink.received) {
      const event = coinbase.strict.capabilityChangedEvent.parse(delivery.body);
      expect(event.data.customerId).toBe(customerId);
      expect(delivery.url).toBe('https://partner.test/hooks');
      const header = delivery.headers.get('x-hook0-signature') ?? '';
      expect(header).toMatch(
        /^t=\d+,v0=[0-9a-f]{64},h=content-type x-event-id x-event-type,v1=[0-9a-f]{64}$/,
      );
      expect(verifyHook0Signature({ secret, rawBody: delivery.rawBody, header })).toBe(true);
      expect(verifyHook0Signature({ secret: 'wrong', rawBody: delivery.rawBody, header })).toBe(false);
      expect(delivery.headers.get('x-event-id')).toBe(event.eventId);
    }
    const [pending, active] = sink.received.map(
      (delivery) => delivery.body.data as { capabilities: unknown[] },
    );
    expect(pending?.capabilities).toEqual([
      { code: 'custodyCrypto', status: 'pending' },
      { code: 'custodyFiat', status: 'pending' },
    ]);
    expect(active?.capabilities).toEqual([
      { code: 'custodyCrypto', status: 'active' },
      { code: 'custodyFiat', status: 'active' },
    ]);
    expect(new Set(sink.received.map((delivery) => delivery.body.eventId)).size).toBe(2);
  });

  it('sends the guides shape customer.capability.status_changed, one event per capability', async () => {
    const sink = receiver();
    client = createSandboxTestClient({
      webhooks: { url: 'https://partner.test/hooks', secret, format: 'guides' },
      fetch: sink.fetch,
    });
    const customerId = await createVerifiedCoinbaseCustomer(client);
    await settle(client);
    expect(sink.received).toHaveLength(4);
    const events = sink.received.map((delivery) =>
      coinbase.strict.capabilityStatusChangedEvent.parse(delivery.body),
    );
    expect(
      events.map((event) => [event.data.capability, event.data.previousStatus, event.data.status]),
    ).toEqual([
      ['custodyCrypto', 'unrequested', 'pending'],
      ['custodyFiat', 'unrequested', 'pending'],
      ['custodyCrypto', 'pending', 'active'],
      ['custodyFiat', 'pending', 'active'],
    ]);
    expect(events.every((event) => event.data.customerId === customerId)).toBe(true);
    expect(new Set(sink.received.map((delivery) => delivery.headers.get('x-event-id'))).size).toBe(4);
  });

  it('sends customers.customer.deleted on delete', async () => {
    const sink = receiver();
    client = createSandboxTestClient({
      webhooks: { url: 'https://partner.test/hooks', secret },
      fetch: sink.fetch,
    });
    const created = await client.coinbase('POST', '/platform/v2/customers', { type: 'individual' });
    await client.coinbase('DELETE', `/platform/v2/customers/${String(created.body.customerId)}`);
    await settle(client);
    const deleted = sink.received
      .map((delivery) => delivery.body)
      .filter((body) => body.eventType === 'customers.customer.deleted');
    expect(deleted).toHaveLength(1);
    expect(coinbase.strict.customerDeletedEvent.parse(deleted[0]).data.customerId).toBe(
      created.body.customerId,
    );
  });

  it('redelivers with backoff until the receiver answers 2xx, keeping the same eventId', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const sink = receiver([500, 503]);
    client = createSandboxTestClient({
      webhooks: { url: 'https://partner.test/hooks', secret, retryBaseMs: 1000 },
      fetch: sink.fetch,
    });
    await client.coinbase('POST', '/platform/v2/customers', {
      type: 'individual',
      capabilities: { custodyFiat: { requested: true } },
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(sink.received).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(999);
    expect(sink.received).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sink.received).toHaveLength(2);
    // The second retry waits twice as long.
    await vi.advanceTimersByTimeAsync(1999);
    expect(sink.received).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(sink.received).toHaveLength(3);
    expect(new Set(sink.received.map((delivery) => delivery.body.eventId)).size).toBe(1);
    const log = await client.control('GET', '/webhooks');
    expect(log.body.deliveries).toMatchObject([
      {
        eventType: 'customers.capability.changed',
        delivered: true,
        attempts: [{ status: 500 }, { status: 503 }, { status: 200 }],
      },
    ]);
  });

  it('gives up on a receiver that never answers after deliveryTimeoutMs and redelivers', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let calls = 0;
    client = createSandboxTestClient({
      webhooks: { url: 'https://partner.test/hooks', secret, retryBaseMs: 1000, deliveryTimeoutMs: 5000 },
      // The first delivery hangs (a receiver stuck mid-restart) until the sender gives up on it.
      fetch: (_input, init) => {
        calls += 1;
        if (calls > 1) return Promise.resolve(new Response(null, { status: 200 }));
        return new Promise((_resolve, reject) => {
          init?.signal?.addEventListener('abort', () => {
            reject(new Error('the receiver did not answer in time'));
          });
        });
      },
    });
    await client.coinbase('POST', '/platform/v2/customers', {
      type: 'individual',
      capabilities: { custodyFiat: { requested: true } },
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toBe(1);
    await vi.advanceTimersByTimeAsync(5000 + 1000);
    expect(calls).toBe(2);
    const log = await client.control('GET', '/webhooks');
    expect(log.body.deliveries).toMatchObject([
      { delivered: true, attempts: [{ error: 'the receiver did not answer in time' }, { status: 200 }] },
    ]);
  });

  it('retries when the receiver cannot be reached, and gives up after maxAttempts', async () => {
    const attempts: number[] = [];
    client = createSandboxTestClient({
      webhooks: { url: 'https://partner.test/hooks', secret, retryBaseMs: 0, maxAttempts: 3 },
      fetch: async () => {
        attempts.push(attempts.length);
        throw new TypeError('fetch failed');
      },
    });
    await client.coinbase('POST', '/platform/v2/customers', {
      type: 'individual',
      capabilities: { custodyFiat: { requested: true } },
    });
    await vi.waitFor(async () => {
      const log = await client?.control('GET', '/webhooks');
      expect(log?.body.deliveries).toMatchObject([
        { delivered: false, attempts: [{ error: 'fetch failed' }, {}, {}] },
      ]);
    });
    expect(attempts).toHaveLength(3);
  });
});

describe('OMS webhooks', () => {
  it('sends customer.endorsement.granted when an endorsement turns ACTIVE, to omsUrl, signed with Standard Webhooks', async () => {
    const sink = receiver();
    const omsSecret = `whsec_${Buffer.from('oms-sandbox-subscription-key-01').toString('base64')}`;
    client = createSandboxTestClient({
      webhooks: {
        url: 'https://partner.test/coinbase',
        omsUrl: 'https://partner.test/oms',
        secret,
        omsSecret,
      },
      fetch: sink.fetch,
    });
    const created = await client.oms(
      'POST',
      '/v0.9/customers',
      { ...PASSING_OMS_CUSTOMER, endorsements: ['usd'] },
      {
        headers: { 'idempotency-key': 'grant' },
      },
    );
    await client.control('POST', '/advance', { customerId: created.body.id });
    await settle(client);
    expect(sink.received.map((delivery) => delivery.url)).toEqual([
      'https://partner.test/oms',
      'https://partner.test/oms',
    ]);
    const events = sink.received.map((delivery) => oms.strict.endorsementEvent.parse(delivery.body));
    expect(
      events.map((event) => [event.type, event.data.endorsement.name, event.data.endorsement.status]),
    ).toEqual([
      ['customer.endorsement.granted', 'basic', 'ACTIVE'],
      ['customer.endorsement.granted', 'usd', 'ACTIVE'],
    ]);
    // OMS's scheme, checked with the standardwebhooks library; no Hook0 header at all.
    for (const delivery of sink.received) {
      expect(delivery.headers.get('x-hook0-signature')).toBeNull();
      expect(delivery.headers.get('webhook-id')).toBe(delivery.body.id);
      const headers = Object.fromEntries(delivery.headers);
      expect(() => new Webhook(omsSecret).verify(delivery.rawBody, headers)).not.toThrow();
      expect(() =>
        new Webhook(`whsec_${Buffer.from('another-key').toString('base64')}`).verify(
          delivery.rawBody,
          headers,
        ),
      ).toThrow();
    }
  });

  it('signs with the Coinbase secret taken as the key bytes when no omsSecret is given', async () => {
    const sink = receiver();
    client = createSandboxTestClient({
      webhooks: { url: 'https://partner.test/hooks', secret },
      fetch: sink.fetch,
    });
    const created = await client.oms(
      'POST',
      '/v0.9/customers',
      { ...PASSING_OMS_CUSTOMER, endorsements: ['usd'] },
      {
        headers: { 'idempotency-key': 'grant-plain' },
      },
    );
    await client.control('POST', '/advance', { customerId: created.body.id });
    await settle(client);
    expect(sink.received.length).toBeGreaterThan(0);
    const key = `whsec_${Buffer.from(secret, 'utf8').toString('base64')}`;
    for (const delivery of sink.received) {
      expect(() =>
        new Webhook(key).verify(delivery.rawBody, Object.fromEntries(delivery.headers)),
      ).not.toThrow();
    }
  });

  it.each(['typed', 'names'] as const)(
    'sends the endorsement in the %s shape when the OMS shapes say so',
    async (endorsements) => {
      const sink = receiver();
      client = createSandboxTestClient({
        webhooks: { url: 'https://partner.test/hooks', secret },
        fetch: sink.fetch,
        omsShapes: { endorsements },
      });
      const created = await client.oms(
        'POST',
        '/v0.9/customers',
        { ...PASSING_OMS_CUSTOMER, endorsements: ['usd'] },
        {
          headers: { 'idempotency-key': `grant-${endorsements}` },
        },
      );
      await client.control('POST', '/advance', { customerId: created.body.id });
      await settle(client);
      const endorsement = (sink.received[0]?.body.data as { endorsement: unknown }).endorsement;
      if (endorsements === 'names') expect(endorsement).toBe('basic');
      else expect(endorsement).toMatchObject({ type: 'basic', status: 'ACTIVE' });
    },
  );
});
