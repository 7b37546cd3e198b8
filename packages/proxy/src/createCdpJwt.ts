import { createPrivateKey, randomFillSync, sign, type KeyObject } from 'node:crypto';

/** A CDP API key: its id and its secret (a PEM EC key or a base64 Ed25519 key). */
export interface CdpApiKey {
  apiKeyId: string;
  apiKeySecret: string;
}

/** A CDP signing key, parsed once and reused for every token. */
export interface CdpSigningKey {
  apiKeyId: string;
  algorithm: 'ES256' | 'EdDSA';
  key: KeyObject;
}

/** Lifetime of a CDP JWT, as the CDP documentation fixes it. */
const JWT_LIFETIME_SECONDS = 120;

/**
 * Parses a CDP API key secret. A PEM secret (SEC1 "EC PRIVATE KEY" or
 * PKCS#8) signs with ES256; any other secret is read as base64 of 64 bytes,
 * the Ed25519 seed followed by the public key, and signs with EdDSA.
 * Throws when the secret is neither, so a misconfigured key fails at start-up.
 */
export function parseCdpSigningKey(apiKey: CdpApiKey): CdpSigningKey {
  const secret = apiKey.apiKeySecret.trim();
  if (secret.includes('-----BEGIN')) {
    // Environment variables often carry PEM newlines as the two characters "\n".
    const pem = secret.replace(/\\n/g, '\n');
    let key: KeyObject;
    try {
      key = createPrivateKey({ key: pem, format: 'pem' });
    } catch (cause) {
      // A public key, a certificate or a cut-off PEM: node's own words ("DECODER routines::unsupported") name no option.
      throw new Error('CDP API key secret: the PEM is not a readable private EC (P-256) key', { cause });
    }
    if (key.asymmetricKeyType !== 'ec')
      throw new Error('CDP API key secret: a PEM key must be an EC (P-256) key');
    return { apiKeyId: apiKey.apiKeyId, algorithm: 'ES256', key };
  }
  const bytes = Buffer.from(secret, 'base64');
  if (bytes.length !== 64)
    throw new Error('CDP API key secret: expected a PEM EC key or 64 bytes of base64 Ed25519 key');
  const key = createPrivateKey({
    format: 'jwk',
    key: {
      kty: 'OKP',
      crv: 'Ed25519',
      d: bytes.subarray(0, 32).toString('base64url'),
      x: bytes.subarray(32).toString('base64url'),
    },
  });
  return { apiKeyId: apiKey.apiKeyId, algorithm: 'EdDSA', key };
}

const NONCE_BYTES = 16;
/**
 * Nonces are cut from a buffer of CSPRNG bytes filled 256 nonces at a time
 * (as `crypto.randomUUID` caches its entropy): one `randomFillSync` call in
 * 256 instead of one per token. Each byte is used once.
 */
const noncePool = Buffer.alloc(NONCE_BYTES * 256);
let nonceOffset = noncePool.length;

function nextNonce(): string {
  if (nonceOffset === noncePool.length) {
    randomFillSync(noncePool);
    nonceOffset = 0;
  }
  const nonce = noncePool.toString('hex', nonceOffset, nonceOffset + NONCE_BYTES);
  nonceOffset += NONCE_BYTES;
  return nonce;
}

/** The JSON text of a token's fixed parts, made once per signing key. */
interface TokenTemplate {
  /** The header up to its nonce's value. */
  headerStart: string;
  /** `,"sub":<key id>,"iss":"cdp","iat":` */
  claimsMiddle: string;
}

const templates = new WeakMap<CdpSigningKey, TokenTemplate>();

function templateOf(signingKey: CdpSigningKey): TokenTemplate {
  let template = templates.get(signingKey);
  if (template === undefined) {
    const kid = JSON.stringify(signingKey.apiKeyId);
    template = {
      headerStart: `{"alg":${JSON.stringify(signingKey.algorithm)},"kid":${kid},"typ":"JWT","nonce":"`,
      claimsMiddle: `,"sub":${kid},"iss":"cdp","iat":`,
    };
    templates.set(signingKey, template);
  }
  return template;
}

function base64url(json: string): string {
  return Buffer.from(json).toString('base64url');
}

/** What a token names of its request: the method, and the URL's host and path. */
export interface CdpJwtRequest {
  method: string;
  url: { readonly host: string; readonly pathname: string };
}

/**
 * Signs one CDP bearer token for one request. The token names the exact
 * method, host and path it may be used for and carries a random nonce, so it
 * must be made afresh for every request (retries included). Signed
 * synchronously with node:crypto and the key object parsed once: about a
 * fifth of the cost of an asynchronous WebCrypto signature, and no thread
 * pool round trip on the request path. The JSON of the parts that never
 * change (algorithm, key id, issuer) is made once per key; only the nonce,
 * the request and the times are written per token. ES256 signatures are the
 * raw 64-byte `r || s` form JWS requires.
 */
export async function createCdpJwt(
  signingKey: CdpSigningKey,
  request: { method: string; url: URL },
  now: number = Date.now(),
): Promise<string> {
  return signCdpJwt(signingKey, request, now);
}

/** {@link createCdpJwt}, returning the token itself: what the provider client calls per request. */
export function signCdpJwt(
  signingKey: CdpSigningKey,
  request: CdpJwtRequest,
  now: number = Date.now(),
): string {
  const { headerStart, claimsMiddle } = templateOf(signingKey);
  const issuedAt = Math.floor(now / 1000);
  // The nonce is hex, so it needs no escaping; the request line goes through JSON.stringify.
  const header = base64url(`${headerStart}${nextNonce()}"}`);
  const uri = JSON.stringify(`${request.method.toUpperCase()} ${request.url.host}${request.url.pathname}`);
  const payload = base64url(
    `{"uris":[${uri}]${claimsMiddle}${issuedAt},"nbf":${issuedAt},"exp":${issuedAt + JWT_LIFETIME_SECONDS}}`,
  );
  const signingInput = `${header}.${payload}`;
  const signature =
    signingKey.algorithm === 'ES256'
      ? sign('sha256', Buffer.from(signingInput), { key: signingKey.key, dsaEncoding: 'ieee-p1363' })
      : sign(null, Buffer.from(signingInput), signingKey.key);
  return `${signingInput}.${signature.toString('base64url')}`;
}
