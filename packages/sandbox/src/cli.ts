#!/usr/bin/env node
// The kyc-kit-sandbox command as published: built to dist/cli.js and run with plain node.
import { runSandboxCli } from './runSandboxCli';

const exitCode = await runSandboxCli(process.argv.slice(2));
if (exitCode !== undefined) process.exitCode = exitCode;
