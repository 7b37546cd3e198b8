import { expect, test } from '@playwright/test';
import { captureStep } from './support/captureStep';
import { expectNoAxeViolations } from './support/expectNoAxeViolations';
import {
  REJECTED_SSN,
  acceptTerms,
  completeOnboarding,
  currentFieldNames,
  currentStepId,
  expectPersonalStepFromDraft,
  fillCurrentStep,
  flowRoot,
  signInWithApi,
  submitStep,
  testPerson,
  uniqueUsername,
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

test('the session ends mid-step: Continue leads to sign-in, which says what was kept, and the flow resumes there', async ({
  page,
}) => {
  const person = testPerson();
  const username = uniqueUsername('expired');
  await signInWithApi(page, username);
  await page.goto('/onboarding?capability=custodyFiat');
  await expect(flowRoot(page)).toHaveAttribute('data-state', 'collect');
  expect(await currentStepId(page)).toBe('personal');
  await fillCurrentStep(page, person);

  // The session cookie expires while the person types; their Continue is answered 401.
  await page.context().clearCookies();
  await page.locator('main form[aria-labelledby] button[type="submit"]').click();

  // Not a dead end that repeats "Sign in again" on every Continue: the sign-in page, saying what comes back.
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fonboarding%3Fcapability%3DcustodyFiat/);
  await expect(page.getByRole('status')).toHaveText(/Your session ended/);
  await expect(page.getByRole('status')).toHaveText(/date of birth, Social Security number and address/);
  await expectNoAxeViolations(page, 'sign-in after the session ended');
  await page.getByLabel('Username').fill(username);
  await page.getByRole('button', { name: 'Sign in' }).click();

  // Back on the same step: the names came back from the user's draft, the date of birth was never kept.
  await expect(page).toHaveURL(/\/onboarding\?capability=custodyFiat$/);
  await expectPersonalStepFromDraft(page, person);
  await fillCurrentStep(page, person);
  await submitStep(page);
  expect(await currentStepId(page)).toBe('address');
});

test('the Terms accepted in another tab: accepting them again in a stale tab moves on, with no error', async ({
  page,
  context,
}) => {
  const person = testPerson();
  await signInWithApi(page, uniqueUsername('two-tabs'));
  await page.goto('/onboarding?capability=custodyFiat');
  await expect(flowRoot(page)).toHaveAttribute('data-state', 'collect');
  await completeOnboarding(page, person, {
    onScreen: async (screen) => {
      if (screen === 'terms') throw new Error('at the Terms');
    },
  }).catch(() => undefined);
  await expect(flowRoot(page)).toHaveAttribute('data-state', 'terms');

  // Tab B hears no live update (its event stream never opens), so it still shows the Terms after tab A accepts.
  const other = await context.newPage();
  await other.route('**/api/onboarding/events**', (route) => route.abort());
  await other.goto('/onboarding?capability=custodyFiat');
  await expect(flowRoot(other)).toHaveAttribute('data-state', 'terms');
  await acceptTerms(page);

  const box = other.locator('main input[type="checkbox"]').last();
  await expect(box).toBeEnabled();
  await box.check();
  await other.locator('main button[type="submit"]').last().click();
  await expect(flowRoot(other)).not.toHaveAttribute('data-state', 'terms');
  expect(['verifying', 'done']).toContain(await flowRoot(other).getAttribute('data-state'));
  await expect(other.getByText('This was already sent')).toHaveCount(0);
});
