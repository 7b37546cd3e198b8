import {
  dateOfBirthSchema,
  fieldSpecFor,
  hasMessage,
  messages,
  type Customer,
  type PartnerFieldSpecs,
} from '@kyc-kit/core/server';
import { DEFAULT_TOS_VERSION_ID } from '@kyc-kit/sandbox';
import { afterEach, describe, expect, it } from 'vitest';
import { APP_ORIGIN, createProxyHarness, SANDBOX_ORIGIN, type ProxyHarness } from '@kyc-kit/testing/server';
import { employerNameSpecs } from '@kyc-kit/testing/fixtures';

const harnesses: ProxyHarness[] = [];
afterEach(async () => {
  for (const harness of harnesses.splice(0)) await harness.close();
});

function open(options: Parameters<typeof createProxyHarness>[0]): ProxyHarness {
  const harness = createProxyHarness(options);
  harnesses.push(harness);
  return harness;
}

interface ErrorAnswer {
  error: {
    code: string;
    message: string;
    fields?: Record<string, { code: string; message: string }>;
    retryable: boolean;
  };
}

async function errorOf(response: Response): Promise<ErrorAnswer['error']> {
  return ((await response.json()) as ErrorAnswer).error;
}

async function createFor(harness: ProxyHarness, user: string): Promise<Customer> {
  const response = await harness.write(user, 'POST', '/customer', {
    capabilities: ['custodyFiat'],
    fields: { firstName: 'Ann', lastName: 'Lee' },
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { customer: Customer }).customer;
}

describe('sessions and ownership', () => {
  it('answers 401 on every browser route without a session', async () => {
    const harness = open({ provider: 'coinbase' });
    const attempts = [
      harness.send(null, 'GET', '/customer'),
      harness.send(null, 'GET', '/events'),
      harness.send(null, 'GET', `/tos/${DEFAULT_TOS_VERSION_ID}`),
      harness.send(null, 'POST', '/customer', {
        body: { capabilities: ['custodyFiat'] },
        headers: { 'content-type': 'application/json', 'x-kyc-kit': '1' },
      }),
      harness.send(null, 'PATCH', '/customer', {
        body: { fields: { firstName: 'X' } },
        headers: { 'content-type': 'application/json', 'x-kyc-kit': '1' },
      }),
      harness.send(null, 'POST', '/customer/tos', {
        body: { versionId: 'v', language: 'en' },
        headers: { 'content-type': 'application/json', 'x-kyc-kit': '1' },
      }),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.status).toBe(401);
      expect(await errorOf(response)).toMatchObject({ code: 'unauthorized', retryable: false });
    }
    expect(harness.upstreamCalls).toHaveLength(0);
  });

  it("gives user B nothing of user A's customer, whatever ids B puts in the path, query or body", async () => {
    const harness = open({ provider: 'coinbase' });
    const customerA = await createFor(harness, 'user-a');
    const streamA = await harness.openEvents('user-a');
    const streamB = await harness.openEvents('user-b');
    const id = customerA.id;
    const writeHeaders = { 'content-type': 'application/json', 'x-kyc-kit': '1', origin: APP_ORIGIN };

    const attempts: [string, Promise<Response>][] = [
      ['GET /customer', harness.send('user-b', 'GET', '/customer')],
      ['GET /customer?customerId', harness.send('user-b', 'GET', `/customer?customerId=${id}&id=${id}`)],
      ['GET /customer/:id', harness.send('user-b', 'GET', `/customer/${id}`)],
      ['GET /customers/:id', harness.send('user-b', 'GET', `/customers/${id}`)],
      [
        'PATCH /customer/:id',
        harness.send('user-b', 'PATCH', `/customer/${id}`, {
          body: { fields: { firstName: 'Mallory' } },
          headers: writeHeaders,
        }),
      ],
      [
        'PATCH /customer?customerId',
        harness.send('user-b', 'PATCH', `/customer?customerId=${id}`, {
          body: { fields: { firstName: 'Mallory' } },
          headers: writeHeaders,
        }),
      ],
      [
        'PATCH body customerId',
        harness.send('user-b', 'PATCH', '/customer', {
          body: { customerId: id, fields: { firstName: 'Mallory' } },
          headers: writeHeaders,
        }),
      ],
      [
        'POST body customerId',
        harness.send('user-b', 'POST', '/customer', {
          body: { customerId: id, capabilities: ['custodyFiat'] },
          headers: writeHeaders,
        }),
      ],
      [
        'POST /customer/tos?customerId',
        harness.send('user-b', 'POST', `/customer/tos?customerId=${id}`, {
          body: { versionId: DEFAULT_TOS_VERSION_ID, language: 'en' },
          headers: writeHeaders,
        }),
      ],
      [
        'POST /customer/tos body customerId',
        harness.send('user-b', 'POST', '/customer/tos', {
          body: { customerId: id, versionId: DEFAULT_TOS_VERSION_ID, language: 'en' },
          headers: writeHeaders,
        }),
      ],
      [
        'GET /tos?customerId',
        harness.send('user-b', 'GET', `/tos/${DEFAULT_TOS_VERSION_ID}?language=en&customerId=${id}`),
      ],
      [
        'POST /webhooks/coinbase',
        harness.send('user-b', 'POST', '/webhooks/coinbase', {
          rawBody: JSON.stringify({
            eventId: 'e',
            eventType: 'customers.capability.changed',
            data: { customerId: id, capabilities: [{ code: 'custodyFiat', status: 'active' }] },
          }),
        }),
      ],
    ];
    for (const [label, pending] of attempts) {
      const response = await pending;
      const text = await response.text();
      // B's own read (whatever ids the query names) answers that B has no customer yet; every other attempt is refused.
      if (label === 'GET /customer' || label === 'GET /customer?customerId')
        expect(JSON.parse(text), label).toEqual({ customer: null, provider: 'coinbase' });
      else expect([400, 401, 404], label).toContain(response.status);
      expect(text, label).not.toContain(id);
      expect(text, label).not.toContain('Ann');
    }

    // A's update reaches A's stream only: B's next event is B's own, proving nothing of A's was queued before it.
    expect(
      (await harness.write('user-a', 'PATCH', '/customer', { fields: { firstName: 'Anna' } })).status,
    ).toBe(200);
    await streamA.next((message) => message.event === 'customer');
    const customerB = await createFor(harness, 'user-b');
    const first = await streamB.next((message) => message.event === 'customer');
    expect(JSON.parse(first.data ?? '{}')).toMatchObject({ customer: { id: customerB.id } });
    expect(customerB.id).not.toBe(id);

    // A's customer is untouched by every attempt.
    const afterA = (await (await harness.send('user-a', 'GET', '/customer')).json()) as {
      customer: Customer;
    };
    expect(afterA.customer.profile.firstName).toBe('Anna');
    expect(harness.upstreamCalls.filter((call) => call.method === 'PUT')).toHaveLength(1);
    await streamA.close();
    await streamB.close();
  });

  it('makes exactly one customer when one user sends 50 creates at once', async () => {
    const harness = open({ provider: 'coinbase' });
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        harness.write(
          'eager',
          'POST',
          '/customer',
          { capabilities: ['custodyFiat'] },
          { 'idempotency-key': `submit-${index}` },
        ),
      ),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 200)).toHaveLength(49);
    const ids = new Set(
      await Promise.all(
        responses.map(async (response) => ((await response.json()) as { customer: Customer }).customer.id),
      ),
    );
    expect(ids.size).toBe(1);
    expect(
      harness.upstreamCalls.filter(
        (call) => call.method === 'POST' && call.path === '/platform/v2/customers',
      ),
    ).toHaveLength(1);
    const listed = (await harness.control('GET', '/customers')) as { customers: unknown[] };
    expect(listed.customers).toHaveLength(1);
  });
});

describe('request hygiene', () => {
  it('refuses writes without the kit header, from another origin, cross-site or not as JSON', async () => {
    const harness = open({ provider: 'coinbase' });
    const body = { capabilities: ['custodyFiat'] };
    const noHeader = await harness.send('u', 'POST', '/customer', {
      body,
      headers: { 'content-type': 'application/json' },
    });
    expect(noHeader.status).toBe(403);
    expect((await errorOf(noHeader)).code).toBe('forbidden');
    const evilOrigin = await harness.write('u', 'POST', '/customer', body, {
      origin: 'https://evil.example',
    });
    expect(evilOrigin.status).toBe(403);
    // The partner's log says which origin was refused, against which (a dev server's proxy that rewrites Host).
    expect(harness.logText()).toContain(
      `origin https://evil.example is neither this server's (${APP_ORIGIN}) nor in allowedOrigins`,
    );
    const crossSite = await harness.write('u', 'POST', '/customer', body, {
      origin: 'https://evil.example',
      'sec-fetch-site': 'cross-site',
    });
    expect(crossSite.status).toBe(403);
    const crossSiteRead = await harness.send('u', 'GET', '/customer', {
      headers: { 'sec-fetch-site': 'cross-site' },
    });
    expect(crossSiteRead.status).toBe(403);
    const form = await harness.write('u', 'POST', '/customer', body, { 'content-type': 'text/plain' });
    expect(form.status).toBe(415);
    expect(harness.upstreamCalls).toHaveLength(0);
  });

  it('lets an allow-listed origin write, with CORS answers for it alone', async () => {
    const harness = open({
      provider: 'coinbase',
      handler: { allowedOrigins: ['https://app.partner.example'] },
    });
    const preflight = await harness.send(null, 'OPTIONS', '/customer', {
      headers: { origin: 'https://app.partner.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://app.partner.example');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('X-KYC-Kit');
    const created = await harness.write(
      'u',
      'POST',
      '/customer',
      { capabilities: ['custodyFiat'] },
      { origin: 'https://app.partner.example', 'sec-fetch-site': 'cross-site' },
    );
    expect(created.status).toBe(201);
    expect(created.headers.get('access-control-allow-credentials')).toBe('true');
    const stranger = await harness.send(null, 'OPTIONS', '/customer', {
      headers: { origin: 'https://evil.example' },
    });
    expect(stranger.status).toBe(403);
    expect(stranger.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses an oversized body with 413 and malformed JSON with 400', async () => {
    const harness = open({ provider: 'coinbase', handler: { bodyLimitBytes: 1024 } });
    const headers = { 'content-type': 'application/json', 'x-kyc-kit': '1' };
    const large = await harness.send('u', 'POST', '/customer', {
      rawBody: JSON.stringify({ capabilities: ['custodyFiat'], fields: { firstName: 'x'.repeat(2000) } }),
      headers,
    });
    expect(large.status).toBe(413);
    const broken = await harness.send('u', 'POST', '/customer', { rawBody: '{"capabilities": [', headers });
    expect(broken.status).toBe(400);
    expect(await errorOf(broken)).toMatchObject({ code: 'invalid_request', retryable: false });
  });

  it('rate-limits signed-in users per user and signed-out requests per address, with Retry-After', async () => {
    const harness = open({
      provider: 'coinbase',
      handler: {
        rateLimit: { perUser: { limit: 2, windowMs: 60_000 }, perAddress: { limit: 3, windowMs: 60_000 } },
      },
    });
    expect((await harness.send('u', 'GET', '/customer')).status).toBe(200);
    expect((await harness.send('u', 'GET', '/customer')).status).toBe(200);
    const limited = await harness.send('u', 'GET', '/customer');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await errorOf(limited)).toMatchObject({ code: 'rate_limited', retryable: true });
    // Signed-out requests count against their address: three 401s, then 429.
    for (let attempt = 0; attempt < 3; attempt += 1)
      expect((await harness.send(null, 'GET', '/customer')).status).toBe(401);
    expect((await harness.send(null, 'GET', '/customer')).status).toBe(429);
    expect((await harness.send(null, 'GET', '/customer', { clientAddress: '203.0.113.99' })).status).toBe(
      401,
    );
    // Signed-in users behind that same address are not affected by either.
    expect((await harness.send('v', 'GET', '/customer')).status).toBe(200);
    expect((await harness.send('w', 'GET', '/customer')).status).toBe(200);
  });

  it("leaves another user on the same address served through one user's burst of 1,000 requests", async () => {
    const harness = open({
      provider: 'coinbase',
      handler: { rateLimit: { perUser: { limit: 20, windowMs: 60_000 } } },
    });
    await createFor(harness, 'other');
    const burst = await Promise.all(
      Array.from({ length: 1000 }, () => harness.send('noisy', 'GET', '/customer')),
    );
    const statuses = burst.map((response) => response.status);
    // The noisy user's own budget: 20 served (no customer yet: 200), the rest refused and not counted.
    expect(statuses.filter((status) => status === 200)).toHaveLength(20);
    expect(statuses.filter((status) => status === 429)).toHaveLength(980);
    expect((await harness.send('other', 'GET', '/customer')).status).toBe(200);
    expect(
      (await harness.write('other', 'PATCH', '/customer', { fields: { firstName: 'Still' } })).status,
    ).toBe(200);
  });

  it('sends security headers on answers and errors alike', async () => {
    const harness = open({ provider: 'coinbase' });
    for (const response of [
      await harness.send('u', 'GET', '/customer'),
      await harness.send(null, 'GET', '/openapi.json'),
      await harness.send(null, 'GET', '/customer'),
    ]) {
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });
});

describe('field validation', () => {
  it('refuses unknown keys, bad values and the ToS as a field, key by key', async () => {
    const harness = open({ provider: 'coinbase' });
    await createFor(harness, 'u');
    const response = await harness.write('u', 'PATCH', '/customer', {
      fields: {
        favouriteColour: 'blue',
        fullSsn: '12-34',
        dateOfBirth: { day: '31', month: '2', year: '1990' },
        tos: true,
        firstName: 'Ok',
      },
    });
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe('invalid_fields');
    expect(Object.keys(error.fields ?? {}).sort()).toEqual([
      'dateOfBirth',
      'favouriteColour',
      'fullSsn',
      'tos',
    ]);
    expect(error.fields?.fullSsn?.code).toBe('field.fullSsn.error.invalid');
    // Field codes are catalogue ids, so the browser can show them in its own language.
    expect(error.fields?.favouriteColour).toEqual({
      code: 'field.error.unknown',
      message: messages.en['field.error.unknown'],
    });
    expect(error.fields?.tos).toEqual({
      code: 'field.error.tosNotAField',
      message: messages.en['field.error.tosNotAField'],
    });
    for (const field of Object.values(error.fields ?? {})) expect(hasMessage(field.code)).toBe(true);
    // The typed values are never echoed back.
    expect(JSON.stringify(error)).not.toContain('12-34');
    expect(harness.upstreamCalls.filter((call) => call.method === 'PUT')).toHaveLength(0);
  });

  it("validates with the partner's field specs, as the browser did, and writes their keys to their paths", async () => {
    const fieldSpecs = {
      ...employerNameSpecs,
      dateOfBirth: { ...fieldSpecFor('dateOfBirth'), schema: dateOfBirthSchema({ minimumAge: 21 }) },
    } satisfies PartnerFieldSpecs;
    const twentyYearsAgo = { day: '1', month: '1', year: String(new Date().getUTCFullYear() - 20) };
    const strict = open({ provider: 'coinbase', handler: { fieldSpecs } });
    await createFor(strict, 'u');
    const tooYoung = await strict.write('u', 'PATCH', '/customer', {
      fields: { dateOfBirth: twentyYearsAgo },
    });
    expect(tooYoung.status).toBe(400);
    expect((await errorOf(tooYoung)).fields?.dateOfBirth?.code).toBe('field.dateOfBirth.error.minimumAge');

    await strict.write('u', 'PATCH', '/customer', { fields: { employerName: '  Analytical  Engines ' } });
    const put = strict.upstreamCalls.filter((call) => call.method === 'PUT').at(-1);
    expect(put?.body).toMatchObject({ individual: { employerName: 'Analytical Engines' } });

    // Without the partner's specs the same key is not the kit's to accept, and 20 is old enough.
    const plain = open({ provider: 'coinbase' });
    await createFor(plain, 'u');
    const unknown = await plain.write('u', 'PATCH', '/customer', { fields: { employerName: 'Acme' } });
    expect((await errorOf(unknown)).fields?.employerName?.code).toBe('field.error.unknown');
    const adult = await plain.write('u', 'PATCH', '/customer', { fields: { dateOfBirth: twentyYearsAgo } });
    expect(adult.status).toBe(200);
  });

  it('refuses a field the provider has no place for and a capability nobody offers', async () => {
    const harness = open({ provider: 'oms' });
    const unsupported = await harness.write('u', 'POST', '/customer', {
      capabilities: ['custodyFiat'],
      fields: { ssnLast4: '1234' },
    });
    expect(unsupported.status).toBe(400);
    expect((await errorOf(unsupported)).fields?.ssnLast4?.code).toBe('field.error.unknown');
    const unknownCapability = await harness.write('u', 'POST', '/customer', {
      capabilities: ['teleportFunds'],
    });
    expect(unknownCapability.status).toBe(400);
    expect((await errorOf(unknownCapability)).code).toBe('invalid_request');
  });
});

describe('end-user address', () => {
  it('ignores X-Forwarded-For unless proxies are trusted, then reads it from the right hop', async () => {
    const direct = open({ provider: 'coinbase' });
    await direct.write(
      'u',
      'POST',
      '/customer',
      { capabilities: ['custodyFiat'] },
      { 'x-forwarded-for': '6.6.6.6' },
    );
    expect(direct.upstreamCalls.at(-1)?.body).toMatchObject({
      compliance: { requesterIpAddress: '203.0.113.10' },
    });

    const behindProxy = open({ provider: 'oms', handler: { trustedProxyCount: 1 } });
    const response = await behindProxy.send('u', 'POST', '/customer', {
      body: { capabilities: ['usd'] },
      headers: {
        'content-type': 'application/json',
        'x-kyc-kit': '1',
        'x-forwarded-for': '6.6.6.6, 198.51.100.23',
      },
      clientAddress: '10.0.0.2',
    });
    expect(response.status).toBe(201);
    expect(behindProxy.upstreamCalls.find((call) => call.path === '/v0.9/customers')?.body).toMatchObject({
      ipAddress: '198.51.100.23',
    });
  });

  it("refuses to write rather than send no address or the server's own", async () => {
    const harness = open({ provider: 'coinbase' });
    const response = await harness.send('u', 'POST', '/customer', {
      body: { capabilities: ['custodyFiat'] },
      headers: { 'content-type': 'application/json', 'x-kyc-kit': '1' },
      clientAddress: null,
    });
    expect(response.status).toBe(500);
    expect(harness.upstreamCalls).toHaveLength(0);
  });

  it('takes writes from the https page behind a TLS-terminating load balancer, believing X-Forwarded-Proto only then', async () => {
    // The server sees http://app.test; the browser's page, and so its Origin, is https://app.test.
    const behindBalancer = {
      body: { capabilities: ['custodyFiat'] },
      headers: {
        'content-type': 'application/json',
        'x-kyc-kit': '1',
        origin: APP_ORIGIN.replace(/^http:/, 'https:'),
        'x-forwarded-for': '198.51.100.23',
        'x-forwarded-proto': 'https',
      },
      clientAddress: '10.0.0.2',
    };
    const trusted = open({ provider: 'coinbase', handler: { trustedProxyCount: 1 } });
    expect((await trusted.send('u', 'POST', '/customer', behindBalancer)).status).toBe(201);
    // With no trusted proxy the header is anyone's to send: the origin stays the request's own.
    const direct = open({ provider: 'coinbase' });
    expect((await direct.send('u', 'POST', '/customer', behindBalancer)).status).toBe(403);
    expect(direct.upstreamCalls.filter((call) => call.method === 'POST')).toHaveLength(0);
  });

  it('says in its log when trustedProxyCount names more proxies than the request came through', async () => {
    // The README's production setting (one load balancer) run locally, where nothing adds X-Forwarded-For.
    const harness = open({ provider: 'coinbase', handler: { trustedProxyCount: 1 } });
    const response = await harness.write('u', 'POST', '/customer', { capabilities: ['custodyFiat'] });
    expect(response.status).toBe(500);
    expect(harness.upstreamCalls).toHaveLength(0);
    expect(harness.logText()).toContain(
      'X-Forwarded-For has fewer hops than trustedProxyCount (1): the request did not come through that many proxies',
    );
  });
});

describe('idempotency keys', () => {
  it('scopes the browser key to the user and reuses it on a retried submit', async () => {
    const harness = open({ provider: 'coinbase' });
    await createFor(harness, 'a');
    await createFor(harness, 'b');
    await harness.write(
      'a',
      'PATCH',
      '/customer',
      { fields: { firstName: 'One' } },
      { 'idempotency-key': 'submit-7' },
    );
    await harness.write(
      'a',
      'PATCH',
      '/customer',
      { fields: { firstName: 'One' } },
      { 'idempotency-key': 'submit-7' },
    );
    await harness.write(
      'b',
      'PATCH',
      '/customer',
      { fields: { firstName: 'One' } },
      { 'idempotency-key': 'submit-7' },
    );
    const keys = harness.upstreamCalls
      .filter((call) => call.method === 'PUT')
      .map((call) => call.headers.get('x-idempotency-key'));
    expect(keys).toHaveLength(3);
    expect(keys[0]).toBe(keys[1]);
    expect(keys[2]).not.toBe(keys[0]);
    expect(keys).not.toContain('submit-7');
  });

  it('generates a key when the browser sends none and refuses a malformed one', async () => {
    const harness = open({ provider: 'coinbase' });
    await createFor(harness, 'a');
    expect(harness.upstreamCalls.at(-1)?.headers.get('x-idempotency-key')).toMatch(/^[0-9a-f-]{36}$/);
    const malformed = await harness.write(
      'a',
      'PATCH',
      '/customer',
      { fields: { firstName: 'Two' } },
      { 'idempotency-key': 'x'.repeat(200) },
    );
    expect(malformed.status).toBe(400);
  });
});

describe('found by the hostile-input properties (createOnboardingHandler.hostile.property.test.ts)', () => {
  // zod's record drops a `__proto__` key without an issue: this create went upstream with no fields at all.
  it('refuses a __proto__ key inside fields instead of creating a customer without them', async () => {
    const harness = open({ provider: 'coinbase' });
    const response = await harness.send('u', 'POST', '/customer', {
      rawBody: '{"fields":{"__proto__":{"firstName":"Ann"}},"capabilities":["custodyFiat"]}',
      headers: { 'content-type': 'application/json', 'x-kyc-kit': '1', origin: APP_ORIGIN },
    });
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toMatchObject({ code: 'invalid_request' });
    expect(harness.upstreamCalls).toHaveLength(0);
    expect(harness.logText()).toContain('unexpected body key');
  });

  // A malformed key was refused only when the write's turn came: a create of a user with a customer answered
  // 200 with it, and the Terms read the customer and its document upstream first.
  it('refuses a malformed Idempotency-Key before a route reads anything', async () => {
    const harness = open({ provider: 'coinbase', sandboxWebhooks: false });
    await createFor(harness, 'a');
    const calls = harness.upstreamCalls.length;
    const attempts = [
      harness.write(
        'a',
        'POST',
        '/customer',
        { capabilities: ['custodyFiat'] },
        { 'idempotency-key': 'a b' },
      ),
      harness.write(
        'a',
        'POST',
        '/customer/tos',
        { versionId: DEFAULT_TOS_VERSION_ID, language: 'en' },
        { 'idempotency-key': 'a b' },
      ),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.status).toBe(400);
      expect(await errorOf(response)).toMatchObject({ code: 'invalid_request', retryable: false });
    }
    expect(harness.upstreamCalls.slice(calls)).toEqual([]);
  });
});

describe('Terms of Service', () => {
  it('refuses a version or a language the requirement does not list', async () => {
    const harness = open({ provider: 'coinbase' });
    await createFor(harness, 'u');
    const unknownVersion = await harness.write('u', 'POST', '/customer/tos', {
      versionId: 'us_individual_1999-01-01',
      language: 'en',
    });
    expect(unknownVersion.status).toBe(400);
    const french = await harness.write('u', 'POST', '/customer/tos', {
      versionId: DEFAULT_TOS_VERSION_ID,
      language: 'fr',
    });
    expect(french.status).toBe(400);
    expect((await errorOf(french)).code).toBe('unsupported_tos_language');
    const frenchDocument = await harness.send('u', 'GET', `/tos/${DEFAULT_TOS_VERSION_ID}?language=fr`);
    expect(frenchDocument.status).toBe(400);
    const otherDocument = await harness.send('u', 'GET', '/tos/someone_elses_version?language=en');
    expect(otherDocument.status).toBe(404);
    expect(harness.upstreamCalls.filter((call) => call.method === 'PUT')).toHaveLength(0);
  });

  it('fetches documents only from an allow-listed origin', async () => {
    const harness = open({
      provider: 'coinbase',
      handler: { tosOrigins: ['https://docs.cdp.coinbase.com'] },
    });
    await createFor(harness, 'u');
    const response = await harness.send('u', 'GET', `/tos/${DEFAULT_TOS_VERSION_ID}?language=en`);
    expect(response.status).toBe(502);
    expect(await errorOf(response)).toMatchObject({ code: 'upstream_unavailable' });
    expect(harness.upstreamCalls.some((call) => call.path.startsWith('/tos/'))).toBe(false);
    // The partner's log says what to change: the document's origin, which tosOrigins lacks.
    expect(harness.logText()).toContain(`origin ${SANDBOX_ORIGIN} not in tosOrigins`);
  });
});

describe('event stream', () => {
  it('sends heartbeats and resumes from Last-Event-ID', async () => {
    const harness = open({ provider: 'coinbase', handler: { heartbeatMs: 5 } });
    await createFor(harness, 'u');
    const first = await harness.openEvents('u');
    const latest = await first.next((message) => message.event === 'customer');
    await first.next((message) => message.comment === 'heartbeat');
    await first.close();

    // Missed while disconnected: every event after the client's, in order, sent at once on reconnect.
    expect((await harness.write('u', 'PATCH', '/customer', { fields: { firstName: 'Later' } })).status).toBe(
      200,
    );
    const resumed = await harness.openEvents('u', { 'last-event-id': latest.id ?? '' });
    const missed = await resumed.next(
      (message) =>
        message.comment === 'heartbeat' ||
        (message.event === 'customer' && (message.data ?? '').includes('"firstName":"Later"')),
    );
    expect(missed.event).toBe('customer');
    const replayed = resumed.received
      .filter((message) => message.event === 'customer')
      .map((m) => Number(m.id));
    expect(replayed.every((id) => id > Number(latest.id))).toBe(true);
    expect(replayed).toEqual([...replayed].sort((a, b) => a - b));
    await resumed.close();

    // Nothing missed: the first thing after the retry hint is a heartbeat, not a replay.
    const upToDate = await harness.openEvents('u', { 'last-event-id': missed.id ?? '' });
    const next = await upToDate.next(
      (message) => message.event === 'customer' || message.comment === 'heartbeat',
    );
    expect(next.comment).toBe('heartbeat');
    await upToDate.close();
  });

  it('after a restart, answers an unknown Last-Event-ID with the current customer', async () => {
    const harness = open({ provider: 'coinbase', sandboxWebhooks: false });
    const customer = await createFor(harness, 'u');
    harness.restart();
    const stream = await harness.openEvents('u', { 'last-event-id': '12345' });
    const event = await stream.next((message) => message.event === 'customer');
    expect(JSON.parse(event.data ?? '{}')).toMatchObject({ customer: { id: customer.id } });
    expect(Number(event.id)).toBeGreaterThan(12345);
    await stream.close();
  });

  it("ends a user's stream once their session ends, so a signed-out session hears nothing more", async () => {
    const ended = new Set<string>();
    const harness = open({ provider: 'coinbase', endedSessions: ended, handler: { heartbeatMs: 5 } });
    await createFor(harness, 'u');
    const stream = await harness.openEvents('u');
    await stream.next((message) => message.comment === 'heartbeat');
    // Signed out elsewhere (or expired): the stream opened before does not outlive the session.
    ended.add('u');
    // The stream ends at its next heartbeat. A sandbox webhook from the create may still land just before
    // that, so what is awaited is the end itself, whatever comes first.
    await expect(stream.next(() => false)).rejects.toThrow('event stream ended');
    expect((await harness.send('u', 'GET', '/events')).status).toBe(401);
  });

  it('limits how many streams one user may hold open', async () => {
    const harness = open({ provider: 'coinbase', handler: { maxStreamsPerUser: 1 } });
    const stream = await harness.openEvents('u');
    const second = await harness.send('u', 'GET', '/events');
    expect(second.status).toBe(429);
    await stream.close();
  });

  it('holds the stream limit when one user opens many streams at the same moment', async () => {
    const harness = open({ provider: 'coinbase', handler: { maxStreamsPerUser: 3 } });
    const opened = await Promise.all(Array.from({ length: 20 }, () => harness.send('u', 'GET', '/events')));
    expect(opened.filter((response) => response.status === 200)).toHaveLength(3);
    expect(opened.filter((response) => response.status === 429)).toHaveLength(17);
    await Promise.all(opened.map((response) => response.body?.cancel()));
    // Once they are closed, the user may open streams again.
    const again = await harness.openEvents('u');
    await again.close();
  });
});

describe('OpenAPI document', () => {
  it('describes every browser route with schemas generated from core', async () => {
    const harness = open({ provider: 'coinbase' });
    const response = await harness.send(null, 'GET', '/openapi.json');
    expect(response.status).toBe(200);
    const document = (await response.json()) as {
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths).sort()).toEqual([
      '/api/onboarding/customer',
      '/api/onboarding/customer/tos',
      '/api/onboarding/events',
      '/api/onboarding/tos/{versionId}',
    ]);
    expect(Object.keys(document.components.schemas.CreateCustomerBody?.properties ?? {})).toEqual([
      'capabilities',
      'fields',
    ]);
    expect(Object.keys(document.components.schemas.TosAcceptBody?.properties ?? {})).toEqual([
      'versionId',
      'language',
    ]);
  });
});
