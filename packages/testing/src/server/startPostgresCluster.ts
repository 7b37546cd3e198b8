// Test support, never packed: a throwaway Postgres cluster from Debian's server binaries
// (`/usr/lib/postgresql/<version>/bin`), in a temp data folder, on a free port, with its unix
// socket in the temp folder. `node scripts/kit.mjs` installs the `postgresql` package when missing.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A running cluster; `connectionString` reaches its `postgres` database as a superuser. */
export interface PostgresCluster {
  connectionString: string;
  port: number;
  /** Stops the server and deletes its data folder. */
  stop(): Promise<void>;
}

/** The folder of Debian's server binaries (the newest version), or `KYC_POSTGRES_BIN`. */
export function findPostgresBinaries(): string | undefined {
  const configured = process.env.KYC_POSTGRES_BIN;
  if (configured) return existsSync(path.join(configured, 'postgres')) ? configured : undefined;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((name) => /^\d+$/.test(name) && existsSync(path.join(root, name, 'bin', 'postgres')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], 'bin') : undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Postgres refuses to run as root: as root, the server runs as Debian's `postgres` user. */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (id.status !== 0 || gid.status !== 0) throw new Error('running as root needs the postgres user');
  return { uid: Number(id.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

function waitForReady(child: ChildProcess, output: () => string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`postgres did not start:\n${output()}`)), 30_000);
    const check = (): void => {
      if (/ready to accept connections/.test(output())) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stderr?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`postgres exited (${code}):\n${output()}`));
    });
  });
}

/** Starts a fresh cluster; throws when the server binaries are missing. */
export async function startPostgresCluster(): Promise<PostgresCluster> {
  const binaries = findPostgresBinaries();
  if (!binaries)
    throw new Error(
      "Postgres server binaries not found: `npm test` installs Debian's postgresql as root; else install it or set KYC_POSTGRES_BIN",
    );
  const owner = runAs();
  const directory = mkdtempSync(path.join(tmpdir(), 'kyc-postgres-'));
  const dataDirectory = path.join(directory, 'data');
  mkdirSync(dataDirectory);
  if (owner) {
    chownSync(directory, owner.uid, owner.gid);
    chownSync(dataDirectory, owner.uid, owner.gid);
  }
  // The temp folder as the working directory: the postgres user may not be allowed into the caller's (under /root, say).
  const spawnOptions = { ...(owner ?? {}), cwd: directory, env: { ...process.env, LC_ALL: 'C' } };
  const init = spawnSync(
    path.join(binaries, 'initdb'),
    ['-D', dataDirectory, '-U', 'kyc', '--auth=trust', '--no-sync', '-E', 'UTF8', '--no-instructions'],
    { ...spawnOptions, encoding: 'utf8' },
  );
  if (init.status !== 0) {
    rmSync(directory, { recursive: true, force: true });
    throw new Error(`initdb failed:\n${init.stderr}`);
  }
  for (let attempt = 0; ; attempt += 1) {
    const port = await freePort();
    let output = '';
    const child = spawn(
      path.join(binaries, 'postgres'),
      [
        '-D',
        dataDirectory,
        '-p',
        String(port),
        '-k',
        directory,
        '-c',
        'listen_addresses=127.0.0.1',
        // A test cluster: nothing needs to survive a power cut.
        '-c',
        'fsync=off',
        '-c',
        'synchronous_commit=off',
        '-c',
        'full_page_writes=off',
        '-c',
        'max_connections=200',
      ],
      { ...spawnOptions, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      output += chunk;
    });
    try {
      await waitForReady(child, () => output);
    } catch (error) {
      child.kill('SIGKILL');
      // Another process took the port between the probe and the start: try another.
      if (attempt < 3 && /could not bind|Address already in use/.test(output)) continue;
      rmSync(directory, { recursive: true, force: true });
      throw error;
    }
    const killOnExit = (): void => void child.kill('SIGKILL');
    process.once('exit', killOnExit);
    return {
      connectionString: `postgres://kyc@127.0.0.1:${port}/postgres`,
      port,
      async stop() {
        process.removeListener('exit', killOnExit);
        if (child.exitCode === null) {
          const exited = new Promise((resolve) => child.once('exit', resolve));
          // SIGINT: the fast shutdown, which ends open sessions.
          child.kill('SIGINT');
          await exited;
        }
        rmSync(directory, { recursive: true, force: true });
      },
    };
  }
}
