#!/usr/bin/env node
// The apps under examples/ as a partner would run them, on the tarballs in .packs/
// (run `npm run pack` first): each is installed afresh outside the workspace
// (pnpm --ignore-workspace, file: paths to the .tgz files, no lockfile, the shared
// pnpm store, so it is quick and works with the registry's cached metadata),
// built (tsc + vite build; next build, which type-checks), then driven by
// playwright.examples.config.ts in Chromium against a sandbox started from the
// packed CLI. Each install + build counts as one test, each journey as one.
//
// usage: node scripts/examples.mjs [--report FILE]
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const examples = ['vite-react', 'nextjs', 'plain-html'];
const environment = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', CI: process.env.CI ?? '' };

function run(command, args, cwd) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, stdio: 'inherit', env: environment });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', () => resolve(127));
  });
}

const reportIndex = process.argv.indexOf('--report');
const report = reportIndex === -1 ? undefined : process.argv[reportIndex + 1];
const tally = { passed: 0, failed: 0 };
const timings = [];
let ready = true;

for (const example of examples) {
  const folder = path.join(root, 'examples', example);
  const started = Date.now();
  // A fresh node_modules every time: the tarballs changed, and nothing of an earlier run may linger.
  rmSync(path.join(folder, 'node_modules'), { recursive: true, force: true });
  const installed =
    (await run(
      'pnpm',
      ['install', '--ignore-workspace', '--no-lockfile', '--prefer-offline', '--reporter=append-only'],
      folder,
    )) === 0;
  const installSeconds = (Date.now() - started) / 1000;
  const built = installed && (await run('pnpm', ['run', 'build'], folder)) === 0;
  timings.push(
    `${example}: install ${installSeconds.toFixed(1)} s, build ${((Date.now() - started) / 1000 - installSeconds).toFixed(1)} s`,
  );
  if (built) tally.passed += 1;
  else {
    tally.failed += 1;
    ready = false;
  }
}

if (ready) {
  const output = path.join(root, 'node_modules', '.kit-reports', 'examples-playwright.json');
  rmSync(output, { force: true });
  const started = Date.now();
  const code = await new Promise((resolve) => {
    const child = spawn(
      'pnpm',
      ['exec', 'playwright', 'test', '-c', 'playwright.examples.config.ts', '--reporter=list,json'],
      {
        cwd: root,
        stdio: 'inherit',
        env: { ...environment, PLAYWRIGHT_JSON_OUTPUT_NAME: output },
      },
    );
    child.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)));
  });
  timings.push(`journeys: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  let stats;
  try {
    stats = JSON.parse(readFileSync(output, 'utf8')).stats;
  } catch {
    stats = undefined;
  }
  tally.passed += (stats?.expected ?? 0) + (stats?.flaky ?? 0);
  tally.failed += (stats?.unexpected ?? 0) + (code !== 0 && !(stats?.unexpected > 0) ? 1 : 0);
}

process.stdout.write(`${timings.join('\n')}\nexamples: ${tally.passed} passed, ${tally.failed} failed\n`);
if (report) {
  mkdirSync(path.dirname(report), { recursive: true });
  writeFileSync(report, JSON.stringify(tally));
}
process.exit(tally.failed > 0 ? 1 : 0);
