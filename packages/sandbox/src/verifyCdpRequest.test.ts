import { generateKeyPairSync } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSandboxTestClient, TEST_ORIGIN } from './sandboxTestClient';
import type { SandboxTestClient } from './sandboxTestClient';
import { createCdpNonceMemory } from './verifyCdpRequest';

let client: SandboxTestClient;

beforeEach(() => {
  client = createSandboxTestClient();
});

afterEach(async () => {
  vi.useRealTimers();
  await client.close();
});

const list = '/platform/v2/customers';

describe('Coinbase authentication: a CDP JWT per request', () => {
  it('accepts an ES256 key', async () => {
    expect((await client.coinbase('GET', list, undefined, { token: { key: 'es256' } })).status).toBe(200);
  });

  it('accepts an Ed25519 key', async () => {
    expect((await client.coinbase('GET', list, undefined, { token: { key: 'ed25519' } })).status).toBe(200);
  });

  it('answers 401 unauthorized without a token', async () => {
    const response = await client.coinbase('GET', list, undefined, { token: null });
    expect(response.status).toBe(401);
    expect(response.body.errorType).toBe('unauthorized');
  });

  it('refuses a token whose uris name another method', async () => {
    const response = await client.coinbase('GET', list, undefined, {
      token: { uri: `POST sandbox.test${list}` },
    });
    expect(response.status).toBe(401);
    expect(response.body.errorMessage).toContain('uris');
  });

  it('refuses a token whose uris name another host', async () => {
    const response = await client.coinbase('GET', list, undefined, {
      token: { uri: `GET api.cdp.coinbase.com${list}` },
    });
    expect(response.status).toBe(401);
  });

  it('refuses a token whose uris name another path', async () => {
    const response = await client.coinbase('GET', list, undefined, {
      token: { uri: 'GET sandbox.test/platform/v2/customers/other' },
    });
    expect(response.status).toBe(401);
  });

  it('refuses an expired token', async () => {
    const past = Math.floor(Date.now() / 1000) - 600;
    const response = await client.coinbase('GET', list, undefined, {
      token: { notBefore: past - 120, expiresAt: past },
    });
    expect(response.status).toBe(401);
    expect(response.body.errorMessage).toContain('expired');
  });

  it('refuses a token that is not valid yet (nbf)', async () => {
    const future = Math.floor(Date.now() / 1000) + 600;
    const response = await client.coinbase('GET', list, undefined, {
      token: { notBefore: future, expiresAt: future + 120 },
    });
    expect(response.status).toBe(401);
  });

  it('refuses an issuer other than cdp', async () => {
    expect((await client.coinbase('GET', list, undefined, { token: { issuer: 'someone' } })).status).toBe(
      401,
    );
  });

  it('refuses a sub that differs from the kid', async () => {
    const response = await client.coinbase('GET', list, undefined, { token: { subject: 'another-key' } });
    expect(response.status).toBe(401);
    expect(response.body.errorMessage).toContain('sub');
  });

  it('refuses an unknown key id', async () => {
    const response = await client.coinbase('GET', list, undefined, {
      token: { keyId: 'not-a-key', subject: 'not-a-key' },
    });
    expect(response.status).toBe(401);
  });

  it('refuses a token signed by another key under a known key id', async () => {
    const stranger = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    const response = await client.coinbase('GET', list, undefined, { token: { signWith: stranger } });
    expect(response.status).toBe(401);
    expect(response.body.errorMessage).toContain('signature');
  });

  it('refuses a garbled token', async () => {
    const response = await client.sandbox.fetch(
      new Request(`${TEST_ORIGIN}${list}`, { headers: { authorization: 'Bearer not.a.jwt' } }),
    );
    expect(response.status).toBe(401);
  });

  it('refuses a token used a second time, and says to sign one per request', async () => {
    const token = await client.signToken('GET', `${TEST_ORIGIN}${list}`);
    const send = () =>
      client.sandbox.fetch(
        new Request(`${TEST_ORIGIN}${list}`, { headers: { authorization: `Bearer ${token}` } }),
      );
    expect((await send()).status).toBe(200);
    const replayed = await send();
    expect(replayed.status).toBe(401);
    const body = (await replayed.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      errorType: 'unauthorized',
      errorMessage: expect.stringContaining('nonce was already used') as unknown,
      errorLink: expect.stringContaining('#unauthorized') as unknown,
      correlationId: expect.any(String) as unknown,
    });
  });

  it('refuses a fresh token that repeats the nonce of one still valid', async () => {
    const nonce = 'a'.repeat(32);
    expect((await client.coinbase('GET', list, undefined, { token: { nonce } })).status).toBe(200);
    const again = await client.coinbase('GET', list, undefined, { token: { nonce: nonce.toUpperCase() } });
    expect(again.status).toBe(401);
    expect(again.body.errorMessage).toContain('nonce');
  });

  it('refuses a token without a nonce', async () => {
    const response = await client.coinbase('GET', list, undefined, { token: { nonce: null } });
    expect(response.status).toBe(401);
    expect(response.body.errorMessage).toContain('no nonce');
  });

  it.each(['1234', 'z'.repeat(32), 'ab'.repeat(32)])('refuses an ill-formed nonce (%s)', async (nonce) => {
    const response = await client.coinbase('GET', list, undefined, { token: { nonce } });
    expect(response.status).toBe(401);
    expect(response.body.errorMessage).toContain('16 random bytes in hex');
  });

  it('refuses a token without iat', async () => {
    const response = await client.coinbase('GET', list, undefined, { token: { issuedAt: null } });
    expect(response.status).toBe(401);
    expect(response.body.errorMessage).toContain('"iat" is missing');
  });

  it('refuses a token that lives longer than 120 s, and allows 5 s of clock difference', async () => {
    const now = Math.floor(Date.now() / 1000);
    const longLived = await client.coinbase('GET', list, undefined, { token: { expiresAt: now + 3600 } });
    expect(longLived.status).toBe(401);
    expect(longLived.body.errorMessage).toContain('more than 120 s after iat/nbf');
    const backdated = await client.coinbase('GET', list, undefined, {
      token: { issuedAt: now - 60, notBefore: now - 60, expiresAt: now + 120 },
    });
    expect(backdated.status).toBe(401);
    const skewed = await client.coinbase('GET', list, undefined, { token: { expiresAt: now + 125 } });
    expect(skewed.status).toBe(200);
  });
});

describe('the nonces the sandbox remembers', () => {
  it('are forgotten once their token has expired, so memory stays bounded', () => {
    const nonces = createCdpNonceMemory();
    const start = 1_000_000;
    for (let index = 0; index < 100; index += 1)
      expect(nonces.remember(`nonce-${index}`, start + 120, start)).toBe(true);
    expect(nonces.remember('nonce-7', start + 120, start + 60)).toBe(false);
    expect(nonces.size).toBe(100);
    // Past exp plus the 5 s tolerance: the old ones are gone, and the one remembered now is all there is.
    expect(nonces.remember('later', start + 250, start + 130)).toBe(true);
    expect(nonces.size).toBe(1);
    expect(nonces.remember('nonce-7', start + 250, start + 130)).toBe(true);
  });

  it('keeps a replayed token refused until it expires, then refuses it as expired', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const token = await client.signToken('GET', `${TEST_ORIGIN}${list}`);
    const send = async () =>
      (
        (await (
          await client.sandbox.fetch(
            new Request(`${TEST_ORIGIN}${list}`, { headers: { authorization: `Bearer ${token}` } }),
          )
        ).json()) as { errorMessage?: string }
      ).errorMessage;
    expect(await send()).toBeUndefined();
    vi.setSystemTime(Date.now() + 110_000);
    expect(await send()).toContain('already used');
    vi.setSystemTime(Date.now() + 30_000);
    expect(await send()).toContain('expired');
  });
});
