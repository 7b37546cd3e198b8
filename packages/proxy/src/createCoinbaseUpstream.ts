import { coinbaseAdapter, type Customer } from '@kyc-kit/core';
import { createCdpJwt, parseCdpSigningKey } from './createCdpJwt';
import { createUpstreamTransport } from './createUpstreamTransport';
import type { RetryOptions } from './requestWithRetry';
import { readAdapterEvent } from './readAdapterEvent';
import type { Upstream, UpstreamWriteContext } from './Upstream';
import { UpstreamError } from './UpstreamError';

/** Options of {@link createCoinbaseUpstream}. */
export interface CoinbaseUpstreamOptions {
  /** Base URL up to `/platform`. @default 'https://api.cdp.coinbase.com/platform' */
  baseUrl?: string;
  /** CDP API key id (the JWT `kid` and `sub`). */
  apiKeyId: string;
  /** CDP API key secret: a PEM EC key (ES256) or a base64 Ed25519 key of 64 bytes (EdDSA). */
  apiKeySecret: string;
  /** How requests leave the process; pass the sandbox's `fetch` to run in-process. */
  fetch?: (request: Request) => Promise<Response>;
  /** Time limit of each attempt. @default 10000 */
  timeoutMs?: number;
  retry?: RetryOptions;
}

function parseCustomer(raw: unknown): Customer {
  try {
    return coinbaseAdapter.parseCustomer(raw);
  } catch (error) {
    throw new UpstreamError('malformed', { cause: error });
  }
}

/** The end-user's IP goes where Coinbase reads it: `compliance.requesterIpAddress`. */
function withRequesterIp(
  body: Record<string, unknown>,
  context: UpstreamWriteContext,
): Record<string, unknown> {
  const compliance = typeof body.compliance === 'object' && body.compliance !== null ? body.compliance : {};
  return { ...body, compliance: { ...compliance, requesterIpAddress: context.requesterIpAddress } };
}

/**
 * The Coinbase Customers (CDP v2) client. Every request, retries included,
 * carries a freshly signed CDP JWT bound to its method, host and path.
 * Updates use `PUT`, as the published specification does.
 */
export function createCoinbaseUpstream(options: CoinbaseUpstreamOptions): Upstream {
  // Parsed once, so a malformed secret fails when the partner's server starts.
  const signingKey = parseCdpSigningKey(options);
  const transport = createUpstreamTransport({
    baseUrl: options.baseUrl ?? 'https://api.cdp.coinbase.com/platform',
    idempotencyHeader: 'X-Idempotency-Key',
    authorize: async (request) => `Bearer ${await createCdpJwt(signingKey, request)}`,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.retry ? { retry: options.retry } : {}),
  });

  return {
    provider: 'coinbase',

    async createCustomer(body, context) {
      const raw = await transport.requestJson({
        method: 'POST',
        path: '/v2/customers',
        body: withRequesterIp(body, context),
        idempotencyKey: context.idempotencyKey,
        context,
      });
      return parseCustomer(raw);
    },

    async getCustomer(customerId, context) {
      const raw = await transport.requestJson({
        method: 'GET',
        path: `/v2/customers/${encodeURIComponent(customerId)}`,
        ...(context ? { context } : {}),
      });
      return parseCustomer(raw);
    },

    async updateCustomer(customerId, body, context) {
      const raw = await transport.requestJson({
        method: 'PUT',
        path: `/v2/customers/${encodeURIComponent(customerId)}`,
        body: withRequesterIp(body, context),
        idempotencyKey: context.idempotencyKey,
        context,
      });
      return parseCustomer(raw);
    },

    readWebhookEvent(payload) {
      return readAdapterEvent(coinbaseAdapter, payload);
    },

    fetchDocument(url, context) {
      return transport.fetchDocument(url, context);
    },
  };
}
