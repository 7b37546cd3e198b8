import type { Customer } from '@kyc-kit/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEventHub, type CustomerEvent } from './createEventHub';
import { createSqliteStore } from './createSqliteStore';

const customerNamed = (firstName: string): Customer => ({
  id: 'customer_1',
  provider: 'coinbase',
  capabilities: {},
  requirements: {},
  tosAcceptances: [],
  profile: { firstName },
});

/** Lets node run its queued ticks and the promise jobs they start, a few rounds, with no timer. */
async function settle(): Promise<void> {
  for (let round = 0; round < 5; round += 1) await new Promise<void>((resolve) => process.nextTick(resolve));
}

afterEach(() => {
  vi.useRealTimers();
});

describe('createEventHub', () => {
  it("gives a stream on this instance every stored event once, in order, after the writer's own code has gone on, with timers faked", async () => {
    // A partner's tests often fake timers: delivery to streams must not wait for one.
    vi.useFakeTimers();
    const store = createSqliteStore();
    const hub = createEventHub(store);
    const received: CustomerEvent[] = [];
    const unsubscribe = hub.subscribe('ann', 0, (event) => received.push(event));
    await settle();

    const first = await hub.publish('ann', customerNamed('One'));
    // Stored before publish resolves (what a write's answer waits for), read for the stream after it.
    expect((await store.latestEvent('ann'))?.id).toBe(first.id);
    expect(received).toEqual([]);
    const second = await hub.publish('ann', customerNamed('Two'));
    await settle();

    expect(received.map((event) => event.id)).toEqual([first.id, second.id]);
    expect(
      received.map((event) => (event.type === 'customer' ? event.customer.profile.firstName : null)),
    ).toEqual(['One', 'Two']);
    unsubscribe();
    hub.close();
    await store.close();
  });
});
