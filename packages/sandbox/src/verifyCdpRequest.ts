import type { KeyObject } from 'node:crypto';
import { errors, jwtVerify } from 'jose';

/** The outcome of checking a request's CDP bearer token. */
export type CdpAuthVerdict = { ok: true; apiKeyId: string } | { ok: false; reason: string };

/** The public keys the sandbox accepts, by API key id. */
export type CdpKeyring = Map<string, { key: KeyObject; algorithm: 'ES256' | 'EdDSA' }>;

/** Lifetime of a CDP JWT: `exp` is at most this long after `iat` and `nbf`. */
const TOKEN_LIFETIME_SECONDS = 120;
/** Clock difference allowed between the signer and the sandbox, in seconds. */
const CLOCK_TOLERANCE_SECONDS = 5;
/** The `nonce` header: 16 random bytes, hex. */
const NONCE_PATTERN = /^[0-9a-f]{32}$/i;

/**
 * The nonces of the tokens the sandbox accepted, kept while their token could
 * still be used (its `exp` plus the clock tolerance) and forgotten after.
 * A token lives at most {@link TOKEN_LIFETIME_SECONDS} plus the tolerance past
 * the time it was accepted, so what is kept is bounded by the requests of the
 * last couple of minutes.
 */
export interface CdpNonceMemory {
  /** Records a nonce until `expiresAt` (seconds); false if it is already held. */
  remember(nonce: string, expiresAt: number, now: number): boolean;
  /** How many nonces are held. */
  readonly size: number;
}

/** A {@link CdpNonceMemory} in this process. */
export function createCdpNonceMemory(): CdpNonceMemory {
  // Insertion order is roughly expiry order (every accepted exp is within a few minutes of its
  // acceptance), so expired nonces are dropped from the front: the first one still valid stops it.
  const held = new Map<string, number>();
  return {
    remember(nonce, expiresAt, now) {
      for (const [oldest, until] of held) {
        if (until + CLOCK_TOLERANCE_SECONDS >= now) break;
        held.delete(oldest);
      }
      const until = held.get(nonce);
      if (until !== undefined && until + CLOCK_TOLERANCE_SECONDS >= now) return false;
      held.delete(nonce);
      held.set(nonce, expiresAt);
      return true;
    },
    get size() {
      return held.size;
    },
  };
}

/**
 * Checks a request's `Authorization: Bearer <JWT>` the way CDP does: a known key id
 * in both `kid` and `sub`, a valid ES256 or EdDSA signature, `iss: "cdp"`, a `nonce`
 * header of 16 hex bytes never seen before while its token is valid, `iat`, current
 * `nbf`/`exp` with `exp` at most 120 s after `iat` and `nbf` (5 s of clock tolerance),
 * and a `uris` claim naming this very request as "<METHOD> <host><path>".
 * The reason is for the developer reading the 401; it never contains key material.
 */
export async function verifyCdpRequest(
  request: Request,
  keyring: CdpKeyring,
  nonces: CdpNonceMemory,
): Promise<CdpAuthVerdict> {
  const header = request.headers.get('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (match?.[1] === undefined) return { ok: false, reason: 'missing Authorization: Bearer <JWT> header' };
  const token = match[1];
  let keyId = '';
  try {
    const { payload, protectedHeader } = await jwtVerify(
      token,
      (tokenHeader) => {
        keyId = tokenHeader.kid ?? '';
        const entry = keyring.get(keyId);
        if (entry === undefined) throw new UnknownKeyError();
        if (entry.algorithm !== tokenHeader.alg) throw new UnknownKeyError();
        return entry.key;
      },
      {
        issuer: 'cdp',
        algorithms: ['ES256', 'EdDSA'],
        requiredClaims: ['sub', 'iat', 'nbf', 'exp', 'uris'],
        // Also refuses an iat in the future.
        maxTokenAge: TOKEN_LIFETIME_SECONDS,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      },
    );
    if (payload.sub !== protectedHeader.kid)
      return { ok: false, reason: 'sub does not match the kid header' };
    const nonce: unknown = protectedHeader.nonce;
    if (nonce === undefined) return { ok: false, reason: 'the header has no nonce (16 random bytes, hex)' };
    if (typeof nonce !== 'string' || !NONCE_PATTERN.test(nonce))
      return { ok: false, reason: 'the nonce header must be 16 random bytes in hex (32 characters)' };
    // The three are numbers: jose checked them.
    const { iat = 0, nbf = 0, exp = 0 } = payload;
    if (exp - Math.min(iat, nbf) > TOKEN_LIFETIME_SECONDS + CLOCK_TOLERANCE_SECONDS)
      return {
        ok: false,
        reason: `exp is more than ${TOKEN_LIFETIME_SECONDS} s after iat/nbf (a token lives ${TOKEN_LIFETIME_SECONDS} s)`,
      };
    const url = new URL(request.url);
    const expected = `${request.method.toUpperCase()} ${url.host}${url.pathname}`;
    const uris = Array.isArray(payload.uris) ? payload.uris : [];
    if (!uris.includes(expected)) return { ok: false, reason: `the uris claim does not name "${expected}"` };
    // Recorded only for a token that passed every other check, so a refused one burns nothing.
    if (!nonces.remember(`${keyId}:${nonce.toLowerCase()}`, exp, Math.floor(Date.now() / 1000)))
      return {
        ok: false,
        reason: 'this nonce was already used: sign a fresh token (new nonce) for every request',
      };
    return { ok: true, apiKeyId: keyId };
  } catch (error) {
    return { ok: false, reason: describeJwtError(error) };
  }
}

class UnknownKeyError extends Error {
  constructor() {
    super('unknown API key id');
  }
}

function describeJwtError(error: unknown): string {
  if (error instanceof UnknownKeyError)
    return 'unknown API key id (kid) or an algorithm that does not fit the key';
  if (error instanceof errors.JWTExpired)
    return error.claim === 'iat'
      ? `the token was issued more than ${TOKEN_LIFETIME_SECONDS} s ago (iat)`
      : 'the token has expired';
  if (error instanceof errors.JWTClaimValidationFailed)
    return error.reason === 'missing'
      ? `claim "${error.claim}" is missing`
      : `claim "${error.claim}" is invalid (${error.reason})`;
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'the signature does not verify';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'alg must be ES256 or EdDSA';
  return 'the token is malformed';
}
