import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSandboxTestClient, PASSING_OMS_CUSTOMER, TEST_ORIGIN } from './sandboxTestClient';
import type { SandboxTestClient } from './sandboxTestClient';

let client: SandboxTestClient;

beforeEach(() => {
  client = createSandboxTestClient();
});

afterEach(async () => {
  await client.close();
});

interface Endorsement {
  name: string;
  status: string;
  requirements: { complete: string[]; pending: string[]; missing: string[]; issues: string[] };
  rejectionReasons: { developerReason: string; reason: string }[];
}

function endorsement(body: Record<string, unknown>, name: string): Endorsement {
  const found = (body.endorsements as Endorsement[]).find((candidate) => candidate.name === name);
  if (found === undefined) throw new Error(`no ${name} endorsement`);
  return found;
}

let keyCounter = 0;
function key(): Record<string, string> {
  keyCounter += 1;
  return { 'idempotency-key': `key-${keyCounter}` };
}

describe('OMS authentication', () => {
  it('exchanges the API key for a bearer token valid for an hour', async () => {
    const response = await client.oms('POST', '/v0.9/auth/token', client.sandbox.credentials.oms, {
      token: null,
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ tokenType: 'bearer', expiresIn: 3600 });
    expect(Date.parse(String(response.body.expiresAt))).toBeGreaterThan(Date.now());
  });

  it('refuses a wrong secret with 401', async () => {
    const response = await client.oms(
      'POST',
      '/v0.9/auth/token',
      { apiKey: client.sandbox.credentials.oms.apiKey, apiSecret: 'wrong' },
      { token: null },
    );
    expect(response.status).toBe(401);
  });

  it('refuses customer calls without a token or with an unknown one', async () => {
    expect((await client.oms('GET', '/v0.9/customers', undefined, { token: null })).status).toBe(401);
    expect((await client.oms('GET', '/v0.9/customers', undefined, { token: 'forged' })).status).toBe(401);
  });
});

describe('OMS customers', () => {
  it('requires an Idempotency-Key on create', async () => {
    const response = await client.oms('POST', '/v0.9/customers', { type: 'individual' });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('idempotency_key_required');
  });

  it('creates a customer with cst_ id, default endorsements cryptoCustody + usd and basic', async () => {
    const response = await client.oms(
      'POST',
      '/v0.9/customers',
      { type: 'individual', firstName: 'Jane' },
      { headers: key() },
    );
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      object: 'customer',
      type: 'individual',
      status: 'active',
      signedAgreement: false,
    });
    expect(String(response.body.id)).toMatch(/^cst_/);
    expect((response.body.endorsements as Endorsement[]).map((entry) => entry.name)).toEqual([
      'basic',
      'cryptoCustody',
      'usd',
    ]);
    expect(endorsement(response.body, 'basic')).toMatchObject({ status: 'INACTIVE' });
    expect(endorsement(response.body, 'basic').requirements.missing).toContain('birthDate');
    expect(endorsement(response.body, 'basic').requirements.pending).toContain('firstName');
  });

  it('never echoes birth date, address, IP address or documents', async () => {
    const response = await client.oms(
      'POST',
      '/v0.9/customers',
      { ...PASSING_OMS_CUSTOMER, ipAddress: '203.0.113.9' },
      { headers: key() },
    );
    const text = JSON.stringify(response.body);
    for (const secret of ['1990-05-15', '1 Main St', '10001', '123-45-6789', '203.0.113.9'])
      expect(text).not.toContain(secret);
    expect(response.body).toMatchObject({
      firstName: 'Jane',
      email: 'jane@example.com',
      phone: '+12125551234',
    });
  });

  it('replays a create with the same Idempotency-Key and refuses the key with another body', async () => {
    const headers = { 'idempotency-key': 'same' };
    const first = await client.oms('POST', '/v0.9/customers', { type: 'individual' }, { headers });
    const again = await client.oms('POST', '/v0.9/customers', { type: 'individual' }, { headers });
    expect(again.body.id).toBe(first.body.id);
    const conflict = await client.oms(
      'POST',
      '/v0.9/customers',
      { type: 'individual', firstName: 'X' },
      { headers },
    );
    expect(conflict.status).toBe(422);
  });

  it('a retry sent while the first create is still running gets its answer, not a second customer', async () => {
    const headers = { 'idempotency-key': 'sent-twice' };
    const [first, retry] = await Promise.all([
      client.oms('POST', '/v0.9/customers', PASSING_OMS_CUSTOMER, { headers }),
      client.oms('POST', '/v0.9/customers', PASSING_OMS_CUSTOMER, { headers }),
    ]);
    expect([first.status, retry.status]).toEqual([201, 201]);
    expect(retry.body.id).toBe(first.body.id);
    const list = await client.oms('GET', '/v0.9/customers');
    expect(list.body.data).toHaveLength(1);
  });

  it('validates fields and names the bad one', async () => {
    const response = await client.oms(
      'POST',
      '/v0.9/customers',
      { type: 'individual', birthDate: '15/05/1990' },
      { headers: key() },
    );
    expect(response.status).toBe(400);
    expect(String(response.body.message)).toContain('birthDate');
  });

  it('gets, patches and 404s', async () => {
    const created = await client.oms(
      'POST',
      '/v0.9/customers',
      { type: 'individual', endorsements: ['basic'] },
      { headers: key() },
    );
    const path = `/v0.9/customers/${String(created.body.id)}`;
    expect((await client.oms('GET', path)).body.id).toBe(created.body.id);
    const patched = await client.oms('PATCH', path, { signedAgreement: true, externalId: 'usr_1' });
    expect(patched.body).toMatchObject({ signedAgreement: true, externalId: 'usr_1' });
    expect(patched.body.signedAgreementAt).toEqual(expect.any(String));
    expect(endorsement(patched.body, 'basic').requirements.complete).toContain('signedAgreement');
    expect((await client.oms('GET', '/v0.9/customers/cst_missing')).status).toBe(404);
  });

  it('refuses a limit that is not written as a whole number', async () => {
    for (const limit of ['1e1', '0x10', '%205', '10.0']) {
      const response = await client.oms('GET', `/v0.9/customers?limit=${limit}`);
      expect(response.status, limit).toBe(400);
      expect(response.body.message, limit).toContain('limit');
    }
  });

  it('lists with limit, hasMore and cursor, and filters by externalId', async () => {
    for (let index = 0; index < 3; index += 1) {
      await client.oms(
        'POST',
        '/v0.9/customers',
        { type: 'individual', externalId: `usr_${index}` },
        { headers: key() },
      );
    }
    const first = await client.oms('GET', '/v0.9/customers?limit=2');
    expect(first.body).toMatchObject({ hasMore: true });
    expect(first.body.data).toHaveLength(2);
    const second = await client.oms('GET', `/v0.9/customers?limit=2&cursor=${String(first.body.cursor)}`);
    expect(second.body).toMatchObject({ hasMore: false, cursor: null });
    expect(second.body.data).toHaveLength(1);
    const filtered = await client.oms('GET', '/v0.9/customers?externalId=usr_1');
    expect((filtered.body.data as { externalId: string }[]).map((customer) => customer.externalId)).toEqual([
      'usr_1',
    ]);
  });
});

describe('OMS terms', () => {
  it("serves the agreement behind signedAgreement under core's oms_terms version, in English and Spanish", async () => {
    const english = await client.sandbox.fetch(new Request(`${TEST_ORIGIN}/tos/oms_terms`));
    expect(english.status).toBe(200);
    expect(await english.text()).toContain('<html lang="en">');
    const spanish = await client.sandbox.fetch(new Request(`${TEST_ORIGIN}/tos/oms_terms?lang=es`));
    expect(await spanish.text()).toContain('<html lang="es">');
  });
});

describe('OMS endorsements walk the seed 004 statuses', () => {
  it('goes INACTIVE -> PENDING -> ACTIVE for every endorsement', async () => {
    const created = await client.oms('POST', '/v0.9/customers', { type: 'individual' }, { headers: key() });
    for (const name of ['basic', 'cryptoCustody', 'usd'])
      expect(endorsement(created.body, name).status).toBe('INACTIVE');
    const path = `/v0.9/customers/${String(created.body.id)}`;
    const { type: _type, ...fields } = PASSING_OMS_CUSTOMER;
    const submitted = await client.oms('PATCH', path, fields);
    for (const name of ['basic', 'cryptoCustody', 'usd'])
      expect(endorsement(submitted.body, name).status).toBe('PENDING');
    await client.control('POST', '/advance', { customerId: created.body.id });
    const verified = await client.oms('GET', path);
    for (const name of ['basic', 'cryptoCustody', 'usd']) {
      expect(endorsement(verified.body, name)).toMatchObject({ status: 'ACTIVE', rejectionReasons: [] });
      expect(endorsement(verified.body, name).requirements).toMatchObject({
        pending: [],
        missing: [],
        issues: [],
      });
    }
  });

  it('SSN 000-00-0000 -> ISSUES with identifyingInformation and a rejection reason; resubmitting fixes it', async () => {
    const created = await client.oms(
      'POST',
      '/v0.9/customers',
      {
        ...PASSING_OMS_CUSTOMER,
        identifyingInformation: [{ type: 'ssn', issuingCountry: 'US', number: '000-00-0000' }],
      },
      { headers: key() },
    );
    await client.control('POST', '/advance', { customerId: created.body.id });
    const path = `/v0.9/customers/${String(created.body.id)}`;
    const read = await client.oms('GET', path);
    expect(endorsement(read.body, 'basic')).toMatchObject({ status: 'ISSUES' });
    expect(endorsement(read.body, 'basic').requirements.issues).toEqual(['identifyingInformation']);
    expect(endorsement(read.body, 'basic').rejectionReasons[0]?.developerReason).toContain(
      'identifyingInformation',
    );
    await client.oms('PATCH', path, {
      identifyingInformation: [{ type: 'ssn', issuingCountry: 'US', number: '123-45-6789' }],
    });
    await client.control('POST', '/advance', { customerId: created.body.id });
    expect(endorsement((await client.oms('GET', path)).body, 'basic').status).toBe('ACTIVE');
  });

  it('ZIP 00000 -> ISSUES with residentialAddress', async () => {
    const created = await client.oms(
      'POST',
      '/v0.9/customers',
      {
        ...PASSING_OMS_CUSTOMER,
        residentialAddress: { ...PASSING_OMS_CUSTOMER.residentialAddress, zipCode: '00000' },
      },
      { headers: key() },
    );
    await client.control('POST', '/advance', { customerId: created.body.id });
    const read = await client.oms('GET', `/v0.9/customers/${String(created.body.id)}`);
    expect(endorsement(read.body, 'usd').requirements.issues).toEqual(['residentialAddress']);
  });

  it('a birth year of 1900 -> ISSUES with birthDate', async () => {
    const created = await client.oms(
      'POST',
      '/v0.9/customers',
      { ...PASSING_OMS_CUSTOMER, birthDate: '1900-01-01' },
      { headers: key() },
    );
    await client.control('POST', '/advance', { customerId: created.body.id });
    const read = await client.oms('GET', `/v0.9/customers/${String(created.body.id)}`);
    expect(endorsement(read.body, 'basic').requirements.issues).toEqual(['birthDate']);
  });

  it('last name "Sanctioned" -> every endorsement REJECTED and the customer inactive', async () => {
    const created = await client.oms(
      'POST',
      '/v0.9/customers',
      { ...PASSING_OMS_CUSTOMER, lastName: 'Sanctioned' },
      { headers: key() },
    );
    await client.control('POST', '/advance', { customerId: created.body.id });
    const read = await client.oms('GET', `/v0.9/customers/${String(created.body.id)}`);
    expect(read.body.status).toBe('inactive');
    for (const name of ['basic', 'cryptoCustody', 'usd'])
      expect(endorsement(read.body, name).status).toBe('REJECTED');
  });

  it('first name "Slow" stays PENDING through automatic verification until advanced', async () => {
    const automatic = createSandboxTestClient({ manual: false, verifyMs: 0 });
    try {
      const created = await automatic.oms(
        'POST',
        '/v0.9/customers',
        { ...PASSING_OMS_CUSTOMER, firstName: 'Slow' },
        { headers: key() },
      );
      // verifyMs 0 runs on the next timer turn; this timer is queued after it.
      await new Promise((resolve) => setTimeout(resolve, 0));
      const path = `/v0.9/customers/${String(created.body.id)}`;
      expect(endorsement((await automatic.oms('GET', path)).body, 'basic').status).toBe('PENDING');
      await automatic.control('POST', '/advance', { customerId: created.body.id });
      expect(endorsement((await automatic.oms('GET', path)).body, 'basic').status).toBe('ACTIVE');
    } finally {
      await automatic.close();
    }
  });

  it('forces REVOKED_ISSUES and OFFBOARDED through the control API', async () => {
    const created = await client.oms(
      'POST',
      '/v0.9/customers',
      { type: 'individual', endorsements: ['usd'] },
      { headers: key() },
    );
    const id = String(created.body.id);
    await client.control('POST', `/customers/${id}/capabilities/usd`, { status: 'REVOKED_ISSUES' });
    expect(endorsement((await client.oms('GET', `/v0.9/customers/${id}`)).body, 'usd').status).toBe(
      'REVOKED_ISSUES',
    );
    await client.control('POST', `/customers/${id}/capabilities/usd`, { status: 'OFFBOARDED' });
    const read = await client.oms('GET', `/v0.9/customers/${id}`);
    expect(endorsement(read.body, 'usd').status).toBe('OFFBOARDED');
    expect(read.body.status).toBe('inactive');
  });
});
