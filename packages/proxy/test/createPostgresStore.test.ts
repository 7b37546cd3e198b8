import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresStore, type PostgresStore } from '../src/createPostgresStore';
import { describeStoreContract } from './describeStoreContract';
import { startPostgresCluster, type PostgresCluster } from '@kyc-kit/testing/server';

let cluster: PostgresCluster;
const stores: PostgresStore[] = [];
let schemas = 0;

beforeAll(async () => {
  cluster = await startPostgresCluster();
});

afterAll(async () => {
  for (const store of stores.splice(0)) await store.close();
  await cluster?.stop();
});

/** A store in a schema of its own: every test starts from empty tables on the one cluster. */
async function open(schema = `store_${++schemas}`): Promise<PostgresStore> {
  const store = createPostgresStore({ connectionString: cluster.connectionString, schema });
  stores.push(store);
  await store.ready;
  return store;
}

describeStoreContract('createPostgresStore', () => open());

describe('createPostgresStore', () => {
  it('applies its migrations once when several instances start together', async () => {
    const starting = Array.from({ length: 4 }, () =>
      createPostgresStore({ connectionString: cluster.connectionString, schema: 'together' }),
    );
    stores.push(...starting);
    await Promise.all(starting.map((store) => store.ready));
    await starting[0]!.linkCustomer('user-a', 'customer_a');
    expect(await starting[3]!.getCustomerId('user-a')).toBe('customer_a');
  });

  it('lets exactly one of many racing instances claim a user', async () => {
    const first = await open('race');
    const second = await open('race');
    const claims = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        (index % 2 === 0 ? first : second).claimCustomerCreation('user-a', { now: 0, staleAfterMs: 60_000 }),
      ),
    );
    expect(claims.filter((claim) => claim.status === 'claimed')).toHaveLength(1);
  });

  it('tells every instance about events any instance stored', async () => {
    const first = await open('fanout');
    const second = await open('fanout');
    const told: string[] = [];
    second.onEvents((userId) => {
      if (userId !== null) told.push(userId);
    });
    await first.appendEvents({
      events: [{ userId: 'user-a', type: 'customer_deleted', customerId: 'c' }],
      now: 1,
    });
    await expect.poll(() => told).toEqual(['user-a']);
  });

  it('listens again after losing its LISTEN connection, and asks every stream to re-read', async () => {
    const first = await open('relisten');
    const second = await open('relisten');
    const told: (string | null)[] = [];
    second.onEvents((userId) => told.push(userId));
    const admin = new pg.Client({ connectionString: cluster.connectionString });
    await admin.connect();
    // What a database failover or a dropped connection does to every listening session.
    await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN %'");
    await admin.end();
    await expect.poll(() => told.includes(null), { timeout: 5000 }).toBe(true);
    await first.appendEvents({
      events: [{ userId: 'user-b', type: 'customer_deleted', customerId: 'c' }],
      now: 2,
    });
    await expect.poll(() => told.includes('user-b')).toBe(true);
  });
});
