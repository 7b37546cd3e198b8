import { generateKeyPairSync } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSandboxTestClient, TEST_ORIGIN } from './sandboxTestClient';
import type { SandboxTestClient } from './sandboxTestClient';

let client: SandboxTestClient;

beforeEach(() => {
  client = createSandboxTestClient();
});

afterEach(async () => {
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
});
