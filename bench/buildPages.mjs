// Vite (rolldown) production builds of the bench pages, one config, and what each page ships:
// the entry chunk, every chunk it imports statically and its CSS, minified, then gzip
// (level 9) and brotli (quality 11) per file, as a server would send them. Chunks reached
// only through `import()` are counted apart ("on demand"). Shared by bench/run.mjs and
// scripts/size-budget.mjs, so the budgets and the benchmark measure alike.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { build } from 'vite';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const repoDir = path.resolve(benchDir, '..');

/** Every page of the bench: a module exporting `App`, mounted by `src/entries/<name>.tsx`. */
export const PAGES = ['native', 'rjsf', 'jsonforms', 'floor', 'kit', 'kitPrefetched'];

function entryFile(page) {
  const tsx = path.join(benchDir, 'src/entries', `${page}.tsx`);
  return existsSync(tsx) ? tsx : path.join(benchDir, 'src/entries', `${page}.ts`);
}

/** Packages of which one copy must be bundled, however many packages import them. */
const SHARED = [
  'react',
  'react-dom',
  'react-hook-form',
  '@tanstack/react-query',
  '@hookform/resolvers',
  'zod',
];

/**
 * The Vite config of the bench. `resolveFrom` is the folder whose node_modules provide the
 * shared packages (bench/ once `npm run bench` installed it; packages/react for the size
 * budgets, which need no bench install); the kit is read from its sources.
 */
export function benchViteConfig({ pages = PAGES, outDir, resolveFrom = benchDir, external } = {}) {
  return {
    configFile: false,
    root: resolveFrom,
    logLevel: 'warn',
    mode: 'production',
    plugins: [react()],
    resolve: {
      alias: [
        {
          find: '@kyc-kit/react/styles.css',
          replacement: path.join(repoDir, 'packages/react/src/styles.css'),
        },
        {
          find: /^@kyc-kit\/(core|hooks|react)$/,
          replacement: path.join(repoDir, 'packages/$1/src/index.ts'),
        },
      ],
      dedupe: SHARED,
      // As apps/demo does: the kit's packages import each other (and any subpath) through their
      // workspace links, read from src/ by the "source" export condition.
      conditions: ['source', 'module', 'browser', 'development|production'],
    },
    build: {
      outDir,
      emptyOutDir: true,
      manifest: true,
      minify: true,
      // The pages load from one origin: a page's chunks are what it costs, nothing inlined apart.
      modulePreload: { polyfill: false },
      chunkSizeWarningLimit: 2048,
      rolldownOptions: {
        // An entry's exports are kept (the size budget's own-code entry is all exports).
        preserveEntrySignatures: 'exports-only',
        ...(external ? { external } : {}),
        input: Object.fromEntries(pages.map((page) => [page, entryFile(page)])),
      },
    },
  };
}

function compressed(bytes) {
  return {
    raw: bytes.byteLength,
    gzip: gzipSync(bytes, { level: 9 }).byteLength,
    brotli: brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength },
    }).byteLength,
  };
}

function sum(sizes) {
  return sizes.reduce(
    (total, size) => ({
      raw: total.raw + size.raw,
      gzip: total.gzip + size.gzip,
      brotli: total.brotli + size.brotli,
    }),
    { raw: 0, gzip: 0, brotli: 0 },
  );
}

/**
 * Whether a chunk loaded by import() holds the kit's phone parser (core's phoneParser.ts with
 * +1's rules, phoneMetadataNanp.ts): the hooks import it right after the first paint of any
 * form that plans a phone number, so a page always downloads it, unlike every other country's
 * rules, which load only when the user needs them.
 */
export const loadsAfterFirstPaint = (moduleIds) =>
  moduleIds.some((id) => /packages\/core\/src\/fields\/phone(Parser|MetadataNanp)(\.ts)?$/.test(id));

/**
 * Builds each page on its own (the same config, one build per page, so a page's chunks never
 * depend on which other pages exist) into `outDir/<page>/`, and returns, per page,
 * `{ js, css, afterFirstPaint, onDemand, onDemandFiles, files, modules, moduleSizes }`: sizes
 * `{ raw, gzip, brotli }` in bytes (`js` before the first input, `afterFirstPaint` and `onDemand`
 * the import() chunks as {@link loadsAfterFirstPaint} splits them), each file loaded only by
 * `import()` with its sizes and the source modules rendered into it,
 * the output files loaded at start (relative to `outDir`), the source modules bundled into them, and
 * each of those modules' own minified code `{ id, raw, gzip }` (gzip of the module alone, so the
 * figures add up to more than the chunk's: read them as a ranking, not a sum).
 */
export async function buildPages({ pages = PAGES, outDir, ...options }) {
  const results = {};
  for (const page of pages) {
    const pageDir = path.join(outDir, page);
    const config = benchViteConfig({ ...options, pages: [page], outDir: pageDir });
    const output = await build(config);
    const outputs = (Array.isArray(output) ? output : [output]).flatMap((result) => result.output ?? []);
    const chunksByFile = new Map(
      outputs.filter((item) => item.type === 'chunk').map((chunk) => [chunk.fileName, chunk]),
    );
    const manifest = JSON.parse(readFileSync(path.join(pageDir, '.vite', 'manifest.json'), 'utf8'));
    const read = (file) => readFileSync(path.join(pageDir, file));
    const entryKey = Object.keys(manifest).find((key) => manifest[key].isEntry);
    const seen = new Set();
    const css = new Set();
    const dynamic = new Set();
    const visit = (key) => {
      if (seen.has(key)) return;
      seen.add(key);
      const item = manifest[key];
      for (const file of item.css ?? []) css.add(file);
      for (const next of item.imports ?? []) visit(next);
      for (const next of item.dynamicImports ?? []) dynamic.add(next);
    };
    visit(entryKey);
    const jsFiles = [...seen].map((key) => manifest[key].file);
    const rendered = jsFiles.flatMap((file) =>
      Object.entries(chunksByFile.get(file)?.modules ?? {}).filter(([, module]) => module.renderedLength > 0),
    );
    const lazyFiles = [...dynamic].filter((key) => !seen.has(key)).map((key) => manifest[key].file);
    const onDemandFiles = lazyFiles.map((file) => ({
      file: `${page}/${file}`,
      ...compressed(read(file)),
      modules: Object.entries(chunksByFile.get(file)?.modules ?? {})
        .filter(([, module]) => module.renderedLength > 0)
        .map(([id]) => id),
    }));
    results[page] = {
      js: sum(jsFiles.map((file) => compressed(read(file)))),
      css: sum([...css].map((file) => compressed(read(file)))),
      afterFirstPaint: sum(onDemandFiles.filter((file) => loadsAfterFirstPaint(file.modules))),
      onDemand: sum(onDemandFiles.filter((file) => !loadsAfterFirstPaint(file.modules))),
      onDemandFiles,
      files: { js: jsFiles.map((file) => `${page}/${file}`), css: [...css].map((file) => `${page}/${file}`) },
      modules: rendered.map(([id]) => id),
      moduleSizes: rendered.map(([id, module]) => ({
        id,
        raw: module.renderedLength,
        gzip: gzipSync(module.code ?? '', { level: 9 }).byteLength,
      })),
    };
  }
  return results;
}

/** Kilobytes with one decimal, as every table of the project prints them. */
export const kilobytes = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
