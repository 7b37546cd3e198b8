import { createMiddleware } from 'hono/factory';
import { routePath } from 'hono/route';
import { IDEMPOTENCY_KEY_PATTERN, type ProxyDeps, type ProxyEnv } from './createProxyDeps';
import { jsonAnswerParts, setAnswerHeader } from './jsonAnswer';
import { deferUntilAnswered } from './nodeRequestBody';
import { ProxyError } from './ProxyError';
import { addressBucket } from './resolveClientAddress';

/** Added to every answer that does not set them itself. */
const SECURITY_HEADERS: readonly (readonly [string, string])[] = [
  ['cache-control', 'no-store'],
  ['x-content-type-options', 'nosniff'],
  ['referrer-policy', 'no-referrer'],
  ['x-frame-options', 'DENY'],
  ['content-security-policy', "default-src 'none'; frame-ancestors 'none'"],
  ['cross-origin-resource-policy', 'same-origin'],
];

/** Every answer, errors and event streams included, gets the security headers, CORS for allowed origins, and one log line. */
export function securityHeaders(deps: ProxyDeps) {
  return createMiddleware<ProxyEnv>(async (c, next) => {
    const started = Date.now();
    await next();
    const response = c.res;
    const parts = jsonAnswerParts(response);
    if (parts !== undefined) {
      // A plain JSON answer: its header record, looked up once.
      for (const [name, value] of SECURITY_HEADERS) parts.headers[name] ??= value;
    } else for (const [name, value] of SECURITY_HEADERS) setAnswerHeader(response, name, value, 'default');
    const origin = c.req.header('origin');
    if (origin !== undefined && deps.allowedOrigins.has(origin)) {
      setAnswerHeader(response, 'access-control-allow-origin', origin);
      setAnswerHeader(response, 'access-control-allow-credentials', 'true');
      setAnswerHeader(response, 'vary', 'Origin', 'append');
    }
    const line = {
      method: c.req.method,
      route: routePath(c),
      status: c.res.status,
      durationMs: Date.now() - started,
    };
    // The line is made here, but formatted and buffered once the answer is written (through
    // createNodeListener): the client does not wait for it. Elsewhere it is written now.
    if (!deferUntilAnswered(c.req.raw, () => deps.logger.info(line, 'request')))
      deps.logger.info(line, 'request');
  });
}

function isPromiseLike<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/**
 * The session middleware of the browser routes: refuses cross-site pages,
 * sets `user` from the partner's `resolveUser`, and counts the request
 * against that user's limit. Only requests nobody is signed in for count
 * against their address, so users behind one address (an office, a mobile
 * carrier's NAT) never use up each other's budget.
 */
export function requireSession(deps: ProxyDeps) {
  return createMiddleware<ProxyEnv>(async (c, next) => {
    // A cross-site page has no business here, reads included (they could leak by timing or size).
    const site = c.req.header('sec-fetch-site');
    const origin = c.req.header('origin');
    if (site === 'cross-site' && (origin === undefined || !deps.allowedOrigins.has(origin)))
      throw new ProxyError('forbidden_origin');
    const resolved = deps.resolveUser(c.req.raw);
    // A synchronous session lookup is taken as it is, without a promise turn; a promise is awaited.
    const user = isPromiseLike(resolved) ? await resolved : resolved;
    if (!user || typeof user.id !== 'string' || user.id === '') {
      const address = deps.clientAddressOf(c);
      const byAddress = deps.addressLimiter.hit(
        `address:${address === undefined ? 'unknown' : addressBucket(address)}`,
      );
      if (!byAddress.allowed)
        throw new ProxyError('rate_limited', { retryAfterSeconds: byAddress.retryAfterSeconds });
      // Something that is neither null nor a user (a bare id, `{ userId }`) is a partner's bug: the log says so.
      throw new ProxyError(
        'unauthorized',
        user ? { detail: 'resolveUser returned neither null nor { id: string }' } : {},
      );
    }
    const byUser = deps.userLimiter.hit(`user:${user.id}`);
    if (!byUser.allowed)
      throw new ProxyError('rate_limited', { retryAfterSeconds: byUser.retryAfterSeconds });
    c.set('user', user);
    await next();
  });
}

/**
 * The CSRF guard of writes: an allowed origin, JSON, and the custom header a cross-site form cannot add;
 * and a well-formed `Idempotency-Key` when one is sent, checked before the route reads the body, the store
 * or the provider (a create of a user who already has a customer, or the Terms' read of the customer,
 * would otherwise answer or call upstream before the key's turn came).
 */
export function requireWrite(deps: ProxyDeps) {
  return createMiddleware<ProxyEnv>(async (c, next) => {
    const origin = c.req.header('origin');
    const own = deps.ownOriginOf(c);
    if (origin !== undefined && origin !== own && !deps.allowedOrigins.has(origin))
      throw new ProxyError('forbidden_origin', {
        detail: `origin ${origin.slice(0, 100)} is neither this server's (${own}) nor in allowedOrigins`,
      });
    if (c.req.header('x-kyc-kit') !== '1') throw new ProxyError('csrf_header_missing');
    const contentType = c.req.header('content-type') ?? '';
    if (!/^application\/json\s*(;|$)/i.test(contentType)) throw new ProxyError('unsupported_media_type');
    const idempotencyKey = c.req.header('idempotency-key');
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY_PATTERN.test(idempotencyKey))
      throw new ProxyError('invalid_idempotency_key');
    await next();
  });
}

/** Answers CORS preflights of the allowed origins; any other origin gets 403. */
export function corsPreflight(deps: ProxyDeps) {
  return createMiddleware<ProxyEnv>(async (c) => {
    const origin = c.req.header('origin');
    if (origin === undefined || !deps.allowedOrigins.has(origin)) return c.body(null, 403);
    return c.body(null, 204, {
      'access-control-allow-methods': 'GET, POST, PATCH',
      'access-control-allow-headers': 'Content-Type, X-KYC-Kit, Idempotency-Key, Last-Event-ID',
      'access-control-max-age': '600',
    });
  });
}
