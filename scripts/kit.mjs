#!/usr/bin/env node
// The README's two set-up commands land here:
//   npm run demo  -> install, build what changed, start the demo on http://localhost:3000
//   npm test      -> install, then every check; one "N passed, N failed" line at the end
// It needs only Node 20+ and npm: pnpm is installed into a cache folder of the
// user's (no global install), and on Debian as root a missing Chromium or
// Postgres server (the proxy's Postgres tests start their own cluster from its
// binaries) is installed from Debian's packages.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_BUILDS, buildState, clearStamp, describeBuilds, writeStamp } from './build-inputs.mjs';
import { findChromium } from './chromium.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rootManifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const pnpmVersion = rootManifest.packageManager.replace(/^pnpm@/, '');
const reports = path.join(root, 'node_modules', '.kit-reports');

function log(message) {
  process.stdout.write(`\x1b[1m[kyc-kit]\x1b[0m ${message}\n`);
}

/** Runs a command with inherited output; resolves to its exit code. */
function run(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', env: process.env, ...options });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', () => resolve(127));
  });
}

function ensurePnpm() {
  const cacheRoot = process.env.XDG_CACHE_HOME ?? path.join(homedir(), '.cache');
  const prefix = path.join(cacheRoot, 'kyc-kit', `pnpm-${pnpmVersion}`);
  const binDirectory = path.join(prefix, 'node_modules', '.bin');
  if (!existsSync(path.join(binDirectory, 'pnpm'))) {
    log(`installing pnpm ${pnpmVersion} into ${prefix}`);
    mkdirSync(prefix, { recursive: true });
    const result = spawnSync(
      'npm',
      ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', prefix, `pnpm@${pnpmVersion}`],
      { stdio: 'inherit' },
    );
    if (result.status !== 0) throw new Error('could not install pnpm with npm');
  }
  // Child processes (Playwright's webServer among them) need a real pnpm on PATH.
  process.env.PATH = `${binDirectory}${path.delimiter}${process.env.PATH}`;
}

async function install() {
  ensurePnpm();
  // better-sqlite3 compiles from source against Node's own headers where no
  // prebuilt binary is reachable; pnpm does not read nodedir from ~/.npmrc.
  if (!process.env.npm_config_nodedir && existsSync('/usr/include/node/node.h')) {
    process.env.npm_config_nodedir = '/usr';
  }
  const frozen = existsSync(path.join(root, 'pnpm-lock.yaml')) && process.env.CI ? ['--frozen-lockfile'] : [];
  log('installing dependencies (pnpm install)');
  // Warnings and errors only: the list of every installed package is not news.
  const code = await run('pnpm', ['install', ...frozen, '--reporter=append-only', '--loglevel=warn']);
  if (code !== 0) throw new Error('pnpm install failed');
}

async function ensureChromium() {
  if (findChromium()) return true;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    log("no Chromium found: installing Debian's chromium package");
    const environment = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    await run('apt-get', ['update', '-qq'], { env: environment });
    await run('apt-get', ['install', '-y', '-qq', 'chromium'], { env: environment });
    if (findChromium()) return true;
  }
  log('No Chromium was found. Install one, for example:');
  log(
    process.platform === 'darwin' ? '  brew install --cask chromium' : '  sudo apt-get install -y chromium',
  );
  log('or point KYC_KIT_CHROMIUM at a Chromium or Chrome executable.');
  return false;
}

/** Debian's Postgres server binaries (any version), or KYC_POSTGRES_BIN. */
function findPostgres() {
  if (process.env.KYC_POSTGRES_BIN) return existsSync(path.join(process.env.KYC_POSTGRES_BIN, 'postgres'));
  const versions = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql') : [];
  return versions.some((version) => existsSync(path.join('/usr/lib/postgresql', version, 'bin', 'postgres')));
}

async function ensurePostgres() {
  if (findPostgres()) return true;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    log("no Postgres server found: installing Debian's postgresql package");
    const environment = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    await run('apt-get', ['update', '-qq'], { env: environment });
    await run('apt-get', ['install', '-y', '-qq', 'postgresql'], { env: environment });
    if (findPostgres()) return true;
  }
  log('No Postgres server binaries were found (the proxy tests start a throwaway cluster). Install them:');
  log(process.platform === 'darwin' ? '  brew install postgresql' : '  sudo apt-get install -y postgresql');
  log('or point KYC_POSTGRES_BIN at the folder holding initdb and postgres.');
  return false;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** How each build of the demo runs; Vite and Storybook print warnings and errors only. */
const BUILD_COMMANDS = {
  demo: ['pnpm', ['--filter', '@kyc-kit/demo', 'exec', 'vite', 'build', '--logLevel', 'warn']],
  // The same as `pnpm run build:storybook`, quieter.
  storybook: [
    'pnpm',
    ['exec', 'storybook', 'build', '-o', 'apps/demo/dist/storybook', '--quiet', '--loglevel', 'warn'],
  ],
};

async function demo() {
  await install();
  process.env.STORYBOOK_DISABLE_TELEMETRY = '1';
  // Only what changed since the last successful build is built again.
  const builds = DEMO_BUILDS.map((build) => ({ ...build, ...buildState(root, build) }));
  log(describeBuilds(builds));
  for (const build of builds) {
    if (build.state === 'fresh') continue;
    clearStamp(root, build);
    const [command, args] = BUILD_COMMANDS[build.name];
    if ((await run(command, args)) !== 0) throw new Error(`the ${build.label} build failed`);
    writeStamp(root, build, build.hash);
  }
  const code = await run('pnpm', ['--filter', '@kyc-kit/demo', '--silent', 'run', 'start']);
  process.exit(code);
}

async function test() {
  const started = Date.now();
  const tally = { passed: 0, failed: 0 };
  const failures = [];
  const timings = [];
  let stepStarted = Date.now();
  const count = (name, passed, failed) => {
    tally.passed += passed;
    tally.failed += failed;
    if (failed > 0) failures.push(name);
    timings.push([name, Date.now() - stepStarted]);
  };
  /** Names a step and starts its clock; the summary at the end says how long each took. */
  const step = (name) => {
    log(`── ${name}`);
    stepStarted = Date.now();
  };
  /** A check that is not a test runner counts as one test: it passed or it failed. */
  const check = async (name, command, args, environment) => {
    step(name);
    const code = await run(command, args, environment ? { env: { ...process.env, ...environment } } : {});
    count(name, code === 0 ? 1 : 0, code === 0 ? 0 : 1);
    return code === 0;
  };
  /**
   * Checks that only read the sources, run side by side (each is mostly one core's work): their output is
   * held and printed whole, in order, once all have finished. Each counts as one test; the time per step
   * shows them as one.
   */
  const checksTogether = async (steps) => {
    const started = Date.now();
    log(`── ${steps.map(([name]) => name).join(', ')} (side by side)`);
    const results = await Promise.all(
      steps.map(
        ([name, command, args]) =>
          new Promise((resolve) => {
            const child = spawn(command, args, {
              cwd: root,
              env: process.env,
              stdio: ['ignore', 'pipe', 'pipe'],
            });
            const output = [];
            child.stdout.on('data', (chunk) => output.push(chunk));
            child.stderr.on('data', (chunk) => output.push(chunk));
            child.on('error', (error) => resolve({ name, code: 127, output: [Buffer.from(error.message)] }));
            child.on('close', (code) => resolve({ name, code: code ?? 1, output }));
          }),
      ),
    );
    for (const { name, code, output } of results) {
      log(`── ${name}`);
      process.stdout.write(Buffer.concat(output));
      count(name, code === 0 ? 1 : 0, code === 0 ? 0 : 1);
    }
    // One line in the time per step: they took their time together.
    timings.splice(-steps.length, steps.length, [
      `${steps.map(([name]) => name).join(', ')}`,
      Date.now() - started,
    ]);
  };
  /** A Vitest run whose passed and failed tests are counted from its JSON report. */
  const vitest = async (name, projects) => {
    step(name);
    const output = path.join(reports, `${name.replace(/\W+/g, '-')}.json`);
    rmSync(output, { force: true });
    const projectArgs = projects.flatMap((project) => ['--project', project]);
    const code = await run('pnpm', [
      'exec',
      'vitest',
      'run',
      ...projectArgs,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${output}`,
    ]);
    const report = readJson(output);
    const passed = report?.numPassedTests ?? 0;
    const failed = (report?.numFailedTests ?? 0) + (code !== 0 && !(report?.numFailedTests > 0) ? 1 : 0);
    count(name, passed, failed);
  };

  /** A script that writes {"passed","failed"} to the report file it is given (one test per tarball or journey). */
  const counted = async (name, command, args) => {
    step(name);
    const output = path.join(reports, `${name.replace(/\W+/g, '-')}.json`);
    rmSync(output, { force: true });
    const code = await run(command, [...args, '--report', output]);
    const report = readJson(output);
    const passed = report?.passed ?? 0;
    const failed = (report?.failed ?? 0) + (code !== 0 && !(report?.failed > 0) ? 1 : 0);
    count(name, passed, failed);
    return code === 0;
  };

  process.env.STORYBOOK_DISABLE_TELEMETRY = '1';
  process.env.KYC_KIT_OPENAPI ??= path.resolve(
    root,
    '..',
    'shared',
    'upstream',
    'coinbase-customers.openapi.yaml',
  );
  mkdirSync(reports, { recursive: true });

  await install();
  const haveBrowser = await ensureChromium();
  // Without it the proxy's Postgres tests fail, and are counted as failures.
  await ensurePostgres();
  timings.push(['install', Date.now() - started]);

  await checksTogether([
    ['lint', 'pnpm', ['run', '--silent', 'lint']],
    ['typecheck', 'pnpm', ['run', '--silent', 'typecheck']],
    ['api report', 'pnpm', ['run', '--silent', 'api-report', '--check']],
  ]);
  await vitest('unit and component tests', [
    'core',
    'hooks',
    'react',
    'proxy',
    'sandbox',
    'testing',
    'scripts',
    'demo',
    'elements',
    'elements-preact',
  ]);
  await check('size budget', 'pnpm', ['run', 'size']);
  // What partners install: the tarballs, their shape, and each installed alone outside the repository.
  const packed = await check('pack (npm run pack)', 'node', ['scripts/pack-packages.mjs']);
  if (packed) {
    await counted('publint', 'node', ['scripts/check-packages.mjs', 'publint']);
    await counted('attw', 'node', ['scripts/check-packages.mjs', 'attw']);
    await counted('tarball installs', 'node', ['scripts/check-packages.mjs', 'install']);
    await counted('README samples', 'node', ['scripts/check-packages.mjs', 'readme']);
  }
  await check('storybook build', 'pnpm', ['run', 'build:storybook']);
  if (haveBrowser) {
    await vitest('story tests', ['storybook']);
    // The example apps outside the workspace, on the tarballs packed above.
    if (packed) await counted('example apps', 'node', ['scripts/examples.mjs']);
    else count('example apps (no tarballs)', 0, 1);
    step('e2e (Playwright)');
    const output = path.join(reports, 'playwright.json');
    rmSync(output, { force: true });
    const code = await run('pnpm', ['exec', 'playwright', 'test', '--reporter=list,json'], {
      env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: output },
    });
    const stats = readJson(output)?.stats;
    const failed = (stats?.unexpected ?? 0) + (code !== 0 && !(stats?.unexpected > 0) ? 1 : 0);
    count('e2e', (stats?.expected ?? 0) + (stats?.flaky ?? 0), failed);
  } else {
    count('browser tests (no Chromium)', 0, 1);
  }

  const minutes = ((Date.now() - started) / 60000).toFixed(1);
  log('time per step:');
  for (const [name, elapsed] of timings) log(`  ${(elapsed / 60000).toFixed(1).padStart(5)} min  ${name}`);
  if (failures.length > 0) log(`failed: ${failures.join(', ')}`);
  log(`finished in ${minutes} min`);
  process.stdout.write(`${tally.passed} passed, ${tally.failed} failed\n`);
  process.exit(tally.failed > 0 ? 1 : 0);
}

const command = process.argv[2];
try {
  if (command === 'demo') await demo();
  else if (command === 'test') await test();
  else {
    process.stderr.write('usage: node scripts/kit.mjs demo|test\n');
    process.exit(2);
  }
} catch (error) {
  log(error instanceof Error ? error.message : String(error));
  process.stdout.write('0 passed, 1 failed\n');
  process.exit(1);
}
