import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { customerEventBodyJson } from './customerJson';
import { isUnreachable } from './isUnreachable';
import { optionError, requireNumber, requireOptions, requireText } from './optionErrors';
import { ProxyError } from './ProxyError';
import type {
  CreationClaim,
  CustomerEvent,
  CustomerEventBody,
  NewCustomerEvent,
  OnboardingStore,
} from './OnboardingStore';

/** Options of {@link createPostgresStore}. */
export interface PostgresStoreOptions {
  /**
   * `postgres://user:password@host:5432/database`, as node-postgres reads it. Required: a missing or
   * empty one throws a `TypeError` at once, never falling back to the `PG*` environment variables.
   */
  connectionString: string;
  /** The schema the store's tables live in; created when missing. @default 'kyc_kit' */
  schema?: string;
  /** Most connections of the pool (one more is kept for LISTEN). @default 10 */
  maxConnections?: number;
  /**
   * How often the LISTEN connection is checked with a query, in ms; one that
   * does not answer within this time (dropped on the way, silently) is
   * replaced and every stream re-reads. @default 30000
   */
  listenCheckMs?: number;
  /**
   * Time a new connection has to be made, a free one of the pool included,
   * in ms. @default 5000
   */
  connectTimeoutMs?: number;
  /**
   * Time each query has to be answered, in ms: the server cancels it then
   * (`statement_timeout`), and a connection that has not answered a second
   * later (the database host dropping packets, silently) is given up. A
   * call that runs out of either time, or finds the database unreachable,
   * throws a {@link ProxyError} `store_unavailable`: the request answers
   * 503 `upstream_unavailable` (retryable) instead of waiting until the OS
   * gives up on the connection. @default 5000
   */
  queryTimeoutMs?: number;
}

/** A store for several proxy instances sharing one Postgres database. */
export interface PostgresStore extends OnboardingStore {
  /**
   * Resolves once the migrations are applied and notifications are listened
   * to; rejects if they cannot be (the store's calls then try again).
   */
  ready: Promise<void>;
}

const CHANNEL = 'kyc_kit_events';
/** Longest wait for one statement of the migrations (another instance's, an index on a large table). */
const MIGRATION_QUERY_TIMEOUT_MS = 10 * 60_000;
/** How often an instance asks for the migration lock while another instance holds it. */
const MIGRATION_LOCK_POLL_MS = 100;
/** The advisory lock every instance migrates under (the key earlier versions took per transaction). */
const MIGRATION_LOCK = "hashtext('kyc-kit:migrations')::bigint";

/** An index added to a table that already exists, and may be large. */
interface IndexOnExistingTable {
  name: string;
  table: string;
  columns: string;
}

/**
 * One versioned migration: statements run in one transaction, or indexes on
 * existing tables, each built with `CREATE INDEX CONCURRENTLY` (writes to the
 * table go on meanwhile), which Postgres runs only outside a transaction.
 */
type Migration = { transaction: string } | { concurrentIndexes: IndexOnExistingTable[] };

/**
 * Versioned migrations, applied in order and recorded in `schema_migrations`.
 * Every rule that must hold across instances is a constraint here: one
 * customer per user (primary key), one user per customer (unique), one
 * upstream key per idempotency scope (primary key), one processing of each
 * webhook event (primary key). An index on a table an earlier migration made
 * is a `concurrentIndexes` migration, never a plain `CREATE INDEX`, which
 * would hold up every write to the table for as long as the build takes.
 */
function migrations(schema: string): Migration[] {
  return [
    {
      transaction: `
    CREATE TABLE ${schema}.customer_links (
      user_id text PRIMARY KEY,
      -- NULL while a create is in flight; UNIQUE so one customer never serves two users.
      customer_id text UNIQUE,
      claimed_at bigint NOT NULL
    );
    CREATE TABLE ${schema}.processed_events (
      event_key text PRIMARY KEY,
      received_at bigint NOT NULL
    );
    CREATE TABLE ${schema}.idempotency_scopes (
      user_id text NOT NULL,
      operation text NOT NULL,
      client_key text NOT NULL,
      upstream_key text NOT NULL UNIQUE,
      created_at bigint NOT NULL,
      PRIMARY KEY (user_id, operation, client_key)
    );
    `,
    },
    {
      transaction: `
    CREATE TABLE ${schema}.customer_events (
      id bigserial PRIMARY KEY,
      user_id text NOT NULL,
      body jsonb NOT NULL,
      created_at bigint NOT NULL
    );
    CREATE INDEX customer_events_by_user ON ${schema}.customer_events (user_id, id);
    CREATE TABLE ${schema}.leases (
      name text PRIMARY KEY,
      holder text NOT NULL,
      expires_at bigint NOT NULL
    );
    `,
    },
    // What pruning deletes by: without these, each prune reads the whole of every table.
    {
      concurrentIndexes: [
        { name: 'customer_events_by_created', table: 'customer_events', columns: 'created_at' },
        { name: 'processed_events_by_received', table: 'processed_events', columns: 'received_at' },
        { name: 'idempotency_scopes_by_created', table: 'idempotency_scopes', columns: 'created_at' },
        { name: 'leases_by_expiry', table: 'leases', columns: 'expires_at' },
      ],
    },
  ];
}

/**
 * Builds an index with `CREATE INDEX CONCURRENTLY`, outside a transaction. A
 * build that was interrupted (the instance stopped, the statement was
 * cancelled, a deploy killed it) leaves an INVALID index under the name, which
 * `IF NOT EXISTS` would take for done and Postgres never uses: it is dropped
 * and built again. A valid one (built, but its migration not yet recorded) is
 * kept.
 */
async function buildIndexConcurrently(
  client: pg.Client,
  schema: string,
  index: IndexOnExistingTable,
): Promise<void> {
  const found = await client.query<{ valid: boolean }>(
    `SELECT i.indisvalid AS valid FROM pg_index i
       JOIN pg_class c ON c.oid = i.indexrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = $1 AND c.relname = $2`,
    [schema, index.name],
  );
  if (found.rows[0]?.valid === false) await client.query(`DROP INDEX CONCURRENTLY ${schema}.${index.name}`);
  await client.query(
    `CREATE INDEX CONCURRENTLY IF NOT EXISTS ${index.name} ON ${schema}.${index.table} (${index.columns})`,
  );
}

/** The store's failure as a request should answer it: 503 when the database was out of reach. */
function storeFailure(error: unknown): unknown {
  if (error instanceof ProxyError || !isUnreachable(error)) return error;
  const detail = error instanceof Error ? error.message : 'non-error thrown';
  return new ProxyError('store_unavailable', { detail: `postgres: ${detail}`, cause: error });
}

interface EventRow {
  id: string;
  body: CustomerEventBody;
}

function toEvent(row: EventRow): CustomerEvent {
  return { id: Number(row.id), ...row.body };
}

function bodyOf(event: NewCustomerEvent): CustomerEventBody {
  return event.type === 'customer'
    ? { type: event.type, customer: event.customer }
    : { type: event.type, customerId: event.customerId };
}

/**
 * A store on Postgres (node-postgres), for several proxy instances on one
 * database. It applies its own migrations at start, under an advisory lock,
 * so instances starting together are safe. Events are rows of
 * `customer_events`; a `NOTIFY` on commit tells every instance (each keeps
 * one `LISTEN` connection, checked every `listenCheckMs` and re-established
 * after a loss) to read the new rows of the users whose streams it holds.
 * An instance that could not reach the database as it started tries again
 * on each call, so it recovers once the database is up.
 */
export function createPostgresStore(options: PostgresStoreOptions): PostgresStore {
  const where = 'createPostgresStore';
  requireOptions(where, options, '{ connectionString }');
  // Without it node-postgres would connect wherever the PG* environment variables (or its defaults) point.
  requireText(
    where,
    'connectionString',
    options.connectionString,
    "your database's postgres://user:password@host:5432/database URL, such as process.env.DATABASE_URL",
  );
  const schema = options.schema ?? 'kyc_kit';
  if (typeof schema !== 'string' || !/^[a-z_][a-z0-9_]{0,62}$/.test(schema))
    throw optionError(where, 'schema must be a lower-case SQL name such as kyc_kit');
  requireNumber(where, 'maxConnections', options.maxConnections, 1);
  for (const name of ['listenCheckMs', 'connectTimeoutMs', 'queryTimeoutMs'] as const)
    requireNumber(where, name, options[name], 1);
  const connectTimeoutMs = options.connectTimeoutMs ?? 5000;
  const queryTimeoutMs = options.queryTimeoutMs ?? 5000;
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: connectTimeoutMs,
    // The server cancels a slow query; the client gives up on a connection that does not even say so.
    statement_timeout: queryTimeoutMs,
    query_timeout: queryTimeoutMs + 1000,
    keepAlive: true,
  });
  // An idle connection that drops (a database restart) must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const listeners = new Set<(userId: string | null) => void>();
  let listener: pg.Client | undefined;
  let closed = false;
  let reconnectTimer: NodeJS.Timeout | undefined;
  let checkTimer: NodeJS.Timeout | undefined;
  const checkMs = options.listenCheckMs ?? 30_000;

  /**
   * On a connection of its own, with a long query time limit: waiting for
   * another instance's migrations, or building an index on a large table,
   * may take longer than a query should. Calls meanwhile give up after
   * their own time limits (see `started`).
   */
  async function migrate(): Promise<void> {
    const client = new pg.Client({
      connectionString: options.connectionString,
      connectionTimeoutMillis: connectTimeoutMs,
      query_timeout: MIGRATION_QUERY_TIMEOUT_MS,
      keepAlive: true,
    });
    client.on('error', () => undefined);
    await client.connect();
    try {
      await takeMigrationLock(client);
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      await client.query(
        `CREATE TABLE IF NOT EXISTS ${schema}.schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
      );
      const applied = await client.query<{ version: number }>(
        `SELECT version FROM ${schema}.schema_migrations`,
      );
      const done = new Set(applied.rows.map((row) => row.version));
      for (const [index, migration] of migrations(schema).entries()) {
        const version = index + 1;
        if (done.has(version)) continue;
        const record = `INSERT INTO ${schema}.schema_migrations (version) VALUES (${version})`;
        if ('transaction' in migration) {
          // The statements and their record commit together, or neither does.
          await client.query('BEGIN');
          try {
            await client.query(migration.transaction);
            await client.query(record);
            await client.query('COMMIT');
          } catch (error) {
            await client.query('ROLLBACK').catch(() => undefined);
            throw error;
          }
        } else {
          // Each build commits by itself; one interrupted is repaired on the next start.
          for (const spec of migration.concurrentIndexes) await buildIndexConcurrently(client, schema, spec);
          await client.query(record);
        }
      }
    } finally {
      // Ending the session releases its lock too, should the unlock not get through.
      await client.query(`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`).catch(() => undefined);
      await client.end().catch(() => undefined);
    }
  }

  /**
   * The migration lock, for the whole session: instances starting together
   * migrate one after the other, and the later ones find everything applied.
   * It is asked for again and again (`pg_try_advisory_lock`) rather than
   * waited for: a session blocked in `pg_advisory_lock` holds a snapshot, and
   * `CREATE INDEX CONCURRENTLY` in the lock holder's session waits for every
   * older snapshot to go, a deadlock Postgres would end by cancelling one.
   */
  async function takeMigrationLock(client: pg.Client): Promise<void> {
    const giveUpAt = Date.now() + MIGRATION_QUERY_TIMEOUT_MS;
    for (;;) {
      const taken = await client.query<{ taken: boolean }>(
        `SELECT pg_try_advisory_lock(${MIGRATION_LOCK}) AS taken`,
      );
      if (taken.rows[0]?.taken === true) return;
      if (closed) throw new Error('createPostgresStore: the store is closed');
      if (Date.now() > giveUpAt)
        throw new Error('createPostgresStore: another instance has been migrating for too long');
      await new Promise((resolve) => setTimeout(resolve, MIGRATION_LOCK_POLL_MS));
    }
  }

  function notifyAll(userId: string | null): void {
    for (const callback of listeners) callback(userId);
  }

  /** Ends a LISTEN connection; one that is not closed a second later (gone silent on the way) is cut. */
  function drop(client: pg.Client): Promise<void> {
    const cut = setTimeout(() => client.connection.stream.destroy(), Math.min(checkMs, 1000));
    cut.unref();
    return client
      .end()
      .catch(() => undefined)
      .finally(() => clearTimeout(cut));
  }

  async function listen(): Promise<void> {
    const client = new pg.Client({
      connectionString: options.connectionString,
      connectionTimeoutMillis: checkMs,
      query_timeout: checkMs,
    });
    client.on('notification', (message) => {
      if (message.channel === CHANNEL && message.payload) notifyAll(message.payload);
    });
    // Only the connection listened on now: a replaced one's late `end` must not replace its successor.
    const lost = (): void => {
      if (listener === client) reconnect();
    };
    client.on('error', lost);
    client.on('end', lost);
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (error) {
      void drop(client);
      throw error;
    }
    if (closed) {
      await drop(client);
      return;
    }
    listener = client;
    check(client);
  }

  /**
   * Every `checkMs`, a query on the LISTEN connection. A connection dropped on
   * the way without either end being told (a NAT, a firewall, a load balancer
   * that forgot an idle connection) shows no error and delivers no
   * notification: unanswered within `checkMs`, it is replaced. The queries
   * also keep such a connection from looking idle.
   */
  function check(client: pg.Client): void {
    checkTimer = setTimeout(() => {
      if (listener !== client) return;
      const deadline = setTimeout(lost, checkMs);
      deadline.unref();
      function lost(): void {
        clearTimeout(deadline);
        if (listener === client) reconnect();
      }
      client.query('SELECT 1').then(() => {
        clearTimeout(deadline);
        if (listener === client) check(client);
      }, lost);
    }, checkMs);
    checkTimer.unref();
  }

  /** After a lost LISTEN connection: listen again, and tell every listener to re-read (notifications may have been missed). */
  function reconnect(): void {
    if (closed || reconnectTimer) return;
    const lost = listener;
    listener = undefined;
    clearTimeout(checkTimer);
    if (lost) void drop(lost);
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined;
      listen()
        .then(() => notifyAll(null))
        .catch(() => reconnect());
    }, 500);
  }

  const start = (): Promise<void> => migrate().then(listen);
  let starting = start();
  const ready = starting;
  // Not unhandled when nobody awaits it: the calls see a failure themselves.
  ready.catch(() => undefined);

  /**
   * Resolves once the store has started. After a failed start (the database
   * could not be reached as the instance started: it was starting too, or the
   * network was not up yet) each call tries again, so the instance recovers by
   * itself; streams opened meanwhile are told to re-read.
   */
  function started(): Promise<void> {
    const attempt = starting;
    return attempt.catch(() => {
      if (closed) throw new Error('createPostgresStore: the store is closed');
      if (starting === attempt) {
        starting = start().then(() => notifyAll(null));
        starting.catch(() => undefined);
      }
      return starting;
    });
  }

  /**
   * `started()`, for a call: one that waits longer than a connection and a
   * query may take (the database unreachable, a long migration) fails with
   * `store_unavailable`; the start goes on.
   */
  function startedForCall(): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new ProxyError('store_unavailable', { detail: 'postgres: store still starting' })),
        connectTimeoutMs + queryTimeoutMs,
      );
      timer.unref();
      started()
        .then(resolve, reject)
        .finally(() => clearTimeout(timer));
    });
  }

  async function query<Row extends pg.QueryResultRow>(
    text: string,
    values: unknown[] = [],
  ): Promise<pg.QueryResult<Row>> {
    try {
      await startedForCall();
      return await pool.query<Row>(text, values);
    } catch (error) {
      throw storeFailure(error);
    }
  }

  async function transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      await startedForCall();
      client = await pool.connect();
    } catch (error) {
      throw storeFailure(error);
    }
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      client.release();
      return result;
    } catch (error) {
      // A connection that stopped answering is dropped, not returned to the pool; the server rolls it back.
      if (isUnreachable(error)) client.release(error instanceof Error ? error : true);
      else {
        await client.query('ROLLBACK').catch(() => undefined);
        client.release();
      }
      throw storeFailure(error);
    }
  }

  return {
    ready,
    async getCustomerId(userId) {
      const result = await query<{ customer_id: string | null }>(
        `SELECT customer_id FROM ${schema}.customer_links WHERE user_id = $1`,
        [userId],
      );
      return result.rows[0]?.customer_id ?? null;
    },
    async getUserId(customerId) {
      const result = await query<{ user_id: string }>(
        `SELECT user_id FROM ${schema}.customer_links WHERE customer_id = $1`,
        [customerId],
      );
      return result.rows[0]?.user_id ?? null;
    },
    async claimCustomerCreation(userId, { now, staleAfterMs }): Promise<CreationClaim> {
      // One statement: a new claim, or the takeover of a stale one; the primary key decides between racers.
      const claimed = await query(
        `INSERT INTO ${schema}.customer_links AS links (user_id, customer_id, claimed_at) VALUES ($1, NULL, $2)
         ON CONFLICT (user_id) DO UPDATE SET claimed_at = EXCLUDED.claimed_at
         WHERE links.customer_id IS NULL AND links.claimed_at < $3
         RETURNING user_id`,
        [userId, now, now - staleAfterMs],
      );
      if (claimed.rowCount === 1) return { status: 'claimed' };
      const customerId = await this.getCustomerId(userId);
      return customerId === null ? { status: 'busy' } : { status: 'linked', customerId };
    },
    async linkCustomer(userId, customerId) {
      const updated = await query(
        `UPDATE ${schema}.customer_links SET customer_id = $2 WHERE user_id = $1 AND customer_id IS NULL`,
        [userId, customerId],
      );
      if (updated.rowCount === 1) return;
      const current = await this.getCustomerId(userId);
      if (current === customerId) return;
      if (current !== null) throw new Error('customer link: user is already linked to another customer');
      // No claim row (a link made without a claim): the constraints still decide.
      await query(
        `INSERT INTO ${schema}.customer_links (user_id, customer_id, claimed_at) VALUES ($1, $2, $3)`,
        [userId, customerId, Date.now()],
      );
    },
    async unlinkCustomer(customerId) {
      const result = await query<{ user_id: string }>(
        `DELETE FROM ${schema}.customer_links WHERE customer_id = $1 RETURNING user_id`,
        [customerId],
      );
      return result.rows[0]?.user_id ?? null;
    },
    async releaseCustomerCreation(userId) {
      await query(`DELETE FROM ${schema}.customer_links WHERE user_id = $1 AND customer_id IS NULL`, [
        userId,
      ]);
    },
    async isEventProcessed(eventKey) {
      const result = await query(`SELECT 1 FROM ${schema}.processed_events WHERE event_key = $1`, [eventKey]);
      return result.rowCount === 1;
    },
    async appendEvents({ events, processedEventKey, now }) {
      return transaction(async (client) => {
        if (processedEventKey !== undefined) {
          const marked = await client.query(
            `INSERT INTO ${schema}.processed_events (event_key, received_at) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
            [processedEventKey, now],
          );
          // Already processed (perhaps by another instance a moment ago): store nothing.
          if (marked.rowCount === 0) return null;
        }
        const stored: CustomerEvent[] = [];
        const users = [...new Set(events.map((event) => event.userId))].sort();
        // Ids of one user in commit order: concurrent writers of the same user wait for each other here,
        // so a reader that saw id n never later finds a smaller one committed.
        for (const userId of users)
          await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [userId]);
        for (const event of events) {
          const result = await client.query<{ id: string }>(
            `INSERT INTO ${schema}.customer_events (user_id, body, created_at) VALUES ($1, $2, $3) RETURNING id`,
            [event.userId, customerEventBodyJson(event), now],
          );
          stored.push({ id: Number(result.rows[0]?.id), ...bodyOf(event) });
        }
        // Delivered on commit only, to every instance listening.
        for (const userId of users) await client.query('SELECT pg_notify($1, $2)', [CHANNEL, userId]);
        return stored;
      });
    },
    async eventsAfter(userId, afterId, limit) {
      const result = await query<EventRow>(
        `SELECT id, body FROM (
           SELECT id, body FROM ${schema}.customer_events WHERE user_id = $1 AND id > $2 ORDER BY id DESC LIMIT $3
         ) newest ORDER BY id`,
        [userId, afterId, limit],
      );
      return result.rows.map(toEvent);
    },
    async latestEvent(userId) {
      const result = await query<EventRow>(
        `SELECT id, body FROM ${schema}.customer_events WHERE user_id = $1 ORDER BY id DESC LIMIT 1`,
        [userId],
      );
      const row = result.rows[0];
      return row ? toEvent(row) : null;
    },
    onEvents(callback) {
      listeners.add(callback);
      return () => listeners.delete(callback);
    },
    async acquireLease(name, holder, now, ttlMs) {
      const result = await query(
        `INSERT INTO ${schema}.leases AS leases (name, holder, expires_at) VALUES ($1, $2, $3)
         ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
         WHERE leases.holder = EXCLUDED.holder OR leases.expires_at <= $4
         RETURNING holder`,
        [name, holder, now + ttlMs, now],
      );
      return result.rowCount === 1;
    },
    async releaseLease(name, holder) {
      await query(`DELETE FROM ${schema}.leases WHERE name = $1 AND holder = $2`, [name, holder]);
    },
    async scopeIdempotencyKey({ userId, operation, key, now }) {
      // The no-op update makes RETURNING give the existing row's key to every racer.
      const result = await query<{ upstream_key: string }>(
        `INSERT INTO ${schema}.idempotency_scopes AS scopes (user_id, operation, client_key, upstream_key, created_at)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (user_id, operation, client_key) DO UPDATE SET created_at = scopes.created_at
         RETURNING upstream_key`,
        [userId, operation, key, randomUUID(), now],
      );
      const upstreamKey = result.rows[0]?.upstream_key;
      if (upstreamKey === undefined) throw new Error('idempotency scope: no row returned');
      return upstreamKey;
    },
    async prune(olderThan) {
      await query(`DELETE FROM ${schema}.processed_events WHERE received_at < $1`, [olderThan]);
      await query(`DELETE FROM ${schema}.customer_events WHERE created_at < $1`, [olderThan]);
      await query(`DELETE FROM ${schema}.idempotency_scopes WHERE created_at < $1`, [olderThan]);
      await query(`DELETE FROM ${schema}.leases WHERE expires_at < $1`, [olderThan]);
    },
    async close() {
      closed = true;
      clearTimeout(reconnectTimer);
      clearTimeout(checkTimer);
      await starting.catch(() => undefined);
      const client = listener;
      listener = undefined;
      if (client) await drop(client);
      await pool.end();
    },
  };
}
