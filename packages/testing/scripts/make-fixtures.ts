/**
 * Rewrites src/fixtures/*.json from the sandbox's real answers (see
 * src/server/makeFixtures.ts), formatted like the rest of the repository so a
 * regeneration diffs only real changes.
 *
 * Run from the repository root: pnpm --filter @kyc-kit/testing run fixtures
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { makeFixtures } from '../src/server/makeFixtures';

const outputDirectory = path.join(path.dirname(fileURLToPath(import.meta.url)), '../src/fixtures');
mkdirSync(outputDirectory, { recursive: true });
for (const [name, value] of Object.entries(await makeFixtures())) {
  const file = path.join(outputDirectory, name);
  const options = (await resolveConfig(file)) ?? {};
  writeFileSync(file, await format(JSON.stringify(value), { ...options, filepath: file }));
  console.log(`wrote ${name}`);
}
