import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteStore } from './createSqliteStore';
import type { OnboardingStore } from './OnboardingStore';
import { describeStoreContract } from '../test/describeStoreContract';

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

describeStoreContract('createSqliteStore', async () => open());

describe('createSqliteStore', () => {
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
