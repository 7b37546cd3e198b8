import { expect, test } from '@playwright/test';
import {
  completeOnboarding,
  currentStepId,
  expectPersonalStepFromDraft,
  fillCurrentStep,
  flowRoot,
  signInWithApi,
  submitStep,
  testPerson,
  uniqueUsername,
} from './support/journey';

test('a network failure during submit keeps every value, and the retry succeeds with the same idempotency key', async ({
  page,
}) => {
  const person = testPerson();
  await signInWithApi(page, uniqueUsername('offline'));
  await page.goto('/onboarding?capability=custodyFiat');
  await expect(flowRoot(page)).toHaveAttribute('data-state', 'collect');
  expect(await currentStepId(page)).toBe('personal');
  await fillCurrentStep(page, person);

  // The first save dies on the wire; the browser sees a failed fetch.
  const idempotencyKeys: string[] = [];
  await page.route('**/api/onboarding/customer', async (route) => {
    if (route.request().method() === 'GET') return route.fallback();
    idempotencyKeys.push(route.request().headers()['idempotency-key'] ?? '');
    if (idempotencyKeys.length === 1) return route.abort('internetdisconnected');
    return route.fallback();
  });

  await page.locator('main form[aria-labelledby] button[type="submit"]').click();
  await expect(page.getByText('Check your internet connection and try again.').first()).toBeVisible();
  expect(await currentStepId(page)).toBe('personal');
  // Every value is still there, the date of birth included.
  await expect(page.locator('main [name="firstName"]')).toHaveValue(person.firstName);
  await expect(page.locator('main [name="lastName"]')).toHaveValue(person.lastName);
  await expect(page.locator('main [name="dateOfBirth.day"]')).toHaveValue(person.dateOfBirth.day);
  await expect(page.locator('main [name="dateOfBirth.month"]')).toHaveValue(person.dateOfBirth.month);
  await expect(page.locator('main [name="dateOfBirth.year"]')).toHaveValue(person.dateOfBirth.year);

  // The person presses Continue again: the save goes through, as one logical submit.
  await submitStep(page);
  expect(await currentStepId(page)).toBe('address');
  expect(idempotencyKeys).toHaveLength(2);
  expect(idempotencyKeys[0]).not.toBe('');
  expect(idempotencyKeys[1]).toBe(idempotencyKeys[0]);

  await page.unroute('**/api/onboarding/customer');
  await completeOnboarding(page, person);
  await expect(flowRoot(page)).toHaveAttribute('data-state', 'done');
});

test('a reload mid-step keeps what was typed in non-sensitive fields, and forgets the sensitive ones', async ({
  page,
}) => {
  const person = testPerson();
  await signInWithApi(page, uniqueUsername('reload'));
  await page.goto('/onboarding?capability=tradeCrypto');
  await expect(flowRoot(page)).toHaveAttribute('data-state', 'collect');

  // First step: names are kept, the date of birth is not (it is never written to browser storage).
  await fillCurrentStep(page, person);
  await page.reload();
  await expectPersonalStepFromDraft(page, person);
  await fillCurrentStep(page, person);
  await submitStep(page);

  // The address is sensitive: after a reload it must be typed again.
  expect(await currentStepId(page)).toBe('address');
  await fillCurrentStep(page, person);
  await page.reload();
  await expect(flowRoot(page)).toHaveAttribute('data-state', 'collect');
  expect(await currentStepId(page)).toBe('address');
  await expect(page.locator('main [name="addressLine1"]')).toHaveValue('');
  await expect(page.locator('main [name="addressPostalCode"]')).toHaveValue('');

  // A later step of plain choices and contact details survives the reload whole.
  await completeOnboarding(page, person, {
    stopAt: (stepId) => stepId === 'contact' || stepId === 'financial',
  });
  const stepId = await currentStepId(page);
  await fillCurrentStep(page, person);
  await page.reload();
  await expect(flowRoot(page)).toHaveAttribute('data-state', 'collect');
  expect(await currentStepId(page)).toBe(stepId);
  const kept = await page
    .locator('main form [name]')
    .evaluateAll((elements) =>
      elements.map((element) => [element.getAttribute('name'), (element as HTMLInputElement).value] as const),
    );
  for (const [name, value] of kept) expect(value, `${name} after the reload`).not.toBe('');
});

test("a reload once the flow is over shows the wait, never a new customer's first step, then the status", async ({
  page,
}) => {
  await signInWithApi(page, uniqueUsername('over'));
  await page.goto('/onboarding?capability=custodyFiat');
  await completeOnboarding(page, testPerson());
  await expect(flowRoot(page)).toHaveAttribute('data-state', 'done');

  // Every state and step the flow shows from the first paint of the reloaded page, in order.
  await page.addInitScript(() => {
    const shown: string[] = [];
    Object.assign(window, { shownStates: shown });
    new MutationObserver(() => {
      const step = document.querySelector('main [data-step]')?.getAttribute('data-step');
      const state = document.querySelector('main [data-state]')?.getAttribute('data-state');
      const entry = step ? `step ${step}` : state;
      if (entry && shown.at(-1) !== entry) shown.push(entry);
    }).observe(document, { childList: true, subtree: true, attributes: true });
  });
  await page.reload();
  await expect(flowRoot(page)).toHaveAttribute('data-state', 'done');
  const shown = await page.evaluate(() => (window as unknown as { shownStates: string[] }).shownStates);
  expect(shown.filter((entry) => entry.startsWith('step '))).toEqual([]);
  expect(shown.at(-1)).toBe('done');
});
