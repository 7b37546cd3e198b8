#!/usr/bin/env node
// Package shape, on the tarballs `npm run pack` wrote to .packs/ (run it first):
//   publint   publint --strict on each tarball, and every file a tarball's files name (relative
//             imports, `sourceMappingURL`, a README's relative links) is in the tarball;
//   attw      @arethetypeswrong/cli on each tarball, ESM-only profile (node16 from ESM and
//             bundler resolution must be green; CommonJS require() is not supported);
//   install   each tarball, with its @kyc-kit dependencies (as tarballs) and its peer
//             dependencies, installs into an empty folder outside the repository, and every
//             entry imports under plain node: server packages run, browser packages import
//             with no window (no DOM globals exist under node). A package with optional
//             dependencies is installed a second time without them (--no-optional), as where a
//             native build fails: the proxy must still import, and say what createSqliteStore needs.
//             The proxy serves a Terms document, sanitized in the worker thread its tarball ships (its
//             log saying no worker could start fails the check).
//             A package on better-sqlite3 is installed once more as pnpm 10 leaves it by default
//             (no build script allowed, so unbuilt): what needs it must say to run pnpm approve-builds.
//   readme    the README as the tarball ships it, followed literally in an empty folder outside the
//             repository: what its `npm install ...` lines name is installed (the @kyc-kit ones as
//             tarballs, the rest at the ranges the packages declare; pnpm's strict layout and no
//             auto-installed peers, so a package the README forgets to name cannot be imported), then
//             every ```ts / ```tsx block is type-checked against it, with strict TypeScript and
//             exactOptionalPropertyTypes, under moduleResolution bundler and node16, declaration files
//             included in the bundler run (skipLibCheck off there; attw checks node16's). A block goes on from the ones before it (it gets their
//             imports); the names a README leaves to the partner (your session lookup, your <App>) are
//             declared in `partnerNames` below. Errors name the README line.
// One line per tarball and check; the totals go to --report FILE as {"passed","failed"}. The tarballs
// are checked side by side, as many at a time as there are cores (at least two).
//
// usage: node scripts/check-packages.mjs publint|attw|install|readme [@kyc-kit/<name> ...] [--report FILE]
import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { publicPackages } from './build-packages.mjs';
import { packsDirectory, tarballName } from './pack-packages.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

/** Runs a command to its end: whether it exited 0, and what it wrote (stdout, then stderr). */
function run(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout = [];
    const stderr = [];
    child.stdout.on('data', (chunk) => stdout.push(chunk));
    child.stderr.on('data', (chunk) => stderr.push(chunk));
    child.on('error', (error) => resolve({ ok: false, output: `${command}: ${error.message}\n` }));
    child.on('close', (code) =>
      resolve({ ok: code === 0, output: `${Buffer.concat(stdout)}${Buffer.concat(stderr)}` }),
    );
  });
}

async function packedManifest(tarball) {
  const { ok, output } = await run('tar', ['xzf', tarball, '-O', 'package/package.json']);
  if (!ok) throw new Error(`cannot read package.json in ${tarball}`);
  return JSON.parse(output);
}

/**
 * The files a tarball's JS and .d.ts name that it does not hold: relative imports
 * (`from './x.js'`, `import('./x.js')`) and source maps (`//# sourceMappingURL=x.map`).
 */
async function danglingReferences(tarball) {
  const folder = mkdtempSync(path.join(tmpdir(), 'kyc-kit-files-'));
  try {
    if (!(await run('tar', ['xzf', tarball, '-C', folder])).ok) return [`cannot unpack ${tarball}`];
    const missing = [];
    const all = readdirSync(folder, { recursive: true });
    // A README's relative link must open in the tarball too (npm shows it, and so does node_modules): a file
    // it ships, or a sibling kit package's folder (`../hooks`, as node_modules/@kyc-kit/ lays them out).
    const siblings = new Set(publicPackages().map(({ manifest }) => manifest.name.split('/')[1]));
    for (const file of all.filter((name) => name.endsWith('.md'))) {
      const text = readFileSync(path.join(folder, file), 'utf8');
      for (const [, link] of text.matchAll(/\]\((?![a-z]+:|#)([^)\s]+)\)/g)) {
        const target = link.replace(/#.*$/, '');
        const sibling = /^\.\.\/([^/]+)/.exec(
          path.posix.join(path.posix.dirname(file.replace(/^package\//, '')), target),
        );
        if (sibling && siblings.has(sibling[1])) continue;
        if (!existsSync(path.join(folder, path.dirname(file), target)))
          missing.push(`${file} links to ${link}`);
      }
    }
    const files = all.filter((file) => /\.(?:m?js|d\.ts)$/.test(file));
    for (const file of files) {
      const text = readFileSync(path.join(folder, file), 'utf8');
      const named = [
        ...[...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*)["'`](\.{1,2}\/[^"'`]+)["'`]/g)].map((m) => m[1]),
        ...[...text.matchAll(/^\/\/# sourceMappingURL=(?!data:)(\S+)/gm)].map((m) => m[1]),
      ];
      for (const target of named) {
        const at = path.join(folder, path.dirname(file), target);
        // In a .d.ts, './x.js' is the declaration file './x.d.ts'.
        const declaration = file.endsWith('.d.ts') ? at.replace(/\.js$/, '.d.ts') : at;
        if (!existsSync(at) && !existsSync(declaration)) missing.push(`${file} names ${target}`);
      }
    }
    return missing;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

const checks = {
  async publint(tarball) {
    const linted = await run(bin('publint'), ['run', '--strict', tarball]);
    const missing = await danglingReferences(tarball);
    return {
      ok: linted.ok && missing.length === 0,
      output: `${linted.output}${missing.map((line) => `missing from the tarball: ${line}\n`).join('')}`,
    };
  },
  attw(tarball, manifest) {
    const styles = Object.keys(manifest.exports).filter((subpath) => subpath.endsWith('.css'));
    return run(bin('attw'), [
      tarball,
      '--profile',
      'esm-only',
      '--format',
      'ascii',
      ...(styles.length > 0 ? ['--exclude-entrypoints', ...styles] : []),
    ]);
  },
  readme(tarball, manifest) {
    return followReadme(tarball, manifest);
  },
  async install(tarball, manifest) {
    const runs = [{ optional: true, built: true }];
    // A partner whose install could not build an optional native module (better-sqlite3) still has the rest.
    if (manifest.optionalDependencies) runs.push({ optional: false, built: true });
    // pnpm 10 builds no dependency unless the app allows it: better-sqlite3 is then there, unbuilt.
    if (usesBetterSqlite3(manifest)) runs.push({ optional: true, built: false });
    let output = '';
    for (const options of runs) {
      const installed = await installAndImport(manifest, options);
      output += installed.output;
      if (!installed.ok) return { ok: false, output };
    }
    return { ok: true, output };
  },
};

function usesBetterSqlite3(manifest) {
  return 'better-sqlite3' in { ...manifest.dependencies, ...manifest.optionalDependencies };
}

/**
 * Installs the package's tarball into an empty folder outside the repository (with or without its optional
 * dependencies; `built`: with better-sqlite3's build script allowed, or as pnpm 10 leaves it by default),
 * imports every entry and runs its smoke test and CLI.
 */
async function installAndImport(manifest, { optional, built }) {
  const folder = mkdtempSync(path.join(tmpdir(), `kyc-kit-install-${manifest.name.split('/')[1]}-`));
  try {
    // The package's own @kyc-kit dependencies come from their tarballs too, never the registry.
    const local = Object.fromEntries(
      publicPackages().map(({ manifest: other }) => [
        other.name,
        `file:${path.join(packsDirectory, tarballName(other.name))}`,
      ]),
    );
    const peers = Object.fromEntries(
      Object.entries(manifest.peerDependencies ?? {}).map(([name, range]) => [
        name,
        range.split('||').at(-1).trim(),
      ]),
    );
    writeFileSync(
      path.join(folder, 'package.json'),
      JSON.stringify({
        name: 'empty-app',
        private: true,
        type: 'module',
        dependencies: { [manifest.name]: local[manifest.name], ...peers },
        pnpm: { overrides: local, ...(built ? { onlyBuiltDependencies: ['better-sqlite3'] } : {}) },
      }),
    );
    const installed = await run(
      'pnpm',
      [
        'install',
        '--no-lockfile',
        '--prefer-offline',
        '--reporter=silent',
        ...(optional ? [] : ['--no-optional']),
      ],
      { cwd: folder },
    );
    if (!installed.ok) return installed;
    const entries = Object.keys(manifest.exports).map((subpath) => manifest.name + subpath.slice(1));
    const program = [
      `for (const entry of ${JSON.stringify(entries)}) {`,
      `  if (entry.endsWith('.css')) {`,
      `    const file = new URL(import.meta.resolve(entry));`,
      `    if (!(await import('node:fs')).existsSync(file)) throw new Error(entry + ' is missing');`,
      `  } else {`,
      `    const module = await import(entry);`,
      `    if (Object.keys(module).length === 0) throw new Error(entry + ' exports nothing');`,
      `  }`,
      `  console.log('imported ' + entry);`,
      `}`,
      `if (typeof window !== 'undefined') throw new Error('an import defined window');`,
      built ? smokeTest(manifest.name, { optional }) : unbuiltSmokeTest(manifest.name),
    ].join('\n');
    writeFileSync(path.join(folder, 'check.mjs'), program);
    const imported = await run(process.execPath, ['check.mjs'], { cwd: folder });
    // The proxy's Terms documents are sanitized off the event loop, in the worker file the tarball ships.
    if (imported.ok && imported.output.includes('no worker thread could start'))
      return { ok: false, output: imported.output };
    if (!imported.ok || !manifest.bin) return imported;
    const [command] = Object.keys(manifest.bin);
    if (!built) {
      // The command cannot start a sandbox: it says why in one line, and exits 1.
      const refused = await run(path.join(folder, 'node_modules', '.bin', command), ['--port', '0'], {
        cwd: folder,
      });
      const said = refused.output.trim();
      const ok = !refused.ok && !said.includes('\n') && said.includes('pnpm approve-builds');
      return {
        ok,
        output: `${imported.output}${ok ? `${command} without the native build says what to run\n` : said}\n`,
      };
    }
    const help = await run(path.join(folder, 'node_modules', '.bin', command), ['--help'], { cwd: folder });
    return { ok: help.ok && help.output.includes('Usage'), output: `${imported.output}${help.output}` };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** With better-sqlite3 unbuilt, what needs it throws an error naming the fix (never the bindings' paths). */
function unbuiltSmokeTest(name) {
  const call =
    name === '@kyc-kit/sandbox'
      ? `(await import('@kyc-kit/sandbox')).createSandbox()`
      : `(await import('@kyc-kit/proxy')).createSqliteStore()`;
  return `
let unbuilt = '';
try {
  ${call};
} catch (error) {
  unbuilt = String(error.message);
}
if (!unbuilt.includes('pnpm approve-builds') || unbuilt.includes('Could not locate the bindings file'))
  throw new Error('with better-sqlite3 unbuilt: ' + (unbuilt || 'no error'));
console.log('${name}, with better-sqlite3 unbuilt (pnpm 10), says to run pnpm approve-builds');`;
}

/** Server packages do one real thing once imported (`optional`: with their optional dependencies installed). */
function smokeTest(name, { optional }) {
  if (name === '@kyc-kit/sandbox') {
    return `
const { createSandbox, DEFAULT_TOS_VERSION_ID } = await import('@kyc-kit/sandbox');
const sandbox = createSandbox({ publicUrl: 'http://sandbox.test' });
const answer = await sandbox.fetch(new Request('http://sandbox.test/tos/' + DEFAULT_TOS_VERSION_ID));
await sandbox.close();
if (answer.status !== 200) throw new Error('the sandbox answered ' + answer.status);
console.log('sandbox served its Terms of Service');`;
  }
  if (name === '@kyc-kit/proxy') {
    return `
const { createOnboardingHandler, createCoinbaseUpstream } = await import('@kyc-kit/proxy');
const { generateKeyPairSync } = await import('node:crypto');
const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const apiKeySecret = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
${
  optional
    ? 'const store = undefined;'
    : `// Without better-sqlite3 a partner is on Postgres (never reached here: a signed-out read asks no store).
const { createPostgresStore } = await import('@kyc-kit/proxy');
const store = createPostgresStore({ connectionString: 'postgres://kyc@127.0.0.1:9/kyc' });`
}
const handler = createOnboardingHandler({
  ...(store ? { store } : {}),
  upstream: createCoinbaseUpstream({ baseUrl: 'http://127.0.0.1:9/platform', apiKeyId: 'key', apiKeySecret }),
  resolveUser: () => null,
  webhookSecret: 'secret',
});
const answer = await handler(new Request('http://app.test/api/onboarding/customer'));
if (answer.status !== 401) throw new Error('a signed-out read answered ' + answer.status);
console.log('proxy refused a signed-out read');
// A partner whose environment variable is not set hears which option, when the server starts.
let misconfigured = '';
try {
  createOnboardingHandler({ upstream: createCoinbaseUpstream({ apiKeyId: 'key', apiKeySecret }), resolveUser: () => null, webhookSecret: process.env.KYC_KIT_UNSET_SECRET });
} catch (error) {
  misconfigured = String(error.message);
}
if (!misconfigured.startsWith('createOnboardingHandler: webhookSecret is missing')) throw new Error('without webhookSecret: ' + (misconfigured || 'no error'));
console.log('proxy without webhookSecret says so at start-up');
await handler.close();
await store?.close();
const { createSqliteStore } = await import('@kyc-kit/proxy');
${
  optional
    ? `const sqlite = createSqliteStore();
// A Terms document is sanitized in the worker thread the tarball ships (a worker that cannot start is
// logged, and fails this check in installAndImport).
await sqlite.linkCustomer('u', 'c');
const version = { versionId: 'v1', languages: ['en'], url: 'https://docs.example/terms' };
const tos = { key: 'tos', known: true, status: 'pending', rawStatus: 'pending', impact: [], tos: { versions: [version] } };
const customer = { id: 'c', provider: 'coinbase', capabilities: {}, requirements: { tos }, tosAcceptances: [], profile: {} };
const terms = createOnboardingHandler({
  store: sqlite,
  tosOrigins: ['https://docs.example'],
  resolveUser: () => ({ id: 'u' }),
  webhookSecret: 'secret',
  upstream: {
    provider: 'coinbase',
    getCustomer: async () => customer,
    fetchDocument: async () => new Response('<title>Terms</title><p>You <b>agree</b>.<script>x()</script></p>', { headers: { 'content-type': 'text/html' } }),
    createCustomer: async () => { throw new Error('not used'); },
    updateCustomer: async () => { throw new Error('not used'); },
    readWebhookEvent: () => null,
  },
});
const document = await (await terms(new Request('http://app.test/api/onboarding/tos/v1?language=en'))).json();
if (document.html !== '<p>You <b>agree</b>.</p>') throw new Error('the Terms document came back as ' + JSON.stringify(document));
await terms.close();
console.log('proxy sanitized a Terms document');
await sqlite.close();
console.log('proxy opened a SQLite store');`
    : `let refusal = '';
try {
  createSqliteStore();
} catch (error) {
  refusal = String(error.message);
}
if (!refusal.includes('npm install better-sqlite3')) throw new Error('without better-sqlite3: ' + (refusal || 'no error'));
console.log('proxy, installed without better-sqlite3, says to install it for createSqliteStore');`
}`;
  }
  return '';
}

/**
 * What each README leaves to the partner: names its samples use without defining them, declared for the
 * type check (a README that starts using another such name fails the check until it is declared here).
 */
const partnerNames = {
  '@kyc-kit/core': `declare const response: Response; // the provider's answer your server received`,
  '@kyc-kit/hooks': `declare function App(): import('react').ReactNode;
declare function OtherControls(props: { field: unknown }): import('react').ReactNode;`,
  '@kyc-kit/react': `declare function SendMoney(): import('react').ReactNode;
declare function navigate(to: string): void; // your router's
declare const client: import('@kyc-kit/hooks').ProxyClient;
declare const customerFromYourServer: import('@kyc-kit/core').Customer | null;
declare module '*.css'; // as a bundler's client types declare it (vite/client, next-env.d.ts)`,
  '@kyc-kit/elements': '',
  '@kyc-kit/proxy': `declare const mySessions: { userFor(request: Request): Promise<{ id: string } | null> };
declare const app: import('hono').Hono; // your Hono app
declare const handler: import('@kyc-kit/proxy').OnboardingHandler;
declare const server: import('node:http').Server;
declare const store: import('@kyc-kit/proxy').OnboardingStore;`,
  '@kyc-kit/sandbox': '',
};

/** The packages a README's `npm install ...` lines name (flags left out), in order, once each. */
function readmeInstalls(readme) {
  const named = [];
  for (const [, args] of readme.matchAll(/npm install ((?:[ \t]*[^\s`#]+)+)/g))
    for (const word of args.trim().split(/\s+/))
      if (!word.startsWith('-') && !named.includes(word)) named.push(word);
  return named;
}

/** The ```ts and ```tsx blocks of a README (indented ones too), with the line each starts on. */
function readmeBlocks(readme) {
  const blocks = [];
  for (const match of readme.matchAll(/^( *)```(tsx?)\n([\s\S]*?)^\1```$/gm)) {
    const line = readme.slice(0, match.index).split('\n').length + 1;
    const code = match[3]
      .split('\n')
      .map((text) => text.slice(match[1].length))
      .join('\n');
    blocks.push({ line, extension: match[2], code });
  }
  return blocks;
}

/** The import declarations of a block, and the local names each binds. */
function importsOf(code) {
  return [...code.matchAll(/^import\s+(?:type\s+)?([^'"]*?)\s*(?:from\s*)?['"][^'"]+['"];?$/gm)].map((m) => ({
    text: m[0],
    names: m[1]
      .replace(/[{}]/g, ',')
      .split(',')
      .map((part) =>
        part
          .trim()
          .replace(/^type\s+/, '')
          .split(/\s+as\s+/)
          .at(-1)
          .replace(/^\*\s*as\s+/, ''),
      )
      .filter((name) => name !== '' && name !== '*'),
  }));
}

/** Follows the tarball's README in an empty folder: installs what it says, type-checks its samples. */
async function followReadme(tarball, manifest) {
  const readme = (await run('tar', ['xzf', tarball, '-O', 'package/README.md'])).output;
  const named = readmeInstalls(readme);
  if (!named.includes(manifest.name))
    return { ok: false, output: `the README has no \`npm install\` line naming ${manifest.name}\n` };
  const packs = publicPackages().map(({ manifest: other }) => other);
  const local = Object.fromEntries(
    packs.map((other) => [other.name, `file:${path.join(packsDirectory, tarballName(other.name))}`]),
  );
  const declared = Object.assign(
    {},
    ...packs.map((other) => ({ ...other.optionalDependencies, ...other.dependencies })),
    ...packs.map((other) =>
      Object.fromEntries(
        Object.entries(other.peerDependencies ?? {}).map(([name, range]) => [
          name,
          range.split('||').at(-1).trim(),
        ]),
      ),
    ),
  );
  const dependencies = {};
  for (const name of named) {
    const range = local[name] ?? declared[name];
    if (range === undefined)
      return {
        ok: false,
        output: `the README says to install ${name}, which no kyc-kit package depends on\n`,
      };
    dependencies[name] = range;
  }
  const rootManifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const server = manifest.engines?.node !== undefined;
  // What a TypeScript partner adds themselves: the types of React (when the README installs it) and of node.
  const typing = [...(dependencies.react ? ['@types/react'] : []), ...(server ? ['@types/node'] : [])];
  const devDependencies = Object.fromEntries(
    typing.map((name) => [name, rootManifest.devDependencies[name]]),
  );
  const folder = mkdtempSync(path.join(tmpdir(), `kyc-kit-readme-${manifest.name.split('/')[1]}-`));
  try {
    writeFileSync(
      path.join(folder, 'package.json'),
      JSON.stringify({
        name: 'readme-app',
        private: true,
        type: 'module',
        dependencies,
        devDependencies,
        pnpm: { overrides: local, onlyBuiltDependencies: ['better-sqlite3'] },
      }),
    );
    // No peer is installed that the README does not name.
    writeFileSync(path.join(folder, '.npmrc'), 'auto-install-peers=false\n');
    const installed = await run(
      'pnpm',
      ['install', '--no-lockfile', '--prefer-offline', '--reporter=silent'],
      {
        cwd: folder,
      },
    );
    if (!installed.ok) return installed;
    const blocks = readmeBlocks(readme);
    const files = [];
    const earlier = [];
    for (const { line, extension, code } of blocks) {
      const own = importsOf(code);
      const bound = new Set(own.flatMap(({ names }) => names));
      const carried = [];
      for (const declaration of earlier)
        if (declaration.names.every((name) => !bound.has(name)) && !carried.includes(declaration.text)) {
          carried.push(declaration.text);
          for (const name of declaration.names) bound.add(name);
        }
      earlier.push(...own);
      const file = `README.md-line-${line}.${extension}`;
      // The carried imports go on the sample's first line, so an error's line number is the README's.
      writeFileSync(path.join(folder, file), `${carried.join(' ')} export {};\n${code}`);
      files.push({ file, line });
    }
    writeFileSync(path.join(folder, 'partner.d.ts'), `${partnerNames[manifest.name] ?? ''}\n`);
    const compilerOptions = {
      strict: true,
      exactOptionalPropertyTypes: true,
      noEmit: true,
      target: 'es2022',
      lib: ['es2023', 'dom', 'dom.iterable'],
      jsx: 'react-jsx',
      types: server ? ['node'] : [],
    };
    let output = `${blocks.length} samples; installed ${named.join(' ')}\n`;
    let ok = blocks.length > 0;
    for (const resolution of ['bundler', 'node16']) {
      writeFileSync(
        path.join(folder, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            ...compilerOptions,
            module: resolution === 'bundler' ? 'esnext' : 'node16',
            moduleResolution: resolution,
            // The declaration files are checked once, in the first run; attw checks that they resolve
            // under node16 as well, so the second run checks only the samples against them.
            skipLibCheck: resolution !== 'bundler',
          },
          files: ['partner.d.ts', ...files.map(({ file }) => file)],
        }),
      );
      const checked = await run(bin('tsc'), ['-p', 'tsconfig.json', '--pretty', 'false'], { cwd: folder });
      // README.md-line-20.ts(3,5) -> README.md:22:5 (the file's first line is the carried imports).
      const located = checked.output.replace(
        /README\.md-line-(\d+)\.tsx?\((\d+),(\d+)\)/g,
        (_, start, row, column) => `README.md:${Number(start) + Number(row) - 2}:${column}`,
      );
      if (!checked.ok) ok = false;
      output += `moduleResolution ${resolution}: ${checked.ok ? 'ok' : `\n${located}`}\n`;
    }
    return { ok, output };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

const [kind, ...rest] = process.argv.slice(2);
const reportIndex = rest.indexOf('--report');
const report = reportIndex === -1 ? undefined : rest[reportIndex + 1];
if (!(kind in checks)) {
  process.stderr.write(
    'usage: node scripts/check-packages.mjs publint|attw|install|readme [@kyc-kit/<name> ...] [--report FILE]\n',
  );
  process.exit(2);
}
// Package names after the kind check those alone (`readme @kyc-kit/proxy`).
const only = rest.filter((arg, index) => arg.startsWith('@') && rest[index - 1] !== '--report');
const tally = { passed: 0, failed: 0 };
const selected = publicPackages().filter(({ manifest }) => only.length === 0 || only.includes(manifest.name));

async function checkOne({ manifest }) {
  const tarball = path.join(packsDirectory, tarballName(manifest.name));
  if (!existsSync(tarball)) return { ok: false, output: `${tarball} is missing: run npm run pack` };
  return checks[kind](tarball, await packedManifest(tarball));
}

// The packages are checked side by side, one per core (installs wait on the disk and the registry,
// type checks on a core), and reported in their order.
const results = selected.map(() => undefined);
let next = 0;
async function worker() {
  while (next < selected.length) {
    const index = next++;
    results[index] = checkOne(selected[index]);
    await results[index];
  }
}
await Promise.all(
  Array.from({ length: Math.min(selected.length, Math.max(2, availableParallelism())) }, worker),
);
for (const [index, { manifest }] of selected.entries()) {
  const result = await results[index];
  if (result.ok) tally.passed += 1;
  else tally.failed += 1;
  process.stdout.write(`${result.ok ? '✓' : '✗'} ${kind} ${manifest.name}\n`);
  if (!result.ok || process.env.KYC_KIT_VERBOSE) process.stdout.write(`${result.output.trim()}\n`);
}
if (report) {
  mkdirSync(path.dirname(report), { recursive: true });
  writeFileSync(report, JSON.stringify(tally));
}
process.stdout.write(`${kind}: ${tally.passed} passed, ${tally.failed} failed\n`);
process.exit(tally.failed > 0 ? 1 : 0);
