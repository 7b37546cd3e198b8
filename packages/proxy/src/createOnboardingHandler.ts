import type { PartnerFieldSpecs } from '@kyc-kit/core/server';
import { Hono } from 'hono';
import { routePath } from 'hono/route';
import type { Logger } from 'pino';
import { buildOpenApiDocument } from './buildOpenApiDocument';
import { createCustomerRoutes } from './createCustomerRoutes';
import type { WatchOptions } from './createCustomerWatcher';
import { createEventRoutes } from './createEventRoutes';
import { abandonSignalOf, createProxyDeps, type ProxyEnv } from './createProxyDeps';
import { checkRateLimit, type RateLimit } from './createRateLimiter';
import { createTermsRoutes } from './createTermsRoutes';
import { createWebhookRoutes } from './createWebhookRoutes';
import { jsonAnswer } from './jsonAnswer';
import { toProxyError } from './mapUpstreamError';
import type { OnboardingStore } from './OnboardingStore';
import { optionError, requireOptions } from './optionErrors';
import { ProxyError } from './ProxyError';
import { corsPreflight, requireSession, securityHeaders } from './proxyMiddleware';
import type { Upstream } from './Upstream';
import { UpstreamError } from './UpstreamError';

/** The signed-in user, as the partner's session knows them. */
export interface OnboardingUser {
  id: string;
}

/** What the server knows about the connection that the `Request` does not carry. */
export interface OnboardingRequestContext {
  /**
   * The socket's remote address; `createNodeListener` fills it in. `undefined` is taken as not known (Hono's
   * `getConnInfo(c).remote.address` may be), also under `exactOptionalPropertyTypes`.
   */
  clientAddress?: string | undefined;
  /**
   * Aborted once the client can no longer receive the answer; a read in
   * progress then cancels its upstream call. `createNodeListener` passes its
   * HTTP/1.x connection's signal (a browser on HTTP/1.1 abandons a request
   * only by closing its connection). A signal given here may outlive the
   * request (it may be the connection's), so it must not be aborted when the
   * request merely ends. @default the `Request`'s own `signal`
   */
  signal?: AbortSignal | undefined;
}

/**
 * A web-standard handler: mount it in any Fetch-API server. `close()` is for
 * a graceful shutdown, before the server closes: it gives up this instance's
 * watches (another instance takes them over at once) and ends every open
 * event stream (the browser reconnects, through your load balancer to
 * another instance, and resumes with `Last-Event-ID`), so `server.close()`
 * is not held open by streams. A store passed as `store` stays open: close
 * it after this.
 */
export type OnboardingHandler = ((
  request: Request,
  context?: OnboardingRequestContext,
) => Promise<Response>) & {
  close(): Promise<void>;
};

/** Options of {@link createOnboardingHandler}. See docs/contracts.md. */
export interface OnboardingHandlerOptions {
  /** The provider client: `createCoinbaseUpstream(...)` or `createOmsUpstream(...)`. */
  upstream: Upstream;
  /**
   * The partner's own field specs, the same object the browser's
   * `<KycKitProvider fieldSpecs>` gets: values for those keys are validated
   * with their schemas and written to their paths.
   * @default none
   */
  fieldSpecs?: PartnerFieldSpecs;
  /** The partner's session lookup; null means nobody is signed in (401). */
  resolveUser(request: Request): Promise<OnboardingUser | null> | OnboardingUser | null;
  /**
   * The provider webhook subscription secret, checked in the provider's own
   * scheme: Coinbase's Hook0 (`X-Hook0-Signature`), OMS's Standard Webhooks
   * (`Webhook-Id`, `Webhook-Timestamp`, `Webhook-Signature`; a `whsec_` secret,
   * or any other string taken as the key bytes). During a rotation list both
   * secrets: a delivery signed with either is accepted.
   */
  webhookSecret: string | readonly string[];
  /**
   * Where user -> customer links, processed events and idempotency scopes live.
   * @default createSqliteStore() in memory: lost on a restart (with `NODE_ENV=production` the proxy warns)
   */
  store?: OnboardingStore;
  /** @default '/api/onboarding' */
  basePath?: string;
  /** Origins other than the request's own that may write (and read, with CORS). @default [] */
  allowedOrigins?: string[];
  /**
   * Reverse proxies (load balancers) in front of the server whose
   * `X-Forwarded-For` entries are believed: the end-user's address is read
   * that many hops back from the socket, and is what limits unauthenticated
   * requests and what the provider gets as `requesterIpAddress`; their
   * `X-Forwarded-Proto` is believed too, so behind a load balancer that
   * terminates TLS the https page's `Origin` is this server's own. Set it to
   * exactly the number of proxies that append to the header: one more lets
   * a client pick its own address. @default 0 (the socket address)
   */
  trustedProxyCount?: number;
  /** Origins Terms of Service documents may be fetched from. @default ['https://docs.cdp.coinbase.com', 'https://polygon.technology'] */
  tosOrigins?: string[];
  /** The partner's pino logger; the proxy logs through a redacting child of it. */
  logger?: Logger;
  /**
   * A secret of at least 32 characters that keys the `user` reference in the proxy's log lines
   * (HMAC-SHA-256, 16 hex digits), the same on every instance so one user reads the same everywhere.
   * Keep it apart from `webhookSecret`, which rotates: changing it changes every reference. Without
   * it the reference is an unkeyed SHA-256 of the user id: stable and not the id itself, but whoever
   * reads the logs can test a guessed id (an email address, a sequential number) against it.
   */
  logUserKey?: string;
  /** Time limit of each upstream attempt. @default 10000 */
  timeoutMs?: number;
  /**
   * Limits. `perUser` counts signed-in browser requests per user; `perAddress`
   * counts only requests nobody is signed in for, per client address, so one
   * user's burst never refuses another user behind the same address;
   * `webhookFailuresPerAddress` counts refused webhook deliveries, and once
   * used up refuses that address before reading a body. Refused requests are
   * not counted. An IPv6 address counts as its /64 network (one host may
   * send from any address in it).
   * @default { perUser: 120/min, perAddress: 60/min, webhookFailuresPerAddress: 30/min }
   */
  rateLimit?: { perUser?: RateLimit; perAddress?: RateLimit; webhookFailuresPerAddress?: RateLimit };
  /** Largest JSON body accepted from a browser or a provider. @default 65536 */
  bodyLimitBytes?: number;
  /** Time a request body has to arrive in whole; a slower one is refused with 408. @default 10000 */
  bodyTimeoutMs?: number;
  /**
   * Interval of `: heartbeat` comments on event streams. Each asks
   * `resolveUser` again, so a stream ends within this long of a sign-out or
   * an expiry. @default 15000
   */
  heartbeatMs?: number;
  /** Open event streams allowed per user. @default 10 */
  maxStreamsPerUser?: number;
  /**
   * While a user has a stream open and their customer has requirements in
   * verification, one instance re-reads it upstream with backoff and pushes
   * changes; false turns it off. @default { baseMs: 3000, maxMs: 60000 }
   */
  watch?: WatchOptions | false;
}

/**
 * Builds the partner-backend handler of docs/contracts.md: the browser routes
 * under `basePath`, the provider webhooks and the OpenAPI document. It never
 * takes a customer id from a request: the id is always the one the store
 * links to the user `resolveUser` returns. The app is made of route modules
 * (customer, terms, events, webhooks) sharing one deps object.
 */
export function createOnboardingHandler(options: OnboardingHandlerOptions): OnboardingHandler {
  checkHandlerOptions(options);
  const deps = createProxyDeps(options);
  const { logger } = deps;
  let openApiDocument: Record<string, unknown> | undefined;

  const app = new Hono<ProxyEnv>().basePath(deps.basePath);

  app.onError((error, c) => {
    // The browser gave up on the request (a newer read replaced it, the tab closed) and the upstream call
    // was cancelled with it: nothing failed here and nobody reads the answer (499, as nginx logs it).
    if (abandonSignalOf(c).aborted) {
      logger.info({ route: routePath(c) }, 'request abandoned by the client');
      return new Response(null, { status: 499 });
    }
    const proxyError = toProxyError(error);
    const upstreamError =
      error instanceof UpstreamError ? error : error.cause instanceof UpstreamError ? error.cause : undefined;
    const log = {
      reason: proxyError.reason,
      code: proxyError.code,
      status: proxyError.status,
      route: routePath(c),
      ...(upstreamError
        ? {
            upstream: {
              failure: upstreamError.failure,
              status: upstreamError.status,
              errorType: upstreamError.errorType,
            },
          }
        : {}),
    };
    if (proxyError.status >= 500 && !proxyError.retryable)
      logger.error({ ...log, error: error.name, detail: error.message }, 'request failed');
    // A refusal's own detail (kit text, never a provider's or a user's) says what to fix, e.g. tosOrigins.
    else if (error instanceof ProxyError && error.message !== error.reason)
      logger.warn({ ...log, detail: error.message }, 'request refused');
    else logger.warn(log, 'request refused');
    return proxyError.toResponse();
  });

  app.notFound(() => new ProxyError('not_found').toResponse());

  app.use('*', securityHeaders(deps));

  app.get('/openapi.json', () => {
    openApiDocument ??= buildOpenApiDocument(deps.basePath);
    return jsonAnswer(openApiDocument);
  });

  // Provider webhooks: signed, not session-bound.
  app.route('/webhooks', createWebhookRoutes(deps));

  // Browser routes: session, rate limits, origin checks.
  const browser = new Hono<ProxyEnv>();
  browser.options('*', corsPreflight(deps));
  browser.use('*', requireSession(deps));
  browser.route('/customer', createCustomerRoutes(deps));
  browser.route('/', createTermsRoutes(deps));
  browser.route('/events', createEventRoutes(deps));
  app.route('/', browser);

  // Not an async function: Hono's promise is handed on as it is (an async wrapper cost a promise and two
  // turns per request); whatever Hono throws still comes out as a rejected promise.
  const handler = (request: Request, context?: OnboardingRequestContext): Promise<Response> => {
    try {
      return Promise.resolve(
        app.fetch(request, { clientAddress: context?.clientAddress, signal: context?.signal }),
      );
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  };
  return Object.assign(handler, { close: deps.close });
}

/**
 * The options a handler cannot work without, checked as the partner's server starts: without them it would
 * answer 500 to every browser call (no `resolveUser`) or refuse every provider webhook (no `webhookSecret`).
 */
function checkHandlerOptions(options: OnboardingHandlerOptions): void {
  const where = 'createOnboardingHandler';
  requireOptions(where, options, '{ upstream, resolveUser, webhookSecret }');
  const upstream = options.upstream as Partial<Upstream> | undefined;
  if (typeof upstream?.getCustomer !== 'function' || typeof upstream.readWebhookEvent !== 'function')
    throw optionError(
      where,
      'upstream is missing: pass createCoinbaseUpstream({ apiKeyId, apiKeySecret }) or createOmsUpstream({ apiKey, apiSecret })',
    );
  if (typeof options.resolveUser !== 'function') {
    const misnamed = ['getUser', 'resolveSession', 'getSession', 'authenticate'].find(
      (name) => name in options,
    );
    throw optionError(
      where,
      `resolveUser must be a function, your session lookup: (request) => ({ id }) for the signed-in user, or null` +
        (misnamed === undefined ? '' : ` (there is no ${misnamed} option)`),
    );
  }
  const secrets: unknown[] = Array.isArray(options.webhookSecret)
    ? options.webhookSecret
    : [options.webhookSecret];
  if (secrets.length === 0 || secrets.some((secret) => typeof secret !== 'string' || secret.trim() === ''))
    throw optionError(
      where,
      "webhookSecret is missing or empty: your provider's webhook signing secret, or [old, new] while rotating (an environment variable that is not set?)",
    );
  if (
    options.logUserKey !== undefined &&
    (typeof options.logUserKey !== 'string' || options.logUserKey.length < 32)
  )
    throw optionError(
      where,
      'logUserKey must be a secret of at least 32 characters (openssl rand -hex 32), the same on every instance',
    );
  checkRateLimits(where, options.rateLimit);
}

const RATE_LIMITS = ['perUser', 'perAddress', 'webhookFailuresPerAddress'] as const;

/** `rateLimit`, when given: its limits well formed, and no misnamed one (`perIp`) left silently unused. */
function checkRateLimits(where: string, rateLimit: unknown): void {
  if (rateLimit === undefined) return;
  if (typeof rateLimit !== 'object' || rateLimit === null)
    throw optionError(where, `rateLimit must be an object of ${RATE_LIMITS.join(', ')}`);
  for (const [name, limit] of Object.entries(rateLimit)) {
    if (!(RATE_LIMITS as readonly string[]).includes(name))
      throw optionError(where, `rateLimit has no ${name} limit: its limits are ${RATE_LIMITS.join(', ')}`);
    if (limit !== undefined) checkRateLimit(where, `rateLimit.${name}`, limit);
  }
}
