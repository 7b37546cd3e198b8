// Two proxy instances on one Postgres database, each on its own HTTP server, in front of one sandbox:
// what a partner running several instances behind a load balancer relies on.
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Customer } from '@kyc-kit/core';
import { createSandbox, type Sandbox } from '@kyc-kit/sandbox';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCdpJwt, parseCdpSigningKey } from '../src/createCdpJwt';
import { createCoinbaseUpstream } from '../src/createCoinbaseUpstream';
import { createNodeListener } from '../src/createNodeListener';
import { createOnboardingHandler, type OnboardingHandler } from '../src/createOnboardingHandler';
import { createPostgresStore, type PostgresStore } from '../src/createPostgresStore';
import type { WatchOptions } from '../src/createCustomerWatcher';
import { createWebhookSignatureHeader } from '../src/verifyWebhookSignature';
import { startPostgresCluster, type PostgresCluster } from '@kyc-kit/testing/server';

const SANDBOX_ORIGIN = 'http://sandbox.test';
const WEBHOOK_SECRET = 'whsec_multi_instance';
const BASE_PATH = '/api/onboarding';

interface Instance {
  name: string;
  url: string;
  store: PostgresStore;
  handler: OnboardingHandler;
  server: Server;
  /** Customer reads this instance sent upstream. */
  reads(): number;
  /** Drops every connection and the database pool at once, as a crashed process would. */
  kill(): Promise<void>;
}

interface Message {
  event?: string;
  id?: string;
  data?: string;
}

let cluster: PostgresCluster;
let schemaCount = 0;
const instances: Instance[] = [];
const sandboxes: Sandbox[] = [];

beforeAll(async () => {
  cluster = await startPostgresCluster();
});

afterEach(async () => {
  for (const instance of instances.splice(0)) await instance.kill();
  for (const sandbox of sandboxes.splice(0)) await sandbox.close();
});

afterAll(async () => {
  await cluster?.stop();
});

/** A sandbox (manual verification) whose webhooks go to whichever instance `route.to` names. */
function setUp(watch: WatchOptions = {}): {
  sandbox: Sandbox;
  upstreamReads: () => number;
  route: { to?: Instance };
  start(name: string): Promise<Instance>;
} {
  const route: { to?: Instance } = {};
  const sandbox = createSandbox({
    verifyMs: 0,
    manual: true,
    publicUrl: SANDBOX_ORIGIN,
    webhooks: {
      url: `http://app.test${BASE_PATH}/webhooks/coinbase`,
      secret: WEBHOOK_SECRET,
      retryBaseMs: 5,
      maxAttempts: 3,
    },
    fetch: async (input, init) => {
      if (!route.to) throw new Error('no instance to deliver to');
      return route.to.handler(new Request(input, init), { clientAddress: '198.51.100.200' });
    },
  });
  sandboxes.push(sandbox);
  let reads = 0;
  const schema = `multi_${++schemaCount}`;
  return {
    sandbox,
    upstreamReads: () => reads,
    route,
    async start(name) {
      let instanceReads = 0;
      const instanceUpstream = createCoinbaseUpstream({
        baseUrl: `${SANDBOX_ORIGIN}/platform`,
        ...sandbox.credentials.coinbase,
        fetch: async (request: Request) => {
          if (request.method === 'GET') {
            reads += 1;
            instanceReads += 1;
          }
          return sandbox.fetch(request);
        },
      });
      const store = createPostgresStore({ connectionString: cluster.connectionString, schema });
      const handler = createOnboardingHandler({
        upstream: instanceUpstream,
        watch,
        store,
        webhookSecret: WEBHOOK_SECRET,
        resolveUser: (request) => {
          const match = /(?:^|;\s*)session=([^;]+)/.exec(request.headers.get('cookie') ?? '');
          return match?.[1] ? { id: decodeURIComponent(match[1]) } : null;
        },
        tosOrigins: [SANDBOX_ORIGIN],
        logger: pino({ level: 'silent' }),
        heartbeatMs: 60_000,
        rateLimit: { perUser: { limit: 10_000, windowMs: 60_000 } },
      });
      const server = createServer(createNodeListener(handler));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      let killed = false;
      const instance: Instance = {
        name,
        url: `http://127.0.0.1:${port}${BASE_PATH}`,
        store,
        handler,
        server,
        reads: () => instanceReads,
        async kill() {
          if (killed) return;
          killed = true;
          server.closeAllConnections();
          await new Promise((resolve) => server.close(resolve));
          await store.close();
        },
      };
      instances.push(instance);
      await store.ready;
      return instance;
    },
  };
}

function browserHeaders(user: string, write = false): Record<string, string> {
  return {
    cookie: `session=${encodeURIComponent(user)}`,
    ...(write ? { 'content-type': 'application/json', 'x-kyc-kit': '1' } : {}),
  };
}

async function createCustomer(instance: Instance, user: string): Promise<Response> {
  return fetch(`${instance.url}/customer`, {
    method: 'POST',
    headers: browserHeaders(user, true),
    body: JSON.stringify({ capabilities: ['custodyFiat'], fields: { firstName: 'Ann', lastName: 'Lee' } }),
  });
}

async function patchName(instance: Instance, user: string, firstName: string): Promise<void> {
  const response = await fetch(`${instance.url}/customer`, {
    method: 'PATCH',
    headers: browserHeaders(user, true),
    body: JSON.stringify({ fields: { firstName } }),
  });
  expect(response.status).toBe(200);
}

/** A browser's EventSource, reduced to what the tests read. */
async function openStream(instance: Instance, user: string, lastEventId?: string) {
  const response = await fetch(`${instance.url}/events`, {
    headers: { ...browserHeaders(user), ...(lastEventId ? { 'last-event-id': lastEventId } : {}) },
  });
  expect(response.status).toBe(200);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const received: Message[] = [];
  let buffer = '';
  let ended = false;
  const pump = (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const message: Message = {};
          for (const line of block.split('\n')) {
            if (line.startsWith('id: ')) message.id = line.slice(4);
            else if (line.startsWith('event: ')) message.event = line.slice(7);
            else if (line.startsWith('data: ')) message.data = line.slice(6);
          }
          if (message.event) received.push(message);
        }
      }
    } catch {
      // The connection was cut (a killed instance).
    }
    ended = true;
  })();
  return {
    received,
    ended: () => ended,
    customers: () =>
      received
        .filter((message) => message.event === 'customer')
        .map((message) => (JSON.parse(message.data ?? '{}') as { customer: Customer }).customer),
    async close() {
      await reader.cancel().catch(() => undefined);
      await pump;
    },
  };
}

/** The id of the customer the instance answers `GET /customer` with (null: none). */
async function customerIdOn(instance: Instance, user: string): Promise<string | null> {
  const response = await fetch(`${instance.url}/customer`, { headers: browserHeaders(user) });
  expect(response.status).toBe(200);
  return ((await response.json()) as { customer: Customer | null }).customer?.id ?? null;
}

/** Deletes a customer as a partner's back office would: a signed `DELETE /v2/customers/{id}` to the provider. */
async function deleteUpstream(sandbox: Sandbox, customerId: string): Promise<number> {
  const url = new URL(`${SANDBOX_ORIGIN}/platform/v2/customers/${customerId}`);
  const token = await createCdpJwt(parseCdpSigningKey(sandbox.credentials.coinbase), {
    method: 'DELETE',
    url,
  });
  const response = await sandbox.fetch(
    new Request(url, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token}`, 'x-idempotency-key': randomUUID() },
    }),
  );
  return response.status;
}

function capabilityChanged(customerId: string, eventId: string): string {
  return JSON.stringify({
    eventId,
    eventType: 'customers.capability.changed',
    timestamp: new Date().toISOString(),
    data: { customerId, capabilities: [{ code: 'custodyFiat', status: 'active' }] },
  });
}

async function deliver(instance: Instance, rawBody: string): Promise<number> {
  const response = await fetch(`${instance.url}/webhooks/coinbase`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-hook0-signature': createWebhookSignatureHeader(WEBHOOK_SECRET, rawBody),
    },
    body: rawBody,
  });
  return response.status;
}

describe('two proxy instances on one Postgres database', () => {
  it("sends a webhook received by A to the user's stream on B, and a retry of it to B has no second effect", async () => {
    const rig = setUp();
    const a = await rig.start('a');
    const b = await rig.start('b');
    const created = await createCustomer(a, 'ann');
    expect(created.status).toBe(201);
    const customer = ((await created.json()) as { customer: Customer }).customer;
    const stream = await openStream(b, 'ann');
    await expect.poll(() => stream.received.length).toBe(1);

    const rawBody = capabilityChanged(customer.id, `evt_${randomUUID()}`);
    const readsBefore = rig.upstreamReads();
    expect(await deliver(a, rawBody)).toBe(204);
    await expect.poll(() => stream.received.length).toBe(2);
    expect(rig.upstreamReads()).toBe(readsBefore + 1);

    // The provider retries the same event at the other instance: acknowledged, nothing re-read, nothing sent.
    expect(await deliver(b, rawBody)).toBe(204);
    expect(rig.upstreamReads()).toBe(readsBefore + 1);
    await patchName(b, 'ann', 'After');
    await expect.poll(() => stream.received.length).toBe(3);
    expect(stream.customers()[2]?.profile.firstName).toBe('After');
    await stream.close();
  });

  it('gives every stream of a user, on either instance, the same events in the same order', async () => {
    const rig = setUp();
    const a = await rig.start('a');
    const b = await rig.start('b');
    expect((await createCustomer(a, 'ann')).status).toBe(201);
    const onA = await openStream(a, 'ann');
    const onB = await openStream(b, 'ann');
    await expect.poll(() => [onA.received.length, onB.received.length]).toEqual([1, 1]);
    await Promise.all(
      ['One', 'Two', 'Three', 'Four'].map((name, index) => patchName(index % 2 ? b : a, 'ann', name)),
    );
    await expect.poll(() => [onA.received.length, onB.received.length]).toEqual([5, 5]);
    const ids = onA.received.map((message) => Number(message.id));
    expect(onB.received.map((message) => Number(message.id))).toEqual(ids);
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    await onA.close();
    await onB.close();
  });

  it("stores an update's event before it answers: updates in turn on either instance reach every stream once, in the order answered", async () => {
    const rig = setUp();
    const a = await rig.start('a');
    const b = await rig.start('b');
    expect((await createCustomer(a, 'ann')).status).toBe(201);
    const onA = await openStream(a, 'ann');
    const onB = await openStream(b, 'ann');
    await expect.poll(() => [onA.received.length, onB.received.length]).toEqual([1, 1]);
    const names = ['One', 'Two', 'Three', 'Four', 'Five', 'Six'];
    for (const [index, name] of names.entries()) {
      await patchName(index % 2 ? b : a, 'ann', name);
      // Answered, so already stored: a stream resuming now on the other instance would get it.
      const latest = await (index % 2 ? a : b).store.latestEvent('ann');
      expect(latest?.type === 'customer' && latest.customer.profile.firstName).toBe(name);
    }
    await expect
      .poll(() => [onA.received.length, onB.received.length])
      .toEqual([names.length + 1, names.length + 1]);
    for (const stream of [onA, onB]) {
      expect(stream.customers().map((customer) => customer.profile.firstName)).toEqual(['Ann', ...names]);
      const ids = stream.received.map((message) => Number(message.id));
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual([...ids].sort((x, y) => x - y));
    }
    await onA.close();
    await onB.close();
  });

  it('makes exactly one customer from 50 concurrent creates split across both instances', async () => {
    const rig = setUp();
    const a = await rig.start('a');
    const b = await rig.start('b');
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, index) => createCustomer(index % 2 ? b : a, 'ann')),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.every((status) => [200, 201, 409].includes(status))).toBe(true);
    const listed = (await (
      await rig.sandbox.fetch(new Request(`${SANDBOX_ORIGIN}/sandbox/customers`))
    ).json()) as { customers: unknown[] };
    expect(listed.customers).toHaveLength(1);
    // Both instances now answer with that one customer.
    const [fromA, fromB] = await Promise.all(
      [a, b].map(async (instance) => {
        const response = await fetch(`${instance.url}/customer`, { headers: browserHeaders('ann') });
        return ((await response.json()) as { customer: Customer }).customer.id;
      }),
    );
    expect(fromA).toBe(fromB);
  });

  it('lets a browser whose instance was killed mid-stream resume on the other with no event lost', async () => {
    const rig = setUp();
    const a = await rig.start('a');
    const b = await rig.start('b');
    const created = await createCustomer(a, 'ann');
    const customer = ((await created.json()) as { customer: Customer }).customer;
    const stream = await openStream(a, 'ann');
    await patchName(b, 'ann', 'Before');
    await expect
      .poll(() => stream.customers().some((seen) => seen.profile.firstName === 'Before'))
      .toBe(true);
    const lastSeen = stream.received.at(-1)?.id;

    await a.kill();
    await expect.poll(() => stream.ended()).toBe(true);
    // While the browser reconnects: a change made on B, and the provider's verification webhook to B.
    await patchName(b, 'ann', 'During');
    expect(await deliver(b, capabilityChanged(customer.id, `evt_${randomUUID()}`))).toBe(204);
    const stored = async () => (await b.store.eventsAfter('ann', Number(lastSeen), 50)).length;
    await expect.poll(stored).toBeGreaterThanOrEqual(2);

    const resumed = await openStream(b, 'ann', lastSeen);
    const missed = await b.store.eventsAfter('ann', Number(lastSeen), 50);
    await expect.poll(() => resumed.received.length).toBeGreaterThanOrEqual(missed.length);
    expect(resumed.received.slice(0, missed.length).map((message) => Number(message.id))).toEqual(
      missed.map((event) => event.id),
    );
    expect(resumed.customers().some((seen) => seen.profile.firstName === 'During')).toBe(true);
    await resumed.close();
    await stream.close();
  });

  it('watches a customer in verification from one instance only, however many streams are open', async () => {
    const rig = setUp({ baseMs: 5, maxMs: 5 });
    const a = await rig.start('a');
    const b = await rig.start('b');
    // The submitted names stay pending: the sandbox verifies only when told to.
    expect((await createCustomer(a, 'ann')).status).toBe(201);
    const streams = await Promise.all([openStream(a, 'ann'), openStream(b, 'ann'), openStream(b, 'ann')]);
    await expect.poll(() => a.reads() + b.reads()).toBeGreaterThanOrEqual(10);
    expect(Math.min(a.reads(), b.reads())).toBe(0);
    for (const stream of streams) await stream.close();
  });

  it('pushes nothing while a customer in verification is re-read unchanged', async () => {
    const rig = setUp({ baseMs: 5, maxMs: 5 });
    const a = await rig.start('a');
    expect((await createCustomer(a, 'ann')).status).toBe(201);
    const stream = await openStream(a, 'ann');
    await expect.poll(() => a.reads()).toBeGreaterThanOrEqual(10);
    // The one event a fresh stream starts with: every re-read since found the same customer.
    expect(stream.received).toHaveLength(1);
    expect((await a.store.eventsAfter('ann', 0, 50)).length).toBe(1);
    await stream.close();
  });

  it('answers, on an instance that read the old customer, the one the user made again on another after a deletion', async () => {
    const rig = setUp();
    const a = await rig.start('a');
    const b = await rig.start('b');
    rig.route.to = a;
    const first = ((await (await createCustomer(a, 'ann')).json()) as { customer: Customer }).customer;
    // B reads the customer, and so remembers the link.
    expect(await customerIdOn(b, 'ann')).toBe(first.id);

    // Deleted at the provider: its webhook reaches A only, which unlinks it; the user onboards again on A.
    expect(await deleteUpstream(rig.sandbox, first.id)).toBe(204);
    await expect.poll(() => customerIdOn(a, 'ann')).toBeNull();
    const again = await createCustomer(a, 'ann');
    expect(again.status).toBe(201);
    const second = ((await again.json()) as { customer: Customer }).customer;
    expect(second.id).not.toBe(first.id);

    // B never heard of the deletion: the provider's "customer gone" sends it back to the store's link.
    expect(await customerIdOn(b, 'ann')).toBe(second.id);
    await patchName(b, 'ann', 'Again');
    expect(await customerIdOn(b, 'ann')).toBe(second.id);
    const onA = (await (await fetch(`${a.url}/customer`, { headers: browserHeaders('ann') })).json()) as {
      customer: Customer;
    };
    expect(onA.customer.profile.firstName).toBe('Again');
  });

  it('hands over on a graceful shutdown: its streams end, so browsers resume elsewhere, and the other instance watches at once', async () => {
    const rig = setUp({ baseMs: 5, maxMs: 5 });
    const a = await rig.start('a');
    const b = await rig.start('b');
    // The submitted names stay pending: the sandbox verifies only when told to.
    expect((await createCustomer(a, 'ann')).status).toBe(201);
    const onA = await openStream(a, 'ann');
    // A watches (B has no stream yet); then B's loop waits for A's lease.
    await expect.poll(() => a.reads()).toBeGreaterThanOrEqual(2);
    const onB = await openStream(b, 'ann');
    await expect.poll(() => onB.received.length).toBe(1);
    expect(b.reads()).toBe(0);

    // What a partner's SIGTERM handler does before the process exits.
    await a.handler.close();
    // The browser's EventSource sees its stream end and reconnects (through the load balancer, to B).
    await expect.poll(() => onA.ended()).toBe(true);
    // A gave its lease up: B re-reads now, not once the lease would have run out (5 s here, 65 s by default).
    await expect.poll(() => b.reads()).toBeGreaterThanOrEqual(2);
    const readsOfA = a.reads();
    const readsOfB = b.reads();
    await expect.poll(() => b.reads()).toBeGreaterThan(readsOfB + 2);
    // And A watches no more.
    expect(a.reads()).toBe(readsOfA);
    await onB.close();
  });
});
