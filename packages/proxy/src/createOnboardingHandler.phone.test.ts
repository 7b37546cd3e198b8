import { afterEach, describe, expect, it } from 'vitest';
import { createProxyHarness, type ProxyHarness } from '@kyc-kit/testing/server';

const harnesses: ProxyHarness[] = [];
afterEach(async () => {
  for (const harness of harnesses.splice(0)) await harness.close();
});

async function openWithCustomer(): Promise<ProxyHarness> {
  const harness = createProxyHarness({ provider: 'coinbase' });
  harnesses.push(harness);
  const created = await harness.write('u', 'POST', '/customer', {
    capabilities: ['tradeCrypto'],
    fields: { firstName: 'Ann', lastName: 'Lee' },
  });
  expect(created.status).toBe(201);
  return harness;
}

// Browsers ship only calling code +1's phone rules and let other countries' numbers through
// on length until the rest loads; the proxy must check every country in full regardless.
describe('phone numbers at the proxy', () => {
  it("refuses a number another country's rules reject, which a browser without them would let through", async () => {
    const harness = await openWithCustomer();
    const response = await harness.write('u', 'PATCH', '/customer', {
      fields: { phoneNumber: { country: 'GB', number: '020 7946 09' } },
    });
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: { fields?: Record<string, { code: string }> } };
    expect(error.fields?.phoneNumber?.code).toBe('field.phoneNumber.error.invalid');
  });

  it('sends the provider E.164 written by the full rules (an Italian number keeps its leading 0)', async () => {
    const harness = await openWithCustomer();
    const response = await harness.write('u', 'PATCH', '/customer', {
      fields: { phoneNumber: { country: 'IT', number: '06 6982 0000' } },
    });
    expect(response.status).toBe(200);
    const writes = harness.upstreamCalls.filter((call) => call.method !== 'GET');
    expect(JSON.stringify(writes.at(-1)?.body)).toContain('+390669820000');
  });
});
