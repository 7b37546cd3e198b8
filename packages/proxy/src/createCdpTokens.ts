import { cdpRequestLine, signCdpJwtForLine, type CdpJwtRequest, type CdpSigningKey } from './createCdpJwt';

/**
 * How long a token signed ahead waits for its request at most. It is valid
 * for 120 s from its `iat`, so a token taken at 30 s still has 90 s before
 * its `exp`: room for clock skew and a slow attempt (a retry signs afresh).
 */
export const SIGNED_AHEAD_MAX_AGE_MS = 30_000;

/** At most this many request lines hold a token signed ahead (each about 0.5 KB); the oldest goes first. */
export const SIGNED_AHEAD_MAX_LINES = 1000;

/** The CDP bearer tokens of one signing key, some signed ahead of their request. */
export interface CdpTokens {
  /**
   * The token for one attempt of one request. A first attempt takes the
   * token signed ahead for its request line, when there is one signed less
   * than {@link SIGNED_AHEAD_MAX_AGE_MS} ago (and it is removed: no token
   * is ever handed out twice); a retry, or a first attempt finding none,
   * gets a token signed now.
   */
  take(request: CdpJwtRequest, retry: boolean): string;
  /**
   * Signs one token ahead for this request line, after the work of the
   * current turn (the answer the call was for) is done: a `setImmediate`,
   * which runs once the promise jobs that carry the answer to the socket
   * have run. Nothing when the line already holds a token young enough.
   */
  signAhead(request: CdpJwtRequest): void;
  /** How many request lines hold a token signed ahead. */
  readonly size: number;
}

/** Clock and scheduler of {@link createCdpTokens}: tests pass their own. */
export interface CdpTokensOptions {
  now?: () => number;
  schedule?: (task: () => void) => void;
  maxLines?: number;
}

interface SignedAhead {
  token: string;
  signedAt: number;
}

function scheduleImmediate(task: () => void): void {
  setImmediate(task).unref();
}

/**
 * Coinbase wants each token fresh for one request (its nonce, its `uris`
 * claim, `exp` at most 120 s after `iat`), not signed at the moment of the
 * request: after a provider call for a request line answers, one token for
 * the same line is signed off the request's path, for the next call (a
 * reload's GET, the watcher's re-read, the next step's update of the same
 * customer). The tokens live in this closure only: never logged, never sent
 * anywhere but with the one request that takes them.
 */
export function createCdpTokens(signingKey: CdpSigningKey, options: CdpTokensOptions = {}): CdpTokens {
  const now = options.now ?? Date.now;
  const schedule = options.schedule ?? scheduleImmediate;
  const maxLines = options.maxLines ?? SIGNED_AHEAD_MAX_LINES;
  /** In insertion order: the first entry is the oldest. */
  const held = new Map<string, SignedAhead>();
  /** Request lines waiting for the scheduled signing. */
  const pending = new Set<string>();
  let scheduled = false;

  function isYoung(entry: SignedAhead, at: number): boolean {
    // A clock set back makes an entry's age negative: its iat could then be in the provider's future.
    const age = at - entry.signedAt;
    return age >= 0 && age < SIGNED_AHEAD_MAX_AGE_MS;
  }

  function signPending(): void {
    scheduled = false;
    for (const line of pending) {
      const at = now();
      const entry = held.get(line);
      if (entry !== undefined && isYoung(entry, at)) continue;
      held.delete(line);
      held.set(line, { token: signCdpJwtForLine(signingKey, line, at), signedAt: at });
      if (held.size > maxLines) held.delete(held.keys().next().value as string);
    }
    pending.clear();
  }

  return {
    take(request, retry) {
      const line = cdpRequestLine(request);
      const at = now();
      if (!retry) {
        const entry = held.get(line);
        if (entry !== undefined) {
          held.delete(line);
          if (isYoung(entry, at)) return entry.token;
        }
      }
      return signCdpJwtForLine(signingKey, line, at);
    },

    signAhead(request) {
      // Bounded even if the scheduled task never runs (a test's fake timers hold back setImmediate).
      if (pending.size >= maxLines) return;
      pending.add(cdpRequestLine(request));
      if (scheduled) return;
      scheduled = true;
      schedule(signPending);
    },

    get size() {
      return held.size;
    },
  };
}
