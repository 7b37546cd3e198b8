import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDemoServer } from './createDemoServer';
import type { DemoServer } from './createDemoServer';
import { readDemoConfig } from './readDemoConfig';
import type { DemoEnvironment } from './readDemoConfig';

const servers: DemoServer[] = [];
const folders: string[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function startDemo(environment: DemoEnvironment = {}) {
  const dist = mkdtempSync(path.join(tmpdir(), 'kyc-demo-security-'));
  folders.push(dist);
  const server = createDemoServer({
    config: readDemoConfig({ KYC_SANDBOX_VERIFY_MS: '0', ...environment }),
    distDirectory: dist,
    storybookDirectory: path.join(dist, 'storybook'),
    quiet: true,
  });
  servers.push(server);
  const connection = {
    incoming: { socket: { remoteAddress: '203.0.113.7', remotePort: 50000, remoteFamily: 'IPv4' } },
  };
  const request = (url: string, init: RequestInit = {}) => server.app.request(url, init, connection);
  return { request };
}

async function signIn(request: ReturnType<typeof startDemo>['request'], username: string, base = '') {
  const response = await request(`${base}/api/demo/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username }),
  });
  expect(response.status).toBe(200);
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

/** A body sent in pieces with no Content-Length, as a chunked upload arrives. */
function streamed(text: string, pieces: number): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  const size = Math.ceil(bytes.byteLength / pieces);
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.byteLength) return controller.close();
      controller.enqueue(bytes.subarray(offset, offset + size));
      offset += size;
    },
  });
}

describe('demo server request bodies', () => {
  it('refuses a sign-in body of a megabyte with 413, declared or streamed, and signs nobody in', async () => {
    const { request } = startDemo();
    const huge = JSON.stringify({ username: 'mallory', padding: 'x'.repeat(1_000_000) });
    const declared = await request('/api/demo/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(huge.length) },
      body: huge,
    });
    expect(declared.status).toBe(413);
    expect(declared.headers.get('set-cookie')).toBeNull();
    expect(((await declared.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');

    const chunked = await request('/api/demo/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: streamed(huge, 64),
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(chunked.headers.get('set-cookie')).toBeNull();
    // An ordinary sign-in still works.
    expect(await signIn(request, 'alice')).toMatch(/=/);
  });

  it("refuses a sandbox panel body of a megabyte with 413 and leaves the user's statuses alone", async () => {
    const { request } = startDemo();
    const cookie = await signIn(request, 'panel-user');
    const created = await request('/api/onboarding/customer', {
      method: 'POST',
      headers: {
        cookie,
        'content-type': 'application/json',
        'x-kyc-kit': '1',
        'idempotency-key': 'create-1',
      },
      body: JSON.stringify({
        capabilities: ['custodyFiat'],
        fields: { firstName: 'Ada', lastName: 'Quill' },
      }),
    });
    expect(created.status).toBe(201);
    const huge = JSON.stringify({
      capability: 'custodyFiat',
      status: 'active',
      padding: 'x'.repeat(1_000_000),
    });
    const response = await request('/api/demo/sandbox/capabilities', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: streamed(huge, 64),
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    const after = await request('/api/onboarding/customer', { headers: { cookie } });
    const read = (await after.json()) as { customer: { capabilities: Record<string, { status: string }> } };
    expect(read.customer.capabilities.custodyFiat?.status).toBe('pending');
  });
});

describe('sandbox panel behind a TLS-terminating load balancer', () => {
  it('takes writes from the https page, as the proxy does, and still refuses another site', async () => {
    const { request } = startDemo({ PUBLIC_URL: 'https://demo.example.com', KYC_TRUSTED_PROXIES: '1' });
    // The load balancer speaks http to the demo and says what the browser used.
    const base = 'http://demo.example.com';
    const forwarded = { 'x-forwarded-proto': 'https', 'x-forwarded-for': '198.51.100.9' };
    const cookie = await signIn(request, 'behind-lb', base);
    const page = {
      ...forwarded,
      cookie,
      origin: 'https://demo.example.com',
      'content-type': 'application/json',
    };
    const created = await request(`${base}/api/onboarding/customer`, {
      method: 'POST',
      headers: { ...page, 'x-kyc-kit': '1', 'idempotency-key': 'create-lb' },
      body: JSON.stringify({
        capabilities: ['custodyFiat'],
        fields: { firstName: 'Ada', lastName: 'Quill' },
      }),
    });
    expect(created.status).toBe(201);

    const forced = await request(`${base}/api/demo/sandbox/capabilities`, {
      method: 'POST',
      headers: page,
      body: JSON.stringify({ capability: 'custodyFiat', status: 'active' }),
    });
    expect(forced.status).toBe(200);

    const foreign = await request(`${base}/api/demo/sandbox/capabilities`, {
      method: 'POST',
      headers: { ...page, origin: 'https://demo.example.com.evil.test' },
      body: JSON.stringify({ capability: 'custodyFiat', status: 'rejected' }),
    });
    expect(foreign.status).toBe(403);
    const read = await request(`${base}/api/onboarding/customer`, { headers: { ...forwarded, cookie } });
    const { customer } = (await read.json()) as {
      customer: { capabilities: Record<string, { status: string }> };
    };
    expect(customer.capabilities.custodyFiat?.status).toBe('active');
  });
});

describe('demo server on https', () => {
  it('tells the browser to keep to https on every answer, and says nothing of it on http://localhost', async () => {
    const secure = startDemo({ PUBLIC_URL: 'https://demo.example.com', KYC_TRUSTED_PROXIES: '1' });
    const answers = await Promise.all(
      ['/healthz', '/api/demo/session', '/api/onboarding/customer', '/api/unknown', '/onboarding'].map(
        (url) =>
          secure.request(`http://demo.example.com${url}`, { headers: { 'x-forwarded-proto': 'https' } }),
      ),
    );
    for (const answer of answers)
      expect(answer.headers.get('strict-transport-security'), answer.url).toBe('max-age=31536000');
    const local = startDemo();
    expect((await local.request('/healthz')).headers.get('strict-transport-security')).toBeNull();
  });
});

describe('sign-in flood from one address', () => {
  const signInFrom = (
    request: ReturnType<typeof startDemo>['request'],
    username: string,
    headers: Record<string, string> = {},
  ) =>
    request('/api/demo/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ username }),
    });

  it('refuses the eleventh sign-in in a minute with 429 and Retry-After, and starts no session for it', async () => {
    const { request } = startDemo();
    for (let count = 0; count < 10; count += 1)
      expect((await signInFrom(request, `flood-${count}`)).status).toBe(200);
    // Without trusted proxies, an X-Forwarded-For the client wrote is no way out of its budget.
    const refused = await signInFrom(request, 'flood-10', { 'x-forwarded-for': '192.0.2.44' });
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.headers.get('set-cookie')).toBeNull();
    const body = (await refused.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('rate_limited');
    expect(body.error.message).toMatch(/try again/i);
    // Signing out is never refused: a flood cannot keep anyone signed in.
    expect((await request('/api/demo/session', { method: 'DELETE' })).status).toBe(204);
  });

  it('leaves the budget alone for sign-ins another site can send (a form post), so no site can lock a visitor out', async () => {
    const { request } = startDemo({ KYC_SIGN_IN_LIMIT: '2' });
    for (let count = 0; count < 5; count += 1) {
      const formPost = await request('/api/demo/session', {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: JSON.stringify({ username: `forged-${count}` }),
      });
      expect(formPost.status).toBe(415);
    }
    expect((await signInFrom(request, 'visitor')).status).toBe(200);
  });

  it('counts the address the load balancer saw, behind KYC_TRUSTED_PROXIES, not one the client wrote', async () => {
    const { request } = startDemo({ KYC_SIGN_IN_LIMIT: '3', KYC_TRUSTED_PROXIES: '1' });
    for (let count = 0; count < 3; count += 1) {
      // Made-up entries on the left are the client's own: each request still counts for 198.51.100.9.
      const forwardedFor = `10.0.0.${count}, 198.51.100.9`;
      expect((await signInFrom(request, `lb-${count}`, { 'x-forwarded-for': forwardedFor })).status).toBe(
        200,
      );
    }
    const refused = await signInFrom(request, 'lb-3', { 'x-forwarded-for': '10.0.0.9, 198.51.100.9' });
    expect(refused.status).toBe(429);
    // Someone else behind the same load balancer signs in as usual.
    expect((await signInFrom(request, 'neighbour', { 'x-forwarded-for': '198.51.100.10' })).status).toBe(200);
  });
});
