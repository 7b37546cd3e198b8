import type { KeyObject } from 'node:crypto';
import { errors, jwtVerify } from 'jose';

/** The outcome of checking a request's CDP bearer token. */
export type CdpAuthVerdict = { ok: true; apiKeyId: string } | { ok: false; reason: string };

/** The public keys the sandbox accepts, by API key id. */
export type CdpKeyring = Map<string, { key: KeyObject; algorithm: 'ES256' | 'EdDSA' }>;

/**
 * Checks a request's `Authorization: Bearer <JWT>` the way CDP does: a known key id
 * in both `kid` and `sub`, a valid ES256 or EdDSA signature, `iss: "cdp"`, current
 * `nbf`/`exp`, and a `uris` claim naming this very request as "<METHOD> <host><path>".
 * The reason is for the developer reading the 401; it never contains key material.
 */
export async function verifyCdpRequest(request: Request, keyring: CdpKeyring): Promise<CdpAuthVerdict> {
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
        requiredClaims: ['sub', 'nbf', 'exp', 'uris'],
        clockTolerance: 5,
      },
    );
    if (payload.sub !== protectedHeader.kid)
      return { ok: false, reason: 'sub does not match the kid header' };
    const url = new URL(request.url);
    const expected = `${request.method.toUpperCase()} ${url.host}${url.pathname}`;
    const uris = Array.isArray(payload.uris) ? payload.uris : [];
    if (!uris.includes(expected)) return { ok: false, reason: `the uris claim does not name "${expected}"` };
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
  if (error instanceof errors.JWTExpired) return 'the token has expired';
  if (error instanceof errors.JWTClaimValidationFailed)
    return `claim "${error.claim}" is invalid (${error.reason})`;
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'the signature does not verify';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'alg must be ES256 or EdDSA';
  return 'the token is malformed';
}
