import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import type { BuildEnvironmentOptions } from 'vite';

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

/** What `@kyc-kit/elements` leaves to the page's own bundler: its dependencies and peers (not styles.css, inlined). */
const externalPackages = [
  /^react($|\/)/,
  /^react-dom($|\/)/,
  /^@tanstack\//,
  /^react-hook-form($|\/)/,
  /^@hookform\//,
  /^zod($|\/)/,
  /^@kyc-kit\//,
];
const external = (id: string) =>
  !id.endsWith('?inline') && externalPackages.some((pattern) => pattern.test(id));

/** TanStack Query marks its modules "use client", which means nothing outside React Server Components. */
type OnwarnFunction = NonNullable<NonNullable<BuildEnvironmentOptions['rolldownOptions']>['onwarn']>;
const onwarn: OnwarnFunction = (warning, warn) => {
  if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
};

/**
 * `vite build --mode locale-es`: dist/locales/es.js, the Spanish catalogue.
 * `vite build`: dist/index.js, the package for bundlers (React and every dependency external; styles.css inlined
 * as a string). `vite build --mode standalone`: dist/standalone.js, one ES module with everything and Preact.
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
  const standalone = mode === 'standalone';
  return {
    resolve: {
      conditions: ['source', 'module', 'browser', 'production'],
      alias: standalone ? preactAliases : [],
    },
    define: { 'process.env.NODE_ENV': '"production"' },
    build: standalone
      ? {
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
            output: { format: 'es', entryFileNames: 'standalone.js', codeSplitting: false },
          },
        }
      : {
          outDir: 'dist',
          emptyOutDir: false,
          target: 'es2022',
          minify: false,
          sourcemap: true,
          lib: {
            entry: path.join(packageDirectory, 'src/index.ts'),
            formats: ['es'],
            fileName: () => 'index.js',
          },
          rolldownOptions: { external, onwarn },
        },
  };
});
