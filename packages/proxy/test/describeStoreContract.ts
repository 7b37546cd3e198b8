// Test support: the behaviour every OnboardingStore must have, run against SQLite and Postgres alike.
import type { Customer } from '@kyc-kit/core';
import { describe, expect, it } from 'vitest';
import type { OnboardingStore } from '../src/OnboardingStore';

function customer(id: string): Customer {
  return { id, provider: 'coinbase', capabilities: {}, requirements: {}, tosAcceptances: [], profile: {} };
}

/** Declares the store contract; `open` returns a fresh, empty store (closed by the caller's cleanup). */
export function describeStoreContract(name: string, open: () => Promise<OnboardingStore>): void {
  describe(`${name}: the store contract`, () => {
    it("lets one caller create a user's customer; the others see it busy, then linked", async () => {
      const store = await open();
      const now = 1_000;
      expect(await store.claimCustomerCreation('user-a', { now, staleAfterMs: 60_000 })).toEqual({
        status: 'claimed',
      });
      expect(await store.claimCustomerCreation('user-a', { now, staleAfterMs: 60_000 })).toEqual({
        status: 'busy',
      });
      await store.linkCustomer('user-a', 'customer_a');
      expect(await store.claimCustomerCreation('user-a', { now, staleAfterMs: 60_000 })).toEqual({
        status: 'linked',
        customerId: 'customer_a',
      });
      expect(await store.getCustomerId('user-a')).toBe('customer_a');
      expect(await store.getUserId('customer_a')).toBe('user-a');
    });

    it('lets a claim be taken over when its creator never finished, and retried after a release', async () => {
      const store = await open();
      await store.claimCustomerCreation('user-a', { now: 0, staleAfterMs: 60_000 });
      expect(await store.claimCustomerCreation('user-a', { now: 60_001, staleAfterMs: 60_000 })).toEqual({
        status: 'claimed',
      });
      await store.releaseCustomerCreation('user-a');
      expect(await store.getCustomerId('user-a')).toBeNull();
      expect(await store.claimCustomerCreation('user-a', { now: 60_002, staleAfterMs: 60_000 })).toEqual({
        status: 'claimed',
      });
    });

    it('never links one customer to two users', async () => {
      const store = await open();
      await store.linkCustomer('user-a', 'customer_shared');
      await expect(store.linkCustomer('user-b', 'customer_shared')).rejects.toThrow();
      expect(await store.getCustomerId('user-b')).toBeNull();
    });

    it('unlinks a deleted customer, so its user can onboard again', async () => {
      const store = await open();
      await store.linkCustomer('user-a', 'customer_gone');
      expect(await store.unlinkCustomer('customer_gone')).toBe('user-a');
      expect(await store.getCustomerId('user-a')).toBeNull();
      expect(await store.getUserId('customer_gone')).toBeNull();
      expect(await store.unlinkCustomer('customer_gone')).toBeNull();
      expect(await store.claimCustomerCreation('user-a', { now: 0, staleAfterMs: 60_000 })).toEqual({
        status: 'claimed',
      });
    });

    it('leaves an in-flight creation claim alone when unlinking', async () => {
      const store = await open();
      await store.claimCustomerCreation('user-a', { now: 0, staleAfterMs: 60_000 });
      expect(await store.unlinkCustomer('customer_other')).toBeNull();
      expect(await store.claimCustomerCreation('user-a', { now: 1, staleAfterMs: 60_000 })).toEqual({
        status: 'busy',
      });
    });

    it('marks a webhook event processed only together with its stored events, once', async () => {
      const store = await open();
      expect(await store.isEventProcessed('coinbase:evt-1')).toBe(false);
      const stored = await store.appendEvents({
        events: [{ userId: 'user-a', type: 'customer', customer: customer('customer_a') }],
        processedEventKey: 'coinbase:evt-1',
        now: 1,
      });
      expect(stored).toHaveLength(1);
      expect(await store.isEventProcessed('coinbase:evt-1')).toBe(true);
      // The redelivery stores nothing.
      expect(
        await store.appendEvents({
          events: [{ userId: 'user-a', type: 'customer', customer: customer('customer_a') }],
          processedEventKey: 'coinbase:evt-1',
          now: 2,
        }),
      ).toBeNull();
      expect(await store.eventsAfter('user-a', 0, 10)).toHaveLength(1);
    });

    it("keeps each user's events in order, resumable after any id, and tells listeners", async () => {
      const store = await open();
      const told: string[] = [];
      const stop = store.onEvents((userId) => {
        if (userId !== null) told.push(userId);
      });
      const first = await store.appendEvents({
        events: [{ userId: 'user-a', type: 'customer', customer: customer('customer_a') }],
        now: 1,
      });
      await store.appendEvents({
        events: [
          { userId: 'user-b', type: 'customer', customer: customer('customer_b') },
          { userId: 'user-a', type: 'customer_deleted', customerId: 'customer_a' },
        ],
        now: 2,
      });
      const events = await store.eventsAfter('user-a', 0, 10);
      expect(events.map((event) => event.type)).toEqual(['customer', 'customer_deleted']);
      expect(events[0]?.id).toBe(first?.[0]?.id);
      expect(events[1]!.id).toBeGreaterThan(events[0]!.id);
      expect(await store.eventsAfter('user-a', events[0]!.id, 10)).toEqual([events[1]]);
      expect(await store.latestEvent('user-a')).toEqual(events[1]);
      expect(await store.latestEvent('user-c')).toBeNull();
      // Only the newest when more than the limit are waiting.
      expect(await store.eventsAfter('user-a', 0, 1)).toEqual([events[1]]);
      await expect.poll(() => told.sort()).toEqual(['user-a', 'user-a', 'user-b']);
      stop();
    });

    it('gives a lease to one holder at a time until it runs out or is released', async () => {
      const store = await open();
      expect(await store.acquireLease('watch:customer_a', 'instance-1', 0, 1_000)).toBe(true);
      expect(await store.acquireLease('watch:customer_a', 'instance-2', 500, 1_000)).toBe(false);
      expect(await store.acquireLease('watch:customer_a', 'instance-1', 900, 1_000)).toBe(true);
      expect(await store.acquireLease('watch:customer_a', 'instance-2', 1_500, 1_000)).toBe(false);
      expect(await store.acquireLease('watch:customer_a', 'instance-2', 1_901, 1_000)).toBe(true);
      await store.releaseLease('watch:customer_a', 'instance-2');
      expect(await store.acquireLease('watch:customer_a', 'instance-1', 1_902, 1_000)).toBe(true);
    });

    it('maps a browser idempotency key to one provider key per user and operation', async () => {
      const store = await open();
      const first = await store.scopeIdempotencyKey({
        userId: 'user-a',
        operation: 'update',
        key: 'k1',
        now: 1,
      });
      expect(
        await store.scopeIdempotencyKey({ userId: 'user-a', operation: 'update', key: 'k1', now: 2 }),
      ).toBe(first);
      expect(
        await store.scopeIdempotencyKey({ userId: 'user-b', operation: 'update', key: 'k1', now: 3 }),
      ).not.toBe(first);
      expect(
        await store.scopeIdempotencyKey({ userId: 'user-a', operation: 'tos', key: 'k1', now: 4 }),
      ).not.toBe(first);
    });

    it('forgets old events and scopes when pruned', async () => {
      const store = await open();
      await store.appendEvents({ events: [], processedEventKey: 'old', now: 1 });
      await store.appendEvents({ events: [], processedEventKey: 'new', now: 100 });
      await store.prune(50);
      expect(await store.isEventProcessed('old')).toBe(false);
      expect(await store.isEventProcessed('new')).toBe(true);
    });
  });
}
