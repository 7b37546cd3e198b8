import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDemoServer } from './createDemoServer';
import type { DemoServer } from './createDemoServer';
import { readDemoConfig } from './readDemoConfig';
import type { DemoEnvironment } from './readDemoConfig';

const servers: DemoServer[] = [];
const folders: string[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function folder(): string {
  const created = mkdtempSync(path.join(tmpdir(), 'kyc-demo-'));
  folders.push(created);
  return created;
}

function startDemo(environment: DemoEnvironment = {}, assets: { dist?: string; storybook?: string } = {}) {
  const config = readDemoConfig({ KYC_SANDBOX_VERIFY_MS: '0', ...environment });
  const dist = assets.dist ?? folder();
  const server = createDemoServer({
    config,
    distDirectory: dist,
    storybookDirectory: assets.storybook ?? path.join(dist, 'storybook'),
    quiet: true,
  });
  servers.push(server);
  // A socket address, as @hono/node-server gives every real request: the proxy sends it upstream as the end-user's IP.
  const connection = {
    incoming: { socket: { remoteAddress: '203.0.113.7', remotePort: 50000, remoteFamily: 'IPv4' } },
  };
  const request = (url: string, init: RequestInit = {}) => server.app.request(url, init, connection);
  return { server, request };
}

async function signIn(request: ReturnType<typeof startDemo>['request'], username: string): Promise<string> {
  const response = await request('/api/demo/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username }),
  });
  expect(response.status).toBe(200);
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

const writeHeaders = (cookie: string, key: string) => ({
  cookie,
  'content-type': 'application/json',
  'x-kyc-kit': '1',
  'idempotency-key': key,
});

describe('createDemoServer', () => {
  it('answers its health check', async () => {
    const { request } = startDemo();
    const response = await request('/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  it('signs any username in with an HttpOnly, SameSite=Lax cookie, and out again', async () => {
    const { request } = startDemo();
    const response = await request('/api/demo/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'Ada' }),
    });
    const setCookie = response.headers.get('set-cookie') ?? '';
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    const cookie = setCookie.split(';')[0] ?? '';

    const session = await request('/api/demo/session', { headers: { cookie } });
    expect(await session.json()).toEqual({
      user: { username: 'ada' },
      upstream: { kind: 'sandbox', provider: 'coinbase' },
      sandbox: true,
    });

    const signOut = await request('/api/demo/session', { method: 'DELETE', headers: { cookie } });
    expect(signOut.status).toBe(204);
    expect(signOut.headers.get('set-cookie')).toContain('Max-Age=0');
  });

  it('refuses a sign-in that is not JSON or whose username is unusable', async () => {
    const { request } = startDemo();
    const form = await request('/api/demo/session', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'username=ada',
    });
    expect(form.status).toBe(415);
    const blank = await request('/api/demo/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: '  ' }),
    });
    expect(blank.status).toBe(400);
    expect(((await blank.json()) as { error: { code: string } }).error.code).toBe('invalid_username');
  });

  it('puts the proxy behind the demo session: nobody signed in is refused, a new user has no customer yet', async () => {
    const { request } = startDemo();
    expect((await request('/api/onboarding/customer')).status).toBe(401);
    const cookie = await signIn(request, 'grace');
    const response = await request('/api/onboarding/customer', { headers: { cookie } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ customer: null, provider: 'coinbase' });
  });

  it('onboards against the in-process sandbox and lets the sandbox panel force a status for that user only', async () => {
    const { request } = startDemo();
    const cookie = await signIn(request, 'linus');
    const created = await request('/api/onboarding/customer', {
      method: 'POST',
      headers: writeHeaders(cookie, 'create-1'),
      body: JSON.stringify({
        capabilities: ['custodyFiat'],
        fields: { firstName: 'Ada', lastName: 'Quill' },
      }),
    });
    expect(created.status).toBe(201);
    const { customer } = (await created.json()) as {
      customer: { id: string; capabilities: Record<string, { status: string }> };
    };
    expect(customer.capabilities.custodyFiat?.status).toBe('pending');

    const panel = await request('/api/demo/sandbox', { headers: { cookie } });
    expect(await panel.json()).toMatchObject({ provider: 'coinbase', customerId: customer.id });

    const forced = await request('/api/demo/sandbox/capabilities', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ capability: 'custodyFiat', status: 'active' }),
    });
    expect(forced.status).toBe(200);
    const after = await request('/api/onboarding/customer', { headers: { cookie } });
    const read = (await after.json()) as { customer: { capabilities: Record<string, { status: string }> } };
    expect(read.customer.capabilities.custodyFiat?.status).toBe('active');

    // Another user has no customer, so the panel has nothing of theirs to act on.
    const stranger = await signIn(request, 'stranger');
    const refused = await request('/api/demo/sandbox/advance', {
      method: 'POST',
      headers: { cookie: stranger, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(refused.status).toBe(409);
  });

  it('serves the sandbox Terms of Service documents, but not its API or control routes', async () => {
    const { request } = startDemo();
    const document = await request('/sandbox-upstream/tos/us_individual_2026-05-29?lang=es');
    expect(document.status).toBe(200);
    expect(document.headers.get('content-type')).toContain('text/html');
    expect((await request('/sandbox-upstream/sandbox/customers')).status).not.toBe(200);
    expect((await request('/sandbox-upstream/platform/v2/customers')).status).not.toBe(200);
  });

  it('serves the built app for every page, with a content security policy, and says when it is not built', async () => {
    const missing = startDemo();
    const notBuilt = await missing.request('/onboarding');
    expect(notBuilt.status).toBe(503);
    expect(await notBuilt.text()).toContain('pnpm run build');

    const dist = folder();
    writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Northwind Wallet</title>');
    const built = startDemo({}, { dist });
    const page = await built.request('/onboarding?capability=tradeCrypto');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Northwind Wallet');
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect((await built.request('/api/unknown')).status).toBe(404);
  });

  it('serves the Storybook catalogue under /storybook once it is built', async () => {
    const dist = folder();
    const storybook = path.join(dist, 'storybook');
    const before = startDemo({}, { dist, storybook });
    expect((await before.request('/storybook/')).status).toBe(404);

    mkdirSync(storybook, { recursive: true });
    writeFileSync(path.join(storybook, 'index.html'), '<!doctype html><title>kyc-kit catalogue</title>');
    const after = startDemo({}, { dist, storybook });
    expect((await after.request('/storybook')).status).toBe(302);
    const index = await after.request('/storybook/');
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('kyc-kit catalogue');
  });

  it('runs the sandbox as OMS when asked to', async () => {
    const { request } = startDemo({ KYC_UPSTREAM: 'sandbox-oms' });
    const cookie = await signIn(request, 'oms-user');
    const session = await request('/api/demo/session', { headers: { cookie } });
    expect(await session.json()).toMatchObject({
      upstream: { kind: 'sandbox', provider: 'oms' },
      sandbox: true,
    });
  });

  it('has no sandbox panel when the upstream is a real provider', async () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const { request } = startDemo({
      KYC_UPSTREAM: 'coinbase',
      CDP_API_KEY_ID: 'organizations/test/apiKeys/test',
      CDP_API_KEY_SECRET: privateKey.export({ format: 'pem', type: 'sec1' }).toString(),
    });
    const cookie = await signIn(request, 'real');
    const session = await request('/api/demo/session', { headers: { cookie } });
    expect(await session.json()).toMatchObject({
      upstream: { kind: 'coinbase', provider: 'coinbase' },
      sandbox: false,
    });
    expect((await request('/api/demo/sandbox', { headers: { cookie } })).status).toBe(404);
    expect((await request('/sandbox-upstream/tos/us_individual_2026-05-29')).status).not.toBe(200);
  });

  it('revokes the session on sign-out: the old cookie signs nobody in any more', async () => {
    const { request } = startDemo();
    const cookie = await signIn(request, 'revoked');
    expect(cookie).toMatch(/^__Host-northwind_session=/);
    expect((await request('/api/onboarding/customer', { headers: { cookie } })).status).toBe(200);
    expect((await request('/api/demo/session', { method: 'DELETE', headers: { cookie } })).status).toBe(204);
    const session = await request('/api/demo/session', { headers: { cookie } });
    expect(((await session.json()) as { user: unknown }).user).toBeNull();
    expect((await request('/api/onboarding/customer', { headers: { cookie } })).status).toBe(401);
  });

  it('keeps sessions, the user -> customer link and the sandbox customers across a restart', async () => {
    const data = folder();
    const first = startDemo({ KYC_DATA_DIR: data });
    const cookie = await signIn(first.request, 'restarted');
    const created = await first.request('/api/onboarding/customer', {
      method: 'POST',
      headers: writeHeaders(cookie, 'create-before-restart'),
      body: JSON.stringify({
        capabilities: ['custodyFiat'],
        fields: { firstName: 'Ada', lastName: 'Quill' },
      }),
    });
    expect(created.status).toBe(201);
    const { customer } = (await created.json()) as { customer: { id: string } };
    await first.server.close();
    servers.splice(servers.indexOf(first.server), 1);

    const second = startDemo({ KYC_DATA_DIR: data });
    const read = await second.request('/api/onboarding/customer', { headers: { cookie } });
    expect(read.status).toBe(200);
    expect(((await read.json()) as { customer: { id: string } }).customer.id).toBe(customer.id);
    // Onboarding again finds the same customer: no second one upstream.
    const again = await second.request('/api/onboarding/customer', {
      method: 'POST',
      headers: writeHeaders(cookie, 'create-after-restart'),
      body: JSON.stringify({
        capabilities: ['custodyFiat'],
        fields: { firstName: 'Ada', lastName: 'Quill' },
      }),
    });
    expect(again.status).toBe(200);
  });

  it('sends a content security policy with every answer, the Terms documents and Storybook included', async () => {
    const dist = folder();
    const storybook = path.join(dist, 'storybook');
    mkdirSync(storybook, { recursive: true });
    writeFileSync(path.join(storybook, 'index.html'), '<!doctype html><title>kyc-kit catalogue</title>');
    const { request } = startDemo({}, { dist, storybook });
    const document = await request('/sandbox-upstream/tos/us_individual_2026-05-29');
    expect(document.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(document.headers.get('content-security-policy')).not.toContain('script-src');
    expect((await request('/storybook/')).headers.get('content-security-policy')).toContain(
      "frame-ancestors 'self'",
    );
    expect((await request('/healthz')).headers.get('content-security-policy')).toBe(
      "default-src 'none'; frame-ancestors 'none'",
    );
  });

  it("lets Storybook's own inline scripts run by their hashes, and no other inline script", async () => {
    const dist = folder();
    const storybook = path.join(dist, 'storybook');
    mkdirSync(storybook, { recursive: true });
    const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
    const managerGlobals = "\n      window['LOGLEVEL'] = 'warn';\n    ";
    const managerImports = "\n      import './sb-manager/runtime.js';\n    ";
    writeFileSync(
      path.join(storybook, 'index.html'),
      `<!doctype html><style>p{}</style><script>${managerGlobals}</script>` +
        `<script type="module">${managerImports}</script>`,
    );
    const previewGlobals = '\r\n  window.CONFIG_TYPE = "PRODUCTION";\r\n';
    writeFileSync(
      path.join(storybook, 'iframe.html'),
      `<!doctype html><script type="module" src="./vite-inject-mocker-entry.js"></script><script>${previewGlobals}</script>`,
    );
    writeFileSync(path.join(storybook, 'app.js'), 'export {};');
    const { request } = startDemo({}, { dist, storybook });
    const scriptSource = async (url: string) =>
      ((await request(url)).headers.get('content-security-policy') ?? '')
        .split('; ')
        .find((directive) => directive.startsWith('script-src '));

    expect(await scriptSource('/storybook/')).toBe(
      `script-src 'self' ${sha256(managerGlobals)} ${sha256(managerImports)}`,
    );
    // The browser hashes the text with CR LF read as LF.
    expect(await scriptSource('/storybook/iframe.html')).toBe(
      `script-src 'self' ${sha256(previewGlobals.replace(/\r\n/g, '\n'))}`,
    );
    expect(await scriptSource('/storybook/app.js')).toBe("script-src 'self'");

    // A catalogue built again while the server runs gets the hashes of its new scripts.
    const rebuilt = "window['LOGLEVEL'] = 'info';";
    writeFileSync(path.join(storybook, 'index.html'), `<!doctype html><script>${rebuilt}</script>`);
    utimesSync(path.join(storybook, 'index.html'), new Date(), new Date(Date.now() + 60_000));
    expect(await scriptSource('/storybook/')).toBe(`script-src 'self' ${sha256(rebuilt)}`);
  });

  it('serves hashed assets compressed and cached for good, and never a source map', async () => {
    const dist = folder();
    mkdirSync(path.join(dist, 'assets'));
    const script = `export const greeting = ${JSON.stringify('hello '.repeat(500))};`;
    writeFileSync(path.join(dist, 'assets', 'index-abc123.js'), script);
    writeFileSync(path.join(dist, 'assets', 'index-abc123.js.map'), '{"version":3}');
    writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Northwind Wallet</title>');
    const { request } = startDemo({}, { dist });
    const asset = await request('/assets/index-abc123.js', { headers: { 'accept-encoding': 'gzip' } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-encoding')).toBe('gzip');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await asset.arrayBuffer()).byteLength).toBeLessThan(script.length / 4);
    expect((await request('/assets/index-abc123.js.map')).status).toBe(404);
    const page = await request('/', { headers: { 'accept-encoding': 'gzip' } });
    expect(page.headers.get('cache-control')).toBe('no-cache');
  });
});
