// Starts the Northwind Wallet demo: `pnpm --filter @kyc-kit/demo run start`.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { createDemoServer } from './createDemoServer';
import { DemoConfigError, readDemoConfig } from './readDemoConfig';
import { readyMessage } from './readyMessage';
import type { DemoConfig } from './readDemoConfig';

const appDirectory = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function readConfigOrExit(): DemoConfig {
  try {
    return readDemoConfig(process.env);
  } catch (error) {
    if (error instanceof DemoConfigError) {
      process.stderr.write(`kyc-kit demo cannot start: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

const read = readConfigOrExit();
// State is kept by default: one folder per upstream, so switching between them never mixes their customers.
const upstreamName =
  read.upstream.kind !== 'sandbox'
    ? read.upstream.kind
    : `sandbox-${read.upstream.provider}${read.upstream.dialect === 'guides' ? '-guides' : ''}`;
const config: DemoConfig = {
  ...read,
  dataDirectory: read.dataDirectory ?? path.join(appDirectory, '.data', upstreamName),
};
const demo = createDemoServer({
  config,
  distDirectory: path.join(appDirectory, 'dist'),
  storybookDirectory: path.join(appDirectory, 'dist', 'storybook'),
});

if (config.upstream.kind !== 'sandbox' && config.webhookSecretGenerated) {
  process.stderr.write(
    'kyc-kit demo: KYC_WEBHOOK_SECRET is not set, so webhooks from the provider will be refused ' +
      'and statuses update only when the page asks again.\n',
  );
}

const server = serve({ fetch: demo.app.fetch, port: config.port }, () => {
  const upstream =
    config.upstream.kind === 'sandbox'
      ? `the sandbox (simulating ${config.upstream.provider})`
      : config.upstream.kind;
  process.stdout.write(
    readyMessage({
      port: config.port,
      upstream,
      state: config.databaseUrl ? 'Postgres (KYC_DATABASE_URL)' : config.dataDirectory,
      sandbox: config.upstream.kind === 'sandbox',
    }),
  );
});

server.on('error', (error: NodeJS.ErrnoException) => {
  const reason =
    error.code === 'EADDRINUSE'
      ? `port ${config.port} is already in use (set PORT to another one)`
      : error.message;
  process.stderr.write(`kyc-kit demo cannot start: ${reason}\n`);
  process.exit(1);
});

let stopping = false;
/**
 * Stops accepting connections, then closes the demo: the proxy handler gives
 * up its watch leases and ends its event streams (browsers reconnect and
 * resume with Last-Event-ID), then the sandbox and the stores close. A second
 * signal (Ctrl-C again) exits at once.
 */
function shutDown() {
  if (stopping) process.exit(1);
  stopping = true;
  server.close();
  demo.close().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(
        `kyc-kit demo: shutdown failed: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      process.exit(1);
    },
  );
}
process.on('SIGINT', shutDown);
process.on('SIGTERM', shutDown);
