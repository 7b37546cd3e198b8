import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createPostgresStore, createSqliteStore, type OnboardingStore } from '@kyc-kit/proxy';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { DemoSessionStore } from './createDemoSessions';

/** The demo's state: the proxy's store and the sessions, in one place. */
export interface DemoStores {
  proxy: OnboardingStore;
  sessions: DemoSessionStore;
  /** Where the sandbox keeps its customers (a SQLite file), when state is kept on disk. */
  sandboxDataPath?: string;
  close(): Promise<void>;
}

function sqliteSessions(file: string): { store: DemoSessionStore; close(): void } {
  const database = new Database(file);
  database.pragma('journal_mode = WAL');
  database.exec(
    'CREATE TABLE IF NOT EXISTS demo_sessions (token_hash TEXT PRIMARY KEY, username TEXT NOT NULL, expires_at INTEGER NOT NULL)',
  );
  database.exec('CREATE INDEX IF NOT EXISTS demo_sessions_expiry ON demo_sessions (expires_at)');
  database.exec('CREATE INDEX IF NOT EXISTS demo_sessions_user ON demo_sessions (username, expires_at)');
  const insert = database.prepare(
    'INSERT INTO demo_sessions (token_hash, username, expires_at) VALUES (?, ?, ?)',
  );
  const find = database.prepare<[string, number], { username: string }>(
    'SELECT username FROM demo_sessions WHERE token_hash = ? AND expires_at > ?',
  );
  const remove = database.prepare('DELETE FROM demo_sessions WHERE token_hash = ?');
  const prune = database.prepare('DELETE FROM demo_sessions WHERE expires_at <= ?');
  // Newest first by expiry, then by rowid (insertion order) among sessions started in the same millisecond.
  const trim = database.prepare(
    `DELETE FROM demo_sessions WHERE username = @username AND token_hash <> @newest AND token_hash NOT IN (
       SELECT token_hash FROM demo_sessions WHERE username = @username AND token_hash <> @newest
       ORDER BY expires_at DESC, rowid DESC LIMIT @others)`,
  );
  prune.run(Date.now());
  return {
    store: {
      async insert(tokenHash, username, expiresAt) {
        insert.run(tokenHash, username, expiresAt);
      },
      async find(tokenHash, now) {
        return find.get(tokenHash, now)?.username ?? null;
      },
      async delete(tokenHash) {
        remove.run(tokenHash);
      },
      async trim(username, newest, keep) {
        trim.run({ username, newest, others: keep - 1 });
      },
      async prune(now) {
        prune.run(now);
      },
    },
    close: () => database.close(),
  };
}

function postgresSessions(connectionString: string): { store: DemoSessionStore; close(): Promise<void> } {
  const pool = new pg.Pool({ connectionString, max: 4 });
  pool.on('error', () => undefined);
  // Two demo instances creating the table (or an index) at once: the loser finds it created.
  const create = (name: string, statement: string) =>
    pool.query(statement).catch(async (error: unknown) => {
      const exists = await pool.query('SELECT to_regclass($1) AS name', [name]);
      if (exists.rows[0]?.name === null) throw error;
    });
  const table = create(
    'northwind_sessions',
    'CREATE TABLE IF NOT EXISTS northwind_sessions (token_hash text PRIMARY KEY, username text NOT NULL, expires_at bigint NOT NULL)',
  ).then(() =>
    Promise.all([
      create(
        'northwind_sessions_expiry',
        'CREATE INDEX IF NOT EXISTS northwind_sessions_expiry ON northwind_sessions (expires_at)',
      ),
      create(
        'northwind_sessions_user',
        'CREATE INDEX IF NOT EXISTS northwind_sessions_user ON northwind_sessions (username, expires_at)',
      ),
    ]),
  );
  return {
    store: {
      async insert(tokenHash, username, expiresAt) {
        await table;
        await pool.query(
          'INSERT INTO northwind_sessions (token_hash, username, expires_at) VALUES ($1, $2, $3)',
          [tokenHash, username, expiresAt],
        );
      },
      async find(tokenHash, now) {
        await table;
        const result = await pool.query<{ username: string }>(
          'SELECT username FROM northwind_sessions WHERE token_hash = $1 AND expires_at > $2',
          [tokenHash, now],
        );
        return result.rows[0]?.username ?? null;
      },
      async delete(tokenHash) {
        await table;
        await pool.query('DELETE FROM northwind_sessions WHERE token_hash = $1', [tokenHash]);
      },
      async trim(username, newest, keep) {
        await table;
        await pool.query(
          `DELETE FROM northwind_sessions WHERE username = $1 AND token_hash <> $2 AND token_hash NOT IN (
             SELECT token_hash FROM northwind_sessions WHERE username = $1 AND token_hash <> $2
             ORDER BY expires_at DESC LIMIT $3)`,
          [username, newest, keep - 1],
        );
      },
      async prune(now) {
        await table;
        await pool.query('DELETE FROM northwind_sessions WHERE expires_at <= $1', [now]);
      },
    },
    close: () => pool.end(),
  };
}

/**
 * Opens the demo's state. With `databaseUrl` (a `postgres://` URL) the proxy
 * and the sessions use Postgres; else with `dataDirectory` they are SQLite
 * files in it (`proxy.sqlite`, `sessions.sqlite`, and the sandbox's
 * `sandbox.sqlite`), so a restart keeps sessions, links and the sandbox's
 * customers; with neither, everything is in memory (tests).
 */
export function openDemoStores(options: { dataDirectory?: string; databaseUrl?: string }): DemoStores {
  const sandboxDataPath = options.dataDirectory
    ? path.join(options.dataDirectory, 'sandbox.sqlite')
    : undefined;
  if (options.dataDirectory) mkdirSync(options.dataDirectory, { recursive: true });
  if (options.databaseUrl) {
    const proxy = createPostgresStore({ connectionString: options.databaseUrl });
    const sessions = postgresSessions(options.databaseUrl);
    return {
      proxy,
      sessions: sessions.store,
      ...(sandboxDataPath ? { sandboxDataPath } : {}),
      async close() {
        await proxy.close();
        await sessions.close();
      },
    };
  }
  const proxy = createSqliteStore(
    options.dataDirectory ? { path: path.join(options.dataDirectory, 'proxy.sqlite') } : {},
  );
  const sessions = sqliteSessions(
    options.dataDirectory ? path.join(options.dataDirectory, 'sessions.sqlite') : ':memory:',
  );
  return {
    proxy,
    sessions: sessions.store,
    ...(sandboxDataPath ? { sandboxDataPath } : {}),
    async close() {
      await proxy.close();
      sessions.close();
    },
  };
}
