// The demo as `pnpm --filter @kyc-kit/demo run start` runs it, stopped the way a terminal or a
// container runtime stops it (SIGTERM).
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';

const appDirectory = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const processes: ChildProcess[] = [];
const folders: string[] = [];

afterEach(() => {
  for (const child of processes.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A port nothing listens on now. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function startDemo(dataDirectory: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'server/main.ts'], {
    cwd: appDirectory,
    env: {
      ...process.env,
      PORT: String(port),
      KYC_DATA_DIR: dataDirectory,
      // The submitted names stay in verification, so the server watches the customer while a stream is open.
      KYC_SANDBOX_VERIFY_MS: '600000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  processes.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready on')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`demo exited (${code}) before it was ready`)));
  });
  return child;
}

/** The watchers' leases the demo's proxy store holds. */
function leases(dataDirectory: string): number {
  const database = new Database(path.join(dataDirectory, 'proxy.sqlite'), { readonly: true });
  try {
    return (database.prepare('SELECT count(*) AS count FROM leases').get() as { count: number }).count;
  } finally {
    database.close();
  }
}

describe('the demo server process', () => {
  it('on SIGTERM ends its event streams and gives up its watch leases before it exits', async () => {
    const dataDirectory = mkdtempSync(path.join(tmpdir(), 'kyc-demo-main-'));
    folders.push(dataDirectory);
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const demo = await startDemo(dataDirectory, port);
    const signedIn = await fetch(`${base}/api/demo/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'ada' }),
    });
    const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const created = await fetch(`${base}/api/onboarding/customer`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', 'x-kyc-kit': '1' },
      body: JSON.stringify({
        capabilities: ['custodyFiat'],
        fields: { firstName: 'Ada', lastName: 'Quill' },
      }),
    });
    expect(created.status).toBe(201);
    const stream = await fetch(`${base}/api/onboarding/events`, { headers: { cookie } });
    expect(stream.status).toBe(200);
    const reader = stream.body!.getReader();
    const ending = (async () => {
      for (;;) if ((await reader.read()).done) return 'ended';
    })().catch(() => 'cut');
    // The server watches the customer in verification: it holds the lease of it.
    await expect.poll(() => leases(dataDirectory), { timeout: 10_000 }).toBe(1);

    const exited = new Promise<number | null>((resolve) => demo.once('exit', resolve));
    demo.kill('SIGTERM');
    expect(await exited).toBe(0);
    // The stream was ended by the server (the browser reconnects and resumes), not cut by the exit...
    expect(await ending).toBe('ended');
    // ...and a restarted demo (or another instance) may watch at once: no lease is left to run out.
    expect(leases(dataDirectory)).toBe(0);
  });
});
