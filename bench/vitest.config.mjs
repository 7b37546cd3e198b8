// Runs bench/keystrokes.run.tsx in jsdom with the bench's resolution (one React for every page).
import { defineConfig } from 'vitest/config';
import { benchViteConfig } from './buildPages.mjs';

const { plugins, resolve, root } = benchViteConfig({ outDir: 'unused' });

export default defineConfig({
  root,
  plugins,
  resolve,
  test: {
    name: 'bench',
    environment: 'jsdom',
    include: ['keystrokes.run.tsx'],
    testTimeout: 120_000,
  },
});
