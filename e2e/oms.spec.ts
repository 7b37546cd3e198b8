import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './support/expectNoAxeViolations';
import {
  SANCTIONED_LAST_NAME,
  completeOnboarding,
  flowRoot,
  signInThroughPage,
  signInWithApi,
  testPerson,
  uniqueUsername,
} from './support/journey';
import { captureStep } from './support/captureStep';
import { openOnboarding } from './support/openOnboarding';
import { completeWithKeyboard } from './support/wcag';

// Runs against the second demo server, whose upstream is the sandbox simulating Polygon's OMS.

test('the same custodyFiat journey against the OMS upstream: sign-in to verifying, then active live', async ({
  page,
}) => {
  const session = await page.request.get('/api/demo/session');
  expect((await session.json()) as unknown).toMatchObject({ upstream: { kind: 'sandbox', provider: 'oms' } });

  await signInThroughPage(page, uniqueUsername('oms'));
  await expect(page.locator('[data-capability]')).toHaveCount(8);
  await page.getByRole('region', { name: 'Actions' }).getByRole('link', { name: 'Hold US dollars' }).click();
  await expect(page).toHaveURL(/\/onboarding\?capability=custodyFiat$/);
  await page.evaluate(() => document.documentElement.setAttribute('data-e2e-same-page', 'yes'));

  const counts: string[] = [];
  const record = await completeOnboarding(page, testPerson({ firstName: 'Slow' }), {
    onScreen: async (screen) => {
      counts.push(
        (await page
          .locator('main')
          .getByText(/^Step \d+ of \d+$/)
          .textContent()) ?? '',
      );
      await expectNoAxeViolations(page, `OMS step ${screen}`);
      await captureStep(page, `oms-step-${screen}`);
    },
  });
  // A new customer's plan is OMS's own from the first screen: every count once, the total never moving.
  expect(counts).toEqual(counts.map((_, index) => `Step ${index + 1} of ${counts.length}`));
  const fields = Object.values(record.fields).flat();
  for (const name of [
    'firstName',
    'lastName',
    'dateOfBirth.year',
    'fullSsn',
    'addressLine1',
    'addressPostalCode',
  ]) {
    expect(fields).toContain(name);
  }
  expect(record.finalState).toBe('verifying');

  expect((await page.request.post('/api/demo/sandbox/advance', { data: {} })).ok()).toBe(true);
  await expect(flowRoot(page)).toHaveAttribute('data-state', 'done');
  await expect(page.locator('html')).toHaveAttribute('data-e2e-same-page', 'yes');

  await page.getByRole('link', { name: 'Back to your wallet' }).click();
  await expect(page.locator('[data-capability="custodyFiat"]')).toContainText('Ready');
});

test('a sanctioned OMS customer ends with the generic message, never the rejection reasons', async ({
  page,
}) => {
  await signInWithApi(page, uniqueUsername('oms-sanctioned'));
  await page.goto('/onboarding?capability=custodyFiat');
  await completeOnboarding(page, testPerson({ firstName: 'Slow', lastName: SANCTIONED_LAST_NAME }));
  expect((await page.request.post('/api/demo/sandbox/advance', { data: {} })).ok()).toBe(true);
  await expect(flowRoot(page)).toHaveAttribute('data-state', 'unavailable');
  await expect(
    page.getByText("We're unable to complete this request. Please contact support.").first(),
  ).toBeVisible();
  // OMS sends rejectionReasons with a developer reason and a reason code: neither may reach the page.
  expect(await page.content()).not.toMatch(/sanctions|screening|sanctions_match|rejection/i);
});

for (const path of ['/onboarding', '/onboarding/headless']) {
  test(`${path}: the OMS journey by keyboard alone, its citizenship question included, each Tab stop visibly focused`, async ({
    page,
  }) => {
    await openOnboarding(page, 'oms-keyboard', { path });
    await expect(flowRoot(page)).toHaveAttribute('data-state', 'collect');
    const { screens, focusProblems } = await completeWithKeyboard(page, testPerson({ firstName: 'Slow' }));
    // OMS asks for citizenship on the first "About you" (planned from OMS's table before the customer exists).
    expect(screens).toEqual(['personal', 'address', 'taxId', 'contact', 'review', 'terms']);
    expect(focusProblems).toEqual([]);
    await expect(flowRoot(page)).toHaveAttribute('data-state', 'verifying');
  });
}
