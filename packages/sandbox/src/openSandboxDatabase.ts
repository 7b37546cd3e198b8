import Database from 'better-sqlite3';

/** The better-sqlite3 handle the sandbox keeps its state in. */
export type SandboxDatabase = Database.Database;

/**
 * Opens (and migrates) the sandbox's SQLite database: a file when `dataPath` is
 * given, so state survives a restart, or a private in-memory database otherwise.
 */
export function openSandboxDatabase(dataPath?: string): SandboxDatabase {
  let database: SandboxDatabase;
  try {
    database = new Database(dataPath ?? ':memory:');
  } catch (error) {
    throw unbuiltError(error) ?? error;
  }
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

/**
 * better-sqlite3 loads its native module on the first open: one pnpm 10 did not build (it runs no
 * dependency's build script unless allowed), or one built for another Node.js version, fails there with a
 * list of paths. Told instead as what to run; any other error is left as it is (undefined).
 */
export function unbuiltError(error: unknown): Error | undefined {
  const { message = '', code } = (error ?? {}) as { message?: unknown; code?: unknown };
  const unbuilt =
    String(message).includes('Could not locate the bindings file') ||
    (code === 'ERR_DLOPEN_FAILED' && String(message).includes('better_sqlite3.node'));
  if (!unbuilt) return undefined;
  return new Error(
    'the sandbox keeps its state in SQLite, and better-sqlite3 (a dependency of @kyc-kit/sandbox) is installed but its native module is not built for this Node.js (pnpm 10 runs no dependency\'s build script unless allowed). With pnpm: run `pnpm approve-builds` and pick better-sqlite3 (or add "pnpm": { "onlyBuiltDependencies": ["better-sqlite3"] } to package.json), then `pnpm rebuild better-sqlite3`. With npm: `npm rebuild better-sqlite3` (after `npm install-scripts approve better-sqlite3` where npm asks for it).',
    { cause: error },
  );
}
