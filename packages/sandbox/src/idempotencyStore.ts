import { createHash } from 'node:crypto';
import type { SandboxDatabase } from './openSandboxDatabase';

/** The response first given for an idempotency key. */
export interface StoredResponse {
  status: number;
  body: string;
}

/** What looking up a key found. */
export type IdempotencyLookup =
  { kind: 'new' } | { kind: 'replay'; response: StoredResponse } | { kind: 'conflict' };

/** Remembers the first response per idempotency key, as both providers do. */
export interface IdempotencyStore {
  lookup(scope: string, key: string, fingerprint: string): IdempotencyLookup;
  remember(scope: string, key: string, fingerprint: string, response: StoredResponse): void;
  /**
   * Runs `task` once every earlier task for the same key has finished. A retry
   * sent while the first request is still being answered then finds the first
   * answer and replays it, instead of carrying the write out a second time.
   */
  serialize<T>(scope: string, key: string, task: () => Promise<T>): Promise<T>;
}

/**
 * A digest of what makes two requests "the same": method, path and body. Only the
 * digest is stored, so a request body with PII in it never lands in the database.
 */
export function requestFingerprint(method: string, path: string, body: string): string {
  return createHash('sha256').update(`${method}\n${path}\n${body}`).digest('hex');
}

/** Creates the SQLite-backed idempotency store. */
export function createIdempotencyStore(database: SandboxDatabase): IdempotencyStore {
  const select = database.prepare(
    'SELECT fingerprint, status, body FROM idempotency WHERE scope = ? AND key = ?',
  );
  const insert = database.prepare(
    'INSERT OR IGNORE INTO idempotency (scope, key, fingerprint, status, body, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const queues = new Map<string, Promise<void>>();
  return {
    serialize(scope, key, task) {
      const id = `${scope}\n${key}`;
      const result = (queues.get(id) ?? Promise.resolve()).then(task);
      const settled = result.then(
        () => undefined,
        () => undefined,
      );
      queues.set(id, settled);
      void settled.then(() => {
        if (queues.get(id) === settled) queues.delete(id);
      });
      return result;
    },
    lookup(scope, key, fingerprint) {
      const row = select.get(scope, key) as { fingerprint: string; status: number; body: string } | undefined;
      if (row === undefined) return { kind: 'new' };
      if (row.fingerprint !== fingerprint) return { kind: 'conflict' };
      return { kind: 'replay', response: { status: row.status, body: row.body } };
    },
    remember(scope, key, fingerprint, response) {
      insert.run(scope, key, fingerprint, response.status, response.body, new Date().toISOString());
    },
  };
}
