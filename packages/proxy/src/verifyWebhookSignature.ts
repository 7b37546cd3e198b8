import { createHmac, timingSafeEqual } from 'node:crypto';

/** Why a webhook signature was refused (for logs; the sender only sees 401). */
export type WebhookSignatureFailure = 'missing' | 'malformed' | 'stale' | 'mismatch';

/** The outcome of {@link verifyWebhookSignature}. */
export type WebhookSignatureResult =
  | {
      ok: true;
      timestamp: number;
      /** Lower-case names of headers a valid `v1` signature covers: only these header values may be believed. */
      signedHeaders: string[];
    }
  | { ok: false; reason: WebhookSignatureFailure };

/** Events older (or further in the future) than this are refused: a captured request cannot be replayed later. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

/** Hex HMAC-SHA256 over `"{t}.{rawBody}"`, the `v0` scheme of `X-Hook0-Signature`. */
export function signWebhookPayload(secret: string, rawBody: string, timestamp: number): string {
  return createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex');
}

/**
 * Builds an `X-Hook0-Signature` value, as a provider would send it. For tests
 * and for partners who replay events into their own proxy.
 */
export function createWebhookSignatureHeader(
  secret: string,
  rawBody: string,
  timestamp: number = Math.floor(Date.now() / 1000),
): string {
  return `t=${timestamp},v0=${signWebhookPayload(secret, rawBody, timestamp)}`;
}

function constantTimeMatch(expectedHex: string, candidates: readonly string[]): boolean {
  const expected = Buffer.from(expectedHex, 'hex');
  // Every candidate is compared, so timing does not tell which one was close.
  let matched = false;
  for (const candidate of candidates) {
    if (timingSafeEqual(expected, Buffer.from(candidate, 'hex'))) matched = true;
  }
  return matched;
}

/**
 * Checks an `X-Hook0-Signature` header (`t=<unix>,v0=<hex>,h=...,v1=...`)
 * against the raw body, exactly as received: re-serialized JSON would not
 * match. `v0` (over `"{t}.{rawBody}"`) must match; a `v1` that also matches
 * (over `"{t}.{names}.{values}.{rawBody}"`, the headers listed in `h`)
 * vouches for those headers, e.g. `X-Event-Id`. Comparison is constant-time;
 * events outside the 5-minute window are refused. During a secret rotation
 * pass both secrets: a signature made with either is accepted.
 */
export function verifyWebhookSignature(input: {
  header: string | null;
  rawBody: string;
  /** The subscription secret; several during a rotation (any one matching is enough). */
  secret: string | readonly string[];
  /** Reads a request header, for the `v1` scheme. */
  getHeader?: (name: string) => string | null | undefined;
  now?: number;
  toleranceSeconds?: number;
}): WebhookSignatureResult {
  if (!input.header) return { ok: false, reason: 'missing' };
  let timestamp: number | undefined;
  let headerNames: string | undefined;
  const candidates: string[] = [];
  const headerCandidates: string[] = [];
  for (const part of input.header.split(',')) {
    const separator = part.indexOf('=');
    if (separator < 0) continue;
    const name = part.slice(0, separator).trim();
    const value = part.slice(separator + 1).trim();
    if (name === 't' && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    if (name === 'v0' && /^[0-9a-f]{64}$/i.test(value)) candidates.push(value.toLowerCase());
    if (name === 'v1' && /^[0-9a-f]{64}$/i.test(value)) headerCandidates.push(value.toLowerCase());
    if (name === 'h') headerNames = value;
  }
  if (timestamp === undefined || candidates.length === 0) return { ok: false, reason: 'malformed' };
  const nowSeconds = Math.floor((input.now ?? Date.now()) / 1000);
  if (Math.abs(nowSeconds - timestamp) > (input.toleranceSeconds ?? WEBHOOK_TOLERANCE_SECONDS))
    return { ok: false, reason: 'stale' };
  const secrets = typeof input.secret === 'string' ? [input.secret] : input.secret;
  // Every secret is tried, so timing does not tell which one is current.
  let secret: string | undefined;
  for (const candidate of secrets) {
    if (constantTimeMatch(signWebhookPayload(candidate, input.rawBody, timestamp), candidates)) {
      secret ??= candidate;
    }
  }
  if (secret === undefined) return { ok: false, reason: 'mismatch' };
  let signedHeaders: string[] = [];
  if (headerNames !== undefined && headerCandidates.length > 0 && input.getHeader) {
    const names = headerNames
      .split(' ')
      .map((name) => name.trim().toLowerCase())
      .filter((name) => name !== '');
    const getHeader = input.getHeader;
    const values = names.map((name) => getHeader(name) ?? '').join('.');
    const expected = createHmac('sha256', secret)
      .update(`${timestamp}.${names.join(' ')}.${values}.${input.rawBody}`)
      .digest('hex');
    if (constantTimeMatch(expected, headerCandidates)) signedHeaders = names;
  }
  return { ok: true, timestamp, signedHeaders };
}
