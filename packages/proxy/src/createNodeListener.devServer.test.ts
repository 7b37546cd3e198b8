import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSandbox, type Sandbox } from '@kyc-kit/sandbox';
import { createServer as createViteServer, type ProxyOptions, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCoinbaseUpstream } from './createCoinbaseUpstream';
import { createNodeListener } from './createNodeListener';
import { createOnboardingHandler, type OnboardingHandler } from './createOnboardingHandler';

// The README's "Behind a dev server" bullet, followed as written: the page on Vite's dev server, the
// proxy behind Vite's `server.proxy` entry for /api/onboarding, configured as the README shows it.
const readme = readFileSync(
  path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'README.md'),
  'utf8',
);

/** The `'/api/onboarding'` entry of the Vite config the README's dev-server bullet shows (its sample, else its inline code). */
function readmeViteProxyEntry(target: string): string | ProxyOptions {
  const bullet = /^- \*\*Behind a dev server\*\*[\s\S]*?(?=^- \*\*)/m.exec(readme)?.[0];
  if (bullet === undefined) throw new Error('the README has no "Behind a dev server" bullet');
  const shown = /```ts\n([\s\S]*?)```/.exec(bullet)?.[1] ?? /`server\.proxy: (\{[^`]*\})`/.exec(bullet)?.[1];
  const entry = shown && /'\/api\/onboarding': ('[^']*'|\{[^}]*\})/.exec(shown)?.[1];
  if (!entry) throw new Error("the README's dev-server bullet shows no '/api/onboarding' proxy entry");
  // The README's own literal (a string or an object of strings), pointed at this test's server.
  return new Function(`return (${entry.replaceAll('http://localhost:3000', target)});`)() as
    string | ProxyOptions;
}

let sandbox: Sandbox;
let handler: OnboardingHandler;
let backend: Server;
let vite: ViteDevServer;
let page: string;

beforeAll(async () => {
  sandbox = createSandbox({ publicUrl: 'http://sandbox.test', verifyMs: 0 });
  handler = createOnboardingHandler({
    upstream: createCoinbaseUpstream({
      baseUrl: 'http://sandbox.test/platform',
      ...sandbox.credentials.coinbase,
      fetch: (request) => sandbox.fetch(request),
    }),
    resolveUser: () => ({ id: 'dev-user' }),
    webhookSecret: 'whsec_dev',
    watch: false,
  });
  backend = createServer(createNodeListener(handler));
  await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
  const target = `http://127.0.0.1:${(backend.address() as AddressInfo).port}`;
  vite = await createViteServer({
    configFile: false,
    root: path.dirname(fileURLToPath(import.meta.url)),
    logLevel: 'silent',
    server: {
      host: '127.0.0.1',
      port: 0,
      hmr: false,
      ws: false,
      proxy: { '/api/onboarding': readmeViteProxyEntry(target) },
    },
  });
  await vite.listen();
  page = `http://127.0.0.1:${(vite.httpServer?.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await vite?.close();
  await new Promise((resolve) => backend?.close(resolve));
  await handler?.close();
  await sandbox?.close();
});

describe("behind Vite's dev server, configured as the README shows", () => {
  it("a write from the dev server's page is accepted (the browser's Host reaches the proxy)", async () => {
    const answer = await fetch(`${page}/api/onboarding/customer`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-kyc-kit': '1', origin: page },
      body: JSON.stringify({ capabilities: ['custodyFiat'] }),
    });
    expect({ status: answer.status, body: (await answer.json()) as unknown }).toMatchObject({
      status: 201,
      body: { customer: { provider: 'coinbase' } },
    });
  });
});
