import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { getConnInfo } from '@hono/node-server/conninfo';
import { serveStatic } from '@hono/node-server/serve-static';
import {
  addressBucket,
  createOnboardingHandler,
  createRateLimiter,
  resolveClientAddress,
} from '@kyc-kit/proxy';
import type { OnboardingHandler } from '@kyc-kit/proxy';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import { pino } from 'pino';
import type { Context, MiddlewareHandler } from 'hono';
import { allowsSecureCookies, createDemoSessions } from './createDemoSessions';
import { SANDBOX_MOUNT_PATH, createDemoUpstream } from './createDemoUpstream';
import type { DemoUpstream } from './createDemoUpstream';
import { createSandboxPanelRoutes } from './createSandboxPanelRoutes';
import { openDemoStores } from './openDemoStores';
import type { DemoConfig } from './readDemoConfig';

/** Where the demo server finds its built assets. */
export interface DemoServerOptions {
  config: DemoConfig;
  /** The front-end built by `vite build`. */
  distDirectory: string;
  /** The Storybook static build; served under /storybook when present. */
  storybookDirectory: string;
  /** Quiets the proxy's request log (tests). @default false */
  quiet?: boolean;
}

/** The assembled demo: a Hono app plus what must be shut down with it. */
export interface DemoServer {
  app: Hono;
  upstream: DemoUpstream;
  close(): Promise<void>;
}

/** What the front-end learns about the session and the upstream on start. */
export interface DemoSessionInfo {
  user: { username: string } | null;
  upstream: { kind: DemoConfig['upstream']['kind']; provider: DemoUpstream['provider'] };
  /** True when the sandbox panel's controls are available. */
  sandbox: boolean;
}

const API_BASE_PATH = '/api/onboarding';

// The shell of the single-page app: strict enough that a script injected into
// a ToS document could not run, loose enough for React's inline style attributes.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/**
 * Storybook's pages: the manager (`index.html`) and the preview (`iframe.html`)
 * start with inline scripts (globals, then the module imports), which run
 * because their sha256 hashes are listed, taken from the built HTML itself;
 * any other inline script, an injected one, is refused. Styles keep
 * 'unsafe-inline': Storybook's UI and its addons style through emotion, which
 * writes `<style>` elements in the browser whose text no build step knows, and
 * the preview's markup has `style` attributes (no hash covers an attribute).
 * The two pages frame each other on this origin.
 */
function storybookContentSecurityPolicy(scriptHashes: readonly string[]): string {
  return [
    "default-src 'self'",
    ["script-src 'self'", ...scriptHashes].join(' '),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "frame-src 'self'",
    "frame-ancestors 'self'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

/**
 * The CSP sources (`'sha256-…'`) of every inline script of a page: the text
 * between `<script>` and `</script>` of each element without `src`, as the
 * browser hashes it (UTF-8, after the parser turned CR LF into LF).
 */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    if (/(?:^|\s)src\s*=/i.test(match[1] ?? '')) continue;
    const text = (match[2] ?? '').replace(/\r\n?/g, '\n');
    hashes.add(`'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`);
  }
  return [...hashes];
}

/**
 * The policy of each file under the Storybook folder, by its path there: a
 * page's own hashes, read from the file when it is first served and again
 * when it changed (a rebuild while the server runs); anything else (scripts,
 * styles, data) lists no hash.
 */
function createStorybookPolicies(directory: string): (filePath: string) => string {
  const plain = storybookContentSecurityPolicy([]);
  const pages = new Map<string, { modified: number; policy: string }>();
  return (filePath) => {
    if (!filePath.endsWith('.html')) return plain;
    const file = path.join(directory, path.normalize(filePath));
    if (!file.startsWith(directory + path.sep)) return plain;
    let modified: number;
    try {
      modified = statSync(file).mtimeMs;
    } catch {
      return plain;
    }
    const known = pages.get(file);
    if (known?.modified === modified) return known.policy;
    const policy = storybookContentSecurityPolicy(inlineScriptHashes(readFileSync(file, 'utf8')));
    pages.set(file, { modified, policy });
    return policy;
  };
}

// A Terms of Service document: the sandbox's own markup and styles, nothing that runs.
const DOCUMENT_CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

// Everything else (health check, plain-text answers): nothing may load or frame it.
const DEFAULT_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/**
 * The demo's own JSON bodies (a username, a sandbox status) are a few dozen bytes. Anything past this is
 * refused before it is buffered: the sign-in route takes bodies from anyone, signed in or not.
 */
const DEMO_BODY_LIMIT_BYTES = 16_384;

/** Hashed build output never changes under its name; everything else is revalidated. */
function cacheStatic(immutable: boolean): MiddlewareHandler {
  return async (context, next) => {
    await next();
    if (context.res.status !== 200) return;
    context.header('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
  };
}

/** Source maps stay on the server: they would publish the sources of the production build. */
const refuseSourceMaps: MiddlewareHandler = async (context, next) => {
  if (context.req.path.endsWith('.map')) return context.text('Not found.', 404);
  await next();
};

function isJsonRequest(context: Context): boolean {
  return (context.req.header('content-type') ?? '').toLowerCase().startsWith('application/json');
}

function clientAddressOf(context: Context): string | undefined {
  try {
    return getConnInfo(context).remote.address;
  } catch {
    // Requests built in tests (app.request) have no socket behind them.
    return undefined;
  }
}

/**
 * The demo's one server: Northwind Wallet's front-end, the kyc-kit proxy at
 * /api/onboarding, demo sessions at /api/demo/session, the sandbox panel's
 * API, the sandbox's ToS documents and the Storybook catalogue.
 */
export function createDemoServer(options: DemoServerOptions): DemoServer {
  const { config } = options;
  const secureCookies = allowsSecureCookies(config.publicUrl);
  const httpsOnly = new URL(config.publicUrl).protocol === 'https:';
  // Sessions, links and the sandbox's customers: files in the data folder, or Postgres, or memory.
  const stores = openDemoStores({
    ...(config.dataDirectory === undefined ? {} : { dataDirectory: config.dataDirectory }),
    ...(config.databaseUrl === undefined ? {} : { databaseUrl: config.databaseUrl }),
  });
  const sessions = createDemoSessions(stores.sessions, { secure: secureCookies });
  // Anyone may sign in, and each sign-in is a row on the server: one address gets so many a minute.
  const signInLimiter = createRateLimiter({ limit: config.signInsPerMinute, windowMs: 60_000 });
  const upstreamConfig =
    config.upstream.kind === 'sandbox' && config.upstream.dataPath === undefined && stores.sandboxDataPath
      ? { ...config.upstream, dataPath: stores.sandboxDataPath }
      : config.upstream;

  // The sandbox delivers webhooks straight into the proxy handler; the handler
  // is created after the sandbox (it needs the upstream), hence the late binding.
  let handler: OnboardingHandler | null = null;
  const demoUpstream = createDemoUpstream(upstreamConfig, {
    publicUrl: config.publicUrl,
    webhookSecret: config.webhookSecret,
    deliverWebhook: async (request) => {
      if (handler === null) return new Response(null, { status: 503 });
      return handler(request);
    },
  });
  const onboardingHandler = createOnboardingHandler({
    upstream: demoUpstream.upstream,
    store: stores.proxy,
    webhookSecret: config.webhookSecret,
    basePath: API_BASE_PATH,
    tosOrigins: demoUpstream.tosOrigins,
    trustedProxyCount: config.trustedProxyCount,
    resolveUser: async (request) => {
      const user = await sessions.userFrom(request);
      return user === null ? null : { id: user.id };
    },
    ...(options.quiet ? { logger: pino({ level: 'silent' }) } : {}),
  });
  handler = onboardingHandler;

  const app = new Hono();

  app.use('*', async (context, next) => {
    await next();
    context.header('X-Content-Type-Options', 'nosniff');
    // Our URLs never carry PII, and the referrer would not need to either.
    context.header('Referrer-Policy', 'no-referrer');
    // Served on https: the browser never tries plain http again (no first request to strip TLS from).
    if (httpsOnly) context.header('Strict-Transport-Security', 'max-age=31536000');
    // Every answer has a CSP: the routes below set their own, the rest get the strictest.
    if (!context.res.headers.has('Content-Security-Policy'))
      context.header('Content-Security-Policy', DEFAULT_CONTENT_SECURITY_POLICY);
  });

  app.get('/healthz', (context) => context.json({ ok: true }));

  // The proxy under /api/onboarding has its own limit (and time limit); these are the demo's own routes.
  app.use(
    '/api/demo/*',
    bodyLimit({
      maxSize: DEMO_BODY_LIMIT_BYTES,
      onError: (context) =>
        context.json({ error: { code: 'payload_too_large', message: 'That request is too large.' } }, 413),
    }),
  );

  app.get('/api/demo/session', async (context) => {
    const user = await sessions.userFrom(context.req.raw);
    const body: DemoSessionInfo = {
      user: user === null ? null : { username: user.username },
      upstream: { kind: config.upstream.kind, provider: demoUpstream.provider },
      sandbox: demoUpstream.sandbox !== null,
    };
    context.header('Cache-Control', 'no-store');
    return context.json(body);
  });

  app.post('/api/demo/session', async (context) => {
    // A cross-site form cannot send application/json without a preflight.
    if (!isJsonRequest(context)) {
      return context.json({ error: { code: 'unsupported_media_type', message: 'Send JSON.' } }, 415);
    }
    // Counted once the request is one a cross-site page cannot send, so no other site can spend a
    // visitor's budget. The address as the proxy reads it: the socket's, or KYC_TRUSTED_PROXIES hops back in X-Forwarded-For.
    const address = resolveClientAddress({
      socketAddress: clientAddressOf(context),
      forwardedFor: context.req.header('x-forwarded-for') ?? null,
      trustedProxyCount: config.trustedProxyCount,
    });
    const budget = signInLimiter.hit(address === undefined ? 'unknown' : addressBucket(address));
    if (!budget.allowed) {
      context.header('Retry-After', String(budget.retryAfterSeconds));
      context.header('Cache-Control', 'no-store');
      return context.json(
        {
          error: {
            code: 'rate_limited',
            message: 'There have been too many sign-ins from your network. Wait a minute, then try again.',
          },
        },
        429,
      );
    }
    const body: unknown = await context.req.json().catch(() => null);
    const username = sessions.normalizeUsername(
      typeof body === 'object' && body !== null ? (body as { username?: unknown }).username : undefined,
    );
    if (username === null) {
      return context.json(
        {
          error: {
            code: 'invalid_username',
            message: 'Enter a username of up to 40 letters, digits, dots, dashes or underscores.',
          },
        },
        400,
      );
    }
    context.header('Set-Cookie', await sessions.signIn(username, context.req.raw));
    return context.json({ user: { username } });
  });

  app.delete('/api/demo/session', async (context) => {
    // The session ends on the server: a copy of the cookie kept elsewhere is worthless from now on.
    context.header('Set-Cookie', await sessions.signOut(context.req.raw));
    return context.body(null, 204);
  });

  if (demoUpstream.sandbox !== null) {
    const sandbox = demoUpstream.sandbox;
    app.route(
      '/api/demo/sandbox',
      createSandboxPanelRoutes({
        sandbox,
        provider: demoUpstream.provider,
        sessions,
        onboardingHandler,
        apiBasePath: API_BASE_PATH,
        publicOrigin: new URL(config.publicUrl).origin,
      }),
    );
    // Only the documents are public: the sandbox's API and control routes stay in-process.
    app.get(`${SANDBOX_MOUNT_PATH}/tos/*`, async (context) => {
      const url = new URL(context.req.url);
      url.pathname = url.pathname.slice(SANDBOX_MOUNT_PATH.length);
      const document = await sandbox.fetch(
        new Request(url, { method: 'GET', headers: context.req.raw.headers }),
      );
      const response = new Response(document.body, document);
      response.headers.set('Content-Security-Policy', DOCUMENT_CONTENT_SECURITY_POLICY);
      return response;
    });
  }

  app.all(`${API_BASE_PATH}/*`, (context) => {
    const clientAddress = clientAddressOf(context);
    return onboardingHandler(context.req.raw, clientAddress === undefined ? {} : { clientAddress });
  });
  app.all('/api/*', (context) => context.json({ error: { code: 'not_found', message: 'Not found.' } }, 404));

  app.get('/storybook', (context) => context.redirect('/storybook/'));
  // The catalogue is built separately (`pnpm run build:storybook`); it is served when present at start.
  if (existsSync(path.join(options.storybookDirectory, 'index.html'))) {
    const storybookPolicyFor = createStorybookPolicies(path.resolve(options.storybookDirectory));
    app.get(
      '/storybook/*',
      refuseSourceMaps,
      compress(),
      cacheStatic(false),
      async (context, next) => {
        await next();
        const filePath = context.req.path.slice('/storybook'.length);
        context.header(
          'Content-Security-Policy',
          storybookPolicyFor(filePath.endsWith('/') ? `${filePath}index.html` : filePath),
        );
      },
      serveStatic({
        root: path.relative(process.cwd(), options.storybookDirectory),
        rewriteRequestPath: (requestPath) => requestPath.slice('/storybook'.length),
      }),
    );
  } else {
    app.get('/storybook/*', (context) =>
      context.text(
        'The Storybook catalogue is not built yet: run `pnpm run build:storybook`, then restart.',
        404,
      ),
    );
  }

  // Vite names every file under /assets after its content hash.
  app.get(
    '/assets/*',
    refuseSourceMaps,
    compress(),
    cacheStatic(true),
    serveStatic({ root: path.relative(process.cwd(), options.distDirectory) }),
    (context) => context.notFound(),
  );
  app.get(
    '/favicon.svg',
    cacheStatic(false),
    serveStatic({ root: path.relative(process.cwd(), options.distDirectory) }),
  );

  // Every other page is the single-page app; its client-side router picks the screen.
  const appIndex = path.join(options.distDirectory, 'index.html');
  app.get('*', compress(), (context) => {
    if (!existsSync(appIndex)) {
      return context.text('The demo front-end is not built yet: run `pnpm run build`.', 503);
    }
    context.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    context.header('Cache-Control', 'no-cache');
    return context.html(readFileSync(appIndex, 'utf8'));
  });

  return {
    app,
    upstream: demoUpstream,
    async close() {
      // First: the watch leases are given up and the event streams end, so browsers reconnect and resume.
      await onboardingHandler.close();
      await demoUpstream.sandbox?.close();
      await stores.close();
    },
  };
}
