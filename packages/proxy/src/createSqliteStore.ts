import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import type { CreationClaim, OnboardingStore } from './OnboardingStore';

/** Options of {@link createSqliteStore}. */
export interface SqliteStoreOptions {
  /** SQLite file path. @default ':memory:' */
  path?: string;
}

const SCHEMA = `
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
`;

interface LinkRow {
  customer_id: string | null;
  claimed_at: number;
}

/**
 * The embedded default store: better-sqlite3, in memory or in a file. The
 * primary key on `user_id` is what makes "one customer per user" hold even
 * for several processes sharing the file; writes run in `IMMEDIATE`
 * transactions so two processes cannot both claim the same user.
 */
export function createSqliteStore(options: SqliteStoreOptions = {}): OnboardingStore {
  const database = new Database(options.path ?? ':memory:');
  database.pragma('journal_mode = WAL');
  database.pragma('busy_timeout = 5000');
  database.exec(SCHEMA);

  const selectLink = database.prepare<[string], LinkRow>(
    'SELECT customer_id, claimed_at FROM customer_links WHERE user_id = ?',
  );
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
  const deleteEvent = database.prepare('DELETE FROM processed_events WHERE event_key = ?');
  const insertScope = database.prepare(
    'INSERT OR IGNORE INTO idempotency_scopes (user_id, operation, client_key, upstream_key, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const selectScope = database.prepare<[string, string, string], { upstream_key: string }>(
    'SELECT upstream_key FROM idempotency_scopes WHERE user_id = ? AND operation = ? AND client_key = ?',
  );
  const pruneEvents = database.prepare('DELETE FROM processed_events WHERE received_at < ?');
  const pruneScopes = database.prepare('DELETE FROM idempotency_scopes WHERE created_at < ?');

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

  return {
    async getCustomerId(userId) {
      return selectLink.get(userId)?.customer_id ?? null;
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
    async claimEvent(eventKey, now) {
      return insertEvent.run(eventKey, now).changes === 1;
    },
    async releaseEvent(eventKey) {
      deleteEvent.run(eventKey);
    },
    async scopeIdempotencyKey({ userId, operation, key, now }) {
      return scope.immediate(userId, operation, key, now);
    },
    async prune(olderThan) {
      pruneEvents.run(olderThan);
      pruneScopes.run(olderThan);
    },
    async close() {
      database.close();
    },
  };
}
