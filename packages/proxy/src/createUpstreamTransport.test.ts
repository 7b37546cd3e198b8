import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { createSandbox, type Sandbox } from '@kyc-kit/sandbox';
import { afterEach, describe, expect, it } from 'vitest';
import { createCoinbaseUpstream } from './createCoinbaseUpstream';
import { UpstreamError } from './UpstreamError';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** Serves `listener` on a free loopback port until the test ends (then runs `close`); answers its origin. */
async function listen(listener: RequestListener, close?: () => Promise<void>): Promise<string> {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await close?.();
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** The sandbox over real HTTP on loopback, as a provider is reached in production. */
async function serve(): Promise<{ sandbox: Sandbox; origin: string }> {
  const sandbox = createSandbox({ verifyMs: 0 });
  const origin = await listen(
    getRequestListener((request) => sandbox.fetch(request)),
    () => sandbox.close(),
  );
  return { sandbox, origin };
}

const context = {
  idempotencyKey: 'b0c1f7a2-5a0e-4f0e-9d6c-2f3f7d8c9e01',
  requesterIpAddress: '203.0.113.42',
};

describe('the default transport (undici request, no fetch given)', () => {
  it('creates, reads and updates a customer over HTTP', async () => {
    const { sandbox, origin } = await serve();
    const upstream = createCoinbaseUpstream({
      baseUrl: `${origin}/platform`,
      ...sandbox.credentials.coinbase,
    });
    const created = await upstream.createCustomer({ type: 'individual' }, context);
    expect((await upstream.getCustomer(created.id)).id).toBe(created.id);
    const updated = await upstream.updateCustomer(
      created.id,
      { individual: { firstName: 'Ada' } },
      { ...context, idempotencyKey: 'c1d2e3f4-0000-4000-8000-000000000001' },
    );
    expect(updated.profile.firstName).toBe('Ada');
  });

  it('reports a provider error with its status, and retries a 503 after its Retry-After', async () => {
    const { sandbox, origin } = await serve();
    const delays: number[] = [];
    const upstream = createCoinbaseUpstream({
      baseUrl: `${origin}/platform`,
      ...sandbox.credentials.coinbase,
      retry: { baseDelayMs: 1, sleep: async (milliseconds) => void delays.push(milliseconds) },
    });
    const missing = await upstream
      .getCustomer('customer_00000000-0000-0000-0000-000000000000')
      .catch((error) => error);
    expect(missing).toBeInstanceOf(UpstreamError);
    expect((missing as UpstreamError).status).toBe(404);

    const created = await upstream.createCustomer({ type: 'individual' }, context);
    await sandbox.fetch(
      new Request('http://sandbox.test/sandbox/faults', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'status', status: 503, retryAfterSeconds: 1, method: 'GET' }),
      }),
    );
    expect((await upstream.getCustomer(created.id)).id).toBe(created.id);
    expect(delays).toEqual([1000]);
  });

  it('ends an attempt at its timeout when the provider sends headers and then stalls', async () => {
    // A provider that answers 200 but never finishes the body: only the attempt's signal can end the read.
    const stalling = await listen((_incoming, outgoing) => {
      outgoing.writeHead(200, { 'content-type': 'application/json' });
      outgoing.write('{"id":');
    });
    const { sandbox } = await serve();
    const upstream = createCoinbaseUpstream({
      baseUrl: `${stalling}/platform`,
      ...sandbox.credentials.coinbase,
      retry: { retries: 1, baseDelayMs: 1, sleep: async () => undefined },
    });
    const failed = await upstream
      .getCustomer('customer_00000000-0000-0000-0000-000000000000', { timeoutMs: 50 })
      .catch((error) => error);
    expect(failed).toBeInstanceOf(UpstreamError);
    expect((failed as UpstreamError).failure).toBe('timeout');
  });

  it('ends the provider call when the caller goes away, and does not retry it', async () => {
    // The browser disconnects while the provider is slow: the connection to the provider is closed
    // at once and no second attempt is sent.
    let requests = 0;
    let arrived!: () => void;
    let closed!: () => void;
    const providerGotIt = new Promise<void>((resolve) => (arrived = resolve));
    const providerSawClose = new Promise<void>((resolve) => (closed = resolve));
    const slow = await listen((incoming) => {
      requests += 1;
      incoming.socket.once('close', closed);
      arrived();
    });
    const { sandbox } = await serve();
    const upstream = createCoinbaseUpstream({ baseUrl: `${slow}/platform`, ...sandbox.credentials.coinbase });
    const browser = new AbortController();
    const call = upstream
      .getCustomer('customer_00000000-0000-0000-0000-000000000000', { signal: browser.signal })
      .catch((error: unknown) => error);
    await providerGotIt;
    browser.abort(new Error('browser went away'));
    expect(await call).toEqual(new Error('browser went away'));
    await providerSawClose;
    expect(requests).toBe(1);
  });

  it('does not call the provider for a caller that is already gone', async () => {
    let requests = 0;
    const provider = await listen((_incoming, outgoing) => {
      requests += 1;
      outgoing.writeHead(500).end();
    });
    const { sandbox } = await serve();
    const upstream = createCoinbaseUpstream({
      baseUrl: `${provider}/platform`,
      ...sandbox.credentials.coinbase,
    });
    const failed = await upstream
      .getCustomer('customer_00000000-0000-0000-0000-000000000000', {
        signal: AbortSignal.abort(new Error('browser went away')),
      })
      .catch((error: unknown) => error);
    expect(failed).toEqual(new Error('browser went away'));
    expect(requests).toBe(0);
  });

  it('never follows a redirect: the call fails and the other location is not asked', async () => {
    const asked: string[] = [];
    const redirecting = await listen((incoming, outgoing) => {
      asked.push(incoming.url ?? '');
      outgoing.writeHead(302, { location: '/elsewhere' }).end();
    });
    const { sandbox } = await serve();
    const upstream = createCoinbaseUpstream({
      baseUrl: `${redirecting}/platform`,
      ...sandbox.credentials.coinbase,
      retry: { retries: 0 },
    });
    const failed = await upstream
      .getCustomer('customer_00000000-0000-0000-0000-000000000000')
      .catch((error) => error);
    expect(failed).toBeInstanceOf(UpstreamError);
    expect(asked).toEqual(['/platform/v2/customers/customer_00000000-0000-0000-0000-000000000000']);
  });

  it('signs each request for the very path the provider receives, dot segments and escapes included', async () => {
    const seen: { path: string; signedFor: string }[] = [];
    const provider = await listen((incoming, outgoing) => {
      const token = (incoming.headers.authorization ?? '').replace(/^Bearer /, '');
      const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as {
        uris: string[];
      };
      seen.push({ path: incoming.url ?? '', signedFor: claims.uris[0] ?? '' });
      outgoing.writeHead(404, { 'content-type': 'application/json' }).end('{"errorType":"not_found"}');
    });
    const { sandbox } = await serve();
    const upstream = createCoinbaseUpstream({
      baseUrl: `${provider}/platform/`,
      ...sandbox.credentials.coinbase,
    });
    for (const customerId of ['customer_1', '..', 'caf\u00e9', 'a b'])
      await upstream.getCustomer(customerId).catch(() => undefined);
    const host = new URL(provider).host;
    expect(seen.map(({ path }) => path)).toEqual([
      '/platform/v2/customers/customer_1',
      '/platform/v2/',
      '/platform/v2/customers/caf%C3%A9',
      '/platform/v2/customers/a%20b',
    ]);
    for (const { path, signedFor } of seen) expect(signedFor).toBe(`GET ${host}${path}`);
  });
});
