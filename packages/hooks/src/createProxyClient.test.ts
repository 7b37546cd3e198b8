import { describe, expect, it, vi } from 'vitest';
import { createProxyClient } from './createProxyClient';
import { KycKitApiError } from './KycKitApiError';
import { fakeCustomer } from '@kyc-kit/testing';

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

describe('createProxyClient', () => {
  it('sends writes with the CSRF header, the idempotency key and same-origin credentials', async () => {
    const customer = fakeCustomer();
    const fetchMock = vi.fn<typeof fetch>(async () => jsonResponse(201, { customer }));
    const client = createProxyClient({ baseUrl: '/api/onboarding/', fetch: fetchMock });

    const saved = await client.createCustomer(
      { capabilities: ['custodyFiat'], fields: { firstName: 'Ada' } },
      { idempotencyKey: 'key-1' },
    );

    expect(saved.id).toBe(customer.id);
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe('/api/onboarding/customer');
    expect(init?.method).toBe('POST');
    expect(init?.credentials).toBe('same-origin');
    expect(init?.headers).toMatchObject({
      'X-KYC-Kit': '1',
      'Idempotency-Key': 'key-1',
      'Content-Type': 'application/json',
    });
    expect(JSON.parse(String(init?.body))).toEqual({
      capabilities: ['custodyFiat'],
      fields: { firstName: 'Ada' },
    });
  });

  it('uses PATCH for updates and POST /customer/tos for acceptances', async () => {
    const fetchMock = vi.fn<typeof fetch>(async () => jsonResponse(200, { customer: fakeCustomer() }));
    const client = createProxyClient({ fetch: fetchMock });

    await client.updateCustomer({ fields: { lastName: 'Lovelace' } }, { idempotencyKey: 'key-2' });
    await client.acceptTermsOfService({ versionId: 'v1', language: 'en' }, { idempotencyKey: 'key-3' });

    expect(fetchMock.mock.calls.map(([url, init]) => `${init?.method} ${String(url)}`)).toEqual([
      'PATCH /api/onboarding/customer',
      'POST /api/onboarding/customer/tos',
    ]);
  });

  it('answers null when the user has no customer yet', async () => {
    const client = createProxyClient({ fetch: async () => jsonResponse(200, { customer: null }) });

    await expect(client.getCustomer()).resolves.toBeNull();
  });

  it("keeps the provider a null read names (a new customer's steps are that provider's)", async () => {
    const client = createProxyClient({
      fetch: async () => jsonResponse(200, { customer: null, provider: 'oms' }),
    });

    expect(client.provider).toBeUndefined();
    await client.getCustomer();
    expect(client.provider).toBe('oms');
  });

  it('knows the provider option before any read, and keeps it when an older proxy names none', async () => {
    const client = createProxyClient({
      provider: 'oms',
      fetch: async () => jsonResponse(200, { customer: null }),
    });

    expect(client.provider).toBe('oms');
    await client.getCustomer();
    expect(client.provider).toBe('oms');
  });

  it('refuses a null read naming a provider the kit does not know', async () => {
    const client = createProxyClient({
      fetch: async () => jsonResponse(200, { customer: null, provider: 'acme' }),
    });

    await expect(client.getCustomer()).rejects.toMatchObject({ code: 'malformed_response' });
  });

  it('rejects with a typed error carrying code, field errors and retryability', async () => {
    const client = createProxyClient({
      fetch: async () =>
        jsonResponse(400, {
          error: {
            code: 'invalid_fields',
            message: 'Some answers need your attention.',
            fields: {
              addressPostalCode: {
                code: 'field.addressPostalCode.error.invalid',
                message: 'Enter a 5-digit ZIP code',
              },
            },
            retryable: false,
          },
        }),
    });

    const error = await client
      .updateCustomer({ fields: {} }, { idempotencyKey: 'key' })
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(KycKitApiError);
    expect(error).toMatchObject({
      code: 'invalid_fields',
      status: 400,
      retryable: false,
      fields: { addressPostalCode: { code: 'field.addressPostalCode.error.invalid' } },
    });
  });

  it('turns a failed connection into a retryable network_error', async () => {
    const client = createProxyClient({
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
    });

    await expect(client.getCustomer()).rejects.toMatchObject({
      code: 'network_error',
      retryable: true,
      status: 0,
    });
  });

  it('treats an answer that is not the proxy error shape by its status', async () => {
    const client = createProxyClient({
      fetch: async () => new Response('<html>Bad gateway</html>', { status: 502 }),
    });

    await expect(client.getCustomer()).rejects.toMatchObject({ code: 'http_502', retryable: true });
  });

  it('asks for a Terms of Service document by version and language', async () => {
    const fetchMock = vi.fn<typeof fetch>(async () =>
      jsonResponse(200, { versionId: 'us/2026', language: 'es', title: 'Términos', html: '<p>Hola</p>' }),
    );
    const client = createProxyClient({ fetch: fetchMock });

    const document = await client.getTermsOfServiceDocument({ versionId: 'us/2026', language: 'es' });

    expect(document.title).toBe('Términos');
    expect(fetchMock.mock.calls[0]?.[0]).toBe('/api/onboarding/tos/us%2F2026?language=es');
    expect(client.eventsUrl()).toBe('/api/onboarding/events');
  });
});
