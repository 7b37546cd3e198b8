import type { ProviderName } from '@kyc-kit/core/server';
import { verifyStandardWebhook } from './verifyStandardWebhook';
import { verifyWebhookSignature, type WebhookSignatureResult } from './verifyWebhookSignature';

/** The signing scheme each provider uses for its webhook deliveries. */
export const WEBHOOK_SCHEMES: Readonly<Record<ProviderName, 'hook0' | 'standard-webhooks'>> = {
  // Coinbase's sender is Hook0: `X-Hook0-Signature: t=..,v0=..,h=..,v1=..`.
  coinbase: 'hook0',
  // OMS (Polygon) signs with Standard Webhooks: `Webhook-Id`, `Webhook-Timestamp`, `Webhook-Signature`.
  oms: 'standard-webhooks',
};

/**
 * Verifies a webhook delivery in its provider's scheme ({@link WEBHOOK_SCHEMES}),
 * over the raw body. `secret` may list several secrets during a rotation.
 */
export function verifyProviderWebhook(input: {
  provider: ProviderName;
  getHeader: (name: string) => string | null | undefined;
  rawBody: string;
  secret: string | readonly string[];
  now?: number;
}): WebhookSignatureResult {
  if (WEBHOOK_SCHEMES[input.provider] === 'standard-webhooks') return verifyStandardWebhook(input);
  return verifyWebhookSignature({
    header: input.getHeader('x-hook0-signature') ?? null,
    rawBody: input.rawBody,
    secret: input.secret,
    getHeader: input.getHeader,
    ...(input.now === undefined ? {} : { now: input.now }),
  });
}
