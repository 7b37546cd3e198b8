import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import type { BuildEnvironmentOptions, Plugin } from 'vite';

const packageDirectory = path.dirname(fileURLToPath(import.meta.url));

/**
 * React's API on Preact: the standalone file's renderer. preact/compat covers everything the kit uses
 * (hooks, useId, useSyncExternalStore for TanStack Query and react-hook-form, createRoot, portals).
 */
const preact = (file: string) => path.join(packageDirectory, 'node_modules/preact', file);
export const preactAliases = [
  // Files, not package names: the kit's sources that import React live in packages that do not depend on Preact.
  { find: /^react-dom\/client$/, replacement: preact('compat/client.mjs') },
  { find: /^react-dom$/, replacement: preact('compat/dist/compat.mjs') },
  { find: /^react\/jsx-runtime$/, replacement: preact('jsx-runtime/dist/jsxRuntime.mjs') },
  { find: /^react\/jsx-dev-runtime$/, replacement: preact('jsx-runtime/dist/jsxRuntime.mjs') },
  { find: /^react$/, replacement: preact('compat/dist/compat.mjs') },
];

/** TanStack Query marks its modules "use client", which means nothing outside React Server Components. */
type OnwarnFunction = NonNullable<NonNullable<BuildEnvironmentOptions['rolldownOptions']>['onwarn']>;
const onwarn: OnwarnFunction = (warning, warn) => {
  if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
};

/**
 * The standalone file's two `import()`s (core's: the phone parser, every country's phone rules) load modules
 * with no CSS and no dependencies of their own, which need none of Vite's module-preload helper (link tags,
 * CSS, CSP nonce: 0.7 KB gzip).
 */
const noPreloadHelper: Plugin = {
  name: 'kyc-kit-no-preload-helper',
  enforce: 'pre',
  load(id) {
    return id === '\0vite/preload-helper.js' ? 'export const __vitePreload = (load) => load();' : undefined;
  },
};

/** Every country's phone rules, which the standalone script loads on demand, beside it (a partner copies the files into one folder). */
export const STANDALONE_PHONE_RULES = 'standalone-phone-rules.js';

/** The phone parser with calling code +1's rules, which the standalone script loads after its first paint, beside it. */
export const STANDALONE_PHONE_PARSER = 'standalone-phone-parser.js';

const STANDALONE_CHUNKS = [STANDALONE_PHONE_PARSER, STANDALONE_PHONE_RULES];

/**
 * The standalone build makes exactly three files: the script; the phone parser with +1's rules (10 KB gzip),
 * which it loads after its first paint, so they are never parsed before the first input; and every country's
 * phone rules (18.5 KB gzip), loaded only when someone picks a phone country outside +1. Any other chunk would
 * be a file partners do not know to copy: the build fails instead.
 */
const onlyThePhoneChunks: Plugin = {
  name: 'kyc-kit-only-the-phone-chunks',
  generateBundle(_options, bundle) {
    const chunks = Object.values(bundle).filter((file) => file.type === 'chunk' && !file.isEntry);
    const unexpected = chunks.filter(
      (chunk) =>
        !STANDALONE_CHUNKS.includes(chunk.fileName) || chunk.type !== 'chunk' || !chunk.isDynamicEntry,
    );
    if (chunks.length > STANDALONE_CHUNKS.length || unexpected.length > 0) {
      this.error(
        `the standalone build may split off only ${STANDALONE_CHUNKS.join(' and ')}, found: ${chunks.map((chunk) => chunk.fileName).join(', ')}`,
      );
    }
  },
};

/**
 * `vite build --mode standalone`: dist/standalone.js, one ES module with everything and Preact,
 *   dist/standalone-phone-parser.js, which it imports after its first paint, and
 *   dist/standalone-phone-rules.js, which it imports only when a phone number outside +1 is typed.
 * `vite build --mode locale-es`: dist/locales/es.js, the Spanish catalogue alone.
 * (dist/index.js, the entry for bundlers, is the library build every package gets.)
 */
export default defineConfig(({ mode }) => {
  if (mode === 'locale-es') {
    // dist/locales/es.js: the Spanish catalogue alone, for a page with no build step that wants it.
    return {
      resolve: { conditions: ['source', 'module', 'browser', 'production'] },
      build: {
        outDir: 'dist/locales',
        emptyOutDir: false,
        target: 'es2022',
        minify: true,
        modulePreload: false,
        rolldownOptions: {
          input: path.join(packageDirectory, 'src/locales/es.ts'),
          preserveEntrySignatures: 'strict',
          output: { format: 'es', entryFileNames: 'es.js', codeSplitting: false },
        },
      },
    };
  }
  if (mode !== 'standalone') throw new Error(`unknown build mode ${mode}: standalone or locale-es`);
  return {
    resolve: {
      conditions: ['source', 'module', 'browser', 'production'],
      alias: preactAliases,
    },
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [noPreloadHelper, onlyThePhoneChunks],
    build: {
      // Not lib mode: Vite leaves whitespace unminified in lib mode's ES output, and this file ships as is.
      outDir: 'dist',
      emptyOutDir: false,
      target: 'es2022',
      minify: true,
      sourcemap: true,
      modulePreload: false,
      rolldownOptions: {
        input: path.join(packageDirectory, 'src/standalone.ts'),
        preserveEntrySignatures: 'strict',
        onwarn,
        output: {
          format: 'es',
          entryFileNames: 'standalone.js',
          // Named by what they hold: any other chunk would take the rules' name too, and the check above fails.
          chunkFileNames: (chunk) =>
            chunk.name === 'phoneParser' ? STANDALONE_PHONE_PARSER : STANDALONE_PHONE_RULES,
        },
      },
    },
  };
});
