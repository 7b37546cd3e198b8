import type { Customer } from '@kyc-kit/core/server';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomerWatcher } from '../src/createCustomerWatcher';
import { createEventHub, type CustomerEvent } from '../src/createEventHub';
import { createPostgresStore, type PostgresStore } from '../src/createPostgresStore';
import { createTcpRelay, type TcpRelay } from './createTcpRelay';
import { describeStoreContract } from './describeStoreContract';
import {
  createProxyHarness,
  startPostgresCluster,
  type PostgresCluster,
  type ProxyHarness,
} from '@kyc-kit/testing/server';

let cluster: PostgresCluster;
const stores: PostgresStore[] = [];
const relays: TcpRelay[] = [];
const harnesses: ProxyHarness[] = [];
let schemas = 0;

beforeAll(async () => {
  cluster = await startPostgresCluster();
});

afterAll(async () => {
  for (const harness of harnesses.splice(0)) await harness.close();
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

/** Runs one statement on the cluster, as an operator would. */
async function sql(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: cluster.connectionString });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

async function connect(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: cluster.connectionString });
  await client.connect();
  return client;
}

/** The indexes migration 3 adds to tables migrations 1 and 2 made. */
const PRUNING_INDEXES = [
  'customer_events_by_created',
  'idempotency_scopes_by_created',
  'leases_by_expiry',
  'processed_events_by_received',
];

/** A schema as a database migrated by an earlier release is: tables made, the pruning indexes not yet. */
async function atVersionTwo(schema: string): Promise<void> {
  const earlier = createPostgresStore({ connectionString: cluster.connectionString, schema });
  await earlier.ready;
  await earlier.close();
  for (const name of PRUNING_INDEXES) await sql(`DROP INDEX ${schema}.${name}`);
  await sql(`DELETE FROM ${schema}.schema_migrations WHERE version = 3`);
}

/** The pruning indexes of a schema, and whether Postgres may use each. */
async function indexesOf(schema: string): Promise<Array<{ name: string; valid: boolean }>> {
  const client = await connect();
  try {
    const found = await client.query<{ name: string; valid: boolean }>(
      `SELECT c.relname AS name, i.indisvalid AS valid FROM pg_index i
         JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = $1 AND c.relname = ANY($2) ORDER BY c.relname`,
      [schema, PRUNING_INDEXES],
    );
    return found.rows;
  } finally {
    await client.end();
  }
}

/** Asks the cluster until the query finds a row (a state another session is getting to). */
async function waitFor(query: string): Promise<void> {
  const client = await connect();
  try {
    for (let attempt = 0; attempt < 600; attempt += 1) {
      if (((await client.query(query)).rowCount ?? 0) > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`never found: ${query}`);
  } finally {
    await client.end();
  }
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

  it('builds an index on an existing table without holding up writes to it', async () => {
    await atVersionTwo('indexed_live');
    // A long write transaction on the table, as a busy database has: an index build must wait for it.
    const writer = await connect();
    await writer.query('BEGIN');
    await writer.query(
      `INSERT INTO indexed_live.customer_events (user_id, body, created_at) VALUES ('u', '{}', 1)`,
    );
    const upgraded = createPostgresStore({
      connectionString: cluster.connectionString,
      schema: 'indexed_live',
    });
    stores.push(upgraded);
    const other = await connect();
    try {
      // The migration is now waiting for the long transaction to end.
      await waitFor(
        `SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query ILIKE '%CREATE INDEX%customer_events_by_created%'`,
      );
      // Another instance's write goes through at once (NOWAIT: it fails rather than queue behind the build).
      await other.query('BEGIN');
      await other.query('LOCK TABLE indexed_live.customer_events IN ROW EXCLUSIVE MODE NOWAIT');
      await other.query(
        `INSERT INTO indexed_live.customer_events (user_id, body, created_at) VALUES ('v', '{}', 2)`,
      );
      await other.query('COMMIT');
    } finally {
      await other.end();
      await writer.query('COMMIT');
      await writer.end();
    }
    await upgraded.ready;
    expect(await indexesOf('indexed_live')).toEqual(PRUNING_INDEXES.map((name) => ({ name, valid: true })));
  });

  it('repairs an index an interrupted concurrent build left invalid, and records the migration once', async () => {
    await atVersionTwo('indexed_broken');
    // A build that failed half-way leaves an INVALID index under the name (here: a unique one the rows break).
    await sql(
      `INSERT INTO indexed_broken.customer_events (user_id, body, created_at) VALUES ('u', '{}', 7), ('v', '{}', 7)`,
    );
    await expect(
      sql(
        'CREATE UNIQUE INDEX CONCURRENTLY customer_events_by_created ON indexed_broken.customer_events (created_at)',
      ),
    ).rejects.toThrow(/could not create unique index/);
    expect(await indexesOf('indexed_broken')).toContainEqual({
      name: 'customer_events_by_created',
      valid: false,
    });
    const starting = Array.from({ length: 3 }, () =>
      createPostgresStore({ connectionString: cluster.connectionString, schema: 'indexed_broken' }),
    );
    stores.push(...starting);
    await Promise.all(starting.map((store) => store.ready));
    expect(await indexesOf('indexed_broken')).toEqual(PRUNING_INDEXES.map((name) => ({ name, valid: true })));
    const client = await connect();
    try {
      const versions = await client.query<{ version: number }>(
        'SELECT version FROM indexed_broken.schema_migrations ORDER BY version',
      );
      expect(versions.rows.map((row) => row.version)).toEqual([1, 2, 3]);
      const unique = await client.query(
        `SELECT 1 FROM pg_indexes WHERE schemaname = 'indexed_broken' AND indexname = 'customer_events_by_created' AND indexdef ILIKE '%UNIQUE%'`,
      );
      expect(unique.rowCount).toBe(0);
    } finally {
      await client.end();
    }
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
    // Through the replacement LISTEN connection, which a loaded machine may take over a second to open.
    await expect
      .poll(() => received.map((event) => event.id), { timeout: 5000 })
      .toEqual([first?.id, second?.id]);
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

  it('fails a call within its time limits when the database went silent, so a request answers 503 instead of hanging', async () => {
    const { relay, connectionString } = await relayed();
    const store = createPostgresStore({
      connectionString,
      schema: 'silent_calls',
      connectTimeoutMs: 200,
      queryTimeoutMs: 200,
    });
    stores.push(store);
    await store.ready;
    await store.linkCustomer('user-a', 'customer_a');
    const harness = createProxyHarness({ provider: 'coinbase', handler: { store } });
    harnesses.push(harness);
    // Every packet dropped from now on: the pool's open connection and any new one hear nothing.
    relay.silent = true;
    relay.silence('');
    // The pool's idle connection: the query sent on it is never answered.
    const first = await harness.send('user-a', 'GET', '/customer');
    expect(first.status).toBe(503);
    expect(((await first.json()) as { error: { retryable: boolean } }).error.retryable).toBe(true);
    // A new connection, whose start is never answered.
    await expect(store.getCustomerId('user-a')).rejects.toMatchObject({ reason: 'store_unavailable' });
    // Once the network is back, the next call is answered.
    relay.silent = false;
    expect(await store.getCustomerId('user-a')).toBe('customer_a');
  });

  it('prunes through indexes, not by reading whole tables', async () => {
    await open('pruned');
    const client = new pg.Client({ connectionString: cluster.connectionString });
    await client.connect();
    try {
      // With sequential scans priced out, the planner uses an index whenever one serves the condition.
      await client.query('SET enable_seqscan = off');
      for (const [table, column] of [
        ['customer_events', 'created_at'],
        ['processed_events', 'received_at'],
        ['idempotency_scopes', 'created_at'],
        ['leases', 'expires_at'],
      ]) {
        const plan = await client.query<{ 'QUERY PLAN': string }>(
          `EXPLAIN DELETE FROM pruned.${table} WHERE ${column} < 1`,
        );
        const text = plan.rows.map((row) => row['QUERY PLAN']).join('\n');
        expect(text, table).not.toContain('Seq Scan');
      }
    } finally {
      await client.end();
    }
  });

  it('does not make a request wait for pruning', async () => {
    const store = await open('prune_off_path');
    // A prune that never ends (a long delete on a large table).
    const slowPruning: PostgresStore = Object.assign(Object.create(store) as PostgresStore, {
      prune: () => new Promise<void>(() => undefined),
    });
    const harness = createProxyHarness({ provider: 'coinbase', handler: { store: slowPruning } });
    harnesses.push(harness);
    const created = await harness.write(
      'user-a',
      'POST',
      '/customer',
      { capabilities: ['custodyFiat'], fields: { firstName: 'Ann', lastName: 'Lee' } },
      { 'idempotency-key': 'create-1' },
    );
    expect(created.status).toBe(201);
  });
});

/** A customer with a requirement the provider is still verifying. */
function verifying(firstName: string): Customer {
  return {
    id: 'customer_w',
    provider: 'coinbase',
    capabilities: {},
    requirements: {
      firstName: { key: 'firstName', known: true, status: 'pending', rawStatus: 'pending', impact: [] },
    },
    tosAcceptances: [],
    profile: { firstName },
  };
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

describe('the customer watcher on two instances', () => {
  it('sends one event, not two, when a slow read on A outlasts its lease and B takes over', async () => {
    const onA = await open('lapse');
    const onB = await open('lapse');
    await onA.appendEvents({
      events: [{ userId: 'ann', type: 'customer', customer: verifying('Ann') }],
      now: 1,
    });
    const slowRead = deferred<Customer>();
    let readsOnA = 0;
    let readsOnB = 0;
    const watch = { baseMs: 5, maxMs: 5 };
    const watcherA = createCustomerWatcher({
      store: onA,
      hub: createEventHub(onA),
      readCustomer: () => (++readsOnA === 1 ? slowRead.promise : Promise.resolve(verifying('Changed'))),
      onError: () => undefined,
      options: watch,
    });
    const watcherB = createCustomerWatcher({
      store: onB,
      hub: createEventHub(onB),
      readCustomer: async () => {
        readsOnB += 1;
        return verifying('Changed');
      },
      onError: () => undefined,
      options: watch,
    });
    watcherA.watch('ann');
    await expect.poll(() => readsOnA).toBe(1);
    const stopB = watcherB.watch('ann');
    // A's read takes longer than its lease: the lease runs out while A still waits for the provider.
    await sql('UPDATE lapse.leases SET expires_at = 0');
    await expect.poll(() => readsOnB).toBeGreaterThanOrEqual(1);
    await expect.poll(async () => (await onA.eventsAfter('ann', 0, 50)).length).toBe(2);
    // A's read now comes back with the same change B already sent.
    slowRead.resolve(verifying('Changed'));
    stopB();
    // B gave its lease up: A's next round reads again, so its slow round has finished.
    await expect.poll(() => readsOnA).toBeGreaterThanOrEqual(2);
    const events = await onA.eventsAfter('ann', 0, 50);
    expect(events.map((event) => event.type === 'customer' && event.customer.profile.firstName)).toEqual([
      'Ann',
      'Changed',
    ]);
    await watcherA.close();
    await watcherB.close();
  });

  it('holds no lease after close() ran while the watch was taking one', async () => {
    const store = await open('close_acquire');
    await store.appendEvents({
      events: [{ userId: 'ann', type: 'customer', customer: verifying('Ann') }],
      now: 1,
    });
    const entered = deferred<void>();
    const gate = deferred<void>();
    const acquired = deferred<void>();
    let reads = 0;
    const gated: PostgresStore = Object.assign(Object.create(store) as PostgresStore, {
      acquireLease: async (...args: Parameters<PostgresStore['acquireLease']>) => {
        entered.resolve();
        await gate.promise;
        const result = await store.acquireLease(...args);
        acquired.resolve();
        return result;
      },
    });
    const watcher = createCustomerWatcher({
      store: gated,
      hub: createEventHub(gated),
      readCustomer: async () => {
        reads += 1;
        return verifying('Ann');
      },
      onError: () => undefined,
      options: { baseMs: 5, maxMs: 5 },
    });
    watcher.watch('ann');
    // The watch is waiting for the lease when the instance shuts down.
    await entered.promise;
    await watcher.close();
    gate.resolve();
    await acquired.promise;
    // Another instance may watch at once: the lease was given up, not kept until it runs out.
    await expect.poll(() => store.acquireLease('watch:customer_w', 'other', Date.now(), 1000)).toBe(true);
    expect(reads).toBe(0);
  });
});
