import { createHmac, timingSafeEqual } from 'node:crypto';

/** The headers covered by the `v1` signature, in the order they are signed. */
export const SIGNED_WEBHOOK_HEADERS = ['content-type', 'x-event-id', 'x-event-type'] as const;

/**
 * Builds an `X-Hook0-Signature` value the way Hook0 (Coinbase's webhook sender)
 * does: `t=<unix>,v0=<hex>,h=<names>,v1=<hex>`, where `v0` is the HMAC-SHA256 of
 * `"{t}.{rawBody}"` and `v1` the HMAC-SHA256 of `"{t}.{names}.{values}.{rawBody}"`
 * (names joined by spaces, values by dots).
 */
export function signHook0Payload(input: {
  secret: string;
  rawBody: string;
  timestamp: number;
  headers: Record<(typeof SIGNED_WEBHOOK_HEADERS)[number], string>;
}): string {
  const t = String(input.timestamp);
  const v0 = createHmac('sha256', input.secret).update(`${t}.${input.rawBody}`).digest('hex');
  const names = SIGNED_WEBHOOK_HEADERS.join(' ');
  const values = SIGNED_WEBHOOK_HEADERS.map((name) => input.headers[name]).join('.');
  const v1 = createHmac('sha256', input.secret)
    .update(`${t}.${names}.${values}.${input.rawBody}`)
    .digest('hex');
  return `t=${t},v0=${v0},h=${names},v1=${v1}`;
}

/**
 * Checks the `v0` part of an `X-Hook0-Signature` in constant time, refusing
 * timestamps older than `toleranceSeconds` (default 300, as Coinbase advises).
 * Exported so partners' tests can check what the sandbox sent them.
 */
export function verifyHook0Signature(input: {
  secret: string;
  rawBody: string;
  header: string;
  nowSeconds?: number;
  toleranceSeconds?: number;
}): boolean {
  const parts = new Map(
    input.header.split(',').flatMap((part) => {
      const index = part.indexOf('=');
      return index === -1 ? [] : [[part.slice(0, index).trim(), part.slice(index + 1).trim()] as const];
    }),
  );
  const t = parts.get('t');
  const v0 = parts.get('v0');
  if (t === undefined || v0 === undefined || !/^\d+$/.test(t)) return false;
  const now = input.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - Number(t)) > (input.toleranceSeconds ?? 300)) return false;
  const expected = createHmac('sha256', input.secret).update(`${t}.${input.rawBody}`).digest();
  const given = Buffer.from(v0, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
