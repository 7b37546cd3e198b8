import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import react from '@vitejs/plugin-react';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { preactAliases } from './packages/elements/vite.config.ts';
import { chromiumLaunchOptions } from './scripts/chromium.mjs';

const root = path.dirname(fileURLToPath(import.meta.url));

// Workspace packages are read from src/ through the "source" export condition.
const resolve = { conditions: ['source', 'module', 'browser', 'development|production'] };
const serverResolve = { conditions: ['source', 'node', 'import', 'default'] };

export default defineConfig({
  test: {
    // Vitest's default is one worker fewer than the cores, which on a 2-core machine is one: a single
    // file at a time while the other core idles through every test that waits (a Postgres cluster, a
    // child server, timers). One worker per core keeps both busy; VITEST_MAX_WORKERS overrides.
    maxWorkers: Number(process.env.VITEST_MAX_WORKERS ?? Math.max(2, availableParallelism())),
    projects: [
      {
        resolve: serverResolve,
        ssr: { resolve: { conditions: ['source'] } },
        test: { name: 'core', root: 'packages/core', environment: 'node', globals: true },
      },
      {
        resolve: serverResolve,
        ssr: { resolve: { conditions: ['source'] } },
        test: { name: 'sandbox', root: 'packages/sandbox', environment: 'node', globals: true },
      },
      {
        resolve: serverResolve,
        ssr: { resolve: { conditions: ['source'] } },
        test: {
          name: 'proxy',
          root: 'packages/proxy',
          environment: 'node',
          globals: true,
          testTimeout: 20000,
        },
      },
      {
        plugins: [react()],
        resolve,
        ssr: { resolve: { conditions: ['source'] } },
        test: {
          name: 'hooks',
          root: 'packages/hooks',
          environment: 'jsdom',
          globals: true,
          setupFiles: [path.join(root, 'scripts/vitest-setup.ts')],
          testTimeout: 20000,
        },
      },
      {
        plugins: [react()],
        resolve,
        ssr: { resolve: { conditions: ['source'] } },
        test: {
          name: 'react',
          root: 'packages/react',
          environment: 'jsdom',
          globals: true,
          setupFiles: [path.join(root, 'scripts/vitest-setup.ts')],
          testTimeout: 20000,
        },
      },
      {
        resolve: serverResolve,
        ssr: { resolve: { conditions: ['source'] } },
        test: {
          name: 'testing',
          root: 'packages/testing',
          environment: 'node',
          globals: true,
          testTimeout: 20000,
        },
      },
      {
        plugins: [react()],
        resolve,
        ssr: { resolve: { conditions: ['source'] } },
        test: {
          name: 'elements',
          root: 'packages/elements',
          // happy-dom, not jsdom: it has constructable stylesheets and adoptedStyleSheets, which the elements use.
          environment: 'happy-dom',
          globals: true,
          setupFiles: [path.join(root, 'scripts/vitest-setup.ts')],
          testTimeout: 20000,
        },
      },
      {
        // The same element tests on the standalone file's renderer: Preact through preact/compat.
        resolve: { ...resolve, alias: preactAliases },
        ssr: { resolve: { conditions: ['source'] } },
        test: {
          name: 'elements-preact',
          root: 'packages/elements',
          environment: 'happy-dom',
          globals: true,
          // Inlined so that their own `import 'react'` is aliased too.
          server: { deps: { inline: ['@tanstack/react-query', 'react-hook-form'] } },
          testTimeout: 20000,
        },
      },
      {
        // The repository's own scripts (what `npm run demo` rebuilds, say).
        test: { name: 'scripts', root: 'scripts', environment: 'node', globals: true },
      },
      {
        plugins: [react()],
        resolve: serverResolve,
        ssr: { resolve: { conditions: ['source'] } },
        test: { name: 'demo', root: 'apps/demo', environment: 'node', globals: true, testTimeout: 20000 },
      },
      {
        plugins: [storybookTest({ configDir: path.join(root, '.storybook') })],
        resolve,
        // Pre-bundle every dependency the stories import up front: one found
        // mid-run makes Vite reload the page and fails that run's first story file.
        // This project runs from the repository root: React is a root dependency for
        // it (the React and Storybook plugins add their own React entries); the rest
        // are named through the workspace package that depends on them, which Vite
        // resolves from that package's folder (pnpm gives the root none of them).
        optimizeDeps: {
          include: [
            'react',
            'react/jsx-runtime',
            'react/jsx-dev-runtime',
            'react-dom',
            'react-dom/client',
            '@kyc-kit/testing > @tanstack/react-query',
            '@kyc-kit/testing > @kyc-kit/hooks > react-hook-form',
            '@kyc-kit/testing > @kyc-kit/core > zod',
            '@kyc-kit/testing > @kyc-kit/core > zod/mini',
            '@kyc-kit/testing > @kyc-kit/core > libphonenumber-js/core',
            '@kyc-kit/testing > @kyc-kit/core > libphonenumber-js/min/metadata',
            'storybook/test',
          ],
        },
        test: {
          name: 'storybook',
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({ launchOptions: chromiumLaunchOptions() }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});
