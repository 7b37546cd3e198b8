import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { SandboxDatabase } from './openSandboxDatabase';

/** The keys a partner uses against the sandbox, shaped as each provider issues them. */
export interface SandboxCredentials {
  /** A CDP API key with an ES256 (P-256) secret in PEM, as the CDP portal issues them. */
  coinbase: { apiKeyId: string; apiKeySecret: string };
  /** A CDP API key with an Ed25519 secret: base64 of the 32-byte seed followed by the 32-byte public key. */
  coinbaseEd25519: { apiKeyId: string; apiKeySecret: string };
  /** An OMS API key pair for `POST /v0.9/auth/token`. */
  oms: { apiKey: string; apiSecret: string };
}

const CREDENTIALS_META_KEY = 'credentials';

function generateCredentials(): SandboxCredentials {
  const ecKeys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  // SEC1 ("BEGIN EC PRIVATE KEY") is the form CDP hands out, so a signer that only
  // copes with PKCS#8 fails here as it would against the real service.
  const ecPem = ecKeys.privateKey.export({ format: 'pem', type: 'sec1' }).toString();
  const edKeys = generateKeyPairSync('ed25519');
  const jwk = edKeys.privateKey.export({ format: 'jwk' });
  const seed = Buffer.from(jwk.d ?? '', 'base64url');
  const publicKey = Buffer.from(jwk.x ?? '', 'base64url');
  return {
    coinbase: { apiKeyId: randomUUID(), apiKeySecret: ecPem },
    coinbaseEd25519: {
      apiKeyId: randomUUID(),
      apiKeySecret: Buffer.concat([seed, publicKey]).toString('base64'),
    },
    oms: {
      apiKey: `pk_sandbox_${randomBytes(12).toString('hex')}`,
      apiSecret: `sk_sandbox_${randomBytes(24).toString('hex')}`,
    },
  };
}

/** Loads the credentials kept in the database, generating and keeping a fresh set on first start. */
export function loadOrCreateCredentials(database: SandboxDatabase): SandboxCredentials {
  const row = database.prepare('SELECT value FROM meta WHERE key = ?').get(CREDENTIALS_META_KEY) as
    { value: string } | undefined;
  if (row !== undefined) return JSON.parse(row.value) as SandboxCredentials;
  const credentials = generateCredentials();
  database
    .prepare('INSERT INTO meta (key, value) VALUES (?, ?)')
    .run(CREDENTIALS_META_KEY, JSON.stringify(credentials));
  return credentials;
}

/** The public keys the JWT verifier accepts, by key id. */
export function coinbasePublicKeys(
  credentials: SandboxCredentials,
): Map<string, { key: KeyObject; algorithm: 'ES256' | 'EdDSA' }> {
  const keys = new Map<string, { key: KeyObject; algorithm: 'ES256' | 'EdDSA' }>();
  keys.set(credentials.coinbase.apiKeyId, {
    key: createPublicKey(createPrivateKey(credentials.coinbase.apiKeySecret)),
    algorithm: 'ES256',
  });
  const edBytes = Buffer.from(credentials.coinbaseEd25519.apiKeySecret, 'base64');
  keys.set(credentials.coinbaseEd25519.apiKeyId, {
    key: createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: edBytes.subarray(32).toString('base64url') },
      format: 'jwk',
    }),
    algorithm: 'EdDSA',
  });
  return keys;
}
