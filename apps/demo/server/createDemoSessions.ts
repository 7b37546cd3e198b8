import { createHash, randomBytes } from 'node:crypto';

/** The name of the demo's session cookie: `__Host-` wherever the browser allows a Secure cookie. */
export const DEMO_SESSION_COOKIE = 'northwind_session';

/** A signed-in demo user. The id is what the proxy keys the user's customer on. */
export interface DemoUser {
  id: string;
  username: string;
}

/** Where sessions live on the server: a SQLite file or Postgres (see openDemoStores). */
export interface DemoSessionStore {
  insert(tokenHash: string, username: string, expiresAt: number): Promise<void>;
  /** The username of an unexpired session, else null. */
  find(tokenHash: string, now: number): Promise<string | null>;
  delete(tokenHash: string): Promise<void>;
  /** Ends `username`'s sessions beyond its `keep` newest; `newest` (the one just started) always stays. */
  trim(username: string, newest: string, keep: number): Promise<void>;
  /** Deletes every session that has expired at `now`. */
  prune(now: number): Promise<void>;
}

/**
 * How many sessions one username keeps (its browsers and devices): signing in once more ends the oldest,
 * so a username signed in a thousand times holds this many rows, not a thousand.
 */
export const DEMO_SESSIONS_PER_USER = 10;

/** Signs users in and out, with sessions kept on the server. */
export interface DemoSessions {
  /** The cookie's name: `__Host-northwind_session` with `secure`, else `northwind_session`. */
  readonly cookieName: string;
  /** Checks and normalizes a username typed on the sign-in page; `null` when unusable. */
  normalizeUsername(input: unknown): string | null;
  /**
   * Starts a session for `username`; resolves with the `Set-Cookie` value.
   * The session `request`'s cookie names, if any, ends: signing in again on a
   * browser leaves no earlier session alive.
   */
  signIn(username: string, request?: Request): Promise<string>;
  /** Ends the request's session on the server (its cookie is worthless from now on); resolves with the `Set-Cookie` value that clears it. */
  signOut(request: Request): Promise<string>;
  /** The user whose live session the request's cookie names, else `null`. */
  userFrom(request: Request): Promise<DemoUser | null>;
}

const SESSION_SECONDS = 60 * 60 * 8;
// Usernames become part of a proxy user id: keep them to a tame alphabet.
const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{0,39}$/;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
// Expired sessions are deleted on a sign-in (the only thing that adds rows), at most this often.
const PRUNE_INTERVAL_MS = 60_000;

function readCookie(header: string | null, name: string): string | undefined {
  if (header === null) return undefined;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator === -1) continue;
    if (part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim();
  }
  return undefined;
}

/** Only the token's digest is stored: a leaked sessions table signs nobody in. */
function digest(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/**
 * Whether the browser keeps a `Secure` (and so `__Host-`) cookie for this
 * origin: on https, and on http://localhost, which browsers treat as a secure
 * context. Elsewhere on plain http only an unprefixed cookie is possible.
 */
export function allowsSecureCookies(publicUrl: string): boolean {
  const url = new URL(publicUrl);
  return url.protocol === 'https:' || ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

/**
 * Demo sessions: any username signs in. The cookie holds a random token; the
 * server keeps its digest, the username and the expiry, so signing out
 * revokes the session at once. The cookie is HttpOnly (no script reads it),
 * SameSite=Lax (a cross-site form cannot ride on it), and with `secure` a
 * `__Host-` cookie: Secure, Path=/, no Domain, so no other host or port of
 * the site can set or overwrite it. A username keeps its
 * {@link DEMO_SESSIONS_PER_USER} newest sessions, and expired ones are deleted
 * on sign-in (at most once a minute), so the table never outgrows the
 * sessions alive. `now` is injectable for tests.
 */
export function createDemoSessions(
  store: DemoSessionStore,
  options: { secure: boolean; now?: () => number },
): DemoSessions {
  const now = options.now ?? Date.now;
  const cookieName = options.secure ? `__Host-${DEMO_SESSION_COOKIE}` : DEMO_SESSION_COOKIE;
  const attributes = `Path=/; HttpOnly; SameSite=Lax${options.secure ? '; Secure' : ''}`;
  let prunedAt = Number.NEGATIVE_INFINITY;

  return {
    cookieName,
    normalizeUsername(input) {
      if (typeof input !== 'string') return null;
      const username = input.trim().toLowerCase();
      return USERNAME_PATTERN.test(username) ? username : null;
    },
    async signIn(username, request) {
      const previous = request && readCookie(request.headers.get('cookie'), cookieName);
      if (previous && TOKEN_PATTERN.test(previous)) await store.delete(digest(previous));
      const token = randomBytes(32).toString('base64url');
      const at = now();
      const tokenHash = digest(token);
      await store.insert(tokenHash, username, at + SESSION_SECONDS * 1000);
      await store.trim(username, tokenHash, DEMO_SESSIONS_PER_USER);
      if (at - prunedAt >= PRUNE_INTERVAL_MS) {
        prunedAt = at;
        await store.prune(at);
      }
      return `${cookieName}=${token}; ${attributes}; Max-Age=${SESSION_SECONDS}`;
    },
    async signOut(request) {
      const token = readCookie(request.headers.get('cookie'), cookieName);
      if (token && TOKEN_PATTERN.test(token)) await store.delete(digest(token));
      return `${cookieName}=; ${attributes}; Max-Age=0`;
    },
    async userFrom(request) {
      const token = readCookie(request.headers.get('cookie'), cookieName);
      if (!token || !TOKEN_PATTERN.test(token)) return null;
      const username = await store.find(digest(token), now());
      return username !== null && USERNAME_PATTERN.test(username)
        ? { id: `demo-${username}`, username }
        : null;
    },
  };
}
