// The elements' standalone files built in memory from the sources with the package's own Vite config
// (mode "standalone": Preact aliased for React), as `pnpm --filter @kyc-kit/elements run build` writes
// them, so what measures or serves them never reads a stale dist/. Used by the size budgets and by the
// reflow e2e spec, which serves them to a plain page.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const elements = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'packages', 'elements');

/** Every chunk of the standalone build: the entry (`standalone.js`) and the phone files it imports beside it. */
export async function buildStandaloneChunks() {
  const { build } = await import('vite');
  const result = await build({
    root: elements,
    configFile: path.join(elements, 'vite.config.ts'),
    mode: 'standalone',
    logLevel: 'silent',
    build: { write: false, sourcemap: false },
  });
  const chunks = [result]
    .flat()
    .flatMap((output) => output.output ?? [])
    .filter((chunk) => chunk.type === 'chunk');
  if (!chunks.some((chunk) => chunk.isEntry)) throw new Error('the standalone build produced no entry chunk');
  return chunks;
}
