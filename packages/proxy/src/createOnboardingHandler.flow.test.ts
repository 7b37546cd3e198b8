import { messages, type Customer } from '@kyc-kit/core/server';
import { DEFAULT_TOS_VERSION_ID } from '@kyc-kit/sandbox';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CLIENT_ADDRESS,
  createProxyHarness,
  type ProxyHarness,
  type StreamMessage,
} from '@kyc-kit/testing/server';

const harnesses: ProxyHarness[] = [];
afterEach(async () => {
  for (const harness of harnesses.splice(0)) await harness.close();
});

function open(options: Parameters<typeof createProxyHarness>[0]): ProxyHarness {
  const harness = createProxyHarness(options);
  harnesses.push(harness);
  return harness;
}

const identity = {
  dateOfBirth: { day: '15', month: '1', year: '1990' },
  fullSsn: '123-45-6789',
  addressLine1: '500 Main St',
  addressCity: 'Boston',
  addressSubdivision: 'MA',
  addressPostalCode: '02108',
  addressCountryCode: 'US',
};

function customerOf(message: StreamMessage): Customer {
  return (JSON.parse(message.data ?? '{}') as { customer: Customer }).customer;
}

async function json<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

describe('full onboarding flow against the Coinbase sandbox', () => {
  it('creates, updates, accepts the ToS and streams the activation the webhook announces', async () => {
    const harness = open({ provider: 'coinbase' });
    const notYet = await harness.send('alice', 'GET', '/customer');
    // "No customer yet" is the normal first answer, not an error status the browser would log.
    expect(notYet.status).toBe(200);
    expect(await json<{ customer: null }>(notYet)).toEqual({ customer: null, provider: 'coinbase' });

    const events = await harness.openEvents('alice');
    const created = await harness.write(
      'alice',
      'POST',
      '/customer',
      { capabilities: ['custodyFiat'], fields: { firstName: 'Jane', lastName: 'Doe' } },
      { 'idempotency-key': 'create-1' },
    );
    expect(created.status).toBe(201);
    const { customer } = await json<{ customer: Customer }>(created);
    expect(customer.id).toMatch(/^customer_[a-f0-9-]{36}$/);
    expect(customer.capabilities.custodyFiat).toMatchObject({ requested: true, status: 'pending' });
    expect(customer.requirements.fullSsn?.status).toBe('due');
    expect(customerOf(await events.next((message) => message.event === 'customer')).id).toBe(customer.id);

    // The server added the end-user's IP and a user-scoped idempotency key; the browser's key never went upstream as is.
    const createCall = harness.upstreamCalls.find(
      (call) => call.method === 'POST' && call.path === '/platform/v2/customers',
    );
    expect(createCall?.body).toMatchObject({
      type: 'individual',
      compliance: { requesterIpAddress: CLIENT_ADDRESS },
      capabilities: { custodyFiat: { requested: true } },
    });
    expect(createCall?.headers.get('x-idempotency-key')).toMatch(/^[0-9a-f-]{36}$/);
    expect(createCall?.headers.get('authorization')).toMatch(/^Bearer ey/);

    const updated = await harness.write('alice', 'PATCH', '/customer', {
      fields: { ...identity, purposeOfAccount: 'investing', sourceOfFunds: 'salary' },
    });
    expect(updated.status).toBe(200);
    const updateCall = harness.upstreamCalls.find((call) => call.method === 'PUT');
    expect(updateCall?.body).toMatchObject({
      individual: { fullSsn: '123-45-6789', dateOfBirth: { day: '15', month: '01', year: '1990' } },
      compliance: { requesterIpAddress: CLIENT_ADDRESS },
    });

    const current = await json<{ customer: Customer }>(await harness.send('alice', 'GET', '/customer'));
    const version = current.customer.requirements.tos?.tos?.versions[0];
    expect(version?.versionId).toBe(DEFAULT_TOS_VERSION_ID);

    const documentResponse = await harness.send('alice', 'GET', `/tos/${DEFAULT_TOS_VERSION_ID}?language=es`);
    expect(documentResponse.status).toBe(200);
    const document = await json<{ versionId: string; language: string; title: string; html: string }>(
      documentResponse,
    );
    expect(document).toMatchObject({
      versionId: DEFAULT_TOS_VERSION_ID,
      language: 'es',
      title: 'Términos de servicio del entorno de pruebas',
    });
    expect(document.html).toContain('<h2>1. Entre quiénes se celebran estos términos</h2>');
    expect(document.html).not.toMatch(/<(html|head|meta|title)/);

    const before = Date.now();
    const accepted = await harness.write('alice', 'POST', '/customer/tos', {
      versionId: DEFAULT_TOS_VERSION_ID,
      language: 'es',
    });
    expect(accepted.status).toBe(200);
    const acceptance = (await json<{ customer: Customer }>(accepted)).customer.tosAcceptances[0];
    expect(acceptance).toMatchObject({ versionId: DEFAULT_TOS_VERSION_ID, language: 'es' });
    expect(Date.parse(acceptance?.acceptedAt ?? '')).toBeGreaterThanOrEqual(before - 1000);

    // Verification runs in the sandbox, its webhook reaches the proxy, which re-reads and streams the customer.
    const activation = await events.next(
      (message) =>
        message.event === 'customer' && customerOf(message).capabilities.custodyFiat?.status === 'active',
    );
    expect(Number(activation.id)).toBeGreaterThan(0);
    const deliveries = (await harness.control('GET', '/webhooks')) as {
      deliveries: { delivered: boolean; attempts: { status?: number }[] }[];
    };
    expect(
      deliveries.deliveries.some(
        (delivery) => delivery.delivered && delivery.attempts.at(-1)?.status === 204,
      ),
    ).toBe(true);
    const final = await json<{ customer: Customer }>(await harness.send('alice', 'GET', '/customer'));
    expect(final.customer.capabilities.custodyFiat?.status).toBe('active');
    await events.close();
  });

  it('signs with an Ed25519 CDP key just as well', async () => {
    const harness = open({ provider: 'coinbase', ed25519: true });
    const created = await harness.write('bob', 'POST', '/customer', { capabilities: ['custodyCrypto'] });
    expect(created.status).toBe(201);
  });
});

describe('a customer blocked for compliance', () => {
  it('answers its update with the generic compliance-safe 403 and no upstream text', async () => {
    const harness = open({ provider: 'coinbase', manual: true });
    const created = await json<{ customer: Customer }>(
      await harness.write('dana', 'POST', '/customer', {
        capabilities: ['custodyFiat'],
        fields: { firstName: 'Dana', lastName: 'Sanctioned' },
      }),
    );
    await harness.control('POST', '/advance', { customerId: created.customer.id });

    const response = await harness.write('dana', 'PATCH', '/customer', { fields: { firstName: 'Dana' } });
    expect(response.status).toBe(403);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({
      error: {
        code: 'customer_not_authorized',
        message: messages.en['error.api.customer_not_authorized'],
        retryable: false,
      },
    });
    // The provider's own words ("This customer cannot be modified at this time.") and error type stay on the server.
    expect(text).not.toMatch(/modified|forbidden|Sanctioned/);
    // Reads still work: the browser shows the capability as unavailable with the same generic message.
    const current = await json<{ customer: Customer }>(await harness.send('dana', 'GET', '/customer'));
    expect(current.customer.capabilities.custodyFiat?.status).toBe('inactive');
  });
});

describe('full onboarding flow against the OMS sandbox', () => {
  it('creates, updates, signs the agreement and streams the granted endorsement', async () => {
    const harness = open({ provider: 'oms' });
    const events = await harness.openEvents('carol');
    const created = await harness.write('carol', 'POST', '/customer', {
      capabilities: ['custodyFiat'],
      fields: { firstName: 'Carol', lastName: 'Diaz', email: 'carol@example.com' },
    });
    expect(created.status).toBe(201);
    const { customer } = await json<{ customer: Customer }>(created);
    expect(customer.id).toMatch(/^cst_/);
    expect(customer.capabilities.usd?.requested).toBe(true);
    await events.next((message) => message.event === 'customer');

    const createCall = harness.upstreamCalls.find(
      (call) => call.method === 'POST' && call.path === '/v0.9/customers',
    );
    expect(createCall?.body).toMatchObject({
      type: 'individual',
      ipAddress: CLIENT_ADDRESS,
      endorsements: ['usd'],
    });
    expect(createCall?.headers.get('idempotency-key')).toMatch(/^[0-9a-f-]{36}$/);
    expect(createCall?.headers.get('authorization')).toMatch(/^Bearer /);

    const updated = await harness.write('carol', 'PATCH', '/customer', {
      fields: { ...identity, citizenship: 'US', phoneNumber: { country: 'US', number: '(415) 555-0100' } },
    });
    expect(updated.status).toBe(200);
    const updateCall = harness.upstreamCalls.find((call) => call.method === 'PATCH');
    expect(updateCall?.body).toMatchObject({
      birthDate: '1990-01-15',
      phone: '+14155550100',
      ipAddress: CLIENT_ADDRESS,
    });

    const current = await json<{ customer: Customer }>(await harness.send('carol', 'GET', '/customer'));
    const version = current.customer.requirements.tos?.tos?.versions[0];
    expect(version?.versionId).toBe(DEFAULT_TOS_VERSION_ID);
    const document = await harness.send('carol', 'GET', `/tos/${DEFAULT_TOS_VERSION_ID}?language=en`);
    expect(document.status).toBe(200);

    const accepted = await harness.write('carol', 'POST', '/customer/tos', {
      versionId: DEFAULT_TOS_VERSION_ID,
      language: 'en',
    });
    expect(accepted.status).toBe(200);
    expect(harness.upstreamCalls.filter((call) => call.method === 'PATCH').at(-1)?.body).toMatchObject({
      signedAgreement: true,
    });

    await events.next(
      (message) => message.event === 'customer' && customerOf(message).capabilities.usd?.status === 'active',
    );
    const final = await json<{ customer: Customer }>(await harness.send('carol', 'GET', '/customer'));
    expect(final.customer.capabilities.custodyFiat?.status).toBe('active');
    // One token exchange served every call.
    expect(harness.upstreamCalls.filter((call) => call.path === '/v0.9/auth/token')).toHaveLength(1);
    await events.close();
  });
});
