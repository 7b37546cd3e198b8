import { describe, expect, it } from 'vitest';
import { DEMO_SESSION_COOKIE, createDemoSessions } from './createDemoSessions';

function requestWithCookie(setCookie: string): Request {
  const pair = setCookie.split(';')[0] ?? '';
  return new Request('http://localhost/', { headers: { cookie: `theme=dark; ${pair}` } });
}

describe('createDemoSessions', () => {
  it('signs a user in with an HttpOnly, SameSite=Lax cookie that resolves back to the user', () => {
    const sessions = createDemoSessions('secret');
    const cookie = sessions.signInCookie('alice', { secure: false });
    expect(cookie).toMatch(new RegExp(`^${DEMO_SESSION_COOKIE}=`));
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).not.toContain('Secure');
    expect(sessions.userFrom(requestWithCookie(cookie))).toEqual({ id: 'demo-alice', username: 'alice' });
  });

  it('marks the cookie Secure when served over HTTPS', () => {
    expect(createDemoSessions('secret').signInCookie('alice', { secure: true })).toContain('; Secure');
  });

  it('rejects a cookie signed with another secret or edited by hand', () => {
    const cookie = createDemoSessions('other secret').signInCookie('alice', { secure: false });
    expect(createDemoSessions('secret').userFrom(requestWithCookie(cookie))).toBeNull();

    const sessions = createDemoSessions('secret');
    const genuine = sessions.signInCookie('alice', { secure: false });
    const forged = genuine.replace(
      Buffer.from('alice').toString('base64url'),
      Buffer.from('mallory').toString('base64url'),
    );
    expect(sessions.userFrom(requestWithCookie(forged))).toBeNull();
  });

  it('expires the session after eight hours', () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const sessions = createDemoSessions('secret', () => now);
    const cookie = sessions.signInCookie('alice', { secure: false });
    now += 8 * 60 * 60 * 1000 - 1000;
    expect(sessions.userFrom(requestWithCookie(cookie))).not.toBeNull();
    now += 2000;
    expect(sessions.userFrom(requestWithCookie(cookie))).toBeNull();
  });

  it('signs out by clearing the cookie', () => {
    const cookie = createDemoSessions('secret').signOutCookie({ secure: false });
    expect(cookie).toContain('Max-Age=0');
    expect(cookie).toContain('HttpOnly');
  });

  it('has no user without a session cookie', () => {
    expect(createDemoSessions('secret').userFrom(new Request('http://localhost/'))).toBeNull();
  });

  it('accepts usernames of letters, digits, dots, dashes and underscores, lower-cased', () => {
    const sessions = createDemoSessions('secret');
    expect(sessions.normalizeUsername('  Alice.Smith_2 ')).toBe('alice.smith_2');
    expect(sessions.normalizeUsername('')).toBeNull();
    expect(sessions.normalizeUsername('a b')).toBeNull();
    expect(sessions.normalizeUsername('x'.repeat(41))).toBeNull();
    expect(sessions.normalizeUsername(42)).toBeNull();
  });
});
