import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';

/**
 * better-sqlite3, loaded on the first `createSqliteStore` call and not when
 * the proxy is imported: it is an optional dependency (a native module that
 * compiles from source where no prebuilt binary can be downloaded), so a
 * partner on Postgres never needs it. Synchronous, so `createSqliteStore`
 * stays synchronous. `require` is the resolver to load it with (the proxy's own).
 */
export function loadBetterSqlite3(
  require: NodeJS.Require = createRequire(import.meta.url),
): typeof BetterSqlite3 {
  let Database: typeof BetterSqlite3;
  try {
    // Node's module cache makes every call after the first a lookup.
    Database = require('better-sqlite3') as typeof BetterSqlite3;
  } catch (error) {
    const missing =
      (error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND' &&
      String((error as Error).message).includes("'better-sqlite3'");
    if (!missing) throw error;
    throw new Error(
      'createSqliteStore needs the better-sqlite3 package, an optional dependency of @kyc-kit/proxy that is not installed (perhaps its native build failed): run `npm install better-sqlite3`, or pass store: createPostgresStore({ connectionString })',
      { cause: error },
    );
  }
  if (!opened.has(Database)) {
    // better-sqlite3 loads its native module on the first open: an unbuilt one fails here, not on import.
    try {
      new Database(':memory:').close();
    } catch (error) {
      throw unbuiltError(error) ?? error;
    }
    opened.add(Database);
  }
  return Database;
}

/** The better-sqlite3 modules whose native part has been seen to load. */
const opened = new WeakSet<object>();

/**
 * The error of a better-sqlite3 whose native module is not built (pnpm 10 runs no dependency's build
 * script unless it is allowed) or was built for another Node.js version, told as what to run; any other
 * error is not one of those (undefined).
 */
export function unbuiltError(error: unknown): Error | undefined {
  const { message = '', code } = (error ?? {}) as { message?: unknown; code?: unknown };
  const unbuilt =
    String(message).includes('Could not locate the bindings file') ||
    (code === 'ERR_DLOPEN_FAILED' && String(message).includes('better_sqlite3.node'));
  if (!unbuilt) return undefined;
  return new Error(
    'createSqliteStore: better-sqlite3 is installed but its native module is not built for this Node.js (pnpm 10 runs no dependency\'s build script unless allowed). With pnpm: run `pnpm approve-builds` and pick better-sqlite3 (or add "pnpm": { "onlyBuiltDependencies": ["better-sqlite3"] } to package.json), then `pnpm rebuild better-sqlite3`. With npm: `npm rebuild better-sqlite3` (after `npm install-scripts approve better-sqlite3` where npm asks for it). Or pass store: createPostgresStore({ connectionString })',
    { cause: error },
  );
}
