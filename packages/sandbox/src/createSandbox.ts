import { OMS_TOS_VERSION } from '@kyc-kit/core/server';
import { Hono } from 'hono';
import { coinbasePublicKeys, loadOrCreateCredentials } from './sandboxCredentials';
import type { SandboxCredentials } from './sandboxCredentials';
import { checkSandboxOptions } from './checkSandboxOptions';
import { coinbaseError, coinbaseFailureFor } from './coinbaseError';
import { createCoinbaseRoutes } from './createCoinbaseRoutes';
import { createControlRoutes } from './createControlRoutes';
import type { Fault } from './faultInjector';
import { createOmsRoutes } from './createOmsRoutes';
import { omsError, omsFailureFor } from './omsError';
import { openSandboxDatabase } from './openSandboxDatabase';
import { DEFAULT_OMS_SHAPES } from './sandboxDialect';
import type { OmsShapes, SandboxDialect } from './sandboxDialect';
import { createSandboxEngine } from './sandboxEngine';
import type { SandboxWebhookOptions } from './sandboxEngine';
import { isTosDocumentLanguage, renderTosDocument } from './termsOfService';
import { createWebhookDispatcher } from './webhookDispatcher';

/** How a sandbox is set up. Every option is optional. */
export interface SandboxOptions {
  /** A SQLite file to keep state in (it survives restarts); in memory when absent. */
  dataPath?: string;
  /** How long verification takes after a submission, in ms; 0 = on the next tick. @default 2000 */
  verifyMs?: number;
  /** Verify only on `POST /sandbox/advance`. @default false */
  manual?: boolean;
  /** Where the sandbox is reachable, for the Terms of Service urls it hands out. @default 'http://localhost:4010' */
  publicUrl?: string;
  /** Send webhooks here, signed with this secret. No webhooks when absent. */
  webhooks?: SandboxWebhookOptions;
  /** How webhooks are delivered (in-process: the proxy's handler). @default globalThis.fetch */
  fetch?: typeof fetch;
  /**
   * Which published Coinbase shapes to answer in: the OpenAPI file's (`spec`)
   * or the guides' (`guides`): ToS shape, webhook, update method and contact
   * field placement. See `SandboxDialect`.
   * @default 'spec'
   */
  dialect?: SandboxDialect;
  /** How the OMS API writes endorsements at start (`POST /sandbox/oms-shapes` changes it). @default seed 004's */
  omsShapes?: Partial<OmsShapes>;
}

/** A running sandbox. */
export interface Sandbox {
  /** Handles one request: the Coinbase and OMS APIs, the control API and the ToS documents. */
  fetch(request: Request): Promise<Response>;
  /** The keys the sandbox accepts, ready for a proxy's configuration. */
  credentials: SandboxCredentials;
  /** Stops timers, waits for webhook attempts in flight and closes the database. */
  close(): Promise<void>;
}

/** A stand-in for an aborted fetch, for the `timeout` fault. */
function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}

function faultResponse(fault: Fault, path: string): Response {
  const status = fault.status ?? 500;
  const headers: Record<string, string> =
    status === 429 || status === 503 ? { 'retry-after': String(fault.retryAfterSeconds ?? 1) } : {};
  if (path.startsWith('/v0.9')) {
    const failure = omsFailureFor(status);
    return omsError(status, failure.code, failure.message, headers);
  }
  const failure = coinbaseFailureFor(status);
  return coinbaseError(status, failure.errorType, failure.errorMessage, headers);
}

/**
 * Starts a sandbox: a local simulator of the Coinbase Customers API and Polygon's
 * OMS Customers API, with a control API for tests. See the package README for
 * routes, magic values and the control endpoints.
 */
export function createSandbox(options: SandboxOptions = {}): Sandbox {
  checkSandboxOptions(options);
  const database = openSandboxDatabase(options.dataPath);
  const credentials = loadOrCreateCredentials(database);
  const keyring = coinbasePublicKeys(credentials);
  const webhooks = options.webhooks;
  const dispatcher =
    webhooks === undefined
      ? undefined
      : createWebhookDispatcher({
          database,
          secret: webhooks.secret,
          ...(webhooks.omsSecret === undefined ? {} : { omsSecret: webhooks.omsSecret }),
          fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
          retryBaseMs: webhooks.retryBaseMs ?? 1000,
          maxAttempts: webhooks.maxAttempts ?? 8,
          deliveryTimeoutMs: webhooks.deliveryTimeoutMs ?? 15_000,
        });
  const engine = createSandboxEngine({
    database,
    publicUrl: options.publicUrl ?? 'http://localhost:4010',
    verifyMs: options.verifyMs ?? 2000,
    manual: options.manual ?? false,
    dialect: options.dialect ?? 'spec',
    omsShapes: { ...DEFAULT_OMS_SHAPES, ...options.omsShapes },
    webhooks,
    dispatcher,
  });
  const hangs = new Set<() => void>();
  let closed = false;

  const app = new Hono();

  // Faults apply to every route but the control API, so a test can always clear them.
  app.use('*', async (c, next) => {
    const path = new URL(c.req.url).pathname;
    if (path === '/sandbox' || path.startsWith('/sandbox/')) return next();
    const fault = engine.faults.take(c.req.method, path);
    if (fault === undefined) return next();
    switch (fault.kind) {
      case 'status':
        return faultResponse(fault, path);
      case 'latency':
        await new Promise<void>((resolve) => {
          const timer = setTimeout(done, fault.delayMs ?? 0);
          function done(): void {
            clearTimeout(timer);
            hangs.delete(done);
            resolve();
          }
          hangs.add(done);
        });
        return next();
      case 'timeout': {
        const signal = c.req.raw.signal;
        // Hang until the caller gives up (its fetch then rejects, as on a real timeout),
        // until delayMs has passed (then 504), or until the sandbox closes.
        await new Promise<void>((resolve, reject) => {
          const timer = fault.delayMs === undefined ? undefined : setTimeout(finish, fault.delayMs);
          function cleanUp(): void {
            clearTimeout(timer);
            hangs.delete(finish);
            signal.removeEventListener('abort', onAbort);
          }
          function finish(): void {
            cleanUp();
            resolve();
          }
          function onAbort(): void {
            cleanUp();
            reject(abortError(signal));
          }
          if (signal.aborted) {
            onAbort();
            return;
          }
          hangs.add(finish);
          signal.addEventListener('abort', onAbort);
        });
        return timeoutResponse(path);
      }
      case 'malformed': {
        // The request is carried out; only the answer is cut short, as a dropped connection would leave it.
        await next();
        const text = await c.res.text();
        c.res = new Response(text.slice(0, Math.max(1, Math.floor(text.length / 2))), {
          status: c.res.status === 204 ? 200 : c.res.status,
          headers: { 'content-type': 'application/json' },
        });
        return;
      }
      default:
        fault.kind satisfies never;
        return next();
    }
  });

  app.route('/platform', createCoinbaseRoutes(engine, keyring));
  app.route('/v0.9', createOmsRoutes(engine, credentials.oms));
  app.route('/sandbox', createControlRoutes(engine));

  // The Terms of Service documents: `/tos/:versionId?lang=es` (the spec's url form) or `/tos/:versionId/:language`.
  // OMS records only `signedAgreement`; core gives that agreement the version id `oms_terms`, served here too.
  const serveTos = (versionId: string, language: string): Response => {
    const version =
      versionId === OMS_TOS_VERSION.versionId
        ? { versionId, languages: ['en', 'es'] }
        : engine.tosVersions().find((candidate) => candidate.versionId === versionId);
    if (version === undefined || !version.languages.includes(language) || !isTosDocumentLanguage(language)) {
      return new Response('Terms of Service document not found.', {
        status: 404,
        headers: { 'content-type': 'text/plain' },
      });
    }
    const document = renderTosDocument(version.versionId, language);
    return new Response(document.html, {
      status: 200,
      headers: { 'content-type': 'text/html; charset=utf-8', 'content-language': language },
    });
  };
  app.get('/tos/:versionId', (c) => serveTos(c.req.param('versionId'), c.req.query('lang') ?? 'en'));
  app.get('/tos/:versionId/:language', (c) => serveTos(c.req.param('versionId'), c.req.param('language')));

  app.onError((_error, c) => {
    const path = new URL(c.req.url).pathname;
    return path.startsWith('/v0.9')
      ? omsError(500, 'internal_error', 'An internal error occurred. Please try again later.')
      : coinbaseError(
          500,
          'internal_server_error',
          'An internal server error occurred. Please try again later.',
        );
  });
  app.notFound(() => coinbaseError(404, 'not_found', 'No such route.'));

  return {
    credentials,
    async fetch(request) {
      if (closed) return coinbaseError(503, 'service_unavailable', 'The sandbox has been closed.');
      const response = await app.fetch(request);
      // A caller that gave up sees its fetch reject, as a real fetch would on abort.
      if (request.signal.aborted) throw abortError(request.signal);
      return response;
    },
    async close() {
      if (closed) return;
      closed = true;
      engine.cancelVerifications();
      for (const release of [...hangs]) release();
      await dispatcher?.close();
      database.close();
    },
  };
}

function timeoutResponse(path: string): Response {
  return path.startsWith('/v0.9')
    ? omsError(504, 'gateway_timeout', 'The request timed out.')
    : coinbaseError(504, 'timed_out', 'The request timed out. Please try again later.');
}
