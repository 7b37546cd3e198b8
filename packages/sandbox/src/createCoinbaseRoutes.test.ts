import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_TOS_VERSION_ID } from './termsOfService';
import { createSandboxTestClient, PASSING_INDIVIDUAL, TRADE_CRYPTO_EXTRAS } from './sandboxTestClient';
import type { SandboxTestClient } from './sandboxTestClient';

let client: SandboxTestClient;

beforeEach(() => {
  client = createSandboxTestClient();
});

afterEach(async () => {
  await client.close();
});

const acceptedAt = '2026-04-10T12:00:00Z';

describe('Coinbase customers: create and read', () => {
  it('creates a customer with a customer_<uuid> id and every capability listed', async () => {
    const created = await client.coinbase('POST', '/platform/v2/customers', {
      type: 'individual',
      individual: { firstName: 'Jane', lastName: 'Doe' },
      capabilities: { custodyCrypto: { requested: true } },
    });
    expect(created.status).toBe(201);
    expect(created.body.customerId).toMatch(/^customer_[a-f0-9-]{36}$/);
    expect(Object.keys(created.body.capabilities as object)).toHaveLength(8);
    expect(created.body.capabilities).toMatchObject({
      custodyCrypto: { requested: true, status: 'pending' },
      tradeCrypto: { requested: false, status: 'unrequested' },
    });
  });

  it('never echoes PII: reads return only firstName, lastName and email', async () => {
    const created = await client.coinbase('POST', '/platform/v2/customers', {
      type: 'individual',
      individual: { ...PASSING_INDIVIDUAL, ...TRADE_CRYPTO_EXTRAS },
      capabilities: { tradeCrypto: { requested: true } },
      compliance: { requesterIpAddress: '203.0.113.42' },
    });
    const read = await client.coinbase('GET', `/platform/v2/customers/${String(created.body.customerId)}`);
    expect(read.body.individual).toEqual({
      firstName: 'Jane',
      lastName: 'Doe',
      email: 'jane.doe@example.com',
    });
    const text = JSON.stringify(read.body);
    for (const secret of ['123-45-6789', '500 Main St', '02108', '1990', '+14155550100', '203.0.113.42']) {
      expect(text).not.toContain(secret);
    }
  });

  it('creates a minimal customer with no capabilities and no requirements', async () => {
    const created = await client.coinbase('POST', '/platform/v2/customers', {
      type: 'individual',
      individual: {},
    });
    expect(created.status).toBe(201);
    expect(created.body.requirements).toEqual({});
  });

  it('answers 404 not_found for an unknown customer', async () => {
    const read = await client.coinbase(
      'GET',
      '/platform/v2/customers/customer_00000000-0000-4000-8000-000000000000',
    );
    expect(read.status).toBe(404);
    expect(read.body.errorType).toBe('not_found');
    expect(read.body.correlationId).toEqual(expect.any(String));
  });
});

describe('Coinbase customers: validation errors name the field', () => {
  it('refuses a create without type', async () => {
    const response = await client.coinbase('POST', '/platform/v2/customers', { individual: {} });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ errorType: 'invalid_request' });
    expect(response.body.errorMessage).toContain('type');
  });

  it('refuses a badly formatted SSN, naming individual.fullSsn', async () => {
    const response = await client.coinbase('POST', '/platform/v2/customers', {
      type: 'individual',
      individual: { fullSsn: '123456789' },
    });
    expect(response.status).toBe(400);
    expect(response.body.errorMessage).toContain('individual.fullSsn');
    expect(response.body.errorMessage).not.toContain('123456789');
  });

  it('refuses a non-US address', async () => {
    const response = await client.coinbase('POST', '/platform/v2/customers', {
      type: 'individual',
      individual: {
        address: { line1: '1 Rue de Rivoli', city: 'Paris', postCode: '75001', countryCode: 'FR' },
      },
    });
    expect(response.status).toBe(400);
    expect(response.body.errorMessage).toBe(
      'individual.address.countryCode: only US addresses are supported.',
    );
  });

  it('refuses unknown fields (the spec sets additionalProperties: false)', async () => {
    const response = await client.coinbase('POST', '/platform/v2/customers', {
      type: 'individual',
      nickname: 'JD',
    });
    expect(response.status).toBe(400);
    expect(response.body.errorMessage).toContain('nickname');
  });

  it('refuses a body that is not JSON', async () => {
    const response = await client.coinbase('POST', '/platform/v2/customers', '{"type":');
    expect(response.status).toBe(400);
    expect(response.body.errorType).toBe('invalid_request');
  });

  it('answers unsupported_tos_language for a language the version is not published in', async () => {
    const response = await client.coinbase('POST', '/platform/v2/customers', {
      type: 'individual',
      tosAcceptances: [{ versionId: DEFAULT_TOS_VERSION_ID, language: 'fr', acceptedAt }],
    });
    expect(response.status).toBe(400);
    expect(response.body.errorType).toBe('unsupported_tos_language');
    expect(response.body.errorMessage).toContain("Supported languages: ['en', 'es']");
  });

  it('answers invalid_request for an empty tosAcceptances', async () => {
    const created = await client.coinbase('POST', '/platform/v2/customers', { type: 'individual' });
    const response = await client.coinbase(
      'PUT',
      `/platform/v2/customers/${String(created.body.customerId)}`,
      { tosAcceptances: [] },
    );
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ errorType: 'invalid_request' });
    expect(response.body.errorMessage).toContain('tosAcceptances');
  });

  it('refuses an acceptance of a version that was never published', async () => {
    const response = await client.coinbase('POST', '/platform/v2/customers', {
      type: 'individual',
      tosAcceptances: [{ versionId: 'us_individual_1999-01-01', language: 'en', acceptedAt }],
    });
    expect(response.status).toBe(400);
    expect(response.body.errorMessage).toContain('tosAcceptances.0.versionId');
  });

  it('refuses a malformed customer id with 400', async () => {
    const response = await client.coinbase('GET', '/platform/v2/customers/cus_123');
    expect(response.status).toBe(400);
  });
});

describe('Coinbase customers: update', () => {
  it.each([
    ['spec', 'PUT', 'POST'],
    ['guides', 'POST', 'PUT'],
  ] as const)("updates with the %s dialect's method (%s) and refuses %s", async (dialect, method, other) => {
    const dialectClient = createSandboxTestClient({ dialect });
    try {
      const created = await dialectClient.coinbase('POST', '/platform/v2/customers', { type: 'individual' });
      const path = `/platform/v2/customers/${String(created.body.customerId)}`;
      const updated = await dialectClient.coinbase(method, path, {
        capabilities: { custodyFiat: { requested: true } },
      });
      expect(updated.status).toBe(200);
      expect(updated.body.capabilities).toMatchObject({
        custodyFiat: { requested: true, status: 'pending' },
      });
      const refused = await dialectClient.coinbase(other, path, {
        capabilities: { transferFiat: { requested: true } },
      });
      expect(refused.status).toBe(404);
      expect(refused.body.errorType).toBe('not_found');
    } finally {
      await dialectClient.close();
    }
  });

  it('unrequests a capability, which removes its requirements', async () => {
    const created = await client.coinbase('POST', '/platform/v2/customers', {
      type: 'individual',
      capabilities: { custodyFiat: { requested: true } },
    });
    const path = `/platform/v2/customers/${String(created.body.customerId)}`;
    const updated = await client.coinbase('PUT', path, {
      capabilities: { custodyFiat: { requested: false } },
    });
    expect(updated.body.capabilities).toMatchObject({
      custodyFiat: { requested: false, status: 'unrequested' },
    });
    expect(updated.body.requirements).toEqual({});
  });

  it('records a ToS acceptance and shows it on read', async () => {
    const created = await client.coinbase('POST', '/platform/v2/customers', {
      type: 'individual',
      capabilities: { custodyFiat: { requested: true } },
    });
    const path = `/platform/v2/customers/${String(created.body.customerId)}`;
    expect(created.body.requirements).toHaveProperty('tos');
    const updated = await client.coinbase('PUT', path, {
      tosAcceptances: [{ versionId: DEFAULT_TOS_VERSION_ID, language: 'es', acceptedAt }],
    });
    expect(updated.body.tosAcceptances).toEqual([
      { versionId: DEFAULT_TOS_VERSION_ID, language: 'es', acceptedAt },
    ]);
    expect(updated.body.requirements).not.toHaveProperty('tos');
  });
});

describe('Coinbase customers: list and delete', () => {
  it('pages with pageSize and nextPageToken until the last page', async () => {
    for (let index = 0; index < 5; index += 1)
      await client.coinbase('POST', '/platform/v2/customers', { type: 'individual' });
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const query: string =
        token === undefined ? '?pageSize=2' : `?pageSize=2&pageToken=${encodeURIComponent(token)}`;
      const page = await client.coinbase('GET', `/platform/v2/customers${query}`);
      pages += 1;
      const customers = page.body.customers as { customerId: string }[];
      expect(customers.length).toBeLessThanOrEqual(2);
      seen.push(...customers.map((customer) => customer.customerId));
      token = page.body.nextPageToken as string | undefined;
    } while (token !== undefined);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(5);
  });

  it('refuses a pageToken it did not issue and an out-of-range pageSize', async () => {
    expect((await client.coinbase('GET', '/platform/v2/customers?pageToken=nonsense')).status).toBe(400);
    expect((await client.coinbase('GET', '/platform/v2/customers?pageSize=0')).status).toBe(400);
  });

  it('refuses a pageSize that is not written as a whole number (the spec types it integer)', async () => {
    for (const pageSize of ['1e1', '0x10', '%205', '10.0']) {
      const response = await client.coinbase('GET', `/platform/v2/customers?pageSize=${pageSize}`);
      expect(response.status, pageSize).toBe(400);
      expect(response.body.errorMessage, pageSize).toContain('pageSize');
    }
  });

  it('deletes with 204, again with 204, and then the customer is gone', async () => {
    const created = await client.coinbase('POST', '/platform/v2/customers', { type: 'individual' });
    const path = `/platform/v2/customers/${String(created.body.customerId)}`;
    expect((await client.coinbase('DELETE', path)).status).toBe(204);
    expect((await client.coinbase('DELETE', path)).status).toBe(204);
    expect((await client.coinbase('GET', path)).status).toBe(404);
    const list = await client.coinbase('GET', '/platform/v2/customers');
    expect(list.body.customers).toEqual([]);
  });

  it('answers 404 when deleting a customer that never existed', async () => {
    const response = await client.coinbase(
      'DELETE',
      '/platform/v2/customers/customer_00000000-0000-4000-8000-000000000000',
    );
    expect(response.status).toBe(404);
  });
});

describe('Coinbase customers: X-Idempotency-Key', () => {
  it('returns the first response for the same key and body', async () => {
    const body = { type: 'individual', individual: { firstName: 'Jane' } };
    const headers = { 'x-idempotency-key': '8e03978e-40d5-43e8-bc93-6894a57f9324' };
    const first = await client.coinbase('POST', '/platform/v2/customers', body, { headers });
    const second = await client.coinbase('POST', '/platform/v2/customers', body, { headers });
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    const list = await client.coinbase('GET', '/platform/v2/customers');
    expect(list.body.customers).toHaveLength(1);
  });

  it('answers 422 idempotency_error for the same key with another body', async () => {
    const headers = { 'x-idempotency-key': 'retry-1' };
    await client.coinbase('POST', '/platform/v2/customers', { type: 'individual' }, { headers });
    const conflict = await client.coinbase(
      'POST',
      '/platform/v2/customers',
      { type: 'individual', individual: { firstName: 'Other' } },
      { headers },
    );
    expect(conflict.status).toBe(422);
    expect(conflict.body.errorType).toBe('idempotency_error');
  });

  it('replays an update and a delete', async () => {
    const created = await client.coinbase('POST', '/platform/v2/customers', { type: 'individual' });
    const path = `/platform/v2/customers/${String(created.body.customerId)}`;
    const headers = { 'x-idempotency-key': 'update-1' };
    const body = { capabilities: { custodyFiat: { requested: true } } };
    const first = await client.coinbase('PUT', path, body, { headers });
    const again = await client.coinbase('PUT', path, body, { headers });
    expect(again.body).toEqual(first.body);
    const deleteHeaders = { 'x-idempotency-key': 'delete-1' };
    expect((await client.coinbase('DELETE', path, undefined, { headers: deleteHeaders })).status).toBe(204);
    expect((await client.coinbase('DELETE', path, undefined, { headers: deleteHeaders })).status).toBe(204);
  });

  it('refuses a key longer than 128 characters', async () => {
    const response = await client.coinbase(
      'POST',
      '/platform/v2/customers',
      { type: 'individual' },
      { headers: { 'x-idempotency-key': 'k'.repeat(129) } },
    );
    expect(response.status).toBe(400);
  });
});
