import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import {
  completeOnboarding,
  currentFieldNames,
  flowRoot,
  signInThroughPage,
  testPerson,
  uniqueUsername,
} from './support/journey';

// This spec runs a demo server of its own, so it can restart it: on E2E_PORT + 3 (the config's three
// servers use E2E_PORT to E2E_PORT + 2), with its state in a temp data folder both runs of the server share.
const port = Number(process.env.E2E_RESTART_PORT ?? Number(process.env.E2E_PORT ?? 3100) + 3);
const origin = `http://localhost:${port}`;
const appDirectory = path.resolve(import.meta.dirname, '..', 'apps', 'demo');

test.use({ baseURL: origin });

async function startDemo(dataDirectory: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'server/main.ts'], {
    cwd: appDirectory,
    env: {
      ...process.env,
      PORT: String(port),
      KYC_UPSTREAM: 'sandbox',
      KYC_SANDBOX_VERIFY_MS: '300',
      KYC_DATA_DIR: dataDirectory,
    },
    stdio: 'ignore',
  });
  for (let attempt = 0; attempt < 120; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`the demo server exited (${child.exitCode})`);
    const ready = await fetch(`${origin}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return child;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  child.kill('SIGKILL');
  throw new Error('the demo server did not start');
}

async function stopDemo(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}

async function customerId(page: Page): Promise<string> {
  const response = await page.request.get('/api/onboarding/customer');
  expect(response.status()).toBe(200);
  return ((await response.json()) as { customer: { id: string } }).customer.id;
}

test('the demo server restarted mid-flow: the same session and the same customer continue, no second one', async ({
  page,
}) => {
  const dataDirectory = mkdtempSync(path.join(tmpdir(), 'kyc-demo-restart-'));
  let server = await startDemo(dataDirectory);
  try {
    await signInThroughPage(page, uniqueUsername('restart'));
    await page.goto('/onboarding?capability=custodyFiat');
    const person = testPerson({ firstName: 'Slow' });
    // Only the first step: it creates the customer; the rest waits for after the restart.
    const before = await completeOnboarding(page, person, {
      stopAt: (_stepId, _fields, record) => record.steps.length === 1,
    });
    expect(before.steps).toHaveLength(1);
    const createdId = await customerId(page);

    await stopDemo(server);
    server = await startDemo(dataDirectory);

    // The session cookie still signs the user in, and the flow picks up after the step already sent.
    await page.reload();
    await expect(page).toHaveURL(/\/onboarding\?capability=custodyFiat$/);
    await expect(flowRoot(page)).toHaveAttribute('data-state', 'collect');
    // The first step shows as a guess while the customer is read; "Step i of n" says the plan is its own.
    await expect(page.locator('main').getByText(/^Step \d+ of \d+$/)).toBeVisible();
    expect(await currentFieldNames(page)).not.toEqual(
      expect.arrayContaining(before.fields[before.steps[0]!]!),
    );
    const after = await completeOnboarding(page, person);
    expect(after.finalState).toBe('verifying');
    expect(await customerId(page)).toBe(createdId);

    // Onboarding again finds that customer linked: 200, not a new one (201).
    const again = await page.request.post('/api/onboarding/customer', {
      headers: { 'x-kyc-kit': '1' },
      data: { capabilities: ['custodyFiat'] },
    });
    expect(again.status()).toBe(200);
    expect(((await again.json()) as { customer: { id: string } }).customer.id).toBe(createdId);
    const panel = await page.request.get('/api/demo/sandbox');
    expect(((await panel.json()) as { customerId: string }).customerId).toBe(createdId);
  } finally {
    await stopDemo(server);
    rmSync(dataDirectory, { recursive: true, force: true });
  }
});
