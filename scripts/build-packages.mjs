#!/usr/bin/env node
// Library build of every public package (packages/*, not "private"), with tsdown:
// ESM JavaScript with source maps (sources inlined, so they work without src/) and
// .d.ts, one output file per source module (so partners' bundlers drop unused
// modules), into dist/. No declaration maps: they would point into src/, which the
// tarballs do not ship, so an editor's "go to definition" would land nowhere.
//
// Entries are read from each package.json, so adding an entry point is editing
// package.json only:
//   - every `exports` subpath whose conditions name a `source` file (src/x.ts)
//     builds to dist/x.js + dist/x.d.ts, which `publishConfig.exports` names;
//   - every `exports` subpath that is a plain file under src/ (styles.css) is copied
//     to the same place under dist/;
//   - every `publishConfig.bin` under dist/ builds from the same path under src/
//     (dist/cli.js <- src/cli.ts);
//   - every src/*.worker.ts builds beside the module that starts it (dist/x.worker.js): a
//     worker thread's module is started by its file (`new Worker(url)`), never imported.
// Packages that peer-depend on React get "use client" at the top of each entry,
// so React Server Components frameworks treat them as client modules.
//
// usage: node scripts/build-packages.mjs [package-folder-name ...]
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'tsdown';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The public packages, in dependency order (core first). */
export function publicPackages() {
  const folders = readdirSync(path.join(root, 'packages'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => path.join(root, 'packages', entry.name))
    .filter((folder) => existsSync(path.join(folder, 'package.json')));
  const manifests = folders
    .map((folder) => ({
      folder,
      manifest: JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8')),
    }))
    .filter(({ manifest }) => manifest.private !== true);
  const names = new Set(manifests.map(({ manifest }) => manifest.name));
  const ordered = [];
  const visit = (item, seen = new Set()) => {
    if (ordered.includes(item) || seen.has(item)) return;
    seen.add(item);
    for (const dependency of Object.keys(item.manifest.dependencies ?? {})) {
      const found = manifests.find(({ manifest }) => manifest.name === dependency);
      if (found && names.has(dependency)) visit(found, seen);
    }
    ordered.push(item);
  };
  for (const item of manifests) visit(item);
  return ordered;
}

const withoutDotSlash = (file) => file.replace(/^\.\//, '');
const stripExtension = (file) => file.replace(/\.(tsx?|jsx?|mjs)$/, '');

/** The JS entries (name -> source file) and the files to copy, from a manifest. */
export function entriesOf(manifest) {
  const entries = {};
  const copies = [];
  // What the workspace exports and what a tarball exports must be the same subpaths.
  const workspaceSubpaths = Object.keys(manifest.exports ?? {})
    .sort()
    .join(', ');
  const publishedSubpaths = Object.keys(manifest.publishConfig?.exports ?? {})
    .sort()
    .join(', ');
  if (workspaceSubpaths !== publishedSubpaths) {
    throw new Error(
      `${manifest.name}: exports (${workspaceSubpaths}) and publishConfig.exports (${publishedSubpaths}) must name the same subpaths`,
    );
  }
  for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
    if (typeof target === 'string') {
      if (!target.startsWith('./src/'))
        throw new Error(`${manifest.name} ${subpath}: expected a file under src/`);
      copies.push(withoutDotSlash(target));
    } else if (typeof target?.source === 'string') {
      const source = withoutDotSlash(target.source);
      entries[stripExtension(source.replace(/^src\//, ''))] = source;
    } else {
      throw new Error(`${manifest.name} ${subpath}: an export needs a "source" condition`);
    }
  }
  for (const [command, target] of Object.entries(manifest.publishConfig?.bin ?? {})) {
    const name = stripExtension(withoutDotSlash(target).replace(/^dist\//, ''));
    const source = ['ts', 'tsx', 'mjs']
      .map((extension) => `src/${name}.${extension}`)
      .find((file) => existsSync(path.join(root, 'packages', manifest.name.split('/')[1], file)));
    if (!source) throw new Error(`${manifest.name} bin ${command}: no src/${name}.ts`);
    entries[name] = source;
  }
  return { entries, copies };
}

export async function buildPackage({ folder, manifest }) {
  const { entries, copies } = entriesOf(manifest);
  for (const file of readdirSync(path.join(folder, 'src')))
    if (file.endsWith('.worker.ts')) entries[stripExtension(file)] = `src/${file}`;
  const browser = Object.keys(manifest.peerDependencies ?? {}).includes('react');
  const started = Date.now();
  rmSync(path.join(folder, 'dist'), { recursive: true, force: true });
  await build({
    cwd: folder,
    config: false,
    entry: entries,
    format: 'esm',
    platform: browser ? 'browser' : 'node',
    target: 'es2022',
    outDir: 'dist',
    clean: false,
    fixedExtension: false,
    sourcemap: true,
    treeshake: true,
    unbundle: true,
    tsconfig: path.join(root, 'tsconfig.build.json'),
    dts: { sourcemap: false, tsconfig: path.join(root, 'tsconfig.build.json') },
    // Directives are per module and a bundle drops them: put "use client" back on each entry.
    ...(browser ? { banner: { js: "'use client';" } } : {}),
    // Workspace packages are read from src/ while building, like everywhere in the repo.
    inputOptions: { resolve: { conditionNames: ['source', 'import', 'default'] } },
    logLevel: 'warn',
  });
  // The bundler still ends each .d.ts with a sourceMappingURL comment naming the .d.ts.map it does not
  // write (see above): drop it, so nothing in a tarball names a file the tarball lacks.
  for (const file of readdirSync(path.join(folder, 'dist'), { recursive: true })) {
    if (!file.endsWith('.d.ts')) continue;
    const declaration = path.join(folder, 'dist', file);
    const text = readFileSync(declaration, 'utf8');
    const stripped = text.replace(/\n?\/\/# sourceMappingURL=\S+\.d\.ts\.map\s*$/, '\n');
    if (stripped !== text) writeFileSync(declaration, stripped);
  }
  for (const file of copies) {
    const destination = path.join(folder, file.replace(/^src\//, 'dist/'));
    mkdirSync(path.dirname(destination), { recursive: true });
    copyFileSync(path.join(folder, file), destination);
  }
  process.stdout.write(
    `built ${manifest.name} (${Object.keys(entries).join(', ')}) in ${Date.now() - started} ms\n`,
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const only = new Set(process.argv.slice(2));
  for (const item of publicPackages()) {
    if (only.size > 0 && !only.has(path.basename(item.folder))) continue;
    await buildPackage(item);
  }
}
