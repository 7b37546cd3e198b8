import { describe, expect, it } from 'vitest';
import { DEMO_SESSION_COOKIE, allowsSecureCookies, createDemoSessions } from './createDemoSessions';
import type { DemoSessionStore } from './createDemoSessions';

function memoryStore(): DemoSessionStore & { size(): number } {
  // In insertion order, so the newest of a user's sessions are the last ones.
  const rows = new Map<string, { username: string; expiresAt: number }>();
  return {
    async insert(tokenHash, username, expiresAt) {
      rows.set(tokenHash, { username, expiresAt });
    },
    async find(tokenHash, now) {
      const row = rows.get(tokenHash);
      return row && row.expiresAt > now ? row.username : null;
    },
    async delete(tokenHash) {
      rows.delete(tokenHash);
    },
    async trim(username, newest, keep) {
      const others = [...rows].filter(([hash, row]) => row.username === username && hash !== newest);
      for (const [hash] of others.slice(0, Math.max(0, others.length - (keep - 1)))) rows.delete(hash);
    },
    async prune(now) {
      for (const [hash, row] of rows) if (row.expiresAt <= now) rows.delete(hash);
    },
    size: () => rows.size,
  };
}

function requestWithCookie(setCookie: string): Request {
  const pair = setCookie.split(';')[0] ?? '';
  return new Request('http://localhost/', { headers: { cookie: `theme=dark; ${pair}` } });
}

describe('createDemoSessions', () => {
  it('signs a user in with an HttpOnly, SameSite=Lax cookie that resolves back to the user', async () => {
    const sessions = createDemoSessions(memoryStore(), { secure: false });
    const cookie = await sessions.signIn('alice');
    expect(cookie).toMatch(new RegExp(`^${DEMO_SESSION_COOKIE}=`));
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).not.toContain('Secure');
    // The cookie carries a random token only, not the username.
    expect(cookie).not.toContain('alice');
    expect(await sessions.userFrom(requestWithCookie(cookie))).toEqual({
      id: 'demo-alice',
      username: 'alice',
    });
  });

  it('uses a __Host- cookie (Secure, Path=/, no Domain) wherever the browser keeps one', async () => {
    const cookie = await createDemoSessions(memoryStore(), { secure: true }).signIn('alice');
    expect(cookie).toMatch(new RegExp(`^__Host-${DEMO_SESSION_COOKIE}=`));
    expect(cookie).toContain('; Secure');
    expect(cookie).toContain('Path=/');
    expect(cookie).not.toContain('Domain');
    expect(allowsSecureCookies('https://demo.example.com')).toBe(true);
    expect(allowsSecureCookies('http://localhost:3000')).toBe(true);
    expect(allowsSecureCookies('http://demo.internal:3000')).toBe(false);
  });

  it('revokes the session on sign-out: the same cookie no longer signs anyone in', async () => {
    const store = memoryStore();
    const sessions = createDemoSessions(store, { secure: false });
    const cookie = await sessions.signIn('alice');
    const cleared = await sessions.signOut(requestWithCookie(cookie));
    expect(cleared).toContain('Max-Age=0');
    expect(store.size()).toBe(0);
    expect(await sessions.userFrom(requestWithCookie(cookie))).toBeNull();
  });

  it('ends the session a browser had when someone signs in on it again, without signing out first', async () => {
    const store = memoryStore();
    const sessions = createDemoSessions(store, { secure: false });
    const alices = await sessions.signIn('alice');
    const bobs = await sessions.signIn('bob', requestWithCookie(alices));
    // A copy of Alice's cookie taken before is worthless: only Bob's session is left.
    expect(await sessions.userFrom(requestWithCookie(alices))).toBeNull();
    expect(await sessions.userFrom(requestWithCookie(bobs))).toMatchObject({ username: 'bob' });
    expect(store.size()).toBe(1);
  });

  it('refuses made-up tokens and expired sessions', async () => {
    let now = 1_000_000;
    const sessions = createDemoSessions(memoryStore(), { secure: false, now: () => now });
    const cookie = await sessions.signIn('alice');
    expect(await sessions.userFrom(requestWithCookie(`${DEMO_SESSION_COOKIE}=${'a'.repeat(43)}`))).toBeNull();
    expect(await sessions.userFrom(new Request('http://localhost/'))).toBeNull();
    now += 8 * 60 * 60 * 1000 + 1;
    expect(await sessions.userFrom(requestWithCookie(cookie))).toBeNull();
  });

  it('normalizes usernames and refuses unusable ones', () => {
    const sessions = createDemoSessions(memoryStore(), { secure: false });
    expect(sessions.normalizeUsername('  Alice ')).toBe('alice');
    expect(sessions.normalizeUsername('a b')).toBeNull();
    expect(sessions.normalizeUsername(42)).toBeNull();
  });
});
