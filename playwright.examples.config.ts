import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunchOptions } from './scripts/chromium.mjs';

// The apps under examples/, installed from the packed tarballs and built by
// scripts/examples.mjs, each in front of a sandbox started from the packed CLI.
// Ports: EXAMPLES_PORT (default 3210) and the four after it.
const base = Number(process.env.EXAMPLES_PORT ?? 3210);
const ports = {
  viteSandbox: base,
  vite: base + 1,
  nextSandbox: base + 2,
  next: base + 3,
  plainHtml: base + 4,
};
const secret = 'whsec_example';

/** The sandbox CLI from the example's own node_modules (the packed @kyc-kit/sandbox). */
function sandbox(example: string, port: number, appPort: number) {
  return {
    command: [
      'node_modules/.bin/kyc-kit-sandbox',
      `--port ${port}`,
      '--verify-ms 300',
      '--credentials-file .sandbox-credentials.json',
      `--webhook-url http://localhost:${appPort}/api/onboarding/webhooks/coinbase`,
      `--webhook-secret ${secret}`,
    ].join(' '),
    cwd: `examples/${example}`,
    // 401 (no credentials) means it is up.
    url: `http://localhost:${port}/platform/v2/customers`,
    reuseExistingServer: false,
    timeout: 30_000,
    stdout: 'ignore' as const,
  };
}

export default defineConfig({
  testDir: './examples',
  testMatch: '*/e2e/*.spec.ts',
  outputDir: './test-results/examples',
  timeout: 90_000,
  expect: { timeout: 10_000 },
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  use: {
    trace: 'retain-on-failure',
    actionTimeout: 10_000,
    ...devices['Desktop Chrome'],
    launchOptions: chromiumLaunchOptions(),
  },
  projects: [
    {
      name: 'vite-react',
      testMatch: 'vite-react/e2e/*.spec.ts',
      use: { baseURL: `http://localhost:${ports.vite}` },
    },
    { name: 'nextjs', testMatch: 'nextjs/e2e/*.spec.ts', use: { baseURL: `http://localhost:${ports.next}` } },
    {
      name: 'plain-html',
      testMatch: 'plain-html/e2e/*.spec.ts',
      use: { baseURL: `http://localhost:${ports.plainHtml}` },
    },
  ],
  // Started in order: each app reads the API keys its sandbox wrote.
  webServer: [
    sandbox('vite-react', ports.viteSandbox, ports.vite),
    {
      command: 'node server.mjs',
      cwd: 'examples/vite-react',
      url: `http://localhost:${ports.vite}/`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: 'ignore',
      env: {
        PORT: String(ports.vite),
        SANDBOX_URL: `http://localhost:${ports.viteSandbox}`,
        WEBHOOK_SECRET: secret,
      },
    },
    sandbox('nextjs', ports.nextSandbox, ports.next),
    {
      command: `node_modules/.bin/next start -p ${ports.next}`,
      cwd: 'examples/nextjs',
      url: `http://localhost:${ports.next}/`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
      env: {
        SANDBOX_URL: `http://localhost:${ports.nextSandbox}`,
        WEBHOOK_SECRET: secret,
        NEXT_TELEMETRY_DISABLED: '1',
      },
    },
    {
      // The page with no build step: its server runs the sandbox in process, so it needs no sandbox of its own.
      command: 'node server.mjs',
      cwd: 'examples/plain-html',
      url: `http://localhost:${ports.plainHtml}/healthz`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: 'ignore',
      env: { PORT: String(ports.plainHtml), KYC_SANDBOX_VERIFY_MS: '300' },
    },
  ],
});
