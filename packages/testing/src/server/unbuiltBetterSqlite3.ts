import { cpSync, mkdirSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Lays out, in `folder`, a partner's app with better-sqlite3 installed as pnpm 10 leaves it by
 * default (no dependency's build script runs unless allowed): its JavaScript and `bindings`, no
 * `build/`, so the first database it opens fails with "Could not locate the bindings file".
 * `installedFrom` is a file of the package whose better-sqlite3 is copied (its `import.meta.url`):
 * pnpm resolves a dependency only from a package that declares it. Returns a `require` of the app.
 */
export function appWithUnbuiltBetterSqlite3(folder: string, installedFrom: string): NodeJS.Require {
  const installed = path.dirname(createRequire(installedFrom).resolve('better-sqlite3/package.json'));
  const modules = path.join(folder, 'node_modules');
  mkdirSync(path.join(modules, 'better-sqlite3'), { recursive: true });
  cpSync(path.join(installed, 'package.json'), path.join(modules, 'better-sqlite3', 'package.json'));
  cpSync(path.join(installed, 'lib'), path.join(modules, 'better-sqlite3', 'lib'), { recursive: true });
  const bindings = path.dirname(createRequire(path.join(installed, 'x.js')).resolve('bindings/package.json'));
  symlinkSync(bindings, path.join(modules, 'bindings'), 'dir');
  return createRequire(path.join(folder, 'app.js'));
}
