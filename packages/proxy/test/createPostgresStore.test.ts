import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventHub, type CustomerEvent } from '../src/createEventHub';
import { createPostgresStore, type PostgresStore } from '../src/createPostgresStore';
import { createTcpRelay, type TcpRelay } from './createTcpRelay';
import { describeStoreContract } from './describeStoreContract';
import { startPostgresCluster, type PostgresCluster } from '@kyc-kit/testing/server';

let cluster: PostgresCluster;
const stores: PostgresStore[] = [];
const relays: TcpRelay[] = [];
let schemas = 0;

beforeAll(async () => {
  cluster = await startPostgresCluster();
});

afterAll(async () => {
  for (const store of stores.splice(0)) await store.close();
  for (const relay of relays.splice(0)) await relay.close();
  await cluster?.stop();
});

/** A store in a schema of its own: every test starts from empty tables on the one cluster. */
async function open(schema = `store_${++schemas}`): Promise<PostgresStore> {
  const store = createPostgresStore({ connectionString: cluster.connectionString, schema });
  stores.push(store);
  await store.ready;
  return store;
}

/** A relay in front of the cluster, and the connection string through it. */
async function relayed(reachable = true): Promise<{ relay: TcpRelay; connectionString: string }> {
  const relay = await createTcpRelay(cluster.port, reachable);
  relays.push(relay);
  return { relay, connectionString: `postgres://kyc@127.0.0.1:${relay.port}/postgres` };
}

function deleted(userId: string) {
  return {
    events: [{ userId, type: 'customer_deleted' as const, customerId: `customer_${userId}` }],
    now: 1,
  };
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

  it('replaces a LISTEN connection that went silent (dropped by a NAT or firewall), and streams get what was stored meanwhile', async () => {
    const { relay, connectionString } = await relayed();
    const behind = createPostgresStore({ connectionString, schema: 'silent', listenCheckMs: 100 });
    stores.push(behind);
    await behind.ready;
    const other = await open('silent');
    const hub = createEventHub(behind);
    const received: CustomerEvent[] = [];
    const unsubscribe = hub.subscribe('user-a', 0, (event) => received.push(event));
    // The socket stays open and no error is seen: only the notifications stop arriving.
    expect(relay.silence('LISTEN')).toBe(1);
    const [first] = (await other.appendEvents(deleted('user-a'))) ?? [];
    await expect.poll(() => received.map((event) => event.id), { timeout: 5000 }).toEqual([first?.id]);
    const [second] = (await other.appendEvents(deleted('user-a'))) ?? [];
    await expect.poll(() => received.map((event) => event.id)).toEqual([first?.id, second?.id]);
    unsubscribe();
    hub.close();
  });

  it('starts once the database can be reached, when it could not as the instance started', async () => {
    const { relay, connectionString } = await relayed(false);
    const late = createPostgresStore({ connectionString, schema: 'late' });
    stores.push(late);
    // Fails fast for a caller that awaits it (a wrong URL), and so does a request meanwhile.
    await expect(late.ready).rejects.toThrow();
    await expect(late.getCustomerId('user-a')).rejects.toThrow();
    relay.reachable = true;
    await late.linkCustomer('user-a', 'customer_a');
    expect(await late.getCustomerId('user-a')).toBe('customer_a');
    // And it listens: what another instance stores reaches it.
    const told: (string | null)[] = [];
    late.onEvents((userId) => told.push(userId));
    const other = await open('late');
    await other.appendEvents(deleted('user-b'));
    await expect.poll(() => told.includes('user-b')).toBe(true);
  });

  it('closes when its LISTEN connection went silent, so a shutdown does not hang', async () => {
    const { relay, connectionString } = await relayed();
    const store = createPostgresStore({ connectionString, schema: 'silent_close', listenCheckMs: 60_000 });
    await store.ready;
    expect(relay.silence('LISTEN')).toBe(1);
    // Ending it waits for an answer that never comes: the store cuts it instead.
    await store.close();
    // The pool's connections, which still answer, are closed too.
    await expect.poll(() => relay.openConnections()).toBe(1);
  });
});
