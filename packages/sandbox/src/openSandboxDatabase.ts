import Database from 'better-sqlite3';

/** The better-sqlite3 handle the sandbox keeps its state in. */
export type SandboxDatabase = Database.Database;

/**
 * Opens (and migrates) the sandbox's SQLite database: a file when `dataPath` is
 * given, so state survives a restart, or a private in-memory database otherwise.
 */
export function openSandboxDatabase(dataPath?: string): SandboxDatabase {
  const database = new Database(dataPath ?? ':memory:');
  // WAL keeps readers (the CLI's control panel) from blocking on the verifier's writes.
  if (dataPath !== undefined) database.pragma('journal_mode = WAL');
  database.exec(`
    CREATE TABLE IF NOT EXISTS meta (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS customers (
      id TEXT PRIMARY KEY,
      provider TEXT NOT NULL,
      sequence INTEGER NOT NULL,
      state TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS customers_by_provider ON customers (provider, sequence);
    CREATE TABLE IF NOT EXISTS idempotency (
      scope TEXT NOT NULL,
      key TEXT NOT NULL,
      fingerprint TEXT NOT NULL,
      status INTEGER NOT NULL,
      body TEXT NOT NULL,
      created_at TEXT NOT NULL,
      PRIMARY KEY (scope, key)
    );
    CREATE TABLE IF NOT EXISTS tos_versions (
      version_id TEXT PRIMARY KEY,
      sequence INTEGER NOT NULL,
      languages TEXT NOT NULL,
      published_at TEXT NOT NULL,
      deadline TEXT
    );
    CREATE TABLE IF NOT EXISTS webhook_deliveries (
      event_id TEXT PRIMARY KEY,
      sequence INTEGER NOT NULL,
      provider TEXT NOT NULL,
      event_type TEXT NOT NULL,
      url TEXT NOT NULL,
      body TEXT NOT NULL,
      attempts TEXT NOT NULL,
      delivered INTEGER NOT NULL,
      next_attempt_at INTEGER
    );
    CREATE TABLE IF NOT EXISTS access_tokens (
      token TEXT PRIMARY KEY,
      expires_at INTEGER NOT NULL
    );
  `);
  return database;
}
