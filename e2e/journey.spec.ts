import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './support/expectNoAxeViolations';
import {
  REJECTED_SSN,
  SANCTIONED_LAST_NAME,
  completeOnboarding,
  currentFieldNames,
  fillCurrentStep,
  flowRoot,
  settledFlowState,
  signInThroughPage,
  signInWithApi,
  submitStep,
  testPerson,
  uniqueUsername,
} from './support/journey';

const BASE_FIELDS = [
  'firstName',
  'lastName',
  'dateOfBirth.day',
  'dateOfBirth.month',
  'dateOfBirth.year',
  'fullSsn',
  'addressLine1',
  'addressCity',
  'addressSubdivision',
  'addressPostalCode',
  'addressCountryCode',
  'purposeOfAccount',
  'sourceOfFunds',
];
const TRADE_CRYPTO_EXTRA_FIELDS = [
  'citizenship',
  'employmentStatus',
  'occupation',
  'expectedVolume',
  'email',
  'phoneNumber.number',
];

// Words from the sandbox's compliance reasons (OMS rejectionReasons, forced statuses): none may reach a screen.
const REASON_TEXT =
  /sanctions|screening|sanctions_match|verification_failed|did not pass|magic value|sandbox_forced|forced to/i;

test('custodyFiat: sign-in, the base fields, the Terms of Service, verifying, then active without a reload', async ({
  page,
}) => {
  await signInThroughPage(page, uniqueUsername('custody'));

  // Home: all eight capabilities, none set up yet.
  const capabilities = page.locator('[data-capability]');
  await expect(capabilities).toHaveCount(8);
  await expect(page.locator('[data-capability="custodyFiat"]')).toContainText('Not set up');

  // The gated action leads into onboarding for its capability.
  const actions = page.getByRole('region', { name: 'Actions' });
  await actions.getByRole('link', { name: 'Hold US dollars' }).click();
  await expect(page).toHaveURL(/\/onboarding\?capability=custodyFiat$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Verify your identity' })).toBeVisible();

  // A reload would drop this attribute: its survival proves the page updated in place.
  await page.evaluate(() => document.documentElement.setAttribute('data-e2e-same-page', 'yes'));

  // "Slow" keeps the sandbox's verification pending until we advance it, so "verifying" can be seen for certain.
  const record = await completeOnboarding(page, testPerson({ firstName: 'Slow' }));
  expect(record.sawTerms).toBe(true);
  expect(Object.values(record.fields).flat().sort()).toEqual([...BASE_FIELDS].sort());
  expect(record.finalState).toBe('verifying');
  await expect(page.getByRole('heading', { name: 'Checking your details' })).toBeVisible();

  // The provider decides: the page hears of it over server-sent events.
  const advanced = await page.request.post('/api/demo/sandbox/advance', { data: {} });
  expect(advanced.ok()).toBe(true);
  await expect(flowRoot(page)).toHaveAttribute('data-state', 'done');
  await expect(page.getByRole('heading', { name: "You're all set" })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-e2e-same-page', 'yes');

  // Back home, the capability is active and its action unlocked.
  await page.getByRole('link', { name: 'Back to your wallet' }).click();
  await expect(page.locator('[data-capability="custodyFiat"]')).toContainText('Ready');
  await expect(actions.getByRole('button', { name: 'Hold US dollars' })).toBeVisible();
  await expect(page.locator('[data-capability="tradeCrypto"]')).toContainText('Not set up');
});

test('tradeCrypto asks for the base fields and its extra ones, then becomes active', async ({ page }) => {
  await signInThroughPage(page, uniqueUsername('trade'));
  await page.getByRole('region', { name: 'Actions' }).getByRole('link', { name: 'Buy crypto' }).click();
  await expect(page).toHaveURL(/\/onboarding\?capability=tradeCrypto$/);

  const record = await completeOnboarding(page, testPerson());
  const fields = Object.values(record.fields).flat();
  for (const name of [...BASE_FIELDS, ...TRADE_CRYPTO_EXTRA_FIELDS]) expect(fields).toContain(name);
  await expect(flowRoot(page)).toHaveAttribute('data-state', 'done');

  await page.goto('/');
  await expect(page.locator('[data-capability="tradeCrypto"]')).toContainText('Ready');
  await expect(
    page.getByRole('region', { name: 'Actions' }).getByRole('button', { name: 'Buy crypto' }),
  ).toBeVisible();
});

test('a rejected SSN is asked for again, alone, and the capability then becomes active', async ({ page }) => {
  await signInWithApi(page, uniqueUsername('ssn'));
  await page.goto('/onboarding?capability=custodyFiat');

  // The rejection comes back as soon as the sandbox has verified the SSN: on a later step's
  // answer or, if every step was quicker than that, while verifying. Stop wherever it shows.
  await completeOnboarding(page, testPerson({ fullSsn: REJECTED_SSN }), {
    stopAt: (_stepId, fieldNames, record) =>
      record.steps.includes('taxId') && fieldNames.join() === 'fullSsn',
  });

  // Verification rejected the SSN: the flow asks for that field and nothing else.
  await expect(flowRoot(page)).toHaveAttribute('data-state', 'collect');
  expect(await currentFieldNames(page)).toEqual(['fullSsn']);
  // An error on the field and an entry in the summary, never a reason.
  await expect(page.getByLabel('Social Security number', { exact: true })).toHaveAttribute(
    'aria-invalid',
    'true',
  );
  await expect(
    page
      .getByRole('alert')
      .getByRole('link', { name: "We couldn't verify this. Check it and enter it again." }),
  ).toBeVisible();

  await fillCurrentStep(page, testPerson());
  await submitStep(page);
  // Whatever was still to do (the Terms of Service, when the rejection came early) follows.
  await completeOnboarding(page, testPerson());
  await expect(flowRoot(page)).toHaveAttribute('data-state', 'done');
});

test('a sanctioned customer ends with the generic message and no reason anywhere in the page', async ({
  page,
}) => {
  await signInWithApi(page, uniqueUsername('sanctioned'));
  await page.goto('/onboarding?capability=custodyFiat');

  // "Slow" holds the decision until every step is in, so the test does not race the sandbox.
  const record = await completeOnboarding(
    page,
    testPerson({ firstName: 'Slow', lastName: SANCTIONED_LAST_NAME }),
  );
  expect(record.finalState).toBe('verifying');
  expect((await page.request.post('/api/demo/sandbox/advance', { data: {} })).ok()).toBe(true);
  await expect(flowRoot(page)).toHaveAttribute('data-state', 'unavailable');
  expect(await settledFlowState(page)).toBe('unavailable');
  await expect(
    page.getByText("We're unable to complete this request. Please contact support.").first(),
  ).toBeVisible();
  expect(await page.content()).not.toMatch(REASON_TEXT);
  await expectNoAxeViolations(page, 'the unavailable state');

  // The wallet's home says the same, and offers no way to "fix" a compliance decision.
  await page.goto('/');
  const status = page.locator('[data-capability="custodyFiat"]');
  await expect(status).toContainText('Unavailable');
  await expect(
    page.getByRole('region', { name: 'Actions' }).getByRole('link', { name: 'Hold US dollars' }),
  ).toHaveCount(0);
  // The sandbox panel's own help text names the magic last name; the rest of the page must not explain the decision.
  const pageWithoutPanel = await page.evaluate(() => {
    const copy = document.documentElement.cloneNode(true) as HTMLElement;
    copy.querySelector('[data-testid="sandbox-panel"]')?.remove();
    return copy.outerHTML;
  });
  expect(pageWithoutPanel).not.toMatch(REASON_TEXT);
});
