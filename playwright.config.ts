import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunchOptions } from './scripts/chromium.mjs';

// Three demo servers, each on its own port: the sandbox simulating Coinbase
// in the published spec's dialect (most specs), Polygon OMS (oms.spec.ts),
// and Coinbase in the guides' dialect (fidelity.spec.ts, which runs in all three).
const port = Number(process.env.E2E_PORT ?? 3100);
const omsPort = Number(process.env.E2E_OMS_PORT ?? port + 1);
const guidesPort = Number(process.env.E2E_GUIDES_PORT ?? port + 2);

// A short verification delay keeps the journey quick; the live update is still a real asynchronous event.
// Every test signs in from 127.0.0.1, many a minute: past the demo's default of ten sign-ins per address.
const serverEnvironment = { KYC_SANDBOX_VERIFY_MS: '300', KYC_SIGN_IN_LIMIT: '100000' };
// Each server keeps its state in a folder of its own port, never in the data folder of `npm run demo`.
const dataDirectory = (serverPort: number) => `test-results/demo-data/${serverPort}`;

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results/playwright',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // Two workers, one spec file at a time each: the three servers are shared (every test signs in as a
  // user of its own), and a spec that starts a demo server of its own gets a port per worker.
  fullyParallel: false,
  workers: Number(process.env.E2E_WORKERS ?? 2),
  retries: process.env.CI ? 1 : 0,
  use: {
    trace: 'retain-on-failure',
    // A control that never comes fails the step quickly, with its name, instead of at the test's timeout.
    actionTimeout: 10_000,
    ...devices['Desktop Chrome'],
    launchOptions: chromiumLaunchOptions(),
  },
  projects: [
    {
      name: 'coinbase',
      testIgnore: /oms\.spec\.ts$/,
      use: { baseURL: `http://localhost:${port}` },
    },
    {
      name: 'oms',
      testMatch: /(oms|fidelity)\.spec\.ts$/,
      use: { baseURL: `http://localhost:${omsPort}` },
    },
    {
      name: 'coinbase-guides',
      testMatch: /fidelity\.spec\.ts$/,
      use: { baseURL: `http://localhost:${guidesPort}` },
    },
  ],
  webServer: [
    {
      // The front-end is built first, so the suite never runs against a stale build.
      command: 'pnpm --filter @kyc-kit/demo run build && pnpm --filter @kyc-kit/demo run start',
      url: `http://localhost:${port}/healthz`,
      reuseExistingServer: !process.env.CI,
      timeout: 180_000,
      stdout: 'ignore',
      env: {
        ...serverEnvironment,
        PORT: String(port),
        KYC_UPSTREAM: 'sandbox',
        KYC_DATA_DIR: dataDirectory(port),
      },
    },
    {
      command: 'pnpm --filter @kyc-kit/demo run start',
      url: `http://localhost:${omsPort}/healthz`,
      reuseExistingServer: !process.env.CI,
      timeout: 120_000,
      stdout: 'ignore',
      env: {
        ...serverEnvironment,
        PORT: String(omsPort),
        KYC_UPSTREAM: 'sandbox-oms',
        KYC_DATA_DIR: dataDirectory(omsPort),
      },
    },
    {
      command: 'pnpm --filter @kyc-kit/demo run start',
      url: `http://localhost:${guidesPort}/healthz`,
      reuseExistingServer: !process.env.CI,
      timeout: 120_000,
      stdout: 'ignore',
      env: {
        ...serverEnvironment,
        PORT: String(guidesPort),
        KYC_UPSTREAM: 'sandbox',
        KYC_SANDBOX_DIALECT: 'guides',
        KYC_DATA_DIR: dataDirectory(guidesPort),
      },
    },
  ],
});
