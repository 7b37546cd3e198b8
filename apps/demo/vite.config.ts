import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Workspace packages are read from src/ through their "source" export condition,
// so the demo builds without building the packages first.
export default defineConfig({
  plugins: [react()],
  resolve: { conditions: ['source', 'module', 'browser', 'development|production'] },
  // dist/storybook is built separately into the same folder: never empty it.
  // The bundle carries zod and libphonenumber's metadata, hence the higher warning limit.
  // Source maps are written for error tooling but not referenced from the bundle, and the server never serves them.
  build: { outDir: 'dist', emptyOutDir: false, sourcemap: 'hidden', chunkSizeWarningLimit: 900 },
  server: { proxy: { '/api': 'http://localhost:3000', '/sandbox-upstream': 'http://localhost:3000' } },
});
