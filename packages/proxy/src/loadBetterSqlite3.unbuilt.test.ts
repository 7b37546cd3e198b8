// pnpm 10 runs no dependency's build script unless the app allows it: better-sqlite3 is then installed but
// its native module never built, and the first database it opens fails with "Could not locate the bindings
// file" and a list of paths. createSqliteStore says what to run instead.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { appWithUnbuiltBetterSqlite3 } from '@kyc-kit/testing/unbuiltBetterSqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { loadBetterSqlite3 } from './loadBetterSqlite3';

describe('better-sqlite3 installed without its native build', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'kyc-proxy-unbuilt-sqlite-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('createSqliteStore names the fix, not the paths the bindings were looked for in', () => {
    const require = appWithUnbuiltBetterSqlite3(folder, import.meta.url);
    let message = '';
    try {
      loadBetterSqlite3(require);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(
      /^createSqliteStore: better-sqlite3 is installed but its native module is not built/,
    );
    expect(message).toContain('pnpm approve-builds');
    expect(message).toContain('onlyBuiltDependencies');
    expect(message).toContain('npm rebuild better-sqlite3');
    expect(message).not.toContain('Could not locate the bindings file');
  });

  it('still loads a built one', () => {
    const Database = loadBetterSqlite3();
    const database = new Database(':memory:');
    expect(database.prepare('SELECT 1 AS one').get()).toEqual({ one: 1 });
    database.close();
  });
});
