import { createHash, createHmac, randomUUID } from 'node:crypto';
import { OMS_TOS_VERSION, type Customer } from '@kyc-kit/core/server';
import type { Context } from 'hono';
import type { Logger } from 'pino';
import type { OnboardingHandlerOptions, OnboardingUser } from './createOnboardingHandler';
import { createCustomerWatcher, type CustomerWatcher } from './createCustomerWatcher';
import { createEventHub, type EventHub } from './createEventHub';
import { createKeyedLock, type KeyedLock } from './createKeyedLock';
import { createLinkCache, type LinkCache } from './createLinkCache';
import { createProxyLogger } from './createProxyLogger';
import { createRateLimiter, type RateLimiter } from './createRateLimiter';
import { createSqliteStore } from './createSqliteStore';
import { createTosDocumentLoader, type TosDocumentLoader } from './createTosDocumentLoader';
import { isCustomerGone } from './mapUpstreamError';
import type { NewCustomerEvent, OnboardingStore } from './OnboardingStore';
import { ProxyError } from './ProxyError';
import { readLimitedBody } from './readLimitedBody';
import { resolveClientAddress } from './resolveClientAddress';
import type { Upstream, UpstreamWriteContext } from './Upstream';
import { parseJson } from './validateRequestBody';

/** The Hono environment of every route module: the socket address in, the signed-in user set by the session middleware. */
export interface ProxyEnv {
  Bindings: { clientAddress?: string; signal?: AbortSignal | undefined };
  Variables: { user: OnboardingUser };
}

/** A Hono context of the proxy's routes. */
export type ProxyContext = Context<ProxyEnv>;

/** How long processed events and idempotency scopes are kept: longer than any provider's redelivery window. */
const RETENTION_MS = 7 * 24 * 60 * 60_000;
/** Pruning runs on a timer, never inside a request: first a minute after start, then every hour. */
const FIRST_PRUNE_MS = 60_000;
const PRUNE_EVERY_MS = 60 * 60_000;
/** Where the providers publish their terms: Coinbase's documentation site and core's default OMS terms URL. */
const DEFAULT_TOS_ORIGINS = ['https://docs.cdp.coinbase.com', new URL(OMS_TOS_VERSION.url).origin];
/** What an `Idempotency-Key` may be; `requireWrite` refuses any other before a write does any work. */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_.:-]{1,128}$/;

/**
 * What the route modules share: the resolved options, the store, the event
 * hub, the limiters, and the helpers more than one route needs. Built once
 * per handler by {@link createProxyDeps}.
 */
export interface ProxyDeps {
  upstream: Upstream;
  /** The partner's own field specs (`undefined`: the registry's alone). */
  fieldSpecs: OnboardingHandlerOptions['fieldSpecs'];
  store: OnboardingStore;
  logger: Logger;
  hub: EventHub;
  /** Re-reads customers in verification while their users have a stream open. */
  watcher: CustomerWatcher;
  /** Aborted by the handler's `close()`: every open event stream ends. */
  closing: AbortSignal;
  /** What the handler's `close()` does. */
  close(): Promise<void>;
  resolveUser: OnboardingHandlerOptions['resolveUser'];
  /** The user's reference in log lines (`logUserKey`'s HMAC of the id, or its SHA-256). */
  userReference: (userId: string) => string;
  webhookSecret: string | readonly string[];
  basePath: string;
  allowedOrigins: ReadonlySet<string>;
  timeoutMs: number;
  bodyLimitBytes: number;
  /** Time allowed for a whole request body to arrive. */
  bodyTimeoutMs: number;
  heartbeatMs: number;
  maxStreamsPerUser: number;
  /** Signed-in browser requests, per user. */
  userLimiter: RateLimiter;
  /** Browser requests nobody is signed in for, per client address. */
  addressLimiter: RateLimiter;
  /** Refused webhook deliveries (bad signature, too large, too slow), per client address; checked before the body is read. */
  webhookLimiter: RateLimiter;
  /** One creator per user in this process; the store's claim covers other processes. */
  creationLock: KeyedLock;
  tosDocuments: TosDocumentLoader;
  /** The end-user's address: the socket's, or read from `X-Forwarded-For` behind trusted proxies. */
  clientAddressOf(c: ProxyContext): string | undefined;
  /**
   * The page's own origin as the browser sees it: the request's, with the scheme trusted proxies report in
   * `X-Forwarded-Proto` (a load balancer that terminates TLS forwards https pages over http).
   */
  ownOriginOf(c: ProxyContext): string;
  /** Reads the request body as JSON within the body limit. */
  readJson(c: ProxyContext): Promise<unknown>;
  /** The idempotency key and end-user address of an upstream write. */
  writeContext(c: ProxyContext, operation: string): Promise<UpstreamWriteContext>;
  /** The user -> customer links this instance has seen (links never change; deleted ones are dropped). */
  links: LinkCache;
  /** The customer linked to the user, read from the store (and remembered); `no_customer` (404) when none. */
  linkedCustomerId(userId: string): Promise<string>;
  /**
   * A read of the user's linked customer: the remembered link when there is
   * one (no store lookup), else the store's. A remembered customer the
   * provider says is gone (another instance may have unlinked it, and the
   * user may since have made a new one there) is checked against the store
   * once, and the read repeated on the customer the store links now.
   * `no_customer` (404) when the user has none.
   */
  readLinkedCustomer<T>(userId: string, call: (customerId: string) => Promise<T>): Promise<T>;
  readCustomer(customerId: string, signal?: AbortSignal): Promise<Customer>;
  /** Unlinks a customer deleted upstream and tells the user's streams. */
  forgetCustomer(customerId: string): Promise<void>;
  /** Unlinks a customer deleted upstream; returns the event to store for its user, or null when it had none. */
  unlinkDeletedCustomer(customerId: string): Promise<NewCustomerEvent | null>;
  /** Runs an upstream call on the user's linked customer; a customer deleted upstream becomes `no_customer`. */
  onLinkedCustomer<T>(customerId: string, call: () => Promise<T>): Promise<T>;
}

/**
 * What aborts when the browser abandons the request: the signal the server
 * passed in the handler's context (`createNodeListener`: the HTTP/1.x
 * connection's), else the `Request`'s own. It may outlive the request, so a
 * listener added to it must be removed when the request ends (the upstream
 * transport's are); a route that would leave one (an event stream) uses the
 * `Request`'s own signal instead.
 */
export function abandonSignalOf(c: ProxyContext): AbortSignal {
  return c.env?.signal ?? c.req.raw.signal;
}

/**
 * How a user is named in logs: stable, but not the partner's user id (which may be an email); keyed
 * with `logUserKey` when there is one, so a guessed id cannot be tested against the logs.
 */
function userReferenceFor(key: string | undefined): (userId: string) => string {
  return (userId) =>
    (key === undefined ? createHash('sha256') : createHmac('sha256', key))
      .update(userId)
      .digest('hex')
      .slice(0, 16);
}

/** Resolves the handler's options into the deps object every route module receives. */
export function createProxyDeps(options: OnboardingHandlerOptions): ProxyDeps {
  const upstream = options.upstream;
  const userReference = userReferenceFor(options.logUserKey);
  const store = options.store ?? createSqliteStore();
  const trustedProxyCount = options.trustedProxyCount ?? 0;
  const tosOrigins = new Set(
    (options.tosOrigins ?? DEFAULT_TOS_ORIGINS).map((origin) => new URL(origin).origin),
  );
  const logger = createProxyLogger(options.logger);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const bodyLimitBytes = options.bodyLimitBytes ?? 65_536;
  const bodyTimeoutMs = options.bodyTimeoutMs ?? 10_000;
  if (options.store === undefined && process.env.NODE_ENV === 'production')
    logger.warn(
      'no store given: user -> customer links, processed webhooks and idempotency scopes are kept in memory and lost on a restart, after which a returning user gets a second customer; pass store: createSqliteStore({ path }) or createPostgresStore({ connectionString })',
    );
  const hub = createEventHub(store, (error) =>
    logger.warn({ error: error instanceof Error ? error.name : 'unknown' }, 'event stream read failed'),
  );
  const links = createLinkCache();

  let pruning = false;
  function prune(): void {
    // One at a time: a prune slower than the interval is not piled onto.
    if (pruning) return;
    pruning = true;
    store
      .prune(Date.now() - RETENTION_MS)
      .catch((error: unknown) =>
        logger.warn({ error: error instanceof Error ? error.name : 'unknown' }, 'store prune failed'),
      )
      .finally(() => (pruning = false));
  }
  let pruneTimer: NodeJS.Timeout = setTimeout(() => {
    prune();
    pruneTimer = setInterval(prune, PRUNE_EVERY_MS);
    pruneTimer.unref();
  }, FIRST_PRUNE_MS);
  pruneTimer.unref();

  function clientAddressOf(c: ProxyContext): string | undefined {
    return resolveClientAddress({
      socketAddress: c.env?.clientAddress,
      forwardedFor: c.req.header('x-forwarded-for') ?? null,
      trustedProxyCount,
    });
  }

  function ownOriginOf(c: ProxyContext): string {
    const url = new URL(c.req.url);
    if (trustedProxyCount > 0) {
      // Each proxy may append the scheme it was reached on: the outermost trusted one saw the browser's.
      const schemes = (c.req.header('x-forwarded-proto') ?? '').split(',').map((entry) => entry.trim());
      const scheme = schemes[Math.max(0, schemes.length - trustedProxyCount)];
      if (scheme === 'https' || scheme === 'http') url.protocol = `${scheme}:`;
    }
    return url.origin;
  }

  /** The provider idempotency key for this write: the browser's key scoped to user and operation, or a fresh one. */
  async function idempotencyKeyFor(c: ProxyContext, operation: string): Promise<string> {
    const key = c.req.header('idempotency-key');
    if (key === undefined) return randomUUID();
    if (!IDEMPOTENCY_KEY_PATTERN.test(key)) throw new ProxyError('invalid_idempotency_key');
    return store.scopeIdempotencyKey({ userId: c.get('user').id, operation, key, now: Date.now() });
  }

  function readCustomer(customerId: string, signal?: AbortSignal): Promise<Customer> {
    return upstream.getCustomer(customerId, signal ? { timeoutMs, signal } : { timeoutMs });
  }

  /**
   * Drops the link to a customer the provider no longer has and tells the
   * user's open streams, so the browser shows onboarding from the start
   * instead of a customer that cannot be read or updated any more.
   */
  async function forgetCustomer(customerId: string): Promise<void> {
    const event = await unlinkDeletedCustomer(customerId);
    if (event) await hub.publishDeleted(event.userId, customerId);
  }

  async function unlinkDeletedCustomer(customerId: string): Promise<NewCustomerEvent | null> {
    links.forgetCustomer(customerId);
    const userId = await store.unlinkCustomer(customerId);
    if (userId === null) return null;
    logger.info(
      { user: userReference(userId), provider: upstream.provider },
      'customer unlinked: deleted upstream',
    );
    return { userId, type: 'customer_deleted', customerId };
  }

  async function onLinkedCustomer<T>(customerId: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (!isCustomerGone(error)) throw error;
      await forgetCustomer(customerId);
      throw new ProxyError('no_customer', { detail: 'customer deleted upstream', cause: error });
    }
  }

  async function linkedCustomerId(userId: string): Promise<string> {
    const customerId = await store.getCustomerId(userId);
    if (customerId === null) throw new ProxyError('no_customer');
    links.set(userId, customerId);
    return customerId;
  }

  const watcher =
    options.watch === false
      ? { watch: () => () => undefined, close: async () => undefined }
      : createCustomerWatcher({
          store,
          hub,
          readCustomer: (customerId) => onLinkedCustomer(customerId, () => readCustomer(customerId)),
          onError: (error) =>
            logger.warn({ error: error instanceof Error ? error.name : 'unknown' }, 'customer watch failed'),
          ...(options.watch ? { options: options.watch } : {}),
        });

  const shutdown = new AbortController();
  const tosDocuments = createTosDocumentLoader({
    upstream,
    tosOrigins,
    timeoutMs,
    warn: (message) => logger.warn(message),
  });

  return {
    upstream,
    fieldSpecs: options.fieldSpecs,
    store,
    logger,
    hub,
    watcher,
    closing: shutdown.signal,
    async close() {
      // The watches first, so their leases are given up (another instance takes them over at once) before
      // the streams end; then the streams, so browsers reconnect, elsewhere, with Last-Event-ID.
      clearTimeout(pruneTimer);
      await watcher.close();
      shutdown.abort();
      hub.close();
      await tosDocuments.close();
      // A store the handler made itself is its own to close; a store passed in is the caller's.
      if (options.store === undefined) await store.close();
    },
    resolveUser: options.resolveUser,
    userReference,
    webhookSecret: options.webhookSecret,
    basePath: (options.basePath ?? '/api/onboarding').replace(/\/+$/, ''),
    allowedOrigins: new Set(options.allowedOrigins ?? []),
    timeoutMs,
    bodyLimitBytes,
    bodyTimeoutMs,
    heartbeatMs: options.heartbeatMs ?? 15_000,
    maxStreamsPerUser: options.maxStreamsPerUser ?? 10,
    userLimiter: createRateLimiter(options.rateLimit?.perUser ?? { limit: 120, windowMs: 60_000 }),
    addressLimiter: createRateLimiter(options.rateLimit?.perAddress ?? { limit: 60, windowMs: 60_000 }),
    webhookLimiter: createRateLimiter(
      options.rateLimit?.webhookFailuresPerAddress ?? { limit: 30, windowMs: 60_000 },
    ),
    creationLock: createKeyedLock(),
    tosDocuments,
    clientAddressOf,
    ownOriginOf,
    async readJson(c) {
      return parseJson(await readLimitedBody(c.req.raw, bodyLimitBytes, { timeoutMs: bodyTimeoutMs }));
    },
    async writeContext(c, operation) {
      const requesterIpAddress = clientAddressOf(c);
      // Never fall back to the server's own address: the provider must see the end-user's.
      if (requesterIpAddress === undefined) {
        logger.error(
          trustedProxyCount > 0 && c.env?.clientAddress !== undefined
            ? `no client address: X-Forwarded-For has fewer hops than trustedProxyCount (${trustedProxyCount}): the request did not come through that many proxies (leave trustedProxyCount out where no proxy is in front)`
            : 'no client address: pass context.clientAddress (createNodeListener does) or set trustedProxyCount',
        );
        throw new ProxyError('client_address_unavailable');
      }
      // No abort signal: a write the browser gave up on still completes, so a created customer is linked, not orphaned.
      return { idempotencyKey: await idempotencyKeyFor(c, operation), requesterIpAddress, timeoutMs };
    },
    links,
    linkedCustomerId,
    async readLinkedCustomer(userId, call) {
      const remembered = links.get(userId);
      if (remembered === undefined) {
        const customerId = await linkedCustomerId(userId);
        return onLinkedCustomer(customerId, () => call(customerId));
      }
      try {
        return await onLinkedCustomer(remembered, () => call(remembered));
      } catch (error) {
        if (!(error instanceof ProxyError && error.reason === 'no_customer')) throw error;
        // The remembered customer is gone, and now forgotten: the store says whether the user has another.
        const current = await store.getCustomerId(userId);
        if (current === null || current === remembered) throw error;
        links.set(userId, current);
        return onLinkedCustomer(current, () => call(current));
      }
    },
    readCustomer,
    forgetCustomer,
    unlinkDeletedCustomer,
    onLinkedCustomer,
  };
}
