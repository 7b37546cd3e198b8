import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { createCdpJwt, parseCdpSigningKey } from './createCdpJwt';

function ecKeyPem(format: 'sec1' | 'pkcs8'): string {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return privateKey.export({ format: 'pem', type: format }).toString();
}

function ed25519Secret(): string {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const seed = Buffer.from(privateKey.export({ format: 'jwk' }).d ?? '', 'base64url');
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x ?? '', 'base64url');
  return Buffer.concat([seed, raw]).toString('base64');
}

const url = new URL('https://api.cdp.coinbase.com/platform/v2/customers/customer_1?ignored=1');

describe('createCdpJwt', () => {
  it('signs an ES256 token with the claims CDP checks', async () => {
    const key = parseCdpSigningKey({ apiKeyId: 'organizations/o/apiKeys/k', apiKeySecret: ecKeyPem('sec1') });
    const now = Date.UTC(2026, 0, 1);
    const token = await createCdpJwt(key, { method: 'put', url }, now);
    const { payload, protectedHeader } = await jwtVerify(token, createPublicKey(key.key), {
      currentDate: new Date(now),
    });
    expect(protectedHeader).toMatchObject({ alg: 'ES256', kid: 'organizations/o/apiKeys/k', typ: 'JWT' });
    expect(protectedHeader.nonce).toMatch(/^[0-9a-f]{32}$/);
    expect(payload).toMatchObject({
      sub: 'organizations/o/apiKeys/k',
      iss: 'cdp',
      uris: ['PUT api.cdp.coinbase.com/platform/v2/customers/customer_1'],
      iat: now / 1000,
      nbf: now / 1000,
      exp: now / 1000 + 120,
    });
  });

  it('accepts a PKCS#8 PEM and a PEM whose newlines arrived escaped', async () => {
    const pem = ecKeyPem('pkcs8');
    expect(parseCdpSigningKey({ apiKeyId: 'k', apiKeySecret: pem }).algorithm).toBe('ES256');
    expect(parseCdpSigningKey({ apiKeyId: 'k', apiKeySecret: pem.replace(/\n/g, '\\n') }).algorithm).toBe(
      'ES256',
    );
  });

  it('signs an EdDSA token from a base64 Ed25519 seed and public key', async () => {
    const key = parseCdpSigningKey({ apiKeyId: 'ed-key', apiKeySecret: ed25519Secret() });
    const token = await createCdpJwt(key, { method: 'GET', url });
    const { payload } = await jwtVerify(token, createPublicKey(key.key));
    expect(decodeProtectedHeader(token).alg).toBe('EdDSA');
    expect(payload.uris).toEqual(['GET api.cdp.coinbase.com/platform/v2/customers/customer_1']);
  });

  it('uses a new nonce for every token', async () => {
    const key = parseCdpSigningKey({ apiKeyId: 'k', apiKeySecret: ecKeyPem('sec1') });
    const first = decodeProtectedHeader(await createCdpJwt(key, { method: 'GET', url }));
    const second = decodeProtectedHeader(await createCdpJwt(key, { method: 'GET', url }));
    expect(first.nonce).not.toBe(second.nonce);
  });

  it('never repeats a nonce, also past a refill of its entropy pool (256 nonces a fill)', async () => {
    const key = parseCdpSigningKey({ apiKeyId: 'k', apiKeySecret: ed25519Secret() });
    const nonces = new Set<unknown>();
    for (let index = 0; index < 600; index += 1)
      nonces.add(decodeProtectedHeader(await createCdpJwt(key, { method: 'GET', url })).nonce);
    expect(nonces.size).toBe(600);
  });

  it('refuses a secret that is neither a PEM EC key nor 64 bytes of Ed25519 key', () => {
    expect(() =>
      parseCdpSigningKey({ apiKeyId: 'k', apiKeySecret: Buffer.alloc(32).toString('base64') }),
    ).toThrow(/64 bytes/);
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    expect(() =>
      parseCdpSigningKey({
        apiKeyId: 'k',
        apiKeySecret: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
      }),
    ).toThrow(/EC/);
  });
});
