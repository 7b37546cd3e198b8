import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteStore } from './createSqliteStore';
import type { OnboardingStore } from './OnboardingStore';

const stores: OnboardingStore[] = [];
const directories: string[] = [];

function open(file?: string): OnboardingStore {
  const store = createSqliteStore(file ? { path: file } : {});
  stores.push(store);
  return store;
}

afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

describe('createSqliteStore', () => {
  it("lets one caller create a user's customer; the others see it busy, then linked", async () => {
    const store = open();
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
    const store = open();
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
    const store = open();
    await store.linkCustomer('user-a', 'customer_shared');
    await expect(store.linkCustomer('user-b', 'customer_shared')).rejects.toThrow();
    expect(await store.getCustomerId('user-b')).toBeNull();
  });

  it('unlinks a deleted customer, so its user can onboard again', async () => {
    const store = open();
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
    const store = open();
    await store.claimCustomerCreation('user-a', { now: 0, staleAfterMs: 60_000 });
    expect(await store.unlinkCustomer('customer_other')).toBeNull();
    expect(await store.claimCustomerCreation('user-a', { now: 1, staleAfterMs: 60_000 })).toEqual({
      status: 'busy',
    });
  });

  it('records each webhook event once until it is released', async () => {
    const store = open();
    expect(await store.claimEvent('coinbase:evt-1', 1)).toBe(true);
    expect(await store.claimEvent('coinbase:evt-1', 2)).toBe(false);
    await store.releaseEvent('coinbase:evt-1');
    expect(await store.claimEvent('coinbase:evt-1', 3)).toBe(true);
  });

  it('maps a browser idempotency key to one provider key per user and operation', async () => {
    const store = open();
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
    const store = open();
    await store.claimEvent('old', 1);
    await store.claimEvent('new', 100);
    await store.prune(50);
    expect(await store.claimEvent('old', 101)).toBe(true);
    expect(await store.claimEvent('new', 102)).toBe(false);
  });

  it('keeps one customer per user across two processes sharing the file', async () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'kyc-proxy-store-'));
    directories.push(directory);
    const file = path.join(directory, 'proxy.db');
    const first = open(file);
    const second = open(file);
    expect(await first.claimCustomerCreation('user-a', { now: 0, staleAfterMs: 60_000 })).toEqual({
      status: 'claimed',
    });
    expect(await second.claimCustomerCreation('user-a', { now: 0, staleAfterMs: 60_000 })).toEqual({
      status: 'busy',
    });
    await first.linkCustomer('user-a', 'customer_a');
    expect(await second.getCustomerId('user-a')).toBe('customer_a');
  });
});
