#!/usr/bin/env node
// The kyc-kit-sandbox command inside this repository (the published package's
// bin is dist/cli.js instead, see publishConfig.bin). It runs the TypeScript
// sources through tsx with the "source" export condition, so @kyc-kit/*
// packages resolve to their src/ too and no build is needed; a stale dist/
// is never picked up.
import { register } from 'node:module';

register('./sourceConditionHooks.mjs', import.meta.url);
const { register: registerTsx } = await import('tsx/esm/api');
registerTsx();
const { runSandboxCli } = await import(new URL('../src/runSandboxCli.ts', import.meta.url).href);
const exitCode = await runSandboxCli(process.argv.slice(2));
if (exitCode !== undefined) process.exitCode = exitCode;
