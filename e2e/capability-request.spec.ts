import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './support/expectNoAxeViolations';
import { completeOnboarding, flowRoot, testPerson } from './support/journey';
import { openOnboarding } from './support/openOnboarding';

// Issue 15: an existing customer who never asked for a capability. When the read answers, the kit asks the
// provider for it; the step the person is on stays mounted, focused and filled meanwhile, with no loading
// state in between, and "Step i of n" shows only once the customer's own plan is known.

declare global {
  interface Window {
    /** What the init script below records of the flow's root. */
    flowSeen?: { states: string[]; loading: boolean };
    /** The field names of each form the flow showed, in order. */
    fieldsSeen?: string[][];
  }
}

test('an existing customer opening another capability keeps their step, focus and input while it is requested', async ({
  page,
}) => {
  // The customer exists: the first step of custodyFiat is saved.
  await openOnboarding(page, 'capability-request');
  await completeOnboarding(page, testPerson(), {
    stopAt: (_stepId, _fields, record) => record.steps.length === 1,
  });

  // Every state the flow's root shows, and whether a loading message ever appears, from the first paint on.
  await page.addInitScript(() => {
    const seen = { states: [] as string[], loading: false };
    window.flowSeen = seen;
    const look = () => {
      const state = document.querySelector('main [data-state]')?.getAttribute('data-state');
      if (state && seen.states.at(-1) !== state) seen.states.push(state);
      if (document.querySelector('main')?.textContent?.includes('Loading…')) seen.loading = true;
    };
    new MutationObserver(look).observe(document, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
  });
  // The capability request waits until the test lets it through, as on a slow network.
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  let requested = () => {};
  const requestSent = new Promise<void>((resolve) => (requested = resolve));
  let body: unknown;
  await page.route('**/api/onboarding/customer', async (route) => {
    if (route.request().method() !== 'PATCH') return route.continue();
    body = route.request().postDataJSON();
    requested();
    await released;
    await route.continue();
  });

  await page.goto('/onboarding?capability=tradeCrypto');
  await requestSent;
  expect(body).toEqual({ capabilities: ['tradeCrypto'] });

  // The step planned from what the customer already gave: only what tradeCrypto adds to it.
  const citizenship = page.locator('main [name="citizenship"]');
  await citizenship.focus();
  await citizenship.selectOption('US');
  await expect(flowRoot(page)).toHaveAttribute('data-state', 'collect');
  await expect(page.locator('main').getByText(/^Step \d+ of \d+$/)).toHaveCount(0);

  const answered = page.waitForResponse(
    (response) =>
      response.url().endsWith('/api/onboarding/customer') && response.request().method() === 'PATCH',
  );
  release();
  expect((await answered).ok()).toBe(true);
  // The customer's own plan is known: counted now, the same step still there.
  await expect(page.locator('main').getByText(/^Step 1 of \d+$/)).toBeVisible();
  await expect(citizenship).toBeFocused();
  await expect(citizenship).toHaveValue('US');
  await expect(page.locator('main [data-step]')).toHaveAttribute('data-step', 'personal');

  const seen = await page.evaluate(() => window.flowSeen);
  expect(seen).toEqual({ states: ['collect'], loading: false });
  await expectNoAxeViolations(page, 'the step kept while a capability was requested');
});

test('another capability opened from the wallet asks nothing already given, even while the customer is read again', async ({
  page,
}) => {
  // The customer exists: the first step of custodyFiat ("About you") is saved.
  await openOnboarding(page, 'second-capability');
  await completeOnboarding(page, testPerson(), {
    stopAt: (_stepId, _fields, record) => record.steps.length === 1,
  });
  await page.goto('/');
  await expect(page.locator('a[href="/onboarding?capability=tradeCrypto"]')).toBeVisible();

  // Every set of fields the flow shows from here on, while the next read of the customer is held.
  await page.evaluate(() => {
    const seen: string[][] = [];
    window.fieldsSeen = seen;
    new MutationObserver(() => {
      const names = [...document.querySelectorAll('main form [name]')].map((each) =>
        each.getAttribute('name'),
      );
      if (names.length > 0 && seen.at(-1)?.join() !== names.join()) seen.push(names as string[]);
    }).observe(document, { subtree: true, childList: true });
  });
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/onboarding/customer', async (route) => {
    if (route.request().method() === 'GET') await released;
    await route.continue();
  });
  const read = page.waitForRequest((request) => request.url().endsWith('/api/onboarding/customer'));
  await page.locator('a[href="/onboarding?capability=tradeCrypto"]').click();
  await read;
  // While the read is in flight: only what tradeCrypto adds, never the name and date of birth as empty fields.
  await expect(page.locator('main [name="citizenship"]')).toBeVisible();
  release();
  await expect(page.locator('main').getByText(/^Step 1 of \d+$/)).toBeVisible();
  const seen = await page.evaluate(() => window.fieldsSeen ?? []);
  expect(seen.flat()).not.toContain('firstName');
  expect(seen.flat()).not.toContain('dateOfBirth.year');
});
