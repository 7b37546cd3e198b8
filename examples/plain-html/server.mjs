// A partner's backend in one file: it serves a plain HTML page and kyc-kit's standalone script from its own
// origin, and mounts @kyc-kit/proxy at /api/onboarding against @kyc-kit/sandbox (which simulates the provider
// in this process). No bundler, no framework: `npm run build` copies kyc-kit's file, `npm start` serves
// (PORT, default 3000).
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createCoinbaseUpstream,
  createNodeListener,
  createOnboardingHandler,
  createSqliteStore,
} from '@kyc-kit/proxy';
import { createSandbox } from '@kyc-kit/sandbox';

const here = path.dirname(fileURLToPath(import.meta.url));
const port = Number(process.env.PORT ?? 3000);
const publicUrl = `http://localhost:${port}`;

/**
 * The page's policy: scripts and styles from this origin only. The elements' styles are constructable
 * stylesheets, which `style-src` does not govern, and nothing needs 'unsafe-inline' or 'unsafe-eval'.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

// The sandbox: the provider's API, its Terms of Service documents and its webhooks, all in process.
const SANDBOX_URL = 'http://sandbox.internal';
const webhookSecret = randomUUID();
let deliverWebhook = async () => new Response(null, { status: 503 });
const sandbox = createSandbox({
  verifyMs: Number(process.env.KYC_SANDBOX_VERIFY_MS ?? 1500),
  publicUrl: SANDBOX_URL,
  webhooks: { url: `${publicUrl}/api/onboarding/webhooks/coinbase`, secret: webhookSecret },
  fetch: (input, init) => deliverWebhook(input, init),
});
const upstream = createCoinbaseUpstream({
  baseUrl: `${SANDBOX_URL}/platform`,
  apiKeyId: sandbox.credentials.coinbase.apiKeyId,
  apiKeySecret: sandbox.credentials.coinbase.apiKeySecret,
  fetch: (input, init) => sandbox.fetch(new Request(input, init)),
});

// Who the user is comes from the partner's own session; here, an anonymous cookie is the whole session.
const SESSION_COOKIE = 'northwind_session';
function sessionOf(cookieHeader) {
  const match = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=([\\w-]+)`).exec(cookieHeader ?? '');
  return match?.[1];
}

// Which customer is whose must outlive a restart, or a returning user gets a second customer: a SQLite
// file here (createPostgresStore({ connectionString }) when several instances share it).
mkdirSync(path.join(here, '.data'), { recursive: true });

const handler = createOnboardingHandler({
  upstream,
  store: createSqliteStore({ path: path.join(here, '.data', 'onboarding.sqlite') }),
  resolveUser: (request) => {
    const id = sessionOf(request.headers.get('cookie'));
    return id ? { id } : null;
  },
  webhookSecret,
  tosOrigins: [SANDBOX_URL],
});
deliverWebhook = (input, init) => handler(new Request(input, init));
const proxy = createNodeListener(handler);

const STATIC_FILES = {
  '/': ['index.html', 'text/html; charset=utf-8'],
  '/trade': ['trade.html', 'text/html; charset=utf-8'],
  '/page.css': ['page.css', 'text/css; charset=utf-8'],
  '/page.js': ['page.js', 'text/javascript; charset=utf-8'],
  // Copied from the installed @kyc-kit/elements by `npm run build` (copy-kyc-kit.mjs).
  '/kyc-kit/kyc-kit-elements.js': ['kyc-kit/kyc-kit-elements.js', 'text/javascript; charset=utf-8'],
  // Imported by the script above, from its own folder: the phone parser right after its first paint,
  // every country's phone rules only when a phone number outside +1 is typed.
  '/kyc-kit/standalone-phone-parser.js': [
    'kyc-kit/standalone-phone-parser.js',
    'text/javascript; charset=utf-8',
  ],
  '/kyc-kit/standalone-phone-rules.js': [
    'kyc-kit/standalone-phone-rules.js',
    'text/javascript; charset=utf-8',
  ],
  '/kyc-kit/locales/es.js': ['kyc-kit/locales/es.js', 'text/javascript; charset=utf-8'],
};

const server = http.createServer(async (request, response) => {
  const url = new URL(request.url ?? '/', publicUrl);
  if (url.pathname.startsWith('/api/onboarding/')) return proxy(request, response);
  if (url.pathname === '/healthz') return response.end('ok');
  const headers = { 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff' };
  try {
    const file = STATIC_FILES[url.pathname];
    if (file === undefined) {
      response.writeHead(404, headers);
      return response.end('Not found');
    }
    if (sessionOf(request.headers.cookie) === undefined) {
      headers['set-cookie'] = `${SESSION_COOKIE}=${randomUUID()}; Path=/; HttpOnly; SameSite=Lax`;
    }
    response.writeHead(200, { ...headers, 'content-type': file[1] });
    response.end(await readFile(path.join(here, 'public', file[0])));
  } catch (error) {
    response.writeHead(500, headers);
    response.end(error instanceof Error ? error.message : 'error');
  }
});

server.listen(port, () => process.stdout.write(`Northwind Market on ${publicUrl}\n`));
const stop = () => server.close(() => sandbox.close().then(() => process.exit(0)));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
