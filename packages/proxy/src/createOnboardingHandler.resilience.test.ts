import {
  Agent as HttpAgent,
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Customer } from '@kyc-kit/core/server';
import { afterEach, describe, expect, it } from 'vitest';
import { createCoinbaseUpstream } from './createCoinbaseUpstream';
import { createNodeListener } from './createNodeListener';
import { createProxyHarness, SANDBOX_ORIGIN, type ProxyHarness } from '@kyc-kit/testing/server';

const harnesses: ProxyHarness[] = [];
const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
  for (const harness of harnesses.splice(0)) await harness.close();
});

function open(options: Parameters<typeof createProxyHarness>[0]): ProxyHarness {
  const harness = createProxyHarness(options);
  harnesses.push(harness);
  return harness;
}

interface ErrorAnswer {
  error: { code: string; message: string; retryable: boolean };
}

async function createFor(harness: ProxyHarness, user: string): Promise<Customer> {
  const response = await harness.write(user, 'POST', '/customer', { capabilities: ['custodyFiat'] });
  expect(response.status).toBe(201);
  return ((await response.json()) as { customer: Customer }).customer;
}

function reads(harness: ProxyHarness, customerId: string): number {
  return harness.upstreamCalls.filter((call) => call.method === 'GET' && call.path.endsWith(customerId))
    .length;
}

const STATUSES = [500, 502, 503, 429] as const;

describe('upstream faults', () => {
  it.each(STATUSES)('retries a read after one %i and answers normally', async (status) => {
    const harness = open({ provider: 'coinbase', sandboxWebhooks: false });
    const customer = await createFor(harness, 'u');
    await harness.control('POST', '/faults', {
      kind: 'status',
      status,
      method: 'GET',
      path: '/platform/v2/customers/',
      count: 1,
    });
    const response = await harness.send('u', 'GET', '/customer');
    expect(response.status).toBe(200);
    expect(reads(harness, customer.id)).toBe(2);
    // 429 and 503 carry Retry-After: 1 from the sandbox; the wait honours it.
    if (status === 429 || status === 503) expect(harness.retryDelays).toEqual([1000]);
    else expect(harness.retryDelays).toHaveLength(1);
  });

  it.each(STATUSES)(
    'ends a lasting %i in a typed retryable error with the catalogue message',
    async (status) => {
      const harness = open({ provider: 'coinbase', sandboxWebhooks: false });
      await createFor(harness, 'u');
      await harness.control('POST', '/faults', {
        kind: 'status',
        status,
        method: 'GET',
        path: '/platform/v2/customers/',
        count: 10,
      });
      const response = await harness.send('u', 'GET', '/customer');
      expect(response.status).toBe(503);
      const body = (await response.json()) as ErrorAnswer;
      expect(body.error).toEqual({
        code: 'upstream_unavailable',
        message: 'The service is busy. Try again in a few minutes.',
        retryable: true,
      });
      if (status === 429 || status === 503) expect(response.headers.get('retry-after')).toBe('1');
    },
  );

  it('retries a read that times out, and reports a lasting timeout as retryable', async () => {
    const harness = open({ provider: 'coinbase', sandboxWebhooks: false, upstreamTimeoutMs: 25 });
    const customer = await createFor(harness, 'u');
    await harness.control('POST', '/faults', {
      kind: 'timeout',
      method: 'GET',
      path: '/platform/v2/customers/',
      count: 1,
    });
    expect((await harness.send('u', 'GET', '/customer')).status).toBe(200);
    expect(reads(harness, customer.id)).toBe(2);

    await harness.control('POST', '/faults', {
      kind: 'timeout',
      method: 'GET',
      path: '/platform/v2/customers/',
      count: 10,
    });
    const response = await harness.send('u', 'GET', '/customer');
    expect(response.status).toBe(504);
    expect(((await response.json()) as ErrorAnswer).error).toMatchObject({
      code: 'upstream_unavailable',
      retryable: true,
    });
    await harness.control('DELETE', '/faults');
  });

  it('reports a malformed answer as retryable', async () => {
    const harness = open({ provider: 'coinbase', sandboxWebhooks: false });
    await createFor(harness, 'u');
    await harness.control('POST', '/faults', {
      kind: 'malformed',
      method: 'GET',
      path: '/platform/v2/customers/',
      count: 1,
    });
    const response = await harness.send('u', 'GET', '/customer');
    expect(response.status).toBe(502);
    expect(((await response.json()) as ErrorAnswer).error).toMatchObject({
      code: 'upstream_unavailable',
      retryable: true,
    });
  });

  it('retries a create with its idempotency key and makes one customer', async () => {
    const harness = open({ provider: 'coinbase', sandboxWebhooks: false });
    await harness.control('POST', '/faults', {
      kind: 'status',
      status: 503,
      method: 'POST',
      path: '/platform/v2/customers',
      count: 1,
    });
    await createFor(harness, 'u');
    const attempts = harness.upstreamCalls.filter(
      (call) => call.method === 'POST' && call.path === '/platform/v2/customers',
    );
    expect(attempts).toHaveLength(2);
    expect(attempts[0]?.headers.get('x-idempotency-key')).toBe(attempts[1]?.headers.get('x-idempotency-key'));
    // Each attempt was signed afresh.
    expect(attempts[0]?.headers.get('authorization')).not.toBe(attempts[1]?.headers.get('authorization'));
    expect(((await harness.control('GET', '/customers')) as { customers: unknown[] }).customers).toHaveLength(
      1,
    );
  });

  it('recovers a create whose answer was lost when the browser retries with the same key', async () => {
    const harness = open({ provider: 'oms', sandboxWebhooks: false });
    await harness.control('POST', '/faults', {
      kind: 'malformed',
      method: 'POST',
      path: '/v0.9/customers',
      count: 1,
    });
    const body = { capabilities: ['usd'] };
    const lost = await harness.write('u', 'POST', '/customer', body, { 'idempotency-key': 'submit-1' });
    expect(lost.status).toBe(502);
    expect(((await lost.json()) as ErrorAnswer).error.retryable).toBe(true);
    const retried = await harness.write('u', 'POST', '/customer', body, { 'idempotency-key': 'submit-1' });
    expect(retried.status).toBe(201);
    expect(((await harness.control('GET', '/customers')) as { customers: unknown[] }).customers).toHaveLength(
      1,
    );
  });
});

describe('OMS upstream faults', () => {
  const omsCustomers = '/v0.9/customers/';

  it.each(STATUSES)('retries a read after one %i and answers normally', async (status) => {
    const harness = open({ provider: 'oms', sandboxWebhooks: false });
    const customer = await createFor(harness, 'u');
    await harness.control('POST', '/faults', { kind: 'status', status, method: 'GET', path: omsCustomers });
    expect((await harness.send('u', 'GET', '/customer')).status).toBe(200);
    expect(reads(harness, customer.id)).toBe(2);
  });

  it.each(STATUSES)('ends a lasting %i in a typed retryable error', async (status) => {
    const harness = open({ provider: 'oms', sandboxWebhooks: false });
    await createFor(harness, 'u');
    await harness.control('POST', '/faults', {
      kind: 'status',
      status,
      method: 'GET',
      path: omsCustomers,
      count: 10,
    });
    const response = await harness.send('u', 'GET', '/customer');
    expect(response.status).toBe(503);
    expect(((await response.json()) as ErrorAnswer).error).toEqual({
      code: 'upstream_unavailable',
      message: 'The service is busy. Try again in a few minutes.',
      retryable: true,
    });
  });

  it('retries a read that times out, and reports a malformed answer as retryable', async () => {
    const harness = open({ provider: 'oms', sandboxWebhooks: false, upstreamTimeoutMs: 25 });
    const customer = await createFor(harness, 'u');
    await harness.control('POST', '/faults', { kind: 'timeout', method: 'GET', path: omsCustomers });
    expect((await harness.send('u', 'GET', '/customer')).status).toBe(200);
    expect(reads(harness, customer.id)).toBe(2);
    await harness.control('DELETE', '/faults');

    await harness.control('POST', '/faults', { kind: 'malformed', method: 'GET', path: omsCustomers });
    const response = await harness.send('u', 'GET', '/customer');
    expect(response.status).toBe(502);
    expect(((await response.json()) as ErrorAnswer).error).toMatchObject({
      code: 'upstream_unavailable',
      retryable: true,
    });
  });
});

describe('OMS write faults', () => {
  const writes = [
    {
      name: 'create',
      method: 'POST',
      path: '/v0.9/customers',
      prepare: async (): Promise<void> => undefined,
      send: (harness: ProxyHarness) =>
        harness.write('u', 'POST', '/customer', { capabilities: ['usd'] }, { 'idempotency-key': 'submit-1' }),
      okStatus: 201,
    },
    {
      name: 'fields update',
      method: 'PATCH',
      path: '/v0.9/customers/',
      prepare: async (harness: ProxyHarness): Promise<void> => void (await createFor(harness, 'u')),
      send: (harness: ProxyHarness) =>
        harness.write('u', 'PATCH', '/customer', { fields: { firstName: 'Ann', lastName: 'Lee' } }),
      okStatus: 200,
    },
  ] as const;

  const cases = writes.flatMap((write) => ([503, 429] as const).map((status) => ({ ...write, status })));

  it.each(cases)(
    'retries an OMS $name after one $status with the same Idempotency-Key',
    async ({ method, path, prepare, send, okStatus, status }) => {
      const harness = open({ provider: 'oms', sandboxWebhooks: false });
      await prepare(harness);
      await harness.control('POST', '/faults', { kind: 'status', status, method, path, count: 1 });
      const response = await send(harness);
      expect(response.status).toBe(okStatus);
      const attempts = harness.upstreamCalls.filter(
        (call) => call.method === method && call.path.startsWith(path),
      );
      expect(attempts).toHaveLength(2);
      const key = attempts[0]?.headers.get('idempotency-key');
      expect(key).toMatch(/\S/);
      expect(attempts[1]?.headers.get('idempotency-key')).toBe(key);
      // Both statuses carry the sandbox's Retry-After: 1, and the wait honours it.
      expect(harness.retryDelays).toEqual([1000]);
      expect(
        ((await harness.control('GET', '/customers')) as { customers: unknown[] }).customers,
      ).toHaveLength(1);
    },
  );

  it.each(writes)('ends an OMS $name meeting a lasting 503 in a typed retryable error', async (write) => {
    const harness = open({ provider: 'oms', sandboxWebhooks: false });
    await write.prepare(harness);
    await harness.control('POST', '/faults', {
      kind: 'status',
      status: 503,
      method: write.method,
      path: write.path,
      count: 10,
    });
    const response = await write.send(harness);
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('1');
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({
      error: {
        code: 'upstream_unavailable',
        message: 'The service is busy. Try again in a few minutes.',
        retryable: true,
      },
    });
    // Nothing of the provider's own answer reaches the browser.
    expect(text).not.toMatch(/service_unavailable|Service unavailable/i);
  });
});

describe('upstream authentication', () => {
  it('caches the OMS token and replaces it shortly before it expires', async () => {
    let clock = Date.now();
    const harness = open({ provider: 'oms', sandboxWebhooks: false, now: () => clock });
    await createFor(harness, 'u');
    await harness.send('u', 'GET', '/customer');
    const tokenCalls = (): number =>
      harness.upstreamCalls.filter((call) => call.path === '/v0.9/auth/token').length;
    expect(tokenCalls()).toBe(1);
    clock += 3_600_000 - 30_000;
    expect((await harness.send('u', 'GET', '/customer')).status).toBe(200);
    expect(tokenCalls()).toBe(2);
  });
});

/** Serves `harness`'s handler over node:http on a free loopback port (closed after the test); resolves with the port. */
async function serveOverNode(harness: ProxyHarness): Promise<number> {
  const server = createServer(createNodeListener(harness.handler));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

describe('createNodeListener', () => {
  it('serves the handler over node:http and sends the socket address upstream', async () => {
    const harness = open({ provider: 'coinbase', sandboxWebhooks: false });
    const port = await serveOverNode(harness);
    const response = await fetch(`http://127.0.0.1:${port}/api/onboarding/customer`, {
      method: 'POST',
      headers: { cookie: 'session=node-user', 'content-type': 'application/json', 'x-kyc-kit': '1' },
      body: JSON.stringify({ capabilities: ['custodyFiat'] }),
    });
    expect(response.status).toBe(201);
    expect(harness.upstreamCalls.at(-1)?.body).toMatchObject({
      compliance: { requesterIpAddress: '127.0.0.1' },
    });
  });

  it('writes JSON answers whole, with their security headers and exact length, errors included', async () => {
    const harness = open({ provider: 'coinbase', sandboxWebhooks: false });
    const port = await serveOverNode(harness);
    const base = `http://127.0.0.1:${port}/api/onboarding/customer`;
    const created = await fetch(base, {
      method: 'POST',
      headers: { cookie: 'session=node-user', 'content-type': 'application/json', 'x-kyc-kit': '1' },
      body: JSON.stringify({ capabilities: ['custodyFiat'], fields: { firstName: 'Zoë' } }),
    });
    const body = await created.text();
    expect(created.headers.get('content-length')).toBe(String(Buffer.byteLength(body)));
    expect(created.headers.get('x-content-type-options')).toBe('nosniff');
    expect(created.headers.get('cache-control')).toBe('no-store');
    expect((JSON.parse(body) as { customer: Customer }).customer.id).toEqual(expect.any(String));

    const refused = await fetch(base);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(((await refused.json()) as ErrorAnswer).error.code).toBe('unauthorized');
  });

  it('logs one line per request through node:http, written once the answer is out', async () => {
    const harness = open({ provider: 'coinbase', sandboxWebhooks: false });
    const port = await serveOverNode(harness);
    const base = `http://127.0.0.1:${port}/api/onboarding/customer`;
    const write = { cookie: 'session=node-user', 'content-type': 'application/json', 'x-kyc-kit': '1' };
    const answers = [
      await fetch(base, { method: 'POST', headers: write, body: '{"capabilities":["custodyFiat"]}' }),
      await fetch(base, { headers: { cookie: 'session=node-user' } }),
      await fetch(base, { method: 'PATCH', headers: write, body: '{"fields":{"firstName":"Ann"}}' }),
      await fetch(base),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([201, 200, 200, 401]);
    const lines = harness
      .logText()
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as { msg: string; method?: string; route?: string; status?: number })
      .filter((line) => line.msg === 'request');
    expect(lines.map(({ method, route, status }) => ({ method, route, status }))).toEqual([
      { method: 'POST', route: '/api/onboarding/customer', status: 201 },
      { method: 'GET', route: '/api/onboarding/customer', status: 200 },
      { method: 'PATCH', route: '/api/onboarding/customer', status: 200 },
      { method: 'GET', route: expect.any(String) as string, status: 401 },
    ]);
  });

  /**
   * A proxy over node:http whose provider holds every read once `hold` is on
   * until `release` is called or the read is cancelled; `reads` records how
   * each held read ended.
   */
  async function serveHeldReads(): Promise<{
    harness: ProxyHarness;
    port: number;
    hold: (on: boolean) => void;
    started: () => Promise<void>;
    release: () => void;
    reads: ('answered' | 'cancelled')[];
  }> {
    let holding = false;
    let onStart: () => void = () => undefined;
    let releaseHeld: () => void = () => undefined;
    const reads: ('answered' | 'cancelled')[] = [];
    const harness = open({
      provider: 'coinbase',
      sandboxWebhooks: false,
      upstream: ({ fetch, sandbox, retry }) =>
        createCoinbaseUpstream({
          baseUrl: `${SANDBOX_ORIGIN}/platform`,
          ...sandbox.credentials.coinbase,
          retry,
          timeoutMs: 5000,
          fetch: (request) => {
            if (!holding || request.method !== 'GET') return fetch(request);
            onStart();
            return new Promise<Response>((resolve, reject) => {
              request.signal.addEventListener('abort', () => {
                reads.push('cancelled');
                reject(request.signal.reason as Error);
              });
              releaseHeld = () => {
                reads.push('answered');
                resolve(fetch(request));
              };
            });
          },
        }),
    });
    return {
      harness,
      port: await serveOverNode(harness),
      hold: (on) => (holding = on),
      started: () => new Promise<void>((resolve) => (onStart = resolve)),
      release: () => releaseHeld(),
      reads,
    };
  }

  /** A GET of the user's customer over `agent`; resolves with the status, the body and whether the socket was reused. */
  function getCustomer(
    port: number,
    agent: HttpAgent,
  ): { done: Promise<{ status: number; body: string; reused: boolean }>; abandon: () => void } {
    const request = httpRequest({
      host: '127.0.0.1',
      port,
      path: '/api/onboarding/customer',
      agent,
      headers: { cookie: 'session=node-user' },
    });
    request.on('error', () => undefined);
    const done = new Promise<{ status: number; body: string; reused: boolean }>((resolve, reject) => {
      request.on('response', (answer) => {
        let body = '';
        answer.on('data', (chunk) => (body += String(chunk)));
        answer.on('end', () =>
          resolve({ status: answer.statusCode ?? 0, body, reused: request.reusedSocket }),
        );
      });
      request.on('close', () => reject(new Error('connection closed before an answer')));
    });
    done.catch(() => undefined);
    request.end();
    return { done, abandon: () => request.destroy() };
  }

  it('cancels the upstream call of a read whose browser closed the connection, and logs it as abandoned', async () => {
    const proxy = await serveHeldReads();
    await createFor(proxy.harness, 'node-user');
    const agent = new HttpAgent({ keepAlive: true, maxSockets: 1 });
    try {
      proxy.hold(true);
      const started = proxy.started();
      const read = getCustomer(proxy.port, agent);
      await started;
      read.abandon();
      await expect(read.done).rejects.toThrow('connection closed');
      await expect.poll(() => proxy.reads).toEqual(['cancelled']);
      await expect.poll(() => proxy.harness.logText()).toContain('request abandoned by the client');
    } finally {
      agent.destroy();
    }
  });

  it('answers every read on one keep-alive connection: the end of one request cancels nothing of the next', async () => {
    const proxy = await serveHeldReads();
    const customer = await createFor(proxy.harness, 'node-user');
    const agent = new HttpAgent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await getCustomer(proxy.port, agent).done;
      expect(first.status).toBe(200);
      proxy.hold(true);
      const started = proxy.started();
      const second = getCustomer(proxy.port, agent);
      await started;
      // The first request is long over; the second, held upstream on the same connection, is still wanted.
      await new Promise((resolve) => setTimeout(resolve, 20));
      proxy.release();
      const answered = await second.done;
      expect(answered).toMatchObject({ status: 200, reused: true });
      expect((JSON.parse(answered.body) as { customer: Customer }).customer.id).toBe(customer.id);
      expect(proxy.reads).toEqual(['answered']);
      proxy.hold(false);
      const third = await getCustomer(proxy.port, agent).done;
      expect(third).toMatchObject({ status: 200, reused: true });
    } finally {
      agent.destroy();
    }
  });

  /** Starts a write over node:http and sends `firstChunk` of its body (chunked: no Content-Length); resolves with the answer. */
  async function startUpload(
    harness: ProxyHarness,
    firstChunk: string,
  ): Promise<{ answer: IncomingMessage; body: string; closed: Promise<void> }> {
    const port = await serveOverNode(harness);
    const upload = httpRequest({
      host: '127.0.0.1',
      port,
      path: '/api/onboarding/customer',
      method: 'POST',
      headers: { cookie: 'session=node-user', 'content-type': 'application/json', 'x-kyc-kit': '1' },
    });
    upload.on('error', () => undefined);
    const closed = new Promise<void>((resolve) => upload.on('close', () => resolve()));
    upload.write(firstChunk);
    const answer = await new Promise<IncomingMessage>((resolve) => upload.on('response', resolve));
    let body = '';
    for await (const chunk of answer) body += String(chunk);
    return { answer, body, closed };
  }

  it('refuses a streamed body past the limit with 413 and closes the connection, nothing sent upstream', async () => {
    const harness = open({ provider: 'coinbase', sandboxWebhooks: false, handler: { bodyLimitBytes: 64 } });
    const { answer, body, closed } = await startUpload(harness, `{"capabilities":["${'x'.repeat(200)}`);
    expect(answer.statusCode).toBe(413);
    expect(answer.headers.connection).toBe('close');
    expect((JSON.parse(body) as ErrorAnswer).error).toMatchObject({
      code: 'invalid_request',
      retryable: false,
    });
    await closed;
    expect(harness.upstreamCalls.filter((call) => call.method === 'POST')).toHaveLength(0);
  });

  /**
   * Starts a write over node:http with a `Content-Length`, its headers sent at once and `parts` of its
   * body after `gapMs` each (a browser on a slow link); resolves with the answer.
   */
  async function sendLate(
    harness: ProxyHarness,
    method: 'POST' | 'PATCH',
    body: string,
    parts: readonly string[],
    gapMs: number,
  ): Promise<{ answer: IncomingMessage; body: string }> {
    const port = await serveOverNode(harness);
    const upload = httpRequest({
      host: '127.0.0.1',
      port,
      path: '/api/onboarding/customer',
      method,
      headers: {
        cookie: 'session=node-user',
        'content-type': 'application/json',
        'x-kyc-kit': '1',
        'content-length': String(Buffer.byteLength(body)),
      },
    });
    upload.on('error', () => undefined);
    upload.flushHeaders();
    const answered = new Promise<IncomingMessage>((resolve) => upload.on('response', resolve));
    for (const part of parts) {
      await new Promise((resolve) => setTimeout(resolve, gapMs));
      upload.write(part);
    }
    const answer = await answered;
    let text = '';
    for await (const chunk of answer) text += String(chunk);
    return { answer, body: text };
  }

  it('reads a body with a Content-Length that arrives after its headers, in parts', async () => {
    const harness = open({ provider: 'coinbase', sandboxWebhooks: false });
    await createFor(harness, 'node-user');
    const body = JSON.stringify({ fields: { firstName: 'Late' } });
    const { answer, body: text } = await sendLate(
      harness,
      'PATCH',
      body,
      [body.slice(0, 10), body.slice(10)],
      20,
    );
    expect(answer.statusCode).toBe(200);
    expect((JSON.parse(text) as { customer: Customer }).customer.profile.firstName).toBe('Late');
  });

  it('refuses a body with a Content-Length that stops short with 408, nothing sent upstream', async () => {
    const harness = open({ provider: 'coinbase', sandboxWebhooks: false, handler: { bodyTimeoutMs: 50 } });
    const body = JSON.stringify({ capabilities: ['custodyFiat'] });
    const { answer } = await sendLate(harness, 'POST', body, [body.slice(0, 5)], 5);
    expect(answer.statusCode).toBe(408);
    expect(answer.headers.connection).toBe('close');
    expect(harness.upstreamCalls.filter((call) => call.method === 'POST')).toHaveLength(0);
  });

  /**
   * Serves the listener behind a stand-in for Express or Connect: `mount` strips the mount path from
   * `req.url` and keeps the full one as `req.originalUrl` (what `app.use('/api/onboarding', listener)`
   * does); `parseJson` reads the body first, as `express.json()` does, keeping the bytes as `rawBody`
   * when asked (body-parser's `verify` hook).
   */
  async function serveBehindMiddleware(
    harness: ProxyHarness,
    middleware: { mount?: string; parseJson?: boolean; keepRawBody?: boolean },
  ): Promise<number> {
    const listener = createNodeListener(harness.handler);
    const server = createServer((request, response) => {
      const carried = request as IncomingMessage & { originalUrl?: string; body?: unknown; rawBody?: Buffer };
      const pass = (): void => {
        if (middleware.mount !== undefined && request.url?.startsWith(middleware.mount)) {
          carried.originalUrl = request.url;
          request.url = request.url.slice(middleware.mount.length) || '/';
        }
        void listener(request, response);
      };
      if (!middleware.parseJson || request.method === 'GET') return pass();
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const raw = Buffer.concat(chunks);
        carried.body = JSON.parse(raw.toString('utf8')) as unknown;
        if (middleware.keepRawBody) carried.rawBody = raw;
        pass();
      });
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return (server.address() as AddressInfo).port;
  }

  const createInit = {
    method: 'POST',
    headers: { cookie: 'session=node-user', 'content-type': 'application/json', 'x-kyc-kit': '1' },
    body: JSON.stringify({ capabilities: ['custodyFiat'] }),
  };

  it('serves the routes when Express or Connect mounts it under the base path (req.url stripped)', async () => {
    const harness = open({ provider: 'coinbase', sandboxWebhooks: false });
    const port = await serveBehindMiddleware(harness, { mount: '/api/onboarding' });
    const created = await fetch(`http://127.0.0.1:${port}/api/onboarding/customer`, createInit);
    expect(created.status).toBe(201);
    const read = await fetch(`http://127.0.0.1:${port}/api/onboarding/customer`, {
      headers: { cookie: 'session=node-user' },
    });
    expect(read.status).toBe(200);
  });

  it('says in its log when a body parser (express.json()) read the body first, and sends nothing upstream', async () => {
    const harness = open({ provider: 'coinbase', sandboxWebhooks: false });
    const port = await serveBehindMiddleware(harness, { parseJson: true });
    const answer = await fetch(`http://127.0.0.1:${port}/api/onboarding/customer`, createInit);
    expect(answer.status).toBe(500);
    expect(((await answer.json()) as ErrorAnswer).error.code).toBe('internal');
    expect(harness.logText()).toContain('request body was already read');
    expect(harness.upstreamCalls.filter((call) => call.method === 'POST')).toHaveLength(0);
  });

  it('reads a body a parser already read from the raw bytes it kept as req.rawBody', async () => {
    const harness = open({ provider: 'coinbase', sandboxWebhooks: false });
    const port = await serveBehindMiddleware(harness, { parseJson: true, keepRawBody: true });
    const answer = await fetch(`http://127.0.0.1:${port}/api/onboarding/customer`, createInit);
    expect(answer.status).toBe(201);
  });

  it('refuses a body that stops arriving with 408 and closes the connection', async () => {
    const harness = open({ provider: 'coinbase', sandboxWebhooks: false, handler: { bodyTimeoutMs: 50 } });
    const { answer, body, closed } = await startUpload(harness, '{"capabilities":');
    expect(answer.statusCode).toBe(408);
    expect(answer.headers.connection).toBe('close');
    expect((JSON.parse(body) as ErrorAnswer).error.retryable).toBe(true);
    await closed;
    expect(harness.upstreamCalls.filter((call) => call.method === 'POST')).toHaveLength(0);
  });
});
