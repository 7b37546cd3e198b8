import type { Customer } from '@kyc-kit/core/server';
import { DEFAULT_TOS_VERSION_ID } from '@kyc-kit/sandbox';
import { createProxyHarness, type ProxyHarness } from '@kyc-kit/testing/server';
import { afterEach, describe, expect, it } from 'vitest';

// The proxy against each published shape of the Coinbase API, as the sandbox's
// dialects speak them: the guides' (tos.url, POST update, top-level contact
// fields, customer.capability.status_changed) and the spec's.

const harnesses: ProxyHarness[] = [];
afterEach(async () => {
  for (const harness of harnesses.splice(0)) await harness.close();
});

function open(options: Parameters<typeof createProxyHarness>[0]): ProxyHarness {
  const harness = createProxyHarness(options);
  harnesses.push(harness);
  return harness;
}

async function json<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

const base = {
  firstName: 'Jane',
  lastName: 'Doe',
  dateOfBirth: { day: '15', month: '1', year: '1990' },
  fullSsn: '123-45-6789',
  addressLine1: '500 Main St',
  addressCity: 'Boston',
  addressSubdivision: 'MA',
  addressPostalCode: '02108',
  addressCountryCode: 'US',
  purposeOfAccount: 'investing',
  sourceOfFunds: 'salary',
};

const guides = {
  dialect: 'guides',
  coinbase: { updateMethod: 'POST', contactFieldPlacement: 'top-level' },
} as const;

describe('the guides dialect end to end', () => {
  it('accepts Terms given only as a url, with a POST update and top-level contact fields', async () => {
    const harness = open({ provider: 'coinbase', ...guides });
    const created = await harness.write('gia', 'POST', '/customer', { capabilities: ['custodyFiat'] });
    expect(created.status).toBe(201);
    const { customer } = await json<{ customer: Customer }>(created);
    // The sandbox sent `requirements.tos = { status, url }`; the version comes from the url.
    expect(customer.requirements.tos?.tos?.url).toBe(`http://sandbox.test/tos/${DEFAULT_TOS_VERSION_ID}`);
    expect(customer.requirements.tos?.tos?.versions.map((version) => version.versionId)).toEqual([
      DEFAULT_TOS_VERSION_ID,
    ]);

    const updated = await harness.write('gia', 'PATCH', '/customer', {
      fields: { ...base, email: 'jane@example.com', phoneNumber: '+14155550100' },
    });
    expect(updated.status).toBe(200);
    const update = harness.upstreamCalls.find((call) => call.path.startsWith('/platform/v2/customers/'));
    expect(update?.method).toBe('POST');
    expect(update?.body).toMatchObject({ email: 'jane@example.com', phone: '+14155550100' });
    expect((update?.body as { individual: Record<string, unknown> }).individual).not.toHaveProperty('email');

    const document = await harness.send('gia', 'GET', `/tos/${DEFAULT_TOS_VERSION_ID}?language=en`);
    expect(document.status).toBe(200);
    const accepted = await harness.write('gia', 'POST', '/customer/tos', {
      versionId: DEFAULT_TOS_VERSION_ID,
      language: 'en',
    });
    expect(accepted.status).toBe(200);
    const after = (await json<{ customer: Customer }>(accepted)).customer;
    expect(after.tosAcceptances.map((acceptance) => acceptance.versionId)).toEqual([DEFAULT_TOS_VERSION_ID]);
    expect(after.requirements.tos).toBeUndefined();
  });

  it('fails loudly when the client is set up for the other dialect', async () => {
    const harness = open({ provider: 'coinbase', dialect: 'guides' });
    await harness.write('hal', 'POST', '/customer', { capabilities: ['custodyFiat'] });
    // PUT (the spec's method) is no route in the guides dialect.
    const response = await harness.write('hal', 'PATCH', '/customer', { fields: { firstName: 'Hal' } });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(harness.upstreamCalls.some((call) => call.method === 'PUT')).toBe(true);
  });

  it("refuses contact fields in the spec's place when the sandbox speaks the guides", async () => {
    const harness = open({ provider: 'coinbase', dialect: 'guides', coinbase: { updateMethod: 'POST' } });
    await harness.write('ivy', 'POST', '/customer', { capabilities: ['custodyFiat'] });
    const response = await harness.write('ivy', 'PATCH', '/customer', {
      fields: { email: 'ivy@example.com' },
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
  });
});

describe('Terms the proxy could not show', () => {
  it('are not accepted, and nothing is written upstream', async () => {
    // The document's origin is not one the proxy may fetch from: the user cannot have been shown it.
    const harness = open({
      provider: 'coinbase',
      ...guides,
      handler: { tosOrigins: ['https://docs.cdp.coinbase.com'] },
    });
    await harness.write('jo', 'POST', '/customer', { capabilities: ['custodyFiat'] });
    expect((await harness.send('jo', 'GET', `/tos/${DEFAULT_TOS_VERSION_ID}?language=en`)).status).toBe(502);
    const writes = harness.upstreamCalls.length;
    const refused = await harness.write('jo', 'POST', '/customer/tos', {
      versionId: DEFAULT_TOS_VERSION_ID,
      language: 'en',
    });
    expect(refused.status).toBe(502);
    expect((await json<{ error: { code: string } }>(refused)).error.code).toBe('upstream_unavailable');
    // One read of the customer, no write.
    expect(harness.upstreamCalls.slice(writes).every((call) => call.method === 'GET')).toBe(true);
  });

  it('are not accepted when a partner resolver does not know the url', async () => {
    const harness = open({
      provider: 'coinbase',
      dialect: 'guides',
      coinbase: { updateMethod: 'POST', resolveTosVersion: () => undefined },
    });
    await harness.write('kim', 'POST', '/customer', { capabilities: ['custodyFiat'] });
    const refused = await harness.write('kim', 'POST', '/customer/tos', {
      versionId: DEFAULT_TOS_VERSION_ID,
      language: 'en',
    });
    expect(refused.status).toBe(400);
    expect(harness.upstreamCalls.filter((call) => call.method === 'POST')).toHaveLength(1);
  });
});

describe('the spec dialect', () => {
  it('updates with PUT and writes contact fields inside individual by default', async () => {
    const harness = open({ provider: 'coinbase', dialect: 'spec' });
    await harness.write('lee', 'POST', '/customer', { capabilities: ['tradeCrypto'] });
    const updated = await harness.write('lee', 'PATCH', '/customer', {
      fields: { email: 'lee@example.com', phoneNumber: '+14155550100' },
    });
    expect(updated.status).toBe(200);
    const update = harness.upstreamCalls.find((call) => call.path.startsWith('/platform/v2/customers/'));
    expect(update?.method).toBe('PUT');
    expect(update?.body).toMatchObject({
      individual: { email: 'lee@example.com', phoneNumber: '+14155550100' },
    });
  });
});
