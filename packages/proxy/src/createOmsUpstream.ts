import { createOmsAdapter, type TosVersion } from '@kyc-kit/core/server';
import { createCustomerReader } from './createCustomerReader';
import { createUpstreamTransport } from './createUpstreamTransport';
import type { RetryOptions } from './requestWithRetry';
import { requireHttpUrl, requireOptions, requireText } from './optionErrors';
import { readAdapterEvent } from './readAdapterEvent';
import type { Upstream, UpstreamWriteContext } from './Upstream';
import { UpstreamError } from './UpstreamError';

/** Options of {@link createOmsUpstream}. */
export interface OmsUpstreamOptions {
  /** Base URL up to the version. @default 'https://api.polygon.technology/v0.9' */
  baseUrl?: string;
  apiKey: string;
  apiSecret: string;
  /** How requests leave the process; pass the sandbox's `fetch` to run in-process. */
  fetch?: (request: Request) => Promise<Response>;
  /** Time limit of each attempt. @default 10000 */
  timeoutMs?: number;
  retry?: RetryOptions;
  /**
   * How long before its expiry a cached token is replaced, so no request
   * leaves with a token that expires on the way.
   * @default 60000
   */
  tokenRefreshMarginMs?: number;
  /**
   * The Terms of Service document OMS customers accept (OMS records only
   * `signedAgreement`, so the kit names one version): the URL of the terms
   * the partner was given. Its origin must be in the handler's `tosOrigins`.
   * @default core's OMS_TOS_VERSION
   */
  tosVersion?: TosVersion;
  /** The clock; tests move it to expire tokens. @default Date.now */
  now?: () => number;
}

interface CachedToken {
  accessToken: string;
  expiresAt: number;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function readToken(raw: unknown, now: number): CachedToken {
  const body = asRecord(raw);
  const accessToken = body?.accessToken;
  if (typeof accessToken !== 'string' || accessToken === '') throw new UpstreamError('malformed');
  // Prefer the absolute expiry; fall back to the relative one, then to the documented hour.
  const absolute = typeof body?.expiresAt === 'string' ? Date.parse(body.expiresAt) : Number.NaN;
  const relative = typeof body?.expiresIn === 'number' ? now + body.expiresIn * 1000 : Number.NaN;
  const expiresAt = Number.isFinite(absolute)
    ? absolute
    : Number.isFinite(relative)
      ? relative
      : now + 3_600_000;
  return { accessToken, expiresAt };
}

/** The end-user's IP goes where OMS reads it: the top-level `ipAddress`. */
function withRequesterIp(
  body: Record<string, unknown>,
  context: UpstreamWriteContext,
): Record<string, unknown> {
  return { ...body, ipAddress: context.requesterIpAddress };
}

/**
 * The Polygon OMS Customers client. It exchanges the API key and secret for a
 * bearer token at `/auth/token`, caches it, replaces it shortly before it
 * expires (one exchange even when many requests need it at once) and once
 * more if the provider answers 401.
 */
export function createOmsUpstream(options: OmsUpstreamOptions): Upstream {
  const where = 'createOmsUpstream';
  requireOptions(where, options, '{ apiKey, apiSecret }');
  requireText(where, 'apiKey', options.apiKey, 'your OMS API key');
  requireText(where, 'apiSecret', options.apiSecret, 'your OMS API secret');
  requireHttpUrl(where, 'baseUrl', options.baseUrl);
  const baseUrl = options.baseUrl ?? 'https://api.polygon.technology/v0.9';
  const adapter = createOmsAdapter(options.tosVersion ? { tosVersion: options.tosVersion } : {});
  const customers = createCustomerReader(adapter);
  const now = options.now ?? Date.now;
  const refreshMarginMs = options.tokenRefreshMarginMs ?? 60_000;
  const shared = {
    baseUrl,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.retry ? { retry: options.retry } : {}),
  };
  const tokenTransport = createUpstreamTransport({
    ...shared,
    idempotencyHeader: 'Idempotency-Key',
    authorize: () => undefined,
  });

  let cached: CachedToken | undefined;
  let pending: Promise<CachedToken> | undefined;

  async function token(): Promise<string> {
    if (cached && now() < cached.expiresAt - refreshMarginMs) return cached.accessToken;
    // Concurrent requests share one exchange instead of each asking for a token.
    pending ??= tokenTransport
      .requestJson({
        method: 'POST',
        path: '/auth/token',
        body: { apiKey: options.apiKey, apiSecret: options.apiSecret },
        canRetry: true,
      })
      .then((raw) => readToken(raw, now()))
      .finally(() => {
        pending = undefined;
      });
    cached = await pending;
    return cached.accessToken;
  }

  const transport = createUpstreamTransport({
    ...shared,
    idempotencyHeader: 'Idempotency-Key',
    // A cached token is used at once; only an exchange makes the call wait.
    authorize: () =>
      cached && now() < cached.expiresAt - refreshMarginMs
        ? `Bearer ${cached.accessToken}`
        : token().then((accessToken) => `Bearer ${accessToken}`),
    onUnauthorized: () => {
      // The provider may revoke a token before its stated expiry: fetch a new one once.
      cached = undefined;
      return true;
    },
  });

  return {
    provider: 'oms',

    async createCustomer(body, context) {
      const text = await transport.requestText({
        method: 'POST',
        path: '/customers',
        body: withRequesterIp(body, context),
        idempotencyKey: context.idempotencyKey,
        context,
      });
      return customers.read(text);
    },

    async getCustomer(customerId, context) {
      const text = await transport.requestText({
        method: 'GET',
        path: `/customers/${encodeURIComponent(customerId)}`,
        ...(context ? { context } : {}),
      });
      return customers.read(text, customerId);
    },

    async updateCustomer(customerId, body, context) {
      const text = await transport.requestText({
        method: 'PATCH',
        path: `/customers/${encodeURIComponent(customerId)}`,
        body: withRequesterIp(body, context),
        idempotencyKey: context.idempotencyKey,
        context,
      });
      return customers.read(text, customerId);
    },

    readWebhookEvent(payload) {
      return readAdapterEvent(adapter, payload);
    },

    fetchDocument(url, context) {
      return transport.fetchDocument(url, context);
    },
  };
}
