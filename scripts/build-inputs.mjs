// What `npm run demo` builds, what feeds each build, and whether a build is up to date.
//
// A build is up to date when the hash of its inputs (every source file, config,
// manifest and the lockfile that feed it) equals the hash kept in its stamp file
// beside the output, and the output is still there. The stamp is written only
// after a build succeeds, so an interrupted build is redone on the next start.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Folders that never feed a build: installs, outputs, local state. */
const SKIPPED_FOLDERS = new Set([
  'node_modules',
  'dist',
  '.data',
  'test-results',
  'playwright-report',
  'storybook-static',
  '__screenshots__',
]);

/** Files that never feed a build: unit tests and local clutter. */
const SKIPPED_FILE = /(?:\.test\.[cm]?[jt]sx?$)|(?:^\.DS_Store$)|(?:\.tsbuildinfo$)/;

/** Inputs every build shares: the lockfile pins the tools and libraries, the manifests and compiler options shape resolution. */
const SHARED_INPUTS = [
  'pnpm-lock.yaml',
  'package.json',
  'pnpm-workspace.yaml',
  'tsconfig.json',
  'tsconfig.base.json',
  'packages/*/package.json',
  'packages/*/tsconfig.json',
  'packages/*/vite.config.ts',
  // The demo and the catalogue read the workspace packages from src/ (the "source" condition): no package build comes first.
  'packages/*/src',
];

/**
 * The builds `npm run demo` needs, in order: each one's inputs (paths relative to the repository,
 * a `*` matches one path segment), the file whose presence says its output exists, and its stamp.
 */
export const DEMO_BUILDS = [
  {
    name: 'demo',
    label: 'the demo front-end',
    inputs: [
      ...SHARED_INPUTS,
      'apps/demo/package.json',
      'apps/demo/vite.config.ts',
      'apps/demo/index.html',
      'apps/demo/src',
      'apps/demo/public',
    ],
    output: 'apps/demo/dist/index.html',
    stamp: 'apps/demo/dist/.kit-build/demo.json',
  },
  {
    name: 'storybook',
    label: 'Storybook',
    inputs: [...SHARED_INPUTS, '.storybook'],
    output: 'apps/demo/dist/storybook/index.html',
    // Outside dist/storybook: Storybook empties that folder, and the demo server serves all of it.
    stamp: 'apps/demo/dist/.kit-build/storybook.json',
  },
];

/** Expands one input pattern into the matching files and folders that exist. */
function expand(root, pattern) {
  let matches = [''];
  for (const segment of pattern.split('/')) {
    const next = [];
    for (const base of matches) {
      if (segment === '*') {
        const folder = path.join(root, base);
        if (!existsSync(folder) || !statSync(folder).isDirectory()) continue;
        for (const entry of readdirSync(folder).sort()) {
          if (!SKIPPED_FOLDERS.has(entry)) next.push(path.posix.join(base, entry));
        }
      } else {
        const candidate = path.posix.join(base, segment);
        if (existsSync(path.join(root, candidate))) next.push(candidate);
      }
    }
    matches = next;
  }
  return matches;
}

/** Every file under `relative` (a file or a folder), skipping what never feeds a build. */
function walk(root, relative, files) {
  const absolute = path.join(root, relative);
  const stats = statSync(absolute);
  if (stats.isDirectory()) {
    for (const entry of readdirSync(absolute)) {
      if (SKIPPED_FOLDERS.has(entry)) continue;
      walk(root, path.posix.join(relative, entry), files);
    }
  } else if (stats.isFile() && !SKIPPED_FILE.test(path.posix.basename(relative))) {
    files.add(relative);
  }
}

/** The input files of a build, relative to `root`, sorted. */
export function inputFilesOf(root, inputs) {
  const files = new Set();
  for (const pattern of inputs) {
    for (const match of expand(root, pattern)) walk(root, match, files);
  }
  return [...files].sort();
}

/** One hash over the names and contents of a build's input files: any change, addition, removal or rename changes it. */
export function hashInputs(root, inputs) {
  const hash = createHash('sha256');
  for (const file of inputFilesOf(root, inputs)) {
    hash.update(file);
    hash.update('\0');
    hash.update(
      createHash('sha256')
        .update(readFileSync(path.join(root, file)))
        .digest('hex'),
    );
    hash.update('\n');
  }
  return hash.digest('hex');
}

/** Whether a build must run: its output is missing, it has no stamp, or its inputs changed since the stamp. */
export function buildState(root, build) {
  const hash = hashInputs(root, build.inputs);
  if (!existsSync(path.join(root, build.output))) return { hash, state: 'missing' };
  let stamped;
  try {
    stamped = JSON.parse(readFileSync(path.join(root, build.stamp), 'utf8')).inputs;
  } catch {
    return { hash, state: 'missing' };
  }
  return { hash, state: stamped === hash ? 'fresh' : 'changed' };
}

/** Forgets a build's stamp (before it runs: a build that fails or is interrupted must not look up to date). */
export function clearStamp(root, build) {
  rmSync(path.join(root, build.stamp), { force: true });
}

/** Records that the output now matches inputs of this hash. */
export function writeStamp(root, build, hash) {
  const file = path.join(root, build.stamp);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ inputs: hash })}\n`);
}

/** The one line that says what this start builds and what it reuses. */
export function describeBuilds(states) {
  const reason = (state) => (state === 'missing' ? 'not built yet' : 'its inputs changed');
  const rebuilt = states.filter(({ state }) => state !== 'fresh');
  const reused = states.filter(({ state }) => state === 'fresh').map(({ label }) => label);
  if (rebuilt.length === 0) return `nothing changed since the last build: reusing ${reused.join(' and ')}`;
  const building = `building ${rebuilt.map(({ label, state }) => `${label} (${reason(state)})`).join(' and ')}`;
  return reused.length === 0 ? building : `${building}; reusing ${reused.join(' and ')} (unchanged)`;
}
