import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunchOptions } from '../../scripts/chromium.mjs';

// The plain HTML example on its own server: the standalone file is built first, so the journey never runs
// against a stale one.
const port = Number(process.env.EXAMPLE_PORT ?? 3150);

export default defineConfig({
  testDir: './e2e',
  outputDir: '../../test-results/plain-html',
  timeout: 90_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  use: {
    baseURL: `http://localhost:${port}`,
    trace: 'retain-on-failure',
    actionTimeout: 10_000,
    ...devices['Desktop Chrome'],
    launchOptions: chromiumLaunchOptions(),
  },
  webServer: {
    command:
      'pnpm --filter @kyc-kit/elements run build && pnpm --filter @kyc-kit/example-plain-html run start',
    url: `http://localhost:${port}/healthz`,
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
    stdout: 'ignore',
    env: { PORT: String(port), KYC_SANDBOX_VERIFY_MS: '300' },
  },
});
