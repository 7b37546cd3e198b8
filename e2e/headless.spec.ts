import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './support/expectNoAxeViolations';
import { completeOnboarding, flowRoot, signInWithApi, testPerson, uniqueUsername } from './support/journey';
import { captureStep } from './support/captureStep';

test('the plain-HTML onboarding built on the headless hooks completes the journey, axe-clean at every step', async ({
  page,
}) => {
  await signInWithApi(page, uniqueUsername('headless'));
  await page.goto('/onboarding/headless?capability=custodyFiat');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Verify your identity (plain HTML)' }),
  ).toBeVisible();
  await expect(flowRoot(page)).toHaveAttribute('data-state', 'collect');
  // No styled kit component on this page: only the hooks' prop bags on plain elements.
  await expect(page.locator('main .kyc-root')).toHaveCount(0);

  // The error summary links each problem to its field.
  await page.locator('main form[aria-labelledby] button[type="submit"]').click();
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(summary).toBeFocused();
  await summary.getByRole('link', { name: 'Enter your first name' }).click();
  await expect(page.locator('main [name="firstName"]')).toBeFocused();
  await expect(page.locator('main [name="firstName"]')).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page, 'the plain-HTML error summary');

  const record = await completeOnboarding(page, testPerson({ firstName: 'Slow' }), {
    onScreen: async (screen) => {
      await expectNoAxeViolations(page, `plain-HTML step ${screen}`);
      await captureStep(page, `headless-step-${screen}`);
    },
  });
  expect(record.sawTerms).toBe(true);
  expect(record.finalState).toBe('verifying');
  await expectNoAxeViolations(page, 'plain-HTML verifying');
  expect((await page.request.post('/api/demo/sandbox/advance', { data: {} })).ok()).toBe(true);
  await expect(flowRoot(page)).toHaveAttribute('data-state', 'done');
  await expect(page.getByRole('status').filter({ hasText: 'Ready to use: Hold US dollars.' })).toBeVisible();
});
