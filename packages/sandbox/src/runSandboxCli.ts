import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { serve } from '@hono/node-server';
import { createSandbox } from './createSandbox';
import type { Sandbox, SandboxOptions } from './createSandbox';
import { isSandboxDialect } from './sandboxDialect';

/** The CLI's usage text. */
export const SANDBOX_CLI_USAGE = `kyc-kit-sandbox: a local simulator of the Coinbase Customers API and the Polygon OMS Customers API

Usage: kyc-kit-sandbox [options]

  --port N                 port to listen on (default 4010)
  --host HOST              interface to listen on (default 127.0.0.1)
  --public-url URL         where the sandbox is reachable, for Terms of Service urls
                           (default http://localhost:<port>; --port 0 picks a free port)
  --data PATH              keep state in this SQLite file (default: in memory)
  --verify-ms N            verification delay in ms (default 2000; 0 = at once)
  --manual                 verify only on POST /sandbox/advance
  --webhook-url URL        post webhooks here
  --dialect D              the Coinbase shapes to answer in: spec (the OpenAPI file:
                           tosVersions, PUT update, individual.email/phoneNumber,
                           customers.capability.changed; default) or guides (tos.url,
                           POST update, top-level email/phone,
                           customer.capability.status_changed)
  --webhook-secret S       sign Coinbase webhooks with this secret (X-Hook0-Signature)
  --oms-webhook-secret S   sign OMS webhooks with this secret (Standard Webhooks,
                           whsec_...; default: --webhook-secret)
  --webhook-format F       spec (customers.capability.changed) or guides
                           (customer.capability.status_changed); default: the dialect's
  --oms-webhook-url URL    post OMS webhooks here (default: --webhook-url)
  --credentials-file PATH  also write the API keys to this file (JSON, mode 0600)
  --help                   show this text

Routes: /platform/v2/customers (Coinbase), /v0.9 (OMS), /sandbox (control), /tos (documents).
See the package README for magic values and the control API.`;

/** What the command line asked for. */
export type SandboxCliCommand =
  | { kind: 'help' }
  | { kind: 'error'; message: string }
  | { kind: 'serve'; port: number; host: string; credentialsFile?: string; options: SandboxOptions };

/** Reads the command line into a command (no side effects, so it can be tested). */
export function parseSandboxCliArguments(argv: string[]): SandboxCliCommand {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string', default: '4010' },
        host: { type: 'string', default: '127.0.0.1' },
        'public-url': { type: 'string' },
        data: { type: 'string' },
        'verify-ms': { type: 'string' },
        manual: { type: 'boolean', default: false },
        'webhook-url': { type: 'string' },
        'webhook-secret': { type: 'string' },
        'webhook-format': { type: 'string' },
        dialect: { type: 'string' },
        'oms-webhook-secret': { type: 'string' },
        'oms-webhook-url': { type: 'string' },
        'credentials-file': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return { kind: 'error', message: error instanceof Error ? error.message : 'Invalid arguments.' };
  }
  if (values.help) return { kind: 'help' };
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    return { kind: 'error', message: '--port must be a port number.' };
  const verifyMs = values['verify-ms'] === undefined ? undefined : Number(values['verify-ms']);
  if (verifyMs !== undefined && (!Number.isInteger(verifyMs) || verifyMs < 0)) {
    return { kind: 'error', message: '--verify-ms must be a whole number of milliseconds.' };
  }
  const webhookUrl = values['webhook-url'];
  const webhookSecret = values['webhook-secret'];
  if ((webhookUrl === undefined) !== (webhookSecret === undefined)) {
    return { kind: 'error', message: '--webhook-url and --webhook-secret go together.' };
  }
  const format = values['webhook-format'];
  if (format !== undefined && format !== 'spec' && format !== 'guides') {
    return { kind: 'error', message: '--webhook-format must be spec or guides.' };
  }
  const dialect = values.dialect;
  if (dialect !== undefined && !isSandboxDialect(dialect)) {
    return { kind: 'error', message: '--dialect must be spec or guides.' };
  }
  const options: SandboxOptions = {
    ...(dialect === undefined ? {} : { dialect }),
    ...(values['public-url'] === undefined ? {} : { publicUrl: values['public-url'] }),
    manual: values.manual,
    ...(values.data === undefined ? {} : { dataPath: values.data }),
    ...(verifyMs === undefined ? {} : { verifyMs }),
    ...(webhookUrl === undefined || webhookSecret === undefined
      ? {}
      : {
          webhooks: {
            url: webhookUrl,
            secret: webhookSecret,
            ...(format === undefined ? {} : { format }),
            ...(values['oms-webhook-secret'] === undefined
              ? {}
              : { omsSecret: values['oms-webhook-secret'] }),
            ...(values['oms-webhook-url'] === undefined ? {} : { omsUrl: values['oms-webhook-url'] }),
          },
        }),
  };
  return {
    kind: 'serve',
    port,
    host: values.host,
    options,
    ...(values['credentials-file'] === undefined ? {} : { credentialsFile: values['credentials-file'] }),
  };
}

/** Runs the CLI: serves a sandbox over HTTP until SIGINT/SIGTERM. Resolves with the exit code for bad usage. */
export async function runSandboxCli(argv: string[]): Promise<number | undefined> {
  const command = parseSandboxCliArguments(argv);
  switch (command.kind) {
    case 'help':
      process.stdout.write(`${SANDBOX_CLI_USAGE}\n`);
      return 0;
    case 'error':
      process.stderr.write(`${command.message}\n\n${SANDBOX_CLI_USAGE}\n`);
      return 2;
    case 'serve':
      break;
    default:
      command satisfies never;
      return 2;
  }
  // Listen first, so `--port 0` can report (and build ToS urls with) the port it actually got.
  const started: { sandbox?: Sandbox } = {};
  const server = serve({
    fetch: (request) =>
      started.sandbox === undefined
        ? new Response('Starting.', { status: 503 })
        : started.sandbox.fetch(request),
    port: command.port,
    hostname: command.host,
  });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : command.port;
  const publicUrl = command.options.publicUrl ?? `http://localhost:${port}`;
  let running: Sandbox;
  try {
    running = createSandbox({ ...command.options, publicUrl });
  } catch (error) {
    // Said as one line (better-sqlite3 not built, a data folder that does not exist), not a stack trace.
    server.close();
    process.stderr.write(`kyc-kit-sandbox: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  started.sandbox = running;
  const credentials = JSON.stringify(running.credentials, null, 2);
  if (command.credentialsFile !== undefined)
    writeFileSync(command.credentialsFile, `${credentials}\n`, { mode: 0o600 });
  // Only sandbox keys and addresses are printed: nothing a customer typed is ever logged.
  process.stdout.write(
    [
      `kyc-kit sandbox listening on http://${command.host}:${port}`,
      `  Coinbase base URL: ${publicUrl}/platform`,
      `  OMS base URL:      ${publicUrl}/v0.9`,
      `  Control API:       ${publicUrl}/sandbox`,
      `  State:             ${command.options.dataPath ?? 'in memory'}`,
      command.credentialsFile === undefined ? '' : `  Credentials written to ${command.credentialsFile}`,
      'Credentials (sandbox only):',
      credentials,
      '',
    ]
      .filter((line) => line !== '')
      .join('\n') + '\n',
  );
  const stop = (): void => {
    server.close();
    void running.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return undefined;
}
