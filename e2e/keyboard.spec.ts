import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { expectNoAxeViolations } from './support/expectNoAxeViolations';
import { flowRoot, testPerson, uniqueUsername } from './support/journey';
import { OWN_DEMO_ORIGIN, startOwnDemo, stopOwnDemo } from './support/ownDemoServer';

/** What the focused element is, in words a test can match: its form name, else its accessible text. */
async function focusedElement(page: Page): Promise<{ tag: string; name: string; text: string }> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (element === null) return { tag: '', name: '', text: '' };
    return {
      tag: element.tagName.toLowerCase(),
      name: element.getAttribute('name') ?? '',
      text: (element.getAttribute('aria-label') ?? element.textContent ?? '').trim(),
    };
  });
}

/**
 * Presses Tab until the focused element matches, as a keyboard user would
 * move through the page. Fails when the element cannot be reached in 80 presses.
 */
async function tabTo(
  page: Page,
  matches: (focused: { tag: string; name: string; text: string }) => boolean,
  what: string,
) {
  for (let presses = 0; presses < 80; presses += 1) {
    await page.keyboard.press('Tab');
    if (matches(await focusedElement(page))) return;
  }
  throw new Error(`Tab never reached ${what}`);
}

const byName = (name: string) => (focused: { name: string }) => focused.name === name;
const button = (text: string) => (focused: { tag: string; text: string }) =>
  (focused.tag === 'button' || focused.tag === 'a') && focused.text === text;

/** Types into the form control `name`, reached by Tab. Select boxes take type-ahead, as in any browser. */
async function typeInto(page: Page, name: string, value: string) {
  await tabTo(page, byName(name), `the field ${name}`);
  await page.keyboard.type(value);
}

async function continueStep(page: Page) {
  const before = await page.locator('main [data-step]').getAttribute('data-step');
  await tabTo(page, button('Continue'), 'Continue');
  await page.keyboard.press('Enter');
  await expect(page.locator(`main [data-step="${before}"]`)).toHaveCount(0);
}

test('the whole journey, sign-in to verified, with the keyboard alone', async ({ page }) => {
  const person = testPerson();
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in$/);

  // The skip link is the first stop and takes focus past the banner.
  await page.keyboard.press('Tab');
  expect(await focusedElement(page)).toMatchObject({ tag: 'a', text: 'Skip to main content' });

  await typeInto(page, 'username', uniqueUsername('keyboard'));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Your wallet' })).toBeFocused();

  await tabTo(page, button('Hold US dollars'), 'the Hold US dollars action');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/onboarding\?capability=custodyFiat$/);
  await expect(flowRoot(page)).toHaveAttribute('data-state', 'collect');

  // About you
  await typeInto(page, 'firstName', person.firstName);
  await typeInto(page, 'lastName', person.lastName);
  // A US date: month, day, year.
  await typeInto(page, 'dateOfBirth.month', person.dateOfBirth.month);
  await typeInto(page, 'dateOfBirth.day', person.dateOfBirth.day);
  await typeInto(page, 'dateOfBirth.year', person.dateOfBirth.year);
  await continueStep(page);

  // Home address: the state by type-ahead in its select box.
  await typeInto(page, 'addressLine1', person.addressLine1);
  await typeInto(page, 'addressCity', person.addressCity);
  await typeInto(page, 'addressSubdivision', 'Illinois');
  await typeInto(page, 'addressPostalCode', person.addressPostalCode);
  await continueStep(page);
  await expect(page.locator('main [name="addressSubdivision"]')).toHaveCount(0);

  // Tax information
  await typeInto(page, 'fullSsn', person.fullSsn);
  await continueStep(page);

  // About your account
  await typeInto(page, 'purposeOfAccount', 'Investing');
  await typeInto(page, 'sourceOfFunds', 'Salary');
  await continueStep(page);

  // Check your answers: each Change button in turn, then Continue.
  await expect(flowRoot(page)).toHaveAttribute('data-state', 'review');
  await expect(page.getByRole('heading', { level: 2, name: 'Check your answers' })).toBeFocused();
  await tabTo(page, button('Change First name'), 'the first Change button');
  await tabTo(page, button('Continue'), 'Continue on the review');
  await page.keyboard.press('Enter');

  // Terms of Service: the document is reachable by keyboard, then the box, then the button.
  await expect(flowRoot(page)).toHaveAttribute('data-state', 'terms');
  await tabTo(
    page,
    (focused) => focused.tag === 'div' && focused.text.includes('Sandbox Terms of Service'),
    'the document',
  );
  await tabTo(page, (focused) => focused.tag === 'input' && focused.text === '', 'the acceptance box');
  await page.keyboard.press('Space');
  await expect(
    page.getByRole('checkbox', { name: 'I have read and accept the Terms of Service' }),
  ).toBeChecked();
  await tabTo(page, button('Accept and continue'), 'Accept and continue');
  await page.keyboard.press('Enter');

  await expect(flowRoot(page)).toHaveAttribute('data-state', 'done');
  // The new state's heading takes focus, so a screen reader announces the outcome.
  await expect(page.getByRole('heading', { name: "You're all set" })).toBeFocused();

  await tabTo(page, button('Back to your wallet'), 'Back to your wallet');
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-capability="custodyFiat"]')).toContainText('Ready');
});

test.describe('too many sign-ins from one network', () => {
  // A server of its own allowing two sign-ins a minute: the suite's shared servers keep their budget.
  test.use({ baseURL: OWN_DEMO_ORIGIN });

  /** Presses Enter in the focused sign-in form and waits for the server's answer to it. */
  async function submitSignIn(page: Page): Promise<number> {
    const [answer] = await Promise.all([
      page.waitForResponse(
        (response) => response.url().endsWith('/api/demo/session') && response.request().method() === 'POST',
      ),
      page.keyboard.press('Enter'),
    ]);
    return answer.status();
  }

  test('sign-in and sign-out with the keyboard, then a refused sign-in says so politely and keeps the username', async ({
    page,
  }) => {
    const dataDirectory = mkdtempSync(path.join(tmpdir(), 'kyc-demo-sign-in-limit-'));
    const server = await startOwnDemo(dataDirectory, { KYC_SIGN_IN_LIMIT: '2' });
    try {
      await page.goto('/');
      await expect(page).toHaveURL(/\/sign-in$/);
      // The minute's two sign-ins, each signed out again, all by keyboard.
      for (const name of ['limit-first', 'limit-second']) {
        await typeInto(page, 'username', uniqueUsername(name));
        expect(await submitSignIn(page)).toBe(200);
        await expect(page.getByRole('heading', { level: 1, name: 'Your wallet' })).toBeFocused();
        await tabTo(page, button('Sign out'), 'Sign out');
        await page.keyboard.press('Enter');
        await expect(page).toHaveURL(/\/sign-in$/);
      }

      const username = uniqueUsername('limit-refused');
      await typeInto(page, 'username', username);
      expect(await submitSignIn(page)).toBe(429);
      const field = page.getByLabel('Username');
      const alert = page.getByRole('alert');
      await expect(alert).toHaveText(
        'Sorry, there have been too many sign-ins from your network just now. Please wait a minute, then try again.',
      );
      // Focus is back in the field, with what was typed, and the field is described by the message.
      await expect(field).toBeFocused();
      await expect(field).toHaveValue(username);
      await expect(field).toHaveAccessibleDescription(/too many sign-ins from your network/);
      await expect(
        page.getByRole('heading', { level: 1, name: 'Sign in to Northwind Wallet' }),
      ).toBeVisible();
      await expectNoAxeViolations(page, 'sign-in refused for too many sign-ins');

      // In Spanish (the language switch by arrow key), the same message in Spanish, the username still there.
      await tabTo(page, byName('language'), 'the language switch');
      await page.keyboard.press('ArrowRight');
      await expect(page.locator('html')).toHaveAttribute('lang', 'es');
      await expect(alert).toHaveText(
        'Lo sentimos: ha habido demasiados inicios de sesión desde su red en este momento. Espere un minuto e inténtelo de nuevo.',
      );
      await tabTo(page, byName('username'), 'the username field');
      await expect(page.getByLabel('Nombre de usuario')).toHaveValue(username);
      // Sending it again within the minute is refused again, and said again.
      expect(await submitSignIn(page)).toBe(429);
      await expect(alert).toContainText('demasiados inicios de sesión');
      await expect(page.getByLabel('Nombre de usuario')).toBeFocused();
      await expectNoAxeViolations(page, 'sign-in refused, in Spanish');
    } finally {
      await stopOwnDemo(server);
      rmSync(dataDirectory, { recursive: true, force: true });
    }
  });
});
