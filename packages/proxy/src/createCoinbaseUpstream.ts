import { createCoinbaseAdapter, type TosVersionResolver } from '@kyc-kit/core/server';
import { parseCdpSigningKey, signCdpJwt } from './createCdpJwt';
import { createCustomerReader } from './createCustomerReader';
import { createUpstreamTransport } from './createUpstreamTransport';
import type { RetryOptions } from './requestWithRetry';
import { optionError, requireHttpUrl, requireOptions, requireText } from './optionErrors';
import { readAdapterEvent } from './readAdapterEvent';
import type { Upstream, UpstreamWriteContext } from './Upstream';

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
  /**
   * The method of `Update a customer`: the published spec's `PUT` or the
   * guides' `POST /v2/customers/{customerId}`. Use what your account answers to.
   * @default 'PUT'
   */
  updateMethod?: 'POST' | 'PUT';
  /**
   * Where email and phone are written: the spec's `individual.email` and
   * `individual.phoneNumber`, or the guides' top-level `email` and `phone`.
   * Core builds the spec's shape; this client moves the two fields on the way out.
   * @default 'individual'
   */
  contactFieldPlacement?: 'individual' | 'top-level';
  /**
   * The version of a guides-shape ToS requirement (`{ status, url }` without
   * `tosVersions`). Absent, core's documented rule derives it from the url
   * (`tosVersionFromUrl`: a `versionId` parameter, else the last path segment).
   * Supply one when your provider's urls do not name the version; returning
   * `undefined` leaves the terms unacceptable rather than guessed. With a
   * resolver, every answer is read in full (the client does not assume the
   * resolver answers the same url the same way).
   */
  resolveTosVersion?: TosVersionResolver;
}

/** The end-user's IP goes where Coinbase reads it: `compliance.requesterIpAddress`. */
function withRequesterIp(
  body: Record<string, unknown>,
  context: UpstreamWriteContext,
): Record<string, unknown> {
  const compliance = typeof body.compliance === 'object' && body.compliance !== null ? body.compliance : {};
  return { ...body, compliance: { ...compliance, requesterIpAddress: context.requesterIpAddress } };
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** The guides' placement: `individual.email` -> `email`, `individual.phoneNumber` -> `phone`. */
export function toTopLevelContactFields(body: Record<string, unknown>): Record<string, unknown> {
  const individual = asRecord(body.individual);
  if (individual === undefined || (!('email' in individual) && !('phoneNumber' in individual))) return body;
  const { email, phoneNumber, ...rest } = individual;
  const moved: Record<string, unknown> = { ...body };
  if (Object.keys(rest).length > 0) moved.individual = rest;
  else delete moved.individual;
  if (email !== undefined) moved.email = email;
  if (phoneNumber !== undefined) moved.phone = phoneNumber;
  return moved;
}

/**
 * The Coinbase Customers (CDP v2) client. Every request, retries included,
 * carries a freshly signed CDP JWT bound to its method, host and path.
 * Updates use `PUT`, as the published specification does, unless
 * `updateMethod` says `POST` (the guides); contact fields go where
 * `contactFieldPlacement` says.
 */
export function createCoinbaseUpstream(options: CoinbaseUpstreamOptions): Upstream {
  const where = 'createCoinbaseUpstream';
  requireOptions(where, options, '{ apiKeyId, apiKeySecret }');
  requireText(where, 'apiKeyId', options.apiKeyId, "your CDP API key's id");
  requireText(where, 'apiKeySecret', options.apiKeySecret, "your CDP API key's secret");
  requireHttpUrl(where, 'baseUrl', options.baseUrl);
  // Parsed once, so a malformed secret fails when the partner's server starts.
  let signingKey: ReturnType<typeof parseCdpSigningKey>;
  try {
    signingKey = parseCdpSigningKey(options);
  } catch (error) {
    throw optionError(where, `apiKeySecret: ${error instanceof Error ? error.message : String(error)}`);
  }
  const adapter = createCoinbaseAdapter(
    options.resolveTosVersion ? { resolveTosVersion: options.resolveTosVersion } : {},
  );
  // A partner's version resolver may not be a pure function of the url: then every answer is read in full.
  const customers = createCustomerReader(adapter, { remember: options.resolveTosVersion === undefined });
  const updateMethod = options.updateMethod ?? 'PUT';
  const outgoing = (body: Record<string, unknown>, context: UpstreamWriteContext) => {
    const placed = options.contactFieldPlacement === 'top-level' ? toTopLevelContactFields(body) : body;
    return withRequesterIp(placed, context);
  };
  const transport = createUpstreamTransport({
    baseUrl: options.baseUrl ?? 'https://api.cdp.coinbase.com/platform',
    idempotencyHeader: 'X-Idempotency-Key',
    authorize: (request) => `Bearer ${signCdpJwt(signingKey, request)}`,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.retry ? { retry: options.retry } : {}),
  });

  return {
    provider: 'coinbase',

    async createCustomer(body, context) {
      const text = await transport.requestText({
        method: 'POST',
        path: '/v2/customers',
        body: outgoing(body, context),
        idempotencyKey: context.idempotencyKey,
        context,
      });
      return customers.read(text);
    },

    async getCustomer(customerId, context) {
      const text = await transport.requestText({
        method: 'GET',
        path: `/v2/customers/${encodeURIComponent(customerId)}`,
        ...(context ? { context } : {}),
      });
      return customers.read(text, customerId);
    },

    async updateCustomer(customerId, body, context) {
      const text = await transport.requestText({
        method: updateMethod,
        path: `/v2/customers/${encodeURIComponent(customerId)}`,
        body: outgoing(body, context),
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
