import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { captureStep } from './support/captureStep';
import { expectNoAxeViolations } from './support/expectNoAxeViolations';
import { SANCTIONED_LAST_NAME, completeOnboarding, flowRoot, testPerson } from './support/journey';
import { PHONE, VARIANTS, advanceVerification, openOnboarding } from './support/openOnboarding';

// Issue 16: a compliance block is shown at a natural point (after the user's own submit, never mid-typing,
// never by taking focus), with the partner's way to reach support, and no retry for a block that is final.

const GENERIC = "We're unable to complete this request. Please contact support.";

/** Waits until the provider's decision is in: the customer as the proxy reads it has custodyFiat inactive. */
async function waitForDecision(page: Page): Promise<void> {
  await expect
    .poll(async () => {
      const response = await page.request.get('/api/onboarding/customer');
      const body = (await response.json()) as {
        customer: { capabilities: Record<string, { status: string }> } | null;
      };
      return body.customer?.capabilities.custodyFiat?.status;
    })
    .toBe('inactive');
}

/** The unavailable message: the generic sentence, the partner's support, no retry, no error styling. */
async function expectUnavailableWithSupport(page: Page): Promise<void> {
  await expect(flowRoot(page)).toHaveAttribute('data-state', 'unavailable');
  await expect(page.getByText(GENERIC).first()).toBeVisible();
  await expect(page.getByRole('link', { name: 'Contact support' })).toHaveAttribute(
    'href',
    'https://northwind.example/support',
  );
  await expect(page.getByRole('link', { name: 'support@northwind.example' })).toHaveAttribute(
    'href',
    /^mailto:support@northwind\.example\?subject=NW-[0-9A-Z]+$/,
  );
  await expect(page.getByText(/^Your reference: NW-[0-9A-Z]+$/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Try again' })).toHaveCount(0);
  await expect(page.getByText('There is a problem')).toHaveCount(0);
  await expect(page.locator('main [data-tone="danger"]')).toHaveCount(0);
  // The page's own copy no longer says the flow needs details.
  await expect(page.getByText(/needs a few details/)).toHaveCount(0);
  await expect(
    page.getByText('Northwind Wallet can’t unlock Hold US dollars for this account.'),
  ).toBeVisible();
}

for (const variant of VARIANTS) {
  test(`a block arriving while the user types waits for Continue, then offers support and no retry (${variant.theme}, ${variant.device})`, async ({
    page,
  }) => {
    await openOnboarding(page, 'block', { variant });

    // "Slow" holds verification until it is advanced: the decision lands while the user types on step 2.
    const person = testPerson({ firstName: 'Slow', lastName: SANCTIONED_LAST_NAME });
    await completeOnboarding(page, person, {
      stopAt: (_stepId, _fields, record) => record.steps.length === 1,
    });
    const street = page.locator('main [name="addressLine1"]');
    await street.click();
    await page.keyboard.type('42 Harbor');
    await advanceVerification(page);
    await waitForDecision(page);
    // The event stream delivers the decision in well under a second; give it time to land.
    await page.waitForTimeout(1500);

    // Nothing was torn away: the step, the typed text and the focus are where the user left them.
    await expect(flowRoot(page)).toHaveAttribute('data-state', 'collect');
    await expect(street).toBeFocused();
    await page.keyboard.type(' Lane');
    await expect(street).toHaveValue('42 Harbor Lane');
    await expect(page.getByRole('heading', { name: 'We can’t continue' })).toHaveCount(0);
    await expect(page.getByText(/needs a few details/)).toBeVisible();

    // The user's own submit is the natural point: the block shows, its heading takes focus.
    await page.locator('main form[aria-labelledby] button[type="submit"]').click();
    await expect(page.getByRole('heading', { level: 2, name: 'We can’t continue' })).toBeFocused();
    await expectUnavailableWithSupport(page);
    await expectNoAxeViolations(page, `the block after Continue (${variant.theme}, ${variant.device})`);
    await captureStep(page, '18-unavailable-support');

    // Another capability for the same customer: the provider will not change it, so the same final answer.
    await page.goto('/onboarding?capability=tradeCrypto');
    await expect(flowRoot(page)).toHaveAttribute('data-state', 'unavailable');
    await expect(page.getByText(GENERIC).first()).toBeVisible();
    await expect(page.getByRole('link', { name: 'Contact support' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Try again' })).toHaveCount(0);
    await expect(page.getByText('There is a problem')).toHaveCount(0);
    await expect(page.locator('main [data-tone="danger"]')).toHaveCount(0);
    await expect(
      page.getByText('Northwind Wallet can’t unlock Trade crypto for this account.'),
    ).toBeVisible();
    await expectNoAxeViolations(
      page,
      `a second capability after a block (${variant.theme}, ${variant.device})`,
    );
    await captureStep(page, '19-second-capability-unavailable');
  });
}

test('the block in Spanish: the support links and the page intro follow the language', async ({ page }) => {
  await openOnboarding(page, 'block-es');
  await page.getByRole('radio', { name: 'Español' }).check();
  const person = testPerson({ firstName: 'Slow', lastName: SANCTIONED_LAST_NAME });
  const record = await completeOnboarding(page, person);
  expect(record.finalState).toBe('verifying');
  // With nothing left for the user to do, the decision shows as soon as it is in.
  await advanceVerification(page);
  await expect(flowRoot(page)).toHaveAttribute('data-state', 'unavailable');
  await expect(page.getByRole('heading', { level: 2, name: 'No podemos continuar' })).toBeFocused();
  await expect(page.getByRole('link', { name: 'Comunicarse con el servicio de asistencia' })).toBeVisible();
  await expect(page.getByText(/^Su referencia: NW-[0-9A-Z]+$/)).toBeVisible();
  await expect(page.getByText('Northwind Wallet no puede habilitar', { exact: false })).toBeVisible();
  await expectNoAxeViolations(page, 'the block in Spanish');
});

test('the headless page moves focus to the new heading when the Terms give way to verifying, then done', async ({
  page,
}) => {
  await openOnboarding(page, 'headless-focus', { viewport: PHONE, path: '/onboarding/headless' });
  const record = await completeOnboarding(page, testPerson({ firstName: 'Slow' }));
  expect(record.sawTerms).toBe(true);
  expect(record.finalState).toBe('verifying');
  const verifying = page.getByRole('heading', { level: 2, name: 'Checking your details' });
  await expect(verifying).toBeFocused();
  expect(await page.evaluate(() => document.activeElement === document.body)).toBe(false);
  await expect(page.getByText(/needs a few details/)).toHaveCount(0);
  await expectNoAxeViolations(page, 'plain-HTML verifying (phone)');
  await captureStep(page, 'headless-verifying');

  await advanceVerification(page);
  await expect(flowRoot(page)).toHaveAttribute('data-state', 'done');
  await expect(page.getByRole('heading', { level: 2, name: "You're all set" })).toBeFocused();
  await expect(page.getByText('Hold US dollars is ready to use.')).toBeVisible();
  await expectNoAxeViolations(page, 'plain-HTML done (phone)');
});
