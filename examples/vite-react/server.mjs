// The partner's backend: plain node:http. It serves the built app from dist/
// and mounts @kyc-kit/proxy at /api/onboarding. The provider is the sandbox
// (`npm run sandbox`): its API keys come from the file it wrote.
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createCoinbaseUpstream,
  createNodeListener,
  createOnboardingHandler,
  createSqliteStore,
} from '@kyc-kit/proxy';

const here = path.dirname(fileURLToPath(import.meta.url));
const port = Number(process.env.PORT ?? 3000);
const sandboxUrl = process.env.SANDBOX_URL ?? 'http://localhost:4010';
const credentials = JSON.parse(
  readFileSync(process.env.SANDBOX_CREDENTIALS ?? path.join(here, '.sandbox-credentials.json'), 'utf8'),
);

// Your own sessions go here. This example gives every browser an anonymous
// user in an HttpOnly cookie; a real app reads its signed-in user instead.
function sessionIn(cookieHeader) {
  return /(?:^|;\s*)session=([\w-]+)/.exec(cookieHeader ?? '')?.[1];
}

// Which customer is whose must outlive a restart, or a returning user gets a second customer: a SQLite
// file here (createPostgresStore({ connectionString }) when several instances share it).
mkdirSync(path.join(here, '.data'), { recursive: true });

const onboarding = createNodeListener(
  createOnboardingHandler({
    upstream: createCoinbaseUpstream({ baseUrl: `${sandboxUrl}/platform`, ...credentials.coinbase }),
    store: createSqliteStore({ path: path.join(here, '.data', 'onboarding.sqlite') }),
    resolveUser: (request) => {
      const id = sessionIn(request.headers.get('cookie'));
      return id ? { id } : null;
    },
    webhookSecret: process.env.WEBHOOK_SECRET ?? 'whsec_example',
    // Terms of Service documents are fetched server-side, only from here.
    tosOrigins: [new URL(sandboxUrl).origin],
  }),
);

const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };

createServer(async (request, response) => {
  const url = new URL(request.url ?? '/', `http://${request.headers.host}`);
  if (url.pathname.startsWith('/api/onboarding/')) return onboarding(request, response);
  if (request.method !== 'GET') return void response.writeHead(405).end();
  const file = path.join(here, 'dist', path.normalize(url.pathname).replace(/^(\.\.[/\\])+/, ''));
  const target = path.extname(file) === '' ? path.join(here, 'dist', 'index.html') : file;
  try {
    const body = await readFile(target);
    const headers = { 'content-type': types[path.extname(target)] ?? 'application/octet-stream' };
    if (!sessionIn(request.headers.cookie))
      headers['set-cookie'] = `session=${randomUUID()}; Path=/; HttpOnly; SameSite=Lax`;
    response.writeHead(200, headers).end(body);
  } catch {
    response.writeHead(404).end();
  }
}).listen(port, () => console.log(`http://localhost:${port}`));
