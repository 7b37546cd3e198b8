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
import { OWN_DEMO_ORIGIN, startOwnDemo, stopOwnDemo } from './support/ownDemoServer';

// This spec runs a demo server of its own, so it can restart it, with its state in a temp data
// folder both runs of the server share.
test.use({ baseURL: OWN_DEMO_ORIGIN });

async function customerId(page: Page): Promise<string> {
  const response = await page.request.get('/api/onboarding/customer');
  expect(response.status()).toBe(200);
  return ((await response.json()) as { customer: { id: string } }).customer.id;
}

test('the demo server restarted mid-flow: the same session and the same customer continue, no second one', async ({
  page,
}) => {
  const dataDirectory = mkdtempSync(path.join(tmpdir(), 'kyc-demo-restart-'));
  let server = await startOwnDemo(dataDirectory);
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

    await stopOwnDemo(server);
    server = await startOwnDemo(dataDirectory);

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
    await stopOwnDemo(server);
    rmSync(dataDirectory, { recursive: true, force: true });
  }
});
