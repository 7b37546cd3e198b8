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
  try {
    // Node's module cache makes every call after the first a lookup.
    return require('better-sqlite3') as typeof BetterSqlite3;
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
}
