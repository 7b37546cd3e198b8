import { createHash, randomUUID } from 'node:crypto';
import {
  FIELD_KEYS,
  KNOWN_CAPABILITIES,
  OMS_TOS_VERSION,
  TosAcceptanceError,
  buildCapabilitiesRequest,
  buildCreateRequest,
  buildPatch,
  buildTosAcceptance,
  buildTosPatch,
  createCustomerBodySchema,
  createTranslator,
  fieldSpecFor,
  omsEndorsementsFor,
  tosAcceptBodySchema,
  updateCustomerBodySchema,
  validateFields,
  type Customer,
  type ProviderName,
} from '@kyc-kit/core';
import { Hono, type Context } from 'hono';
import type { Logger } from 'pino';
import * as z from 'zod';
import { buildOpenApiDocument } from './buildOpenApiDocument';
import { createEventHub, type CustomerEvent } from './createEventHub';
import { createKeyedLock } from './createKeyedLock';
import { createProxyLogger } from './createProxyLogger';
import { createRateLimiter, type RateLimit } from './createRateLimiter';
import { createSqliteStore } from './createSqliteStore';
import { createTosDocumentLoader } from './createTosDocumentLoader';
import { isCustomerGone, toProxyError } from './mapUpstreamError';
import type { OnboardingStore } from './OnboardingStore';
import { ProxyError, type FieldError } from './ProxyError';
import { readLimitedBody } from './readLimitedBody';
import { resolveClientAddress } from './resolveClientAddress';
import type { Upstream, UpstreamWriteContext } from './Upstream';
import { UpstreamError } from './UpstreamError';
import { verifyWebhookSignature } from './verifyWebhookSignature';

/** The signed-in user, as the partner's session knows them. */
export interface OnboardingUser {
  id: string;
}

/** What the server knows about the connection that the `Request` does not carry. */
export interface OnboardingRequestContext {
  /** The socket's remote address; `createNodeListener` fills it in. */
  clientAddress?: string;
}

/** A web-standard handler: mount it in any Fetch-API server. */
export type OnboardingHandler = (request: Request, context?: OnboardingRequestContext) => Promise<Response>;

/** Options of {@link createOnboardingHandler}. See docs/contracts.md. */
export interface OnboardingHandlerOptions {
  /** The provider client: `createCoinbaseUpstream(...)` or `createOmsUpstream(...)`. */
  upstream: Upstream;
  /** The partner's session lookup; null means nobody is signed in (401). */
  resolveUser(request: Request): Promise<OnboardingUser | null> | OnboardingUser | null;
  /** The provider webhook subscription secret (`X-Hook0-Signature`). */
  webhookSecret: string;
  /** Where user -> customer links, processed events and idempotency scopes live. @default createSqliteStore() in memory */
  store?: OnboardingStore;
  /** @default '/api/onboarding' */
  basePath?: string;
  /** Origins other than the request's own that may write (and read, with CORS). @default [] */
  allowedOrigins?: string[];
  /** Reverse proxies in front of the server whose `X-Forwarded-For` entries are believed. @default 0 */
  trustedProxyCount?: number;
  /** Origins Terms of Service documents may be fetched from. @default ['https://docs.cdp.coinbase.com', 'https://polygon.technology'] */
  tosOrigins?: string[];
  /** The partner's pino logger; the proxy logs through a redacting child of it. */
  logger?: Logger;
  /** Time limit of each upstream attempt. @default 10000 */
  timeoutMs?: number;
  /** Requests per user and per client address. @default { perUser: 120/min, perAddress: 600/min } */
  rateLimit?: { perUser?: RateLimit; perAddress?: RateLimit };
  /** Largest JSON body accepted from a browser or a provider. @default 65536 */
  bodyLimitBytes?: number;
  /** Interval of `: heartbeat` comments on event streams. @default 15000 */
  heartbeatMs?: number;
  /** Open event streams allowed per user. @default 10 */
  maxStreamsPerUser?: number;
}

type Bindings = { clientAddress?: string };
type Variables = { user: OnboardingUser };
type HandlerContext = Context<{ Bindings: Bindings; Variables: Variables }>;

/** How long processed events and idempotency scopes are kept: longer than any provider's redelivery window. */
const RETENTION_MS = 7 * 24 * 60 * 60_000;
/** A creator that has not linked its customer after this long is presumed dead. */
const CREATION_STALE_MS = 60_000;
/** Where the providers publish their terms: Coinbase's documentation site and core's default OMS terms URL. */
const DEFAULT_TOS_ORIGINS = ['https://docs.cdp.coinbase.com', new URL(OMS_TOS_VERSION.url).origin];
const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_.:-]{1,128}$/;
/** Field-level error texts are the catalogue's English, like every error body's `message`. */
const translate = createTranslator('en');

const SECURITY_HEADERS: Record<string, string> = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'cross-origin-resource-policy': 'same-origin',
};

/** Reference to a user in logs: stable, but not the partner's user id (which may be an email). */
function userReference(userId: string): string {
  return createHash('sha256').update(userId).digest('hex').slice(0, 16);
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ProxyError('invalid_json', { cause: error });
  }
}

// Typed against zod's core schema type, so core's wire schemas may be built with `zod` or `zod/mini`.
function parseBody<Schema extends z.core.$ZodType>(
  schema: Schema,
  value: unknown,
  allowedKeys: readonly string[],
): z.output<Schema> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new ProxyError('invalid_request');
  // An unexpected key (a customerId, say) is refused outright rather than silently ignored.
  if (Object.keys(value).some((key) => !allowedKeys.includes(key)))
    throw new ProxyError('invalid_request', { detail: 'unexpected body key' });
  const result = z.safeParse(schema, value);
  if (!result.success) throw new ProxyError('invalid_request', { detail: 'body does not match its schema' });
  return result.data;
}

/**
 * Checks submitted values against core's field registry: unknown keys and
 * `tos` (accepted only through its own route) are field-level errors, and
 * every known key runs its spec's schema. Returns the normalized values.
 */
function validateSubmittedFields(
  provider: ProviderName,
  fields: Record<string, unknown>,
): Record<string, unknown> {
  const errors: Record<string, FieldError> = {};
  const known: string[] = [];
  for (const key of Object.keys(fields)) {
    if (key === 'tos')
      errors[key] = { code: 'field.error.tosNotAField', message: translate('field.error.tosNotAField') };
    // Unknown keys, and keys this provider has no field for (ssnLast4 on OMS), are refused rather than dropped.
    else if (!FIELD_KEYS.includes(key) || fieldSpecFor(key).paths[provider] === null) {
      errors[key] = { code: 'field.error.unknown', message: translate('field.error.unknown') };
    } else known.push(key);
  }
  const knownValues = Object.fromEntries(known.map((key) => [key, fields[key]]));
  const result = validateFields(knownValues, known);
  if (!result.ok) Object.assign(errors, result.errors);
  if (Object.keys(errors).length > 0) throw new ProxyError('invalid_fields', { fields: errors });
  return result.ok ? result.values : {};
}

/** Capabilities are the kit's eight names; OMS also takes its endorsement names. */
function validateCapabilities(provider: ProviderName, capabilities: readonly string[]): void {
  const requestable = (name: string): boolean =>
    (KNOWN_CAPABILITIES as readonly string[]).includes(name) ||
    (provider === 'oms' && omsEndorsementsFor([name]).length > 0);
  if (!capabilities.every(requestable))
    throw new ProxyError('invalid_request', { detail: 'unknown capability' });
}

/**
 * Builds the partner-backend handler of docs/contracts.md: the browser routes
 * under `basePath`, the provider webhooks and the OpenAPI document. It never
 * takes a customer id from a request: the id is always the one the store
 * links to the user `resolveUser` returns.
 */
export function createOnboardingHandler(options: OnboardingHandlerOptions): OnboardingHandler {
  const upstream = options.upstream;
  const store = options.store ?? createSqliteStore();
  const basePath = (options.basePath ?? '/api/onboarding').replace(/\/+$/, '');
  const allowedOrigins = new Set(options.allowedOrigins ?? []);
  const trustedProxyCount = options.trustedProxyCount ?? 0;
  const tosOrigins = new Set(
    (options.tosOrigins ?? DEFAULT_TOS_ORIGINS).map((origin) => new URL(origin).origin),
  );
  const logger = createProxyLogger(options.logger);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const bodyLimitBytes = options.bodyLimitBytes ?? 65_536;
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const maxStreamsPerUser = options.maxStreamsPerUser ?? 10;
  const userLimiter = createRateLimiter(options.rateLimit?.perUser ?? { limit: 120, windowMs: 60_000 });
  const addressLimiter = createRateLimiter(options.rateLimit?.perAddress ?? { limit: 600, windowMs: 60_000 });
  const hub = createEventHub();
  const creationLock = createKeyedLock();
  const tosDocuments = createTosDocumentLoader({ upstream, tosOrigins, timeoutMs });
  let openApiDocument: Record<string, unknown> | undefined;
  let lastPrunedAt = 0;

  function clientAddressOf(c: HandlerContext): string | undefined {
    return resolveClientAddress({
      socketAddress: c.env?.clientAddress,
      forwardedFor: c.req.header('x-forwarded-for') ?? null,
      trustedProxyCount,
    });
  }

  function isAllowedOrigin(origin: string, requestUrl: string): boolean {
    return origin === new URL(requestUrl).origin || allowedOrigins.has(origin);
  }

  /** Writes must come from an allowed origin, as JSON, with the custom header a cross-site form cannot add. */
  function checkWrite(c: HandlerContext): void {
    const origin = c.req.header('origin');
    if (origin !== undefined && !isAllowedOrigin(origin, c.req.url)) throw new ProxyError('forbidden_origin');
    if (c.req.header('x-kyc-kit') !== '1') throw new ProxyError('csrf_header_missing');
    const contentType = c.req.header('content-type') ?? '';
    if (!/^application\/json\s*(;|$)/i.test(contentType)) throw new ProxyError('unsupported_media_type');
  }

  async function readJson(c: HandlerContext): Promise<unknown> {
    return parseJson(await readLimitedBody(c.req.raw, bodyLimitBytes));
  }

  /** The provider idempotency key for this write: the browser's key scoped to user and operation, or a fresh one. */
  async function idempotencyKeyFor(c: HandlerContext, operation: string): Promise<string> {
    const key = c.req.header('idempotency-key');
    if (key === undefined) return randomUUID();
    if (!IDEMPOTENCY_KEY_PATTERN.test(key)) throw new ProxyError('invalid_idempotency_key');
    const now = Date.now();
    if (now - lastPrunedAt > 60 * 60_000) {
      lastPrunedAt = now;
      await store.prune(now - RETENTION_MS);
    }
    return store.scopeIdempotencyKey({ userId: c.get('user').id, operation, key, now });
  }

  async function writeContext(c: HandlerContext, operation: string): Promise<UpstreamWriteContext> {
    const requesterIpAddress = clientAddressOf(c);
    // Never fall back to the server's own address: the provider must see the end-user's.
    if (requesterIpAddress === undefined) {
      logger.error(
        'no client address: pass context.clientAddress (createNodeListener does) or set trustedProxyCount',
      );
      throw new ProxyError('client_address_unavailable');
    }
    // No abort signal: a write the browser gave up on still completes, so a created customer is linked, not orphaned.
    return { idempotencyKey: await idempotencyKeyFor(c, operation), requesterIpAddress, timeoutMs };
  }

  async function linkedCustomerId(userId: string): Promise<string> {
    const customerId = await store.getCustomerId(userId);
    if (customerId === null) throw new ProxyError('no_customer');
    return customerId;
  }

  function readCustomer(customerId: string, signal?: AbortSignal): Promise<Customer> {
    return upstream.getCustomer(customerId, { timeoutMs, ...(signal ? { signal } : {}) });
  }

  /**
   * Drops the link to a customer the provider no longer has and tells the
   * user's open streams, so the browser shows onboarding from the start
   * instead of a customer that cannot be read or updated any more.
   */
  async function forgetCustomer(customerId: string): Promise<void> {
    const userId = await store.unlinkCustomer(customerId);
    if (userId === null) return;
    logger.info(
      { user: userReference(userId), provider: upstream.provider },
      'customer unlinked: deleted upstream',
    );
    hub.publishDeleted(userId, customerId);
  }

  /** Runs an upstream call on the user's linked customer; a customer deleted upstream becomes `no_customer`. */
  async function onLinkedCustomer<T>(customerId: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (!isCustomerGone(error)) throw error;
      await forgetCustomer(customerId);
      throw new ProxyError('no_customer', { detail: 'customer deleted upstream', cause: error });
    }
  }

  function formatEvent(event: CustomerEvent): string {
    switch (event.type) {
      case 'customer':
        return `id: ${event.id}\nevent: customer\ndata: ${JSON.stringify({ customer: event.customer })}\n\n`;
      case 'customer_deleted':
        return `id: ${event.id}\nevent: customer_deleted\ndata: ${JSON.stringify({ customerId: event.customerId })}\n\n`;
      default:
        return event satisfies never;
    }
  }

  const app = new Hono<{ Bindings: Bindings; Variables: Variables }>().basePath(basePath);

  app.onError((error, c) => {
    const proxyError = toProxyError(error);
    const upstreamError =
      error instanceof UpstreamError ? error : error.cause instanceof UpstreamError ? error.cause : undefined;
    const log = {
      reason: proxyError.reason,
      code: proxyError.code,
      status: proxyError.status,
      route: c.req.routePath,
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
    else logger.warn(log, 'request refused');
    return proxyError.toResponse();
  });

  app.notFound(() => new ProxyError('not_found').toResponse());

  // Every answer, errors and event streams included, gets the security headers and one log line.
  app.use('*', async (c, next) => {
    const started = Date.now();
    await next();
    for (const [name, value] of Object.entries(SECURITY_HEADERS))
      if (!c.res.headers.has(name)) c.res.headers.set(name, value);
    const origin = c.req.header('origin');
    if (origin !== undefined && allowedOrigins.has(origin)) {
      c.res.headers.set('access-control-allow-origin', origin);
      c.res.headers.set('access-control-allow-credentials', 'true');
      c.res.headers.append('vary', 'Origin');
    }
    logger.info(
      {
        method: c.req.method,
        route: c.req.routePath,
        status: c.res.status,
        durationMs: Date.now() - started,
      },
      'request',
    );
  });

  app.get('/openapi.json', (c) => {
    openApiDocument ??= buildOpenApiDocument(basePath);
    return c.json(openApiDocument);
  });

  // --- Provider webhooks: signed, not session-bound. ---
  app.post('/webhooks/:provider', async (c) => {
    if (c.req.param('provider') !== upstream.provider) throw new ProxyError('not_found');
    const rawBody = await readLimitedBody(c.req.raw, Math.max(bodyLimitBytes, 262_144));
    const verdict = verifyWebhookSignature({
      header: c.req.header('x-hook0-signature') ?? null,
      rawBody,
      secret: options.webhookSecret,
      getHeader: (name) => c.req.header(name),
    });
    if (!verdict.ok) {
      logger.warn({ reason: verdict.reason, provider: upstream.provider }, 'webhook refused');
      throw new ProxyError('invalid_signature');
    }
    const event = upstream.readWebhookEvent(parseJson(rawBody));
    if (!event) {
      // Acknowledged so the provider stops redelivering an event this proxy has no use for.
      logger.info({ provider: upstream.provider }, 'webhook ignored: not a customer event');
      return c.body(null, 204);
    }
    // The id in the body; else the X-Event-Id header, if the v1 signature vouches for it (the guides'
    // event shape has no id field); else the digest of the signed body, which identifies a redelivery.
    const headerEventId = verdict.signedHeaders.includes('x-event-id')
      ? c.req.header('x-event-id')
      : undefined;
    const eventId =
      event.eventId ?? headerEventId ?? `sha256:${createHash('sha256').update(rawBody).digest('hex')}`;
    const eventKey = `${upstream.provider}:${eventId}`;
    if (!(await store.claimEvent(eventKey, Date.now()))) {
      logger.info({ eventType: event.eventType }, 'webhook duplicate ignored');
      return c.body(null, 204);
    }
    try {
      for (const customerId of event.customerIds) {
        if (event.kind === 'customer_deleted') {
          await forgetCustomer(customerId);
          continue;
        }
        const userId = await store.getUserId(customerId);
        if (userId === null) continue;
        let customer: Customer;
        try {
          customer = await readCustomer(customerId);
        } catch (error) {
          // A customer deleted upstream cannot be re-read: unlink it now (its deletion event may come later or never).
          if (isCustomerGone(error)) await forgetCustomer(customerId);
          // Any other 404 ends this event too: retrying a read that cannot succeed would only redeliver forever.
          if (error instanceof UpstreamError && error.status === 404) continue;
          throw error;
        }
        hub.publish(userId, customer);
      }
    } catch (error) {
      // Unclaim, so the provider's redelivery gets processed.
      await store.releaseEvent(eventKey);
      throw error;
    }
    logger.info({ eventType: event.eventType }, 'webhook processed');
    return c.body(null, 204);
  });

  // --- Browser routes: session, rate limits, origin checks. ---
  const browser = new Hono<{ Bindings: Bindings; Variables: Variables }>();

  browser.options('*', (c) => {
    const origin = c.req.header('origin');
    if (origin === undefined || !allowedOrigins.has(origin)) return c.body(null, 403);
    return c.body(null, 204, {
      'access-control-allow-methods': 'GET, POST, PATCH',
      'access-control-allow-headers': 'Content-Type, X-KYC-Kit, Idempotency-Key, Last-Event-ID',
      'access-control-max-age': '600',
    });
  });

  browser.use('*', async (c, next) => {
    // A cross-site page has no business here, reads included (they could leak by timing or size).
    const site = c.req.header('sec-fetch-site');
    const origin = c.req.header('origin');
    if (site === 'cross-site' && (origin === undefined || !allowedOrigins.has(origin)))
      throw new ProxyError('forbidden_origin');
    const address = clientAddressOf(c);
    const byAddress = addressLimiter.hit(`address:${address ?? 'unknown'}`);
    if (!byAddress.allowed)
      throw new ProxyError('rate_limited', { retryAfterSeconds: byAddress.retryAfterSeconds });
    const user = await options.resolveUser(c.req.raw);
    if (!user || typeof user.id !== 'string' || user.id === '') throw new ProxyError('unauthorized');
    const byUser = userLimiter.hit(`user:${user.id}`);
    if (!byUser.allowed)
      throw new ProxyError('rate_limited', { retryAfterSeconds: byUser.retryAfterSeconds });
    c.set('user', user);
    await next();
  });

  browser.get('/customer', async (c) => {
    const customerId = await linkedCustomerId(c.get('user').id);
    return json({
      customer: await onLinkedCustomer(customerId, () => readCustomer(customerId, c.req.raw.signal)),
    });
  });

  browser.post('/customer', async (c) => {
    checkWrite(c);
    const body = parseBody(createCustomerBodySchema, await readJson(c), ['capabilities', 'fields']);
    validateCapabilities(upstream.provider, body.capabilities);
    const values = validateSubmittedFields(upstream.provider, body.fields ?? {});
    const userId = c.get('user').id;
    // One creator per user in this process; the store's claim covers other processes.
    return creationLock.run(userId, async () => {
      let claim = await store.claimCustomerCreation(userId, {
        now: Date.now(),
        staleAfterMs: CREATION_STALE_MS,
      });
      if (claim.status === 'linked') {
        const linkedId = claim.customerId;
        try {
          return json(
            { customer: await onLinkedCustomer(linkedId, () => readCustomer(linkedId, c.req.raw.signal)) },
            200,
          );
        } catch (error) {
          if (!(error instanceof ProxyError && error.reason === 'no_customer')) throw error;
          // The linked customer was deleted upstream and is now unlinked: this request creates a new one.
          claim = await store.claimCustomerCreation(userId, {
            now: Date.now(),
            staleAfterMs: CREATION_STALE_MS,
          });
          if (claim.status === 'linked') throw new ProxyError('create_in_progress', { retryAfterSeconds: 1 });
        }
      }
      if (claim.status === 'busy') throw new ProxyError('create_in_progress', { retryAfterSeconds: 1 });
      let customer: Customer;
      try {
        const context = await writeContext(c, 'create');
        customer = await upstream.createCustomer(
          buildCreateRequest(upstream.provider, { capabilities: body.capabilities, values }),
          context,
        );
        await store.linkCustomer(userId, customer.id);
      } catch (error) {
        await store.releaseCustomerCreation(userId);
        throw error;
      }
      logger.info({ user: userReference(userId), provider: upstream.provider }, 'customer created');
      hub.publish(userId, customer);
      return json({ customer }, 201);
    });
  });

  browser.patch('/customer', async (c) => {
    checkWrite(c);
    const body = parseBody(updateCustomerBodySchema, await readJson(c), ['capabilities', 'fields']);
    const capabilities = body.capabilities ?? [];
    validateCapabilities(upstream.provider, capabilities);
    const values = validateSubmittedFields(upstream.provider, body.fields ?? {});
    if (capabilities.length === 0 && Object.keys(values).length === 0)
      throw new ProxyError('invalid_request', { detail: 'nothing to update' });
    const userId = c.get('user').id;
    const customerId = await linkedCustomerId(userId);
    const context = await writeContext(c, 'update');
    const request = {
      ...buildCapabilitiesRequest(upstream.provider, capabilities),
      ...buildPatch(upstream.provider, values),
    };
    const customer = await onLinkedCustomer(customerId, () =>
      upstream.updateCustomer(customerId, request, context),
    );
    hub.publish(userId, customer);
    return json({ customer });
  });

  browser.post('/customer/tos', async (c) => {
    checkWrite(c);
    const body = parseBody(tosAcceptBodySchema, await readJson(c), ['versionId', 'language']);
    const userId = c.get('user').id;
    const customerId = await linkedCustomerId(userId);
    const current = await onLinkedCustomer(customerId, () => readCustomer(customerId, c.req.raw.signal));
    const requirement = current.requirements.tos;
    if (!requirement) throw new ProxyError('tos_not_required');
    let acceptance;
    try {
      // The acceptance time is the server's: a browser clock (or a forged one) is never recorded.
      acceptance = buildTosAcceptance(requirement, {
        versionId: body.versionId,
        language: body.language,
        acceptedAt: new Date().toISOString(),
      });
    } catch (error) {
      if (error instanceof TosAcceptanceError) {
        throw new ProxyError(
          error.code === 'unsupported_language' ? 'unsupported_tos_language' : 'tos_version_unavailable',
          { cause: error },
        );
      }
      throw error;
    }
    const context = await writeContext(c, 'tos');
    const customer = await onLinkedCustomer(customerId, () =>
      upstream.updateCustomer(customerId, buildTosPatch(upstream.provider, acceptance), context),
    );
    hub.publish(userId, customer);
    return json({ customer });
  });

  browser.get('/tos/:versionId', async (c) => {
    const versionId = c.req.param('versionId');
    const customerId = await linkedCustomerId(c.get('user').id);
    const customer = await onLinkedCustomer(customerId, () => readCustomer(customerId, c.req.raw.signal));
    const version = customer.requirements.tos?.tos?.versions.find(
      (candidate) => candidate.versionId === versionId,
    );
    if (!version) throw new ProxyError('not_found', { detail: 'no such ToS version for this customer' });
    const language = c.req.query('language') ?? version.languages[0] ?? 'en';
    if (!version.languages.includes(language)) throw new ProxyError('unsupported_tos_language');
    const document = await tosDocuments.load(version, language, c.req.raw.signal);
    return json({ versionId, language, title: document.title, html: document.html });
  });

  browser.get('/events', async (c) => {
    const userId = c.get('user').id;
    if (hub.streamCount(userId) >= maxStreamsPerUser)
      throw new ProxyError('rate_limited', { retryAfterSeconds: 5 });
    const lastEventHeader = c.req.header('last-event-id');
    const lastEventId =
      lastEventHeader !== undefined && /^\d{1,16}$/.test(lastEventHeader)
        ? Number(lastEventHeader)
        : undefined;
    const latest = hub.latest(userId);
    // Events carry the whole customer, so resuming means: send the latest one if the client has not seen it.
    const replay = latest && (lastEventId === undefined || latest.id > lastEventId) ? latest : undefined;
    const needsFreshRead = lastEventId !== undefined && latest === undefined;
    const encoder = new TextEncoder();
    const signal = c.req.raw.signal;
    let cleanup = (): void => undefined;

    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        let closed = false;
        const send = (text: string): void => {
          if (closed) return;
          try {
            controller.enqueue(encoder.encode(text));
          } catch {
            cleanup();
          }
        };
        const unsubscribe = hub.subscribe(userId, (event) => send(formatEvent(event)));
        const heartbeat = setInterval(() => send(': heartbeat\n\n'), heartbeatMs);
        cleanup = () => {
          if (closed) return;
          closed = true;
          unsubscribe();
          clearInterval(heartbeat);
          signal.removeEventListener('abort', onAbort);
        };
        const onAbort = (): void => {
          cleanup();
          try {
            controller.close();
          } catch {
            // Already closed by the reader.
          }
        };
        signal.addEventListener('abort', onAbort, { once: true });
        send('retry: 3000\n\n');
        if (replay) send(formatEvent(replay));
        if (needsFreshRead) {
          // A Last-Event-ID from before this process started: the client may have missed anything, so read the customer now.
          void store
            .getCustomerId(userId)
            .then(async (customerId) => {
              if (customerId === null) return;
              const customer = await onLinkedCustomer(customerId, () => readCustomer(customerId));
              if (!hub.latest(userId)) hub.publish(userId, customer);
            })
            .catch((error: unknown) =>
              logger.warn(
                { error: error instanceof Error ? error.name : 'unknown' },
                'event stream resume read failed',
              ),
            );
        }
      },
      cancel() {
        cleanup();
      },
    });

    return new Response(stream, {
      headers: {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        // Reverse proxies such as nginx would otherwise buffer the stream and delay every event.
        'x-accel-buffering': 'no',
      },
    });
  });

  app.route('/', browser);

  return async (request, context) => app.fetch(request, { clientAddress: context?.clientAddress });
}
