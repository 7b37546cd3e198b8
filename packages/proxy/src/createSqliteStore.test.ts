import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Customer } from '@kyc-kit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteStore } from './createSqliteStore';
import { loadBetterSqlite3 } from './loadBetterSqlite3';
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
  it('prunes through indexes, not by reading whole tables', async () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'kyc-proxy-store-'));
    directories.push(directory);
    const file = path.join(directory, 'proxy.db');
    open(file);
    const Database = loadBetterSqlite3();
    const database = new Database(file, { readonly: true });
    try {
      for (const [table, column] of [
        ['customer_events', 'created_at'],
        ['processed_events', 'received_at'],
        ['idempotency_scopes', 'created_at'],
        ['leases', 'expires_at'],
      ]) {
        const plan = database
          .prepare<[], { detail: string }>(`EXPLAIN QUERY PLAN DELETE FROM ${table} WHERE ${column} < 1`)
          .all()
          .map((row) => row.detail)
          .join('\n');
        expect(plan, table).toMatch(/USING (COVERING )?INDEX/);
      }
    } finally {
      database.close();
    }
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

  it('gives each event an id from the clock that only grows, also with two handles writing one file', async () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'kyc-proxy-store-'));
    directories.push(directory);
    const file = path.join(directory, 'proxy.db');
    const first = open(file);
    const second = open(file);
    const customer = (id: string): Customer => ({
      id,
      provider: 'coinbase',
      capabilities: {},
      requirements: {},
      tosAcceptances: [],
      profile: {},
    });
    const ids: number[] = [];
    for (let index = 0; index < 6; index += 1) {
      const store = index % 2 === 0 ? first : second;
      const stored = await store.appendEvents({
        events: [{ userId: 'user-a', type: 'customer', customer: customer(`customer_${index}`) }],
        // The clock stands still for a while: ids still grow past it.
        now: index < 4 ? 5_000 : 9_000,
      });
      ids.push(stored?.[0]?.id ?? 0);
    }
    expect(ids).toEqual([5_000, 5_001, 5_002, 5_003, 9_000, 9_001]);
    expect((await first.eventsAfter('user-a', 0, 10)).map((event) => event.id)).toEqual(ids);
  });
});
