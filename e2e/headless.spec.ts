import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './support/expectNoAxeViolations';
import {
  REJECTED_SSN,
  completeOnboarding,
  currentFieldNames,
  fillCurrentStep,
  flowRoot,
  submitStep,
  testPerson,
} from './support/journey';
import { captureStep } from './support/captureStep';
import { PHONE, advanceVerification, openOnboarding } from './support/openOnboarding';

test('the plain-HTML onboarding built on the headless hooks completes the journey, axe-clean at every step', async ({
  page,
}) => {
  await openOnboarding(page, 'headless', { path: '/onboarding/headless' });
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
      if (screen === 'taxId') {
        // The SSN box as the hooks' bag makes it: masked, never saved by the browser; Show lets the person check it.
        const ssn = page.getByLabel('Social Security number', { exact: true });
        await expect(ssn).toHaveAttribute('type', 'password');
        await expect(ssn).toHaveAttribute('autocomplete', 'off');
        await page.getByRole('button', { name: 'Show: Social Security number' }).click();
        await expect(ssn).toHaveAttribute('type', 'text');
        await page.getByRole('button', { name: 'Hide: Social Security number' }).click();
        await expect(ssn).toHaveAttribute('type', 'password');
      }
    },
  });
  expect(record.sawTerms).toBe(true);
  expect(record.finalState).toBe('verifying');
  await expectNoAxeViolations(page, 'plain-HTML verifying');
  await advanceVerification(page);
  await expect(flowRoot(page)).toHaveAttribute('data-state', 'done');
  await expect(page.getByRole('status').filter({ hasText: 'Ready to use: Hold US dollars.' })).toBeVisible();
});

test('on a 320 px phone the plain-HTML page never scrolls sideways, says each heading once and keeps focus off <body>', async ({
  page,
}) => {
  await openOnboarding(page, 'headless-phone', { viewport: PHONE, path: '/onboarding/headless' });
  await expect(flowRoot(page)).toHaveAttribute('data-state', 'collect');

  const record = await completeOnboarding(page, testPerson(), {
    onScreen: async (screen) => {
      // WCAG 1.4.10 reflow: nothing wider than the 320 px viewport.
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth),
        `${screen} scrolls sideways`,
      ).toBeLessThanOrEqual(320);
      // A step's heading is not said again as a legend, and no title is said twice.
      const names = await page
        .locator('main h1, main h2, main h3, main legend')
        .evaluateAll((elements) => elements.map((element) => element.textContent?.trim() ?? ''));
      expect(new Set(names).size, `${screen}: ${names.join(' | ')}`).toBe(names.length);
      if (screen === 'terms') {
        // The step form that had focus is gone: focus moved to the Terms heading, never to <body>.
        await expect(page.getByRole('heading', { level: 2, name: 'Terms of Service' })).toBeFocused();
        expect(await page.evaluate(() => document.activeElement === document.body)).toBe(false);
        await expect(page.getByText(/^Step \d+ of \d+$/)).toBeVisible();
        const link = page.getByRole('link', { name: 'Open the full Terms of Service (new tab)' });
        await expect(link).toHaveAttribute('target', '_blank');
        // No scroll box inside the page on a phone: the document flows with it.
        expect(
          await page
            .locator('main [role="document"]')
            .evaluate((element) => getComputedStyle(element).overflowY),
        ).toBe('visible');
      }
    },
  });
  expect(record.sawTerms).toBe(true);
});

test('a rejected SSN on the plain-HTML page is asked for again, alone, saying once that it could not be verified', async ({
  page,
}) => {
  await openOnboarding(page, 'headless-rejected', { path: '/onboarding/headless' });
  await completeOnboarding(page, testPerson({ fullSsn: REJECTED_SSN }), {
    stopAt: (_stepId, fieldNames, record) =>
      record.steps.includes('taxId') && fieldNames.join() === 'fullSsn',
  });
  await expect(flowRoot(page)).toHaveAttribute('data-state', 'collect');
  expect(await currentFieldNames(page)).toEqual(['fullSsn']);
  const ssn = page.getByLabel('Social Security number', { exact: true });
  await expect(ssn).toHaveAttribute('aria-invalid', 'true');
  // The field says it once (its error, which the box names); the summary links to it.
  const sentence = "We couldn't verify this. Check it and enter it again.";
  await expect(page.locator('main .field').getByText(sentence)).toHaveCount(1);
  await expect(page.getByRole('alert').getByRole('link', { name: sentence })).toBeVisible();
  await expectNoAxeViolations(page, 'plain-HTML rejected SSN');

  await fillCurrentStep(page, testPerson());
  await submitStep(page);
  await completeOnboarding(page, testPerson());
  await expect(flowRoot(page)).not.toHaveAttribute('data-state', 'collect');
});

test('on the plain-HTML Terms, Continue pressed again while accepting sends nothing more and never says the ticked box is unticked', async ({
  page,
}) => {
  await openOnboarding(page, 'headless-terms-twice', { path: '/onboarding/headless' });
  const accepts: string[] = [];
  await completeOnboarding(page, testPerson({ firstName: 'Slow' }), {
    onScreen: async (screen) => {
      if (screen !== 'terms') return;
      // The acceptance is held until the checks below are done, so the second press lands while it is sent.
      let release: (() => void) | undefined;
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route('**/api/onboarding/customer/tos', async (route) => {
        accepts.push(route.request().headers()['idempotency-key'] ?? '');
        await held;
        await route.abort();
      });
      const box = page.getByRole('checkbox', { name: 'I have read and accept the Terms of Service' });
      await expect(box).toBeEnabled();
      await box.check();
      const submit = page.locator('main button[type="submit"]').last();
      await submit.click();
      await expect.poll(() => accepts.length).toBe(1);
      // aria-disabled only says it is busy: a press (a click, Enter) still submits the form.
      await submit.click({ force: true });
      await expect(box).toBeChecked();
      await expect(box).not.toHaveAttribute('aria-invalid', 'true');
      await expect(page.getByText('Read and accept the Terms of Service to continue')).toHaveCount(0);
      // The held acceptance fails (the network): the page says so and keeps the box ticked for a retry.
      release?.();
      await expect(page.getByRole('alert').last()).not.toBeEmpty();
      await page.unroute('**/api/onboarding/customer/tos');
      await expect(box).toBeChecked();
      expect(accepts).toHaveLength(1);
    },
  });
  await expect(flowRoot(page)).toHaveAttribute('data-state', 'verifying');
});
