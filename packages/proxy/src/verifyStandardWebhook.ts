import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { WEBHOOK_TOLERANCE_SECONDS, type WebhookSignatureResult } from './verifyWebhookSignature';

/** The three headers of the Standard Webhooks scheme, lower-case. */
export const STANDARD_WEBHOOK_HEADERS = ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const;

/**
 * A Standard Webhooks secret as the library takes it. OMS (Polygon) hands out
 * `whsec_<base64 key>` secrets, used as they are; any other string (one that
 * is not base64 after `whsec_` included) is taken as the key's bytes
 * themselves (UTF-8), so one plain secret configures both the sandbox and
 * the proxy.
 */
export function toStandardWebhookSecret(secret: string): string {
  const base64 = secret.slice('whsec_'.length);
  return secret.startsWith('whsec_') && base64.length % 4 === 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(base64)
    ? secret
    : `whsec_${Buffer.from(secret, 'utf8').toString('base64')}`;
}

/**
 * Signs a delivery in the Standard Webhooks scheme, as OMS sends it: the
 * three headers to add to the request. For tests and for partners who
 * replay events into their own proxy.
 */
export function createStandardWebhookHeaders(input: {
  secret: string;
  rawBody: string;
  messageId: string;
  /** Unix seconds. @default now */
  timestamp?: number;
}): Record<(typeof STANDARD_WEBHOOK_HEADERS)[number], string> {
  const timestamp = input.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = new Webhook(toStandardWebhookSecret(input.secret)).sign(
    input.messageId,
    new Date(timestamp * 1000),
    input.rawBody,
  );
  return {
    'webhook-id': input.messageId,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signature,
  };
}

/**
 * Checks a Standard Webhooks delivery (`Webhook-Id`, `Webhook-Timestamp`,
 * `Webhook-Signature: v1,<base64> ...`), the scheme OMS signs with, using the
 * maintained `standardwebhooks` library over the raw body. Events outside
 * the 5-minute window are refused; during a rotation pass every live secret
 * (any one matching is enough). A valid signature also vouches for
 * `webhook-id`, which is signed.
 */
export function verifyStandardWebhook(input: {
  getHeader: (name: string) => string | null | undefined;
  rawBody: string;
  secret: string | readonly string[];
  /** The clock, in ms; for the freshness check. @default Date.now() */
  now?: number;
}): WebhookSignatureResult {
  const id = input.getHeader('webhook-id');
  const timestampHeader = input.getHeader('webhook-timestamp');
  const signature = input.getHeader('webhook-signature');
  if (!id || !timestampHeader || !signature) return { ok: false, reason: 'missing' };
  if (!/^\d{1,12}$/.test(timestampHeader) || !/(?:^|\s)v1,\S+/.test(signature))
    return { ok: false, reason: 'malformed' };
  const timestamp = Number(timestampHeader);
  const nowSeconds = Math.floor((input.now ?? Date.now()) / 1000);
  if (Math.abs(nowSeconds - timestamp) > WEBHOOK_TOLERANCE_SECONDS) return { ok: false, reason: 'stale' };
  const headers = { 'webhook-id': id, 'webhook-timestamp': timestampHeader, 'webhook-signature': signature };
  const secrets = typeof input.secret === 'string' ? [input.secret] : input.secret;
  let verified = false;
  let stale = false;
  for (const secret of secrets) {
    try {
      new Webhook(toStandardWebhookSecret(secret)).verify(input.rawBody, headers, { jsonParse: false });
      verified = true;
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) return { ok: false, reason: 'malformed' };
      // The library checks freshness against the real clock as well.
      if (/timestamp/i.test(error.message)) stale = true;
    }
  }
  if (verified) return { ok: true, timestamp, signedHeaders: ['webhook-id', 'webhook-timestamp'] };
  return { ok: false, reason: stale ? 'stale' : 'mismatch' };
}
