#!/usr/bin/env node
// The browser bundle is measured: this prints the figures and fails when a budget is exceeded.
// It builds with the benchmark's own Vite setup (bench/buildPages.mjs: one production build,
// minified, gzip -9 per file as a server sends them), so a budget here and a figure in the
// README's benchmark table mean the same thing. It needs only the workspace install: the
// comparison libraries (rjsf, JSON Forms) are the benchmark's (`npm run bench`), and so are
// the ratios to them.
//
// `--why` also prints, per build, its biggest modules (each one's own minified code, gzip -9 alone,
// so a ranking rather than a sum) and what the kit's packages weigh together: where bytes go.
// `--why=40` prints 40 rows instead of 15.
//
// To add a budget, append to `budgets`: a name, a limit in bytes, and `measure(builds)`
// returning bytes from one of the builds below (or a build of your own through buildPages).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { buildPages, kilobytes } from '../bench/buildPages.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The shared packages (react, zod, ...) come from @kyc-kit/react's dependencies: no bench install needed. */
const resolveFrom = path.join(root, 'packages', 'react');

/**
 * Peer dependencies a partner app already has; "own JS" leaves them out. libphonenumber-js's
 * +1 rules are its data, generated into core (phoneMetadataInline.ts): they count with the
 * library, not as code of ours (they do count in the whole <Onboarding> figure).
 */
const peers = [
  'react',
  'react-dom',
  '@tanstack/react-query',
  'react-hook-form',
  'zod',
  'libphonenumber-js',
];
const isPeer = (id) =>
  peers.some((name) => id === name || id.startsWith(`${name}/`)) || /phoneMetadataInline(\.ts)?$/.test(id);

/**
 * Core modules a browser bundle must never contain: the provider schemas and adapters
 * (server-side, classic zod), the request-body schemas only the proxy parses, and the
 * Spanish catalogue, which apps opt into through `@kyc-kit/core/locales/es`. Failing here
 * names the import that dragged one in, which a size figure alone would not.
 */
const serverOnlyModules = [
  /packages\/core\/src\/providers\/(coinbaseSchemas|omsSchemas)\.ts$/,
  /packages\/core\/src\/adapters\/(adapters|coinbaseAdapter|omsAdapter|providerError|ProviderShapeError)\.ts$/,
  /packages\/core\/src\/(buildPatch|buildTosAcceptance|requestBodySchemas|checkRequestBody)\.ts$/,
  /packages\/core\/src\/messages\/es\.ts$/,
];

function refuseServerOnly(page) {
  const found = page.modules.filter((file) => serverOnlyModules.some((pattern) => pattern.test(file)));
  if (found.length > 0) {
    throw new Error(`server-only or opt-in modules reached the browser bundle: ${found.join(', ')}`);
  }
}

const KB = 1024;
const budgets = [
  {
    // What a browser app ships from the three packages: every export of hooks and react, plus
    // whatever of core those reach, peers external. Issue #15's target is 15 KB. The limit was
    // 25 KB (24.4 KB measured) before the framework-free onboarding engine, the ITIN, passport
    // and driver's license specs with per-provider encoders, partner field specs, the stricter
    // text, SSN and age rules and their messages; with them it measures about 27 KB. Issue #16's
    // rejected-field re-collection, the done screen's `done` and `doneAction`, the "Action
    // needed" / "In review" copy and their messages cost 0.6 KB (27.4 -> 28.0 KB, 28,644 B):
    // the limit moved by 0.5 KB, the rest was trimmed. +130 B (measured) for GET /customer's
    // null answer and the Terms' link to the full document (issue #16). +604 B (measured: 28,742 ->
    // 29,346 B) for issue #16's compliance block at a natural point (the engine's hold, the
    // refusal rule, the Terms' accept showing it, focus never taken from the page) and the
    // partner's support contact (`supportLinks`, <SupportLinks>, two messages). +1,725 B
    // (measured: 29,346 -> 31,071 B) for issue #16's step count fixed at the start and kept across
    // a reload, the review step ("Check your answers", Change, `reviewValue`), Back on the Terms
    // and "What happens next", after trimming what could go (the review's intro line, the W-9's text).
    // Issue #15's deferred country lists (their options after the first paint: the first input
    // no longer waits for 250 country names) cost about 0.35 KB and the ISO codes read off the
    // phone table instead of a list of their own save 0.7 KB here (0.6 KB on the kit page: the
    // table counts with libphonenumber in this figure, see `isPeer`): measured 30,726 B (main
    // 31,071 B). English option labels that only spell out their value ("Arts and media") are
    // made from it, not written in the catalogue (same catalogue, key for key): -842 B, measured
    // 29,884 B (29,903 B after rebasing on main); the limit is that plus 0.2 KB.
    // Issue #15's first step shown while GET /customer is in flight (a Continue meanwhile waits
    // for the read, `readFailed`, `firstStepReady`): +244 B, measured 30,147 B; the limit moved by that.
    // The plan known only from the customer (issue #15: a missing capability requested while the
    // step stays, a guess minus what an existing customer gave, no count from a guess, focus moved
    // only from within the step): +207 B, measured 30,354 B; the limit moved by 0.03 KB.
    name: 'core + hooks + react, own JS',
    limit: 30_147 + 205 + 30,
    target: 15 * KB,
    measure: ({ ownCode }) => ownCode.js.gzip,
  },
  {
    name: '@kyc-kit/react styles.css',
    limit: 6 * KB,
    measure: ({ pages }) => pages.kit.css.gzip,
  },
  {
    // The bench's kit page (<Onboarding> on a customer with all 20 keys due) minus the bench's
    // plain React page with the same 20 fields: what the whole flow costs a partner's page,
    // dependencies included. Chunks loaded by import() (other countries' phone rules) are not
    // counted: a page that never needs them never downloads them. Issue #15's target is 62 KB;
    // issue #16's re-collection, done action, status copy and Terms link put it at 62.1 KB, so
    // the limit sits 0.25 KB above the target until the form's code is trimmed. +604 B (measured:
    // 63,556 -> 64,160 B) for the compliance block at a natural point and the support contact.
    // +1,708 B (measured: 64,160 -> 65,868 B) for the fixed step count, the review step, Back on
    // the Terms and "What happens next" (issue #16).
    // Issue #15's deferred country lists and the country codes shipped once (in the phone
    // table) take 253 B off: measured 65,615 B (main 65,868 B). The option labels made from
    // their values take 747 B more: measured 64,868 B (64,890 B after rebasing on main: 1.4 KB over
    // the target); the limit is that
    // plus 0.2 KB. The first step shown while GET /customer is in flight (issue #15; first input
    // 1.61x -> 1.20x native): +249 B, measured 65,139 B; the limit moved by that. The plan known
    // only from the customer (issue #15, see above): +222 B, measured 65,361 B; the limit moved by 0.03 KB.
    name: '<Onboarding> JS over a native-form React page',
    limit: 65_139 + 205 + 30,
    target: 62 * KB,
    measure: ({ pages }) => pages.kit.js.gzip - pages.native.js.gzip,
  },
  {
    // The one file a page with no build step loads, with its renderer (Preact), built as it ships.
    // 101,784 B before issue #16's block and support contact (about +720 B); dropping Vite's
    // unused preload helper from this one-file build (-702 B) keeps it at 101,817 B. +1,843 B
    // (measured: 101,817 -> 103,660 B) for the fixed step count, the review step, Back on the
    // Terms and "What happens next" (issue #16).
    // Issue #15's deferred country lists: +367 B (measured 104,027 B). Then every country's phone
    // rules moved out of the file into standalone-phone-rules.js, which it imports only when a number
    // outside +1 is typed (-19.5 KB: 84,053 B measured), so the limit is issue #12's 100 KB again.
    // The option labels made from their values: 83,347 B measured.
    name: '@kyc-kit/elements/standalone, renderer included',
    limit: 100 * KB,
    measure: ({ standalone }) => standalone.gzip,
  },
];

/**
 * Builds `@kyc-kit/elements`' standalone file in memory with the package's own Vite config (Preact aliased for
 * React), as `pnpm --filter @kyc-kit/elements run build` writes it: its modules and its gzip -9 size, and the
 * gzip -9 size of what it loads by import() (every country's phone rules), which a page may never download.
 */
async function buildStandalone() {
  const { build } = await import('vite');
  const directory = path.join(root, 'packages', 'elements');
  const result = await build({
    root: directory,
    configFile: path.join(directory, 'vite.config.ts'),
    mode: 'standalone',
    logLevel: 'silent',
    build: { write: false, sourcemap: false },
  });
  const entry = [result]
    .flat()
    .flatMap((output) => output.output ?? [])
    .find((chunk) => chunk.type === 'chunk' && chunk.isEntry);
  if (entry === undefined) throw new Error('the standalone build produced no entry chunk');
  const onDemand = [result]
    .flat()
    .flatMap((output) => output.output ?? [])
    .filter((chunk) => chunk.type === 'chunk' && !chunk.isEntry)
    .reduce((sum, chunk) => sum + gzipSync(chunk.code, { level: 9 }).byteLength, 0);
  return { modules: entry.moduleIds, gzip: gzipSync(entry.code, { level: 9 }).byteLength, onDemand };
}

const whyArgument = process.argv.find((argument) => argument === '--why' || argument.startsWith('--why='));
const whyRows = whyArgument === undefined ? 0 : Number(whyArgument.split('=')[1] ?? 15);

/** A module id as a reader finds it: repository-relative, or the package name for node_modules. */
function shortName(id) {
  const inPackages = id.lastIndexOf('/node_modules/');
  if (inPackages !== -1) return id.slice(inPackages + '/node_modules/'.length);
  return path.relative(root, id.replace(/^\0/, '')) || id;
}

/** Prints the `rows` biggest modules of a build and the total per kit package / dependency. */
function printWhy(title, moduleSizes, rows) {
  const groups = new Map();
  for (const module of moduleSizes) {
    const name = shortName(module.id);
    const group = /^packages\/([^/]+)\//.exec(name)?.[1] ?? /^((@[^/]+\/)?[^/]+)/.exec(name)?.[1] ?? name;
    groups.set(group, (groups.get(group) ?? 0) + module.gzip);
  }
  process.stdout.write(`\n  ${title}: biggest modules (own code, min+gzip alone)\n`);
  for (const module of [...moduleSizes].sort((left, right) => right.gzip - left.gzip).slice(0, rows)) {
    process.stdout.write(`    ${kilobytes(module.gzip).padStart(8)}  ${shortName(module.id)}\n`);
  }
  process.stdout.write(`  ${title}: per package (sum of the above, so over the chunk's gzip)\n`);
  for (const [group, gzip] of [...groups].sort((left, right) => right[1] - left[1])) {
    process.stdout.write(`    ${kilobytes(gzip).padStart(8)}  ${group}\n`);
  }
}

const scratch = mkdtempSync(path.join(tmpdir(), 'kyc-kit-size-'));
let failed = 0;
try {
  const pages = await buildPages({
    pages: ['native', 'kit'],
    outDir: path.join(scratch, 'pages'),
    resolveFrom,
  });
  const { ownCode } = await buildPages({
    pages: ['ownCode'],
    outDir: path.join(scratch, 'own'),
    resolveFrom,
    external: isPeer,
  });
  const standalone = await buildStandalone();
  refuseServerOnly(pages.kit);
  refuseServerOnly(ownCode);
  refuseServerOnly(standalone);
  const builds = { pages, ownCode, standalone };
  for (const budget of budgets) {
    const size = budget.measure(builds);
    const ok = size <= budget.limit;
    if (!ok) failed += 1;
    const gap =
      budget.target !== undefined && size > budget.target
        ? `; target ${kilobytes(budget.target)}, ${kilobytes(size - budget.target)} to go`
        : '';
    process.stdout.write(
      `${ok ? '✓' : '✗'} ${budget.name}: ${kilobytes(size)} = ${size} B (budget ${kilobytes(budget.limit)}${gap}, min+gzip)\n`,
    );
  }
  if (whyRows > 0) {
    printWhy('own JS', ownCode.moduleSizes, whyRows);
    printWhy('kit page', pages.kit.moduleSizes, whyRows);
  }
  if (pages.kit.onDemand.gzip > 0) {
    process.stdout.write(
      `  on demand, not counted: ${kilobytes(pages.kit.onDemand.gzip)} (every country's phone rules)\n`,
    );
  }
  if (standalone.onDemand > 0) {
    process.stdout.write(
      `  standalone on demand, not counted: ${kilobytes(standalone.onDemand)} (standalone-phone-rules.js)\n`,
    );
  }
} catch (error) {
  failed += 1;
  process.stdout.write(`✗ size budget: ${error instanceof Error ? error.message : error}\n`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
process.exit(failed > 0 ? 1 : 0);
