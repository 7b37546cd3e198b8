// better-sqlite3 is optional: a partner on Postgres may not have it (its native build can fail where no
// prebuilt binary can be downloaded), and must still be able to import and run the proxy.
import { mkdtempSync, rmSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

// As if the package were not installed: any static import of it fails.
vi.mock('better-sqlite3', () => {
  throw new Error("Cannot find package 'better-sqlite3'");
});

const folder = mkdtempSync(path.join(tmpdir(), 'kyc-proxy-no-sqlite-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Runs `work` resolving as a partner's app does: without the NODE_PATH the test runner's bin shim sets. */
function withoutNodePath<T>(work: () => T): T {
  const saved = process.env.NODE_PATH;
  const initPaths = (): void => (Module as unknown as { _initPaths(): void })._initPaths();
  delete process.env.NODE_PATH;
  initPaths();
  try {
    return work();
  } finally {
    if (saved !== undefined) process.env.NODE_PATH = saved;
    initPaths();
  }
}

describe('better-sqlite3 as an optional dependency', () => {
  it('lets a partner without better-sqlite3 import the proxy and make a Postgres store', async () => {
    const proxy = await import('./index');
    const store = proxy.createPostgresStore({ connectionString: 'postgres://kyc@127.0.0.1:1/none' });
    await expect(store.ready).rejects.toThrow();
    await store.close();
  });

  it('says which package to install when createSqliteStore cannot find better-sqlite3', async () => {
    const { loadBetterSqlite3 } = await import('./loadBetterSqlite3');
    // A require from a folder with no node_modules: what a partner's install without the package resolves.
    const requireFromNowhere = createRequire(path.join(folder, 'app.js'));
    expect(() => withoutNodePath(() => loadBetterSqlite3(requireFromNowhere))).toThrow(
      /needs the better-sqlite3 package.*npm install better-sqlite3/,
    );
  });

  it('still opens a SQLite store where better-sqlite3 is installed', async () => {
    const { createSqliteStore } = await import('./createSqliteStore');
    const store = createSqliteStore();
    await store.linkCustomer('user-a', 'customer_a');
    expect(await store.getCustomerId('user-a')).toBe('customer_a');
    await store.close();
  });
});
