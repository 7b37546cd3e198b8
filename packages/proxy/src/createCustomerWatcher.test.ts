import type { Customer } from '@kyc-kit/core/server';
import { afterEach, describe, expect, it } from 'vitest';
import { createProxyHarness, type ProxyHarness, type ProxyHarnessOptions } from '@kyc-kit/testing/server';

const harnesses: ProxyHarness[] = [];

function open(options: ProxyHarnessOptions): ProxyHarness {
  const harness = createProxyHarness(options);
  harnesses.push(harness);
  return harness;
}

afterEach(async () => {
  for (const harness of harnesses.splice(0)) await harness.close();
});

async function createFor(harness: ProxyHarness, user: string): Promise<Customer> {
  const response = await harness.write(user, 'POST', '/customer', {
    capabilities: ['custodyFiat'],
    fields: { firstName: 'Ann', lastName: 'Lee' },
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { customer: Customer }).customer;
}

function reads(harness: ProxyHarness, customerId: string): number {
  return harness.upstreamCalls.filter((call) => call.method === 'GET' && call.path.endsWith(customerId))
    .length;
}

describe('server-side watching of a customer in verification', () => {
  it('pushes a change no webhook announces (a rejected field) to the open stream', async () => {
    const harness = open({
      provider: 'coinbase',
      manual: true,
      sandboxWebhooks: false,
      handler: { watch: { baseMs: 10, maxMs: 40 } },
    });
    const customer = await createFor(harness, 'ann');
    await harness.control('POST', `/customers/${customer.id}/requirements/fullSsn`, { status: 'pending' });
    // The stream starts from the stored event; the watcher reads the pending requirement and publishes it.
    const stream = await harness.openEvents('ann');
    const pending = await stream.next((message) => (message.data ?? '').includes('"status":"pending"'));
    expect(pending.event).toBe('customer');

    await harness.control('POST', `/customers/${customer.id}/requirements/fullSsn`, { status: 'rejected' });
    const rejected = await stream.next((message) => (message.data ?? '').includes('"status":"rejected"'));
    const pushed = (JSON.parse(rejected.data ?? '{}') as { customer: Customer }).customer;
    expect(pushed.requirements.fullSsn?.status).toBe('rejected');
    await stream.close();
  });

  it('reads nothing upstream while no stream is open, nor once nothing is in verification', async () => {
    const harness = open({
      provider: 'coinbase',
      manual: true,
      sandboxWebhooks: false,
      handler: { watch: { baseMs: 5, maxMs: 5 } },
    });
    const pause = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));
    // The submitted names are pending (manual verification), but nobody is watching.
    const customer = await createFor(harness, 'ann');
    const idle = reads(harness, customer.id);
    await pause(60);
    expect(reads(harness, customer.id)).toBe(idle);

    // A stream opens: the server watches, and pushes the verification's outcome without any webhook.
    const stream = await harness.openEvents('ann');
    await expect.poll(() => reads(harness, customer.id)).toBeGreaterThan(idle);
    await harness.control('POST', '/advance', { customerId: customer.id });
    await stream.next(
      (message) =>
        message.event === 'customer' &&
        !Object.values(
          (JSON.parse(message.data ?? '{}') as { customer: Customer }).customer.requirements,
        ).some((requirement) => requirement.status === 'pending'),
    );
    // Nothing pending any more: the loop looks at the stored event only.
    await pause(20);
    const settled = reads(harness, customer.id);
    await pause(60);
    expect(reads(harness, customer.id)).toBe(settled);
    await stream.close();
  });
});
