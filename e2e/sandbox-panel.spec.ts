import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './support/expectNoAxeViolations';
import {
  acceptTerms,
  completeOnboarding,
  flowRoot,
  signInWithApi,
  testPerson,
  uniqueUsername,
} from './support/journey';
import { captureStep } from './support/captureStep';
import { openOnboarding } from './support/openOnboarding';

test('the sandbox panel publishes a new Terms of Service version and forces statuses, and the wallet follows live', async ({
  page,
}) => {
  await openOnboarding(page, 'panel');
  await completeOnboarding(page, testPerson());
  await expect(flowRoot(page)).toHaveAttribute('data-state', 'done');

  await page.getByRole('link', { name: 'Back to your wallet' }).click();
  const status = page.locator('[data-capability="custodyFiat"]');
  await expect(status).toContainText('Ready');
  const panel = page.getByRole('region', { name: 'Sandbox Sandbox controls' });
  await expect(panel).toContainText('This panel is not part of Northwind Wallet');
  await expectNoAxeViolations(page, 'the home page with the sandbox panel');

  // A new version of the terms: the capability waits on them again.
  await panel.getByRole('button', { name: 'Publish a new Terms of Service version' }).click();
  await expect(panel.getByRole('status')).toHaveText('Done. The page updates on its own.');
  await expect(status).toContainText('Action needed');
  await expect(status).toContainText('Terms of Service');

  await page.getByRole('region', { name: 'Actions' }).getByRole('link', { name: 'Hold US dollars' }).click();
  await expect(flowRoot(page)).toHaveAttribute('data-state', 'terms');
  await acceptTerms(page);
  await expect(flowRoot(page)).toHaveAttribute('data-state', 'done');
  await page.getByRole('link', { name: 'Back to your wallet' }).click();
  await expect(status).toContainText('Ready');

  // A forced compliance decision: the page changes without a reload, and explains nothing.
  await page.evaluate(() => document.documentElement.setAttribute('data-e2e-same-page', 'yes'));
  await panel.getByLabel('Capability').selectOption('custodyFiat');
  await panel.getByLabel('Status').selectOption('inactive');
  await panel.getByRole('button', { name: 'Force status' }).click();
  await expect(status).toContainText('Unavailable');
  await expect(status).toContainText("We're unable to complete this request. Please contact support.");
  await expect(
    page.getByRole('region', { name: 'Actions' }).getByRole('button', { name: 'Hold US dollars' }),
  ).toHaveCount(0);
  await expect(page.locator('html')).toHaveAttribute('data-e2e-same-page', 'yes');
  await captureStep(page, 'home-sandbox-panel-forced-inactive');
});

test('the sandbox panel API only acts for the signed-in user', async ({ page, request }) => {
  // Without a session there is nothing to act on.
  const anonymous = await request.post('/api/demo/sandbox/advance', { data: {} });
  expect(anonymous.status()).toBe(401);

  await signInWithApi(page, uniqueUsername('panel-api'));
  const noCustomer = await page.request.post('/api/demo/sandbox/advance', { data: {} });
  expect(noCustomer.status()).toBe(409);
  const badStatus = await page.request.post('/api/demo/sandbox/capabilities', {
    data: { capability: 'custodyFiat', status: 'approved' },
  });
  expect(badStatus.status()).toBe(400);
});
