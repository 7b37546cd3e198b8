import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { captureStep } from './support/captureStep';
import { expectNoAxeViolations } from './support/expectNoAxeViolations';
import {
  confirmReview,
  currentStepId,
  fillCurrentStep,
  flowRoot,
  reviewStep,
  settledFlowState,
  submitStep,
  testPerson,
} from './support/journey';
import type { TestPerson } from './support/journey';
import { VARIANTS, openOnboarding } from './support/openOnboarding';

// Progress, review and Back (issue 16): a step count fixed when the flow starts and kept across a
// reload, "Check your answers" with Change, and Back from the Terms. Light on a desktop, dark on a
// 320 px phone.

const progress = (page: Page) => page.locator('main').getByText(/^(Step \d+ of \d+)$/);

/** Fills and submits form steps until the flow reaches the review, checking the count never moves. */
async function walkToReview(page: Page, person: TestPerson): Promise<string[]> {
  const seen: string[] = [];
  for (let guard = 0; guard < 8 && (await settledFlowState(page)) === 'collect'; guard += 1) {
    seen.push((await progress(page).textContent()) ?? '');
    await fillCurrentStep(page, person);
    await submitStep(page);
  }
  await expect(flowRoot(page)).toHaveAttribute('data-state', 'review');
  return seen;
}

function row(page: Page, label: string) {
  return reviewStep(page)
    .locator('dl > div')
    .filter({ has: page.getByText(label, { exact: true }) });
}

for (const variant of VARIANTS) {
  const tag = `${variant.theme}, ${variant.device}`;

  test(`check your answers, change one and come back (${tag})`, async ({ page }) => {
    await openOnboarding(page, 'review', { variant });
    const person = testPerson();
    expect(await walkToReview(page, person)).toEqual([
      'Step 1 of 6',
      'Step 2 of 6',
      'Step 3 of 6',
      'Step 4 of 6',
    ]);
    await expect(page.getByRole('heading', { level: 2, name: 'Check your answers' })).toBeFocused();
    await expect(progress(page)).toHaveText('Step 5 of 6');
    await expect(row(page, 'First name')).toContainText(person.firstName);
    await expect(row(page, 'Main source of your funds')).toContainText('Salary');
    // Sensitive answers are never echoed, not even partly.
    for (const label of ['Social Security number', 'Date of birth', 'Street address', 'ZIP code']) {
      await expect(row(page, label)).toContainText('Provided');
    }
    const text = (await page.locator('main').textContent()) ?? '';
    for (const secret of [
      person.fullSsn,
      person.fullSsn.slice(-4),
      person.dateOfBirth.year,
      person.addressLine1,
    ]) {
      expect(text).not.toContain(secret);
    }
    await expectNoAxeViolations(page, `the review (${tag})`);
    await captureStep(page, '12-review');

    await row(page, 'Last name').getByRole('button', { name: 'Change Last name' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'About you' })).toBeFocused();
    await expect(progress(page)).toHaveText('Step 1 of 6');
    await expectNoAxeViolations(page, `a step changed from the review (${tag})`);
    await page.getByLabel('Last name', { exact: true }).fill('Byron');
    await submitStep(page);
    await expect(page.getByRole('heading', { level: 2, name: 'Check your answers' })).toBeFocused();
    await expect(row(page, 'Last name')).toContainText('Byron');
    await confirmReview(page);
    await expect(flowRoot(page)).toHaveAttribute('data-state', 'terms');
    await expect(progress(page)).toHaveText('Step 6 of 6');
  });

  test(`a reload keeps the step count, styled and headless (${tag})`, async ({ page }) => {
    for (const path of ['/onboarding', '/onboarding/headless']) {
      await openOnboarding(page, `reload-${path.length}`, { variant, path });
      await expect(progress(page)).toHaveText('Step 1 of 6');
      for (const expected of ['Step 1 of 6', 'Step 2 of 6']) {
        await expect(progress(page)).toHaveText(expected);
        await fillCurrentStep(page, testPerson());
        await submitStep(page);
      }
      await expect(progress(page)).toHaveText('Step 3 of 6');
      expect(await currentStepId(page)).toBe('taxId');
      await page.reload();
      expect(await settledFlowState(page)).toBe('collect');
      expect(await currentStepId(page)).toBe('taxId');
      await expect(progress(page)).toHaveText('Step 3 of 6');
      await expectNoAxeViolations(page, `after a reload, ${path} (${tag})`);
      if (path === '/onboarding') await captureStep(page, '13-reload-step-count');
      // What was passed before the reload is still behind Back.
      await page.getByRole('button', { name: 'Back' }).click();
      expect(await currentStepId(page)).toBe('address');
      await expect(progress(page)).toHaveText('Step 2 of 6');
    }
  });

  test(`Back from the Terms keeps the box ticked (${tag})`, async ({ page }) => {
    await openOnboarding(page, 'terms-back', { variant });
    // "Slow" holds verification until it is advanced, so the verifying screen stays to be read.
    await walkToReview(page, testPerson({ firstName: 'Slow' }));
    await confirmReview(page);
    const accept = page.getByRole('checkbox', { name: 'I have read and accept the Terms of Service' });
    await expect(accept).toBeEnabled();
    await accept.check();
    await expectNoAxeViolations(page, `the Terms with Back (${tag})`);
    await captureStep(page, '14-terms-back');
    await page.getByRole('button', { name: 'Back' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Check your answers' })).toBeFocused();
    await expect(progress(page)).toHaveText('Step 5 of 6');
    await confirmReview(page);
    await expect(accept).toBeChecked();
    await page.locator('main button[type="submit"]').last().click();
    await expect(flowRoot(page)).not.toHaveAttribute('data-state', 'terms');
    await expect(page.getByRole('heading', { name: 'What happens next' })).toBeVisible();
    await expectNoAxeViolations(page, `verifying, what happens next (${tag})`);
    await captureStep(page, '15-verifying-next');
  });
}
