import { omsAdapter } from '@kyc-kit/core/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseSandboxCliArguments } from './runSandboxCli';
import { createSandboxTestClient, PASSING_OMS_CUSTOMER } from './sandboxTestClient';
import type { SandboxTestClient } from './sandboxTestClient';

let client: SandboxTestClient | undefined;
afterEach(async () => {
  await client?.close();
  client = undefined;
});

describe('contact field placement per dialect', () => {
  it('spec: email and phoneNumber inside individual; top-level email refused', async () => {
    client = createSandboxTestClient({ dialect: 'spec' });
    const created = await client.coinbase('POST', '/platform/v2/customers', {
      type: 'individual',
      individual: { firstName: 'Jane', email: 'jane@example.com', phoneNumber: '+14155550100' },
    });
    expect(created.status).toBe(201);
    expect(created.body.individual).toEqual({ firstName: 'Jane', email: 'jane@example.com' });
    const path = `/platform/v2/customers/${String(created.body.customerId)}`;
    const refused = await client.coinbase('PUT', path, { email: 'jane@example.com' });
    expect(refused.status).toBe(400);
    expect(refused.body.errorMessage).toContain('email: unknown field');
  });

  it('guides: top-level email and phone; individual.email refused; email echoed at the top', async () => {
    client = createSandboxTestClient({ dialect: 'guides' });
    const created = await client.coinbase('POST', '/platform/v2/customers', {
      type: 'individual',
      individual: { firstName: 'Jane' },
      email: 'jane@example.com',
      phone: '+14155550100',
    });
    expect(created.status).toBe(201);
    expect(created.body.email).toBe('jane@example.com');
    expect(created.body.individual).toEqual({ firstName: 'Jane' });
    const path = `/platform/v2/customers/${String(created.body.customerId)}`;
    const refused = await client.coinbase('POST', path, { individual: { phoneNumber: '+14155550100' } });
    expect(refused.status).toBe(400);
    expect(refused.body.errorMessage).toContain('individual.phoneNumber: unknown field');
    const badPhone = await client.coinbase('POST', path, { phone: '4155550100' });
    expect(badPhone.status).toBe(400);
  });
});

describe('webhook shape follows the dialect', () => {
  it.each([
    ['spec', 'customers.capability.changed'],
    ['guides', 'customer.capability.status_changed'],
  ] as const)('%s sends %s', async (dialect, eventType) => {
    const received: string[] = [];
    client = createSandboxTestClient({
      dialect,
      webhooks: { url: 'https://partner.test/hooks', secret: 'plain-secret' },
      fetch: async (input, init) => {
        received.push(await new Request(input, init).text());
        return new Response(null, { status: 200 });
      },
    });
    await client.coinbase('POST', '/platform/v2/customers', {
      type: 'individual',
      capabilities: { custodyFiat: { requested: true } },
    });
    const target = client;
    await vi.waitFor(() => expect(received.length).toBeGreaterThan(0));
    const body = JSON.parse(received[0] ?? '{}') as Record<string, unknown>;
    expect(body.eventType ?? body.type).toBe(eventType);
    if (dialect === 'guides') {
      expect(body.data).toMatchObject({
        capability: 'custodyFiat',
        previousStatus: 'unrequested',
        status: 'pending',
      });
      expect(body.data).toHaveProperty('requirements');
    }
    expect((await target.control('GET', '/dialect')).body.dialect).toBe(dialect);
  });
});

describe('OMS endorsement shapes', () => {
  it('sends each documented shape, which the kit reads alike', async () => {
    client = createSandboxTestClient();
    const created = await client.oms(
      'POST',
      '/v0.9/customers',
      { ...PASSING_OMS_CUSTOMER, birthDate: '1900-01-01', endorsements: ['usd'] },
      { headers: { 'idempotency-key': 'shapes' } },
    );
    const id = String(created.body.id);
    await client.control('POST', '/advance', { customerId: id });
    const seen: Record<string, unknown> = {};
    for (const shapes of [
      { endorsements: 'objects', issues: 'names' },
      { endorsements: 'typed', issues: 'objects' },
      { endorsements: 'names', issues: 'names' },
    ] as const) {
      expect((await client.control('POST', '/oms-shapes', shapes)).status).toBe(200);
      const read = await client.oms('GET', `/v0.9/customers/${id}`);
      seen[`${shapes.endorsements}/${shapes.issues}`] = read.body.endorsements;
      const customer = omsAdapter.parseCustomer(read.body);
      expect(customer.capabilities.custodyFiat?.requested).toBe(true);
      if (shapes.endorsements !== 'names') {
        expect(customer.requirements.dateOfBirth?.status).toBe('rejected');
        expect(JSON.stringify(customer)).not.toContain('could not be verified');
      }
    }
    expect(seen['names/names']).toEqual(['basic', 'usd']);
    expect((seen['typed/objects'] as { type: string }[]).map((endorsement) => endorsement.type)).toEqual([
      'basic',
      'usd',
    ]);
    expect(
      (seen['typed/objects'] as { requirements: { issues: unknown[] } }[])[1]?.requirements.issues,
    ).toEqual([{ field: 'birthDate', message: 'birthDate could not be verified; resubmit it.' }]);
    expect((await client.control('POST', '/oms-shapes', { endorsements: 'maps' })).status).toBe(400);
  });
});

describe('the CLI', () => {
  it('takes --dialect and --oms-webhook-secret', () => {
    const command = parseSandboxCliArguments([
      '--dialect',
      'guides',
      '--webhook-url',
      'http://localhost:3000/hooks',
      '--webhook-secret',
      's',
      '--oms-webhook-secret',
      'whsec_b21zLWtleQ==',
    ]);
    expect(command).toMatchObject({
      kind: 'serve',
      options: { dialect: 'guides', webhooks: { secret: 's', omsSecret: 'whsec_b21zLWtleQ==' } },
    });
    expect(parseSandboxCliArguments(['--dialect', 'openapi'])).toEqual({
      kind: 'error',
      message: '--dialect must be spec or guides.',
    });
  });
});
