#!/usr/bin/env node
// The browser bundle is measured: this prints the figures and fails when a budget
// is exceeded. Sizes are minified + gzipped, as a partner's bundler would ship them.
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const kilobytes = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

/** Peer dependencies a partner app already has; "own JS" leaves them out. */
const peers = [
  'react',
  'react-dom',
  '@tanstack/react-query',
  'react-hook-form',
  '@hookform/resolvers',
  'zod',
  'libphonenumber-js',
];

/**
 * Core modules a browser bundle must never contain: the provider schemas and adapters
 * (server-side, classic zod), the request-body schemas only the proxy parses, and the
 * Spanish catalogue, which apps opt into through `@kyc-kit/core/locales/es`. Failing here
 * names the import that dragged one in, which a size figure alone would not.
 */
const serverOnlyModules = [
  /packages\/core\/src\/providers\/(coinbaseSchemas|omsSchemas)\.ts$/,
  /packages\/core\/src\/adapters\/(adapters|coinbaseAdapter|omsAdapter|providerError|ProviderShapeError)\.ts$/,
  /packages\/core\/src\/(buildPatch|buildTosAcceptance|requestBodySchemas)\.ts$/,
  /packages\/core\/src\/messages\/es\.ts$/,
];

async function bundle({ contents, external, loader = 'js' }) {
  const result = await build({
    // Resolved from @kyc-kit/react's folder, which depends on core and hooks.
    stdin: { contents, resolveDir: path.join(root, 'packages', 'react'), loader },
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['source'],
    external: external.flatMap((name) => [name, `${name}/*`]),
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
    metafile: true,
  });
  const output = result.outputFiles[0]?.contents ?? new Uint8Array();
  // The output's inputs, not the metafile's: those list every file read, shaken out or not.
  const shipped = Object.values(result.metafile.outputs).flatMap((file) =>
    Object.entries(file.inputs)
      .filter(([, input]) => input.bytesInOutput > 0)
      .map(([name]) => name),
  );
  const serverOnly = shipped.filter((file) => serverOnlyModules.some((pattern) => pattern.test(file)));
  if (serverOnly.length > 0) {
    throw new Error(`server-only or opt-in modules reached the browser bundle: ${serverOnly.join(', ')}`);
  }
  return gzipSync(output, { level: 9 }).byteLength;
}

const budgets = [
  {
    // What a browser app ships from the three packages: every export of hooks and react, plus
    // whatever of core those reach. Core's server-only exports (provider schemas, adapters,
    // request builders) are used by the proxy and sandbox, never by a browser, so they are not
    // counted; everything of ours the browser does run is (no file of ours is marked external).
    name: 'core + hooks + react, own JS',
    limit: 25 * 1024,
    measure: () =>
      bundle({
        contents: "export * from '@kyc-kit/hooks'; export * from '@kyc-kit/react';",
        external: peers,
      }),
  },
  {
    name: '@kyc-kit/react styles.css',
    limit: 6 * 1024,
    measure: () => bundle({ contents: "@import './src/styles.css';", external: [], loader: 'css' }),
  },
  {
    name: '<Onboarding> with every dependency but react and react-dom',
    limit: 100 * 1024,
    measure: () =>
      bundle({
        contents: "export { Onboarding } from '@kyc-kit/react';",
        external: ['react', 'react-dom'],
      }),
  },
];

let failed = 0;
for (const budget of budgets) {
  try {
    const size = await budget.measure();
    const ok = size <= budget.limit;
    if (!ok) failed += 1;
    process.stdout.write(
      `${ok ? '✓' : '✗'} ${budget.name}: ${kilobytes(size)} (budget ${kilobytes(budget.limit)}, min+gzip)\n`,
    );
  } catch (error) {
    failed += 1;
    process.stdout.write(`✗ ${budget.name}: ${error instanceof Error ? error.message : error}\n`);
  }
}
process.exit(failed > 0 ? 1 : 0);
