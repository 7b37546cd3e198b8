import { randomUUID } from 'node:crypto';
import { customerEventBodyJson } from './customerJson';
import { loadBetterSqlite3 } from './loadBetterSqlite3';
import { optionError, requireFileInFolder, requireOptions } from './optionErrors';
import type {
  CreationClaim,
  CustomerEvent,
  CustomerEventBody,
  NewCustomerEvent,
  OnboardingStore,
} from './OnboardingStore';

/** Options of {@link createSqliteStore}. */
export interface SqliteStoreOptions {
  /** SQLite file path. @default ':memory:' */
  path?: string;
}

/** Versioned schema changes, applied in order and recorded in `user_version`. */
const MIGRATIONS = [
  `
  CREATE TABLE IF NOT EXISTS customer_links (
    user_id TEXT PRIMARY KEY,
    -- NULL while a create is in flight; UNIQUE so one customer never serves two users.
    customer_id TEXT UNIQUE,
    claimed_at INTEGER NOT NULL
  );
  CREATE TABLE IF NOT EXISTS processed_events (
    event_key TEXT PRIMARY KEY,
    received_at INTEGER NOT NULL
  );
  CREATE TABLE IF NOT EXISTS idempotency_scopes (
    user_id TEXT NOT NULL,
    operation TEXT NOT NULL,
    client_key TEXT NOT NULL,
    upstream_key TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, operation, client_key)
  );
  `,
  `
  CREATE TABLE customer_events (
    id INTEGER PRIMARY KEY,
    user_id TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX customer_events_by_user ON customer_events (user_id, id);
  CREATE TABLE leases (
    name TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    expires_at INTEGER NOT NULL
  );
  `,
  // What pruning deletes by: without these, each prune reads the whole of every table.
  `
  CREATE INDEX customer_events_by_created ON customer_events (created_at);
  CREATE INDEX processed_events_by_received ON processed_events (received_at);
  CREATE INDEX idempotency_scopes_by_created ON idempotency_scopes (created_at);
  CREATE INDEX leases_by_expiry ON leases (expires_at);
  `,
];

interface EventRow {
  id: number;
  body: string;
}

function toEvent(row: EventRow): CustomerEvent {
  return { id: row.id, ...(JSON.parse(row.body) as CustomerEventBody) };
}

interface LinkRow {
  customer_id: string | null;
  claimed_at: number;
}

/**
 * The embedded default store: better-sqlite3, in memory or in a file. The
 * primary key on `user_id` is what makes "one customer per user" hold even
 * for several processes sharing the file; writes run in `IMMEDIATE`
 * transactions so two processes cannot both claim the same user.
 * better-sqlite3 is an optional dependency, loaded by the first call; when it
 * is not installed, the call throws an error saying to install it.
 */
export function createSqliteStore(options: SqliteStoreOptions = {}): OnboardingStore {
  const where = 'createSqliteStore';
  // `createSqliteStore('./data.db')` would otherwise be a store in memory, lost on a restart.
  if (typeof options === 'string')
    throw optionError(where, `pass { path: ${JSON.stringify(options)} }, not the path itself`);
  requireOptions(where, options, '{ path }');
  requireFileInFolder(where, 'path', options.path);
  const Database = loadBetterSqlite3();
  const database = new Database(options.path ?? ':memory:');
  database.pragma('journal_mode = WAL');
  database.pragma('busy_timeout = 5000');
  const applied = database.pragma('user_version', { simple: true }) as number;
  database
    .transaction(() => {
      MIGRATIONS.slice(applied).forEach((migration) => database.exec(migration));
      database.pragma(`user_version = ${MIGRATIONS.length}`);
    })
    .immediate();
  const listeners = new Set<(userId: string) => void>();

  const selectLink = database.prepare<[string], LinkRow>(
    'SELECT customer_id, claimed_at FROM customer_links WHERE user_id = ?',
  );
  /** The hot read of every write: the linked customer id alone, no row object. */
  const selectCustomerId = database
    .prepare<[string], string | null>('SELECT customer_id FROM customer_links WHERE user_id = ?')
    .pluck();
  const selectUser = database.prepare<[string], { user_id: string }>(
    'SELECT user_id FROM customer_links WHERE customer_id = ?',
  );
  const insertClaim = database.prepare(
    'INSERT INTO customer_links (user_id, customer_id, claimed_at) VALUES (?, NULL, ?)',
  );
  const renewClaim = database.prepare(
    'UPDATE customer_links SET claimed_at = ? WHERE user_id = ? AND customer_id IS NULL',
  );
  const linkClaim = database.prepare(
    'UPDATE customer_links SET customer_id = ? WHERE user_id = ? AND customer_id IS NULL',
  );
  const insertLink = database.prepare(
    'INSERT INTO customer_links (user_id, customer_id, claimed_at) VALUES (?, ?, ?)',
  );
  const deleteLink = database.prepare<[string], { user_id: string }>(
    'DELETE FROM customer_links WHERE customer_id = ? RETURNING user_id',
  );
  const deleteClaim = database.prepare(
    'DELETE FROM customer_links WHERE user_id = ? AND customer_id IS NULL',
  );
  const insertEvent = database.prepare(
    'INSERT OR IGNORE INTO processed_events (event_key, received_at) VALUES (?, ?)',
  );
  const insertScope = database.prepare(
    'INSERT OR IGNORE INTO idempotency_scopes (user_id, operation, client_key, upstream_key, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const selectScope = database.prepare<[string, string, string], { upstream_key: string }>(
    'SELECT upstream_key FROM idempotency_scopes WHERE user_id = ? AND operation = ? AND client_key = ?',
  );
  const selectProcessed = database.prepare<[string], { event_key: string }>(
    'SELECT event_key FROM processed_events WHERE event_key = ?',
  );
  const selectLastEventId = database.prepare<[], { id: number | null }>(
    'SELECT max(id) AS id FROM customer_events',
  );
  const insertCustomerEvent = database.prepare(
    'INSERT INTO customer_events (id, user_id, body, created_at) VALUES (?, ?, ?, ?)',
  );
  const selectEventsAfter = database.prepare<[string, number, number], EventRow>(
    'SELECT id, body FROM (SELECT id, body FROM customer_events WHERE user_id = ? AND id > ? ORDER BY id DESC LIMIT ?) ORDER BY id',
  );
  const selectLatestEvent = database.prepare<[string], EventRow>(
    'SELECT id, body FROM customer_events WHERE user_id = ? ORDER BY id DESC LIMIT 1',
  );
  const upsertLease = database.prepare<[string, string, number, number], { holder: string }>(
    `INSERT INTO leases (name, holder, expires_at) VALUES (?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
     WHERE leases.holder = excluded.holder OR leases.expires_at <= ?
     RETURNING holder`,
  );
  const deleteLease = database.prepare('DELETE FROM leases WHERE name = ? AND holder = ?');
  const pruneCustomerEvents = database.prepare('DELETE FROM customer_events WHERE created_at < ?');
  const pruneEvents = database.prepare('DELETE FROM processed_events WHERE received_at < ?');
  const pruneScopes = database.prepare('DELETE FROM idempotency_scopes WHERE created_at < ?');
  const pruneLeases = database.prepare('DELETE FROM leases WHERE expires_at < ?');

  const claim = database.transaction((userId: string, now: number, staleAfterMs: number): CreationClaim => {
    const row = selectLink.get(userId);
    if (!row) {
      insertClaim.run(userId, now);
      return { status: 'claimed' };
    }
    if (row.customer_id !== null) return { status: 'linked', customerId: row.customer_id };
    if (now - row.claimed_at > staleAfterMs) {
      renewClaim.run(now, userId);
      return { status: 'claimed' };
    }
    return { status: 'busy' };
  });

  const link = database.transaction((userId: string, customerId: string) => {
    const updated = linkClaim.run(customerId, userId);
    if (updated.changes === 0) {
      const row = selectLink.get(userId);
      if (row?.customer_id === customerId) return;
      if (row) throw new Error('customer link: user is already linked to another customer');
      insertLink.run(userId, customerId, Date.now());
    }
  });

  const scope = database.transaction(
    (userId: string, operation: string, key: string, now: number): string => {
      insertScope.run(userId, operation, key, randomUUID(), now);
      const row = selectScope.get(userId, operation, key);
      if (!row) throw new Error('idempotency scope: row vanished inside its transaction');
      return row.upstream_key;
    },
  );

  const append = database.transaction(
    (events: NewCustomerEvent[], processedEventKey: string | undefined, now: number) => {
      if (processedEventKey !== undefined && insertEvent.run(processedEventKey, now).changes === 0)
        return null;
      // Ids start from the clock and only grow, so an id a browser kept from an in-memory store before a
      // restart is still older than the new ones.
      let lastId = selectLastEventId.get()?.id ?? 0;
      return events.map((event): CustomerEvent => {
        lastId = Math.max(lastId + 1, now);
        insertCustomerEvent.run(lastId, event.userId, customerEventBodyJson(event), now);
        return event.type === 'customer'
          ? { id: lastId, type: 'customer', customer: event.customer }
          : { id: lastId, type: 'customer_deleted', customerId: event.customerId };
      });
    },
  );

  return {
    async getCustomerId(userId) {
      return selectCustomerId.get(userId) ?? null;
    },
    async getUserId(customerId) {
      return selectUser.get(customerId)?.user_id ?? null;
    },
    async claimCustomerCreation(userId, { now, staleAfterMs }) {
      return claim.immediate(userId, now, staleAfterMs);
    },
    async linkCustomer(userId, customerId) {
      link.immediate(userId, customerId);
    },
    async unlinkCustomer(customerId) {
      return deleteLink.get(customerId)?.user_id ?? null;
    },
    async releaseCustomerCreation(userId) {
      deleteClaim.run(userId);
    },
    async isEventProcessed(eventKey) {
      return selectProcessed.get(eventKey) !== undefined;
    },
    async appendEvents({ events, processedEventKey, now }) {
      const stored = append.immediate(events, processedEventKey, now);
      if (stored)
        for (const userId of new Set(events.map((event) => event.userId))) {
          for (const listener of listeners) listener(userId);
        }
      return stored;
    },
    async eventsAfter(userId, afterId, limit) {
      return selectEventsAfter.all(userId, afterId, limit).map(toEvent);
    },
    async latestEvent(userId) {
      const row = selectLatestEvent.get(userId);
      return row ? toEvent(row) : null;
    },
    onEvents(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async acquireLease(name, holder, now, ttlMs) {
      return upsertLease.get(name, holder, now + ttlMs, now) !== undefined;
    },
    async releaseLease(name, holder) {
      deleteLease.run(name, holder);
    },
    async scopeIdempotencyKey({ userId, operation, key, now }) {
      return scope.immediate(userId, operation, key, now);
    },
    async prune(olderThan) {
      pruneEvents.run(olderThan);
      pruneCustomerEvents.run(olderThan);
      pruneScopes.run(olderThan);
      pruneLeases.run(olderThan);
    },
    async close() {
      database.close();
    },
  };
}
