import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startPostgresCluster, type PostgresCluster } from '@kyc-kit/testing/server';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SESSIONS_PER_USER, createDemoSessions } from './createDemoSessions';
import { openDemoStores } from './openDemoStores';
import type { DemoStores } from './openDemoStores';

const HOUR = 60 * 60 * 1000;

let cluster: PostgresCluster;
let folder: string;

beforeAll(async () => {
  cluster = await startPostgresCluster();
  folder = mkdtempSync(path.join(tmpdir(), 'kyc-demo-stores-'));
});

afterAll(async () => {
  await cluster.stop();
  rmSync(folder, { recursive: true, force: true });
});

function requestWithCookie(setCookie: string): Request {
  return new Request('http://localhost/', { headers: { cookie: setCookie.split(';')[0] ?? '' } });
}

/** The sessions table as its rows, read beside the demo's own connection. */
interface Kind {
  name: string;
  open(): DemoStores;
  rows(): Promise<number>;
}

const kinds: Kind[] = [
  {
    name: 'SQLite',
    open: () => openDemoStores({ dataDirectory: folder }),
    async rows() {
      const database = new Database(path.join(folder, 'sessions.sqlite'), { readonly: true });
      try {
        return (database.prepare('SELECT count(*) AS n FROM demo_sessions').get() as { n: number }).n;
      } finally {
        database.close();
      }
    },
  },
  {
    name: 'Postgres',
    open: () => openDemoStores({ databaseUrl: cluster.connectionString }),
    async rows() {
      const client = new pg.Client({ connectionString: cluster.connectionString });
      await client.connect();
      try {
        const result = await client.query<{ n: string }>('SELECT count(*) AS n FROM northwind_sessions');
        return Number(result.rows[0]?.n);
      } finally {
        await client.end();
      }
    },
  },
];

describe.each(kinds)('demo sessions kept in $name', (kind) => {
  it('keeps one username signed in a thousand times to its newest sessions: the oldest end', async () => {
    const stores = kind.open();
    try {
      let now = 1_000_000;
      const sessions = createDemoSessions(stores.sessions, { secure: false, now: () => now });
      const cookies: string[] = [];
      for (let count = 0; count < 1000; count += 1) {
        now += 1;
        cookies.push(await sessions.signIn('flood'));
      }
      expect(await kind.rows()).toBe(DEMO_SESSIONS_PER_USER);
      // The browsers that signed in last are still signed in; the first ones are not.
      for (const cookie of cookies.slice(-DEMO_SESSIONS_PER_USER))
        expect(await sessions.userFrom(requestWithCookie(cookie))).toMatchObject({ username: 'flood' });
      expect(await sessions.userFrom(requestWithCookie(cookies[0] ?? ''))).toBeNull();
      // Another user's sessions are not touched by the flood.
      now += 1;
      const other = await sessions.signIn('other');
      now += 1;
      await sessions.signIn('flood');
      expect(await sessions.userFrom(requestWithCookie(other))).toMatchObject({ username: 'other' });
    } finally {
      await stores.close();
    }
  });

  it('deletes expired sessions while the server runs, not only at its next start', async () => {
    const stores = kind.open();
    try {
      let now = 50_000_000;
      const sessions = createDemoSessions(stores.sessions, { secure: false, now: () => now });
      const cookies: string[] = [];
      for (const username of ['ann', 'ben', 'cy']) cookies.push(await sessions.signIn(username));
      for (const cookie of cookies) expect(await sessions.userFrom(requestWithCookie(cookie))).not.toBeNull();
      // A working day later, one new sign-in: every ended session (these three, and any older) is gone.
      now += 9 * HOUR;
      const fresh = await sessions.signIn('dee');
      expect(await kind.rows()).toBe(1);
      expect(await sessions.userFrom(requestWithCookie(fresh))).toMatchObject({ username: 'dee' });
    } finally {
      await stores.close();
    }
  });
});
