#!/usr/bin/env node
// The kyc-kit-sandbox command. A published package runs the built dist/; in the
// workspace (no build) it runs the TypeScript sources through tsx, with the
// "source" export condition so @kyc-kit/* packages resolve to their src/ too.
import { existsSync } from 'node:fs';
import { register } from 'node:module';
import { fileURLToPath } from 'node:url';

const built = new URL('../dist/runSandboxCli.js', import.meta.url);
let cli;
if (existsSync(fileURLToPath(built))) {
  cli = await import(built.href);
} else {
  register('./sourceConditionHooks.mjs', import.meta.url);
  const { register: registerTsx } = await import('tsx/esm/api');
  registerTsx();
  cli = await import(new URL('../src/runSandboxCli.ts', import.meta.url).href);
}
const exitCode = await cli.runSandboxCli(process.argv.slice(2));
if (exitCode !== undefined) process.exitCode = exitCode;
