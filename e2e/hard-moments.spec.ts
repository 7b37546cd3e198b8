import { expect, test } from '@playwright/test';
import { captureStep } from './support/captureStep';
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
import { VARIANTS, advanceVerification, openOnboarding } from './support/openOnboarding';

// The moments that matter most (issue 16): a value the provider rejects after the Terms, and done.

for (const variant of VARIANTS) {
  test(`a rejected SSN after the Terms, then done with the partner's action (${variant.theme}, ${variant.device})`, async ({
    page,
  }) => {
    await openOnboarding(page, 'rejected', { variant });

    // "Slow" holds verification until it is advanced: the rejection arrives after the Terms, for certain.
    const record = await completeOnboarding(page, testPerson({ firstName: 'Slow', fullSsn: REJECTED_SSN }));
    expect(record.sawTerms).toBe(true);
    expect(record.finalState).toBe('verifying');
    await advanceVerification(page);

    // The flow opens on the field, saying what happened and never why.
    await expect(flowRoot(page)).toHaveAttribute('data-state', 'collect');
    const heading = page.getByRole('heading', { level: 2, name: 'We need to check one detail' });
    await expect(heading).toBeFocused();
    expect(await currentFieldNames(page)).toEqual(['fullSsn']);
    const ssn = page.getByLabel('Social Security number', { exact: true });
    await expect(ssn).toHaveAttribute('aria-invalid', 'true');
    await expect(ssn).toHaveAccessibleDescription(/We couldn't verify this\. Check it and enter it again\./);
    // The summary is an alert (announced as it appears), with a link to the field.
    const summary = page.getByRole('alert');
    await expect(summary).toContainText('There is a problem');
    // Progress and Back cover only what is asked again.
    await expect(page.getByText(/Step \d of \d/)).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Back' })).toHaveCount(0);
    await expectNoAxeViolations(page, `the rejected field (${variant.theme}, ${variant.device})`);
    await captureStep(page, '16-rejected-field');
    await summary
      .getByRole('link', { name: "We couldn't verify this. Check it and enter it again." })
      .click();
    await expect(ssn).toBeFocused();

    // Entering it again finishes the flow; done names what was unlocked and offers the partner's action.
    await fillCurrentStep(page, testPerson({ firstName: 'Slow' }));
    await submitStep(page);
    await completeOnboarding(page, testPerson({ firstName: 'Slow' }));
    if ((await flowRoot(page).getAttribute('data-state')) === 'verifying') {
      await advanceVerification(page);
    }
    await expect(flowRoot(page)).toHaveAttribute('data-state', 'done');
    await expect(page.getByRole('heading', { name: "You're all set" })).toBeVisible();
    await expect(flowRoot(page).getByRole('status')).toHaveText('Ready to use: Hold US dollars.');
    await expect(page.getByText("You're all set.")).toHaveCount(0);
    const action = page.getByRole('link', { name: 'Go to Hold US dollars' });
    await expect(action).toBeVisible();
    await expectNoAxeViolations(page, `done (${variant.theme}, ${variant.device})`);
    await captureStep(page, '17-done-partner-action');
    await action.click();
    await expect(page).toHaveURL(/\/$/);
  });
}

test('a failed click on Continue on a later step moves focus to the error summary', async ({ page }) => {
  await openOnboarding(page, 'focus');
  await completeOnboarding(page, testPerson({ firstName: 'Slow' }), {
    stopAt: (_stepId, _fields, record) => record.steps.length === 1,
  });
  // Step 2, nothing typed: a mouse click on Continue.
  await page.locator('main form[aria-labelledby] button[type="submit"]').click();
  await expect(page.getByRole('alert')).toBeFocused();
  // And Enter from a field, after the summary was shown once.
  await page.locator('main form[aria-labelledby] input').first().focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toBeFocused();
});
