import { createHmac, timingSafeEqual } from 'node:crypto';

/** The name of the demo's session cookie. */
export const DEMO_SESSION_COOKIE = 'northwind_session';

/** A signed-in demo user. The id is what the proxy keys the user's customer on. */
export interface DemoUser {
  id: string;
  username: string;
}

/** Signs and reads the demo's session cookie. */
export interface DemoSessions {
  /** Checks and normalizes a username typed on the sign-in page; `null` when unusable. */
  normalizeUsername(input: unknown): string | null;
  /** The `Set-Cookie` value that signs `username` in. */
  signInCookie(username: string, options: { secure: boolean }): string;
  /** The `Set-Cookie` value that signs the browser out. */
  signOutCookie(options: { secure: boolean }): string;
  /** The user whose valid session cookie the request carries, else `null`. */
  userFrom(request: Request): DemoUser | null;
}

const SESSION_SECONDS = 60 * 60 * 8;
// Usernames become part of a cookie and a proxy user id: keep them to a tame alphabet.
const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{0,39}$/;

function readCookie(header: string | null, name: string): string | undefined {
  if (header === null) return undefined;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator === -1) continue;
    if (part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim();
  }
  return undefined;
}

/**
 * Demo sessions: any username signs in, and the cookie holds the username and
 * its expiry signed with HMAC-SHA256, so nothing is stored on the server.
 * The cookie is HttpOnly (no script can read it) and SameSite=Lax (a
 * cross-site form cannot ride on it); `now` is injectable for tests.
 */
export function createDemoSessions(secret: string, now: () => number = Date.now): DemoSessions {
  const sign = (payload: string) => createHmac('sha256', secret).update(payload).digest('base64url');
  const attributes = (secure: boolean) => `Path=/; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;

  return {
    normalizeUsername(input) {
      if (typeof input !== 'string') return null;
      const username = input.trim().toLowerCase();
      return USERNAME_PATTERN.test(username) ? username : null;
    },
    signInCookie(username, { secure }) {
      const expires = Math.floor(now() / 1000) + SESSION_SECONDS;
      const payload = `${Buffer.from(username).toString('base64url')}.${expires}`;
      return `${DEMO_SESSION_COOKIE}=${payload}.${sign(payload)}; ${attributes(secure)}; Max-Age=${SESSION_SECONDS}`;
    },
    signOutCookie({ secure }) {
      return `${DEMO_SESSION_COOKIE}=; ${attributes(secure)}; Max-Age=0`;
    },
    userFrom(request) {
      const value = readCookie(request.headers.get('cookie'), DEMO_SESSION_COOKIE);
      if (!value) return null;
      const [encodedUsername, expires, signature] = value.split('.');
      if (!encodedUsername || !expires || !signature) return null;
      const expected = Buffer.from(sign(`${encodedUsername}.${expires}`));
      const given = Buffer.from(signature);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
      if (Number(expires) * 1000 <= now()) return null;
      const username = Buffer.from(encodedUsername, 'base64url').toString();
      return USERNAME_PATTERN.test(username) ? { id: `demo-${username}`, username } : null;
    },
  };
}
