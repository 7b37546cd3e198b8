#!/usr/bin/env node
// `npm run bench`: the same 20-field KYC form in rjsf + ajv8, JSON Forms, a react-hook-form +
// zod/mini + TanStack Query floor, kyc-kit's <Onboarding> and plain React, built in one Vite
// setup, then measured: gzip and brotli sizes over the plain page and their ratios, React
// commits per keystroke in jsdom, and first-input time in Chromium at 4x CPU slowdown (median
// of --runs interleaved runs, 15 by default). Prints a table and writes bench/results/latest.{json,md}.
// Installs what it needs (the workspace, then bench/'s own locked dependencies); never part of `npm test`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(benchDir, '..');
const argument = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : process.argv[index + 1];
};
const runs = Number(argument('runs', process.env.BENCH_RUNS ?? 15));
const skipBrowser = process.argv.includes('--skip-browser');

function log(message) {
  process.stdout.write(`\x1b[1m[bench]\x1b[0m ${message}\n`);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env, ...options });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed`);
}

/** pnpm as scripts/kit.mjs installs it (a cache folder), else the one on PATH. */
function ensurePnpm() {
  const version = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).packageManager.replace(
    /^pnpm@/,
    '',
  );
  const prefix = path.join(
    process.env.XDG_CACHE_HOME ?? path.join(homedir(), '.cache'),
    'kyc-kit',
    `pnpm-${version}`,
  );
  const binDirectory = path.join(prefix, 'node_modules', '.bin');
  if (!existsSync(path.join(binDirectory, 'pnpm')) && spawnSync('pnpm', ['--version']).status !== 0) {
    log(`installing pnpm ${version} into ${prefix}`);
    mkdirSync(prefix, { recursive: true });
    run('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', prefix, `pnpm@${version}`]);
  }
  process.env.PATH = `${binDirectory}${path.delimiter}${process.env.PATH}`;
}

ensurePnpm();
if (!existsSync(path.join(root, 'node_modules', '.modules.yaml'))) {
  log('installing the workspace (pnpm install)');
  run('pnpm', ['install', '--frozen-lockfile', '--reporter=append-only']);
}
// The comparison libraries live in bench/'s own lockfile, outside the workspace install.
log('installing the bench dependencies (bench/pnpm-lock.yaml)');
run('pnpm', ['install', '--ignore-workspace', '--frozen-lockfile', '--reporter=silent'], { cwd: benchDir });

const { buildPages, kilobytes, PAGES } = await import('./buildPages.mjs');
const outDir = path.join(benchDir, 'dist');
log('building every page with one Vite config');
const sizes = await buildPages({ outDir });

log('counting React commits per keystroke in jsdom');
const commitsFile = path.join(tmpdir(), `kyc-kit-bench-commits-${process.pid}.json`);
run(
  path.join(root, 'node_modules', '.bin', 'vitest'),
  ['run', '--config', 'vitest.config.mjs', '--reporter=dot'],
  {
    cwd: benchDir,
    // Vite's build set NODE_ENV=production in this process; the jsdom run wants React's development build (act, Profiler).
    env: { ...process.env, NODE_ENV: 'test', BENCH_COMMITS_FILE: commitsFile },
  },
);
const commits = JSON.parse(readFileSync(commitsFile, 'utf8'));

let firstInput;
let firstInputCpu;
if (!skipBrowser) {
  log(`timing the first focusable input in Chromium, CPU 4x slower, ${runs} interleaved runs per page`);
  const { measureFirstInput, measureFirstInputCpu } = await import('./firstInput.mjs');
  firstInput = await measureFirstInput({ outDir, pages: sizes, runs });
  log(`tracing the main thread's CPU time before the first input, ${runs} interleaved runs per page`);
  firstInputCpu = await measureFirstInputCpu({ outDir, pages: sizes, runs });
}

const labels = {
  native: 'native React page',
  rjsf: 'rjsf 6 + ajv8',
  jsonforms: 'JSON Forms 3.8 (vanilla)',
  floor: 'RHF + zod/mini + react-query',
  kit: 'kyc-kit `<Onboarding>`',
  kitPrefetched: 'kyc-kit, customer prefetched',
};
const native = sizes.native;
// What a page loads with no action of the user's: its first chunks and what it imports right
// after its first paint (the kit's phone parser), as the size budgets count it.
const loaded = (page, kind) => page.js[kind] + page.afterFirstPaint[kind];
// JS over the plain page; the CSS has a column (and a budget) of its own.
const over = (page, kind) => loaded(page, kind) - loaded(native, kind);
const rjsfOver = over(sizes.rjsf, 'gzip');
const ratio = (value, base) => `${(value / base).toFixed(2)}x`;
const rows = PAGES.map((name) => {
  const page = sizes[name];
  const time = firstInput?.[name]?.median;
  const cpu = firstInputCpu?.[name]?.median;
  return {
    page: labels[name],
    'JS gzip': kilobytes(loaded(page, 'gzip')),
    'JS brotli': kilobytes(loaded(page, 'brotli')),
    'CSS gzip': kilobytes(page.css.gzip),
    'JS over native, gzip': name === 'native' ? '—' : kilobytes(over(page, 'gzip')),
    'JS over native, brotli': name === 'native' ? '—' : kilobytes(over(page, 'brotli')),
    'vs rjsf': name === 'native' ? '—' : ratio(over(page, 'gzip'), rjsfOver),
    'on demand, gzip': page.onDemand.gzip > 0 ? kilobytes(page.onDemand.gzip) : '—',
    'commits / keystroke': String(commits[name]),
    'first input, ms': time === undefined ? 'not run' : String(Math.round(time)),
    'vs native': time === undefined ? '—' : ratio(time, firstInput.native.median),
    'CPU before it, ms': cpu === undefined ? 'not run' : cpu.toFixed(1),
    'CPU vs native': cpu === undefined ? '—' : ratio(cpu, firstInputCpu.native.median),
  };
});
const columns = Object.keys(rows[0]);
const markdown = [
  `| ${columns.join(' | ')} |`,
  `| ${columns.map((column, index) => (index === 0 ? '---' : '---:')).join(' | ')} |`,
  ...rows.map((row) => `| ${columns.map((column) => row[column]).join(' | ')} |`),
].join('\n');
const note =
  `Sizes: Vite ${(await import('vite')).version} production builds (rolldown, minified), one config, one build per page; each page's entry chunk, ` +
  `static imports, what it imports right after its first paint (the kit: the phone parser with +1's rules) and CSS, gzip -9 / brotli -q 11 per file; ` +
  `"JS over native" subtracts the plain page's JS (React, react-dom and the form's option lists); "vs rjsf" divides that by rjsf's. ` +
  `"On demand" is loaded by import() only when the user needs it (the kit: every other country's phone rules). ` +
  `Commits: React Profiler commits per keystroke in jsdom, 5 keystrokes in the first text box. ` +
  (firstInput
    ? `First input: Chromium, CPU 4x slower (CDP Emulation.setCPUThrottlingRate), cold context per load, median of ${runs} interleaved runs, from navigation start to the first focusable input in the document. ` +
      `CPU before it: the page's main thread's CPU time up to that input, from a Chromium trace (thread time), CPU not slowed, median of ${runs} more interleaved runs: ` +
      `network and timers left out, and far less disturbed by other work on the machine than the clock.`
    : 'First input: not run (--skip-browser).');
mkdirSync(path.join(benchDir, 'results'), { recursive: true });
writeFileSync(path.join(benchDir, 'results', 'latest.md'), `${markdown}\n\n${note}\n`);
writeFileSync(
  path.join(benchDir, 'results', 'latest.json'),
  `${JSON.stringify({ date: new Date().toISOString(), node: process.version, runs, sizes: Object.fromEntries(Object.entries(sizes).map(([name, page]) => [name, { js: page.js, afterFirstPaint: page.afterFirstPaint, css: page.css, onDemand: page.onDemand }])), commits, firstInput, firstInputCpu }, null, 2)}\n`,
);
process.stdout.write(`\n${markdown}\n\n${note}\n`);
