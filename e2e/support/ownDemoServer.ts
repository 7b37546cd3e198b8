import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';

const appDirectory = path.resolve(import.meta.dirname, '..', '..', 'apps', 'demo');

/**
 * The port of a spec's own demo server: E2E_PORT + 3 + the worker's parallel index (the config's three
 * shared servers use E2E_PORT to E2E_PORT + 2), so two workers never start a server on one port. A
 * worker runs its specs one at a time, each stopping its server before the next starts.
 */
export const OWN_DEMO_PORT =
  Number(process.env.E2E_RESTART_PORT ?? Number(process.env.E2E_PORT ?? 3100) + 3) +
  Number(process.env.TEST_PARALLEL_INDEX ?? 0);

/** The origin of {@link OWN_DEMO_PORT}. */
export const OWN_DEMO_ORIGIN = `http://localhost:${OWN_DEMO_PORT}`;

/**
 * Starts a demo server of the spec's own (the sandbox simulating Coinbase) with its state in
 * `dataDirectory` and `environment` on top, and resolves once it answers its health check.
 */
export async function startOwnDemo(
  dataDirectory: string,
  environment: Record<string, string> = {},
): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'server/main.ts'], {
    cwd: appDirectory,
    env: {
      ...process.env,
      PORT: String(OWN_DEMO_PORT),
      KYC_UPSTREAM: 'sandbox',
      KYC_SANDBOX_VERIFY_MS: '300',
      KYC_DATA_DIR: dataDirectory,
      ...environment,
    },
    stdio: 'ignore',
  });
  for (let attempt = 0; attempt < 120; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`the demo server exited (${child.exitCode})`);
    const ready = await fetch(`${OWN_DEMO_ORIGIN}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return child;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  child.kill('SIGKILL');
  throw new Error('the demo server did not start');
}

/** Stops a server {@link startOwnDemo} started, and waits until it has exited. */
export async function stopOwnDemo(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}
