#!/usr/bin/env node
// `npm run pack`: builds every public package (scripts/build-packages.mjs) and
// writes one tarball per package into .packs/ — what a release publishes.
// pnpm pack applies publishConfig (exports and bin on dist/, no "source"
// condition) and turns workspace:* into the real version. Tarballs are named
// without their version (.packs/kyc-kit-core.tgz), so the examples' file:
// paths stay the same across releases; all packages share one version anyway
// (Changesets' fixed group), which this script checks.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPackage, publicPackages } from './build-packages.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Where the tarballs go (gitignored). */
export const packsDirectory = path.join(root, '.packs');

/** The tarball file name of a package: @kyc-kit/core -> kyc-kit-core.tgz. */
export function tarballName(packageName) {
  return `${packageName.replace(/^@/, '').replace('/', '-')}.tgz`;
}

export async function packAll() {
  const packages = publicPackages();
  const versions = new Set(packages.map(({ manifest }) => manifest.version));
  if (versions.size !== 1) {
    throw new Error(
      `public packages must share one version, found: ${packages.map(({ manifest }) => `${manifest.name}@${manifest.version}`).join(', ')}`,
    );
  }
  rmSync(packsDirectory, { recursive: true, force: true });
  mkdirSync(packsDirectory, { recursive: true });
  for (const item of packages) await buildPackage(item);
  const written = [];
  for (const { folder, manifest } of packages) {
    const staging = path.join(packsDirectory, '.staging');
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging);
    const result = spawnSync('pnpm', ['pack', '--pack-destination', staging], {
      cwd: folder,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (result.status !== 0) throw new Error(`pnpm pack failed for ${manifest.name}`);
    const [file] = readdirSync(staging).filter((name) => name.endsWith('.tgz'));
    if (!file) throw new Error(`pnpm pack wrote no tarball for ${manifest.name}`);
    const destination = path.join(packsDirectory, tarballName(manifest.name));
    renameSync(path.join(staging, file), destination);
    rmSync(staging, { recursive: true, force: true });
    written.push(destination);
  }
  return written;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const written = await packAll();
  for (const file of written) process.stdout.write(`wrote ${path.relative(root, file)}\n`);
}
