import { AxeBuilder } from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { fillCurrentStep, testPerson } from '../../../e2e/support/journey';

/** The WCAG levels the kit is held to: 2.0, 2.1 and 2.2, A and AA. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Runs axe over the page, the elements' open shadow roots included, and lists every violation. */
async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const report = results.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact ?? 'unknown'}): ${violation.help}\n` +
      violation.nodes.map((node) => `    ${JSON.stringify(node.target)}`).join('\n'),
  );
  expect(report, `axe violations on ${where}`).toEqual([]);
}

interface Focused {
  tag: string;
  name: string;
  text: string;
  /** The custom element whose shadow root holds the focus, if any. */
  host: string;
}

/** The focused element, looked for through shadow roots, as a screen reader would find it. */
async function focusedElement(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    let element: Element | null = document.activeElement;
    let host = '';
    while (element?.shadowRoot?.activeElement) {
      host = element.tagName.toLowerCase();
      element = element.shadowRoot.activeElement;
    }
    if (element === null) return { tag: '', name: '', text: '', host };
    return {
      tag: element.tagName.toLowerCase(),
      name: element.getAttribute('name') ?? '',
      text: (element.getAttribute('aria-label') ?? element.textContent ?? '').trim(),
      host,
    };
  });
}

/** Presses Tab until the focused element matches, as a keyboard user would. */
async function tabTo(page: Page, matches: (focused: Focused) => boolean, what: string): Promise<void> {
  for (let presses = 0; presses < 60; presses += 1) {
    await page.keyboard.press('Tab');
    if (matches(await focusedElement(page))) return;
  }
  throw new Error(`Tab never reached ${what}`);
}

const byName = (name: string) => (focused: Focused) => focused.name === name;
const button = (text: string) => (focused: Focused) => focused.tag === 'button' && focused.text === text;

async function typeInto(page: Page, name: string, value: string): Promise<void> {
  await tabTo(page, byName(name), `the field ${name}`);
  await page.keyboard.type(value);
}

async function continueStep(page: Page, next: string): Promise<void> {
  await tabTo(page, button('Continue'), 'Continue');
  await page.keyboard.press('Enter');
  // The next step's heading takes focus, inside the shadow root.
  await expect
    .poll(() => focusedElement(page))
    .toMatchObject({ tag: 'h2', text: next, host: 'kyc-onboarding' });
}

declare global {
  interface Window {
    /** Set by {@link recordCspViolations}'s init script. */
    __cspViolations?: string[];
  }
}

/** Records every Content-Security-Policy violation of the page, from before its first script. */
async function recordCspViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const violations: string[] = [];
    Object.defineProperty(window, '__cspViolations', { value: violations });
    document.addEventListener('securitypolicyviolation', (event) => {
      violations.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  return () => page.evaluate(() => window.__cspViolations ?? []);
}

test('the plain HTML page: onboarding to an active capability with the keyboard alone, axe-clean, under script-src self', async ({
  page,
}) => {
  const cspViolations = await recordCspViolations(page);
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  const response = await page.goto('/');
  const policy = response?.headers()['content-security-policy'] ?? '';
  expect(policy).toContain("script-src 'self'");
  expect(policy).toContain("style-src 'self'");
  expect(policy).not.toContain('unsafe-');

  const onboarding = page.locator('kyc-onboarding');
  await expect(onboarding.getByRole('heading', { name: 'About you' })).toBeVisible();
  await expect(page.locator('kyc-capability-status')).toContainText('Not set up');
  await expect(page.getByText('Your balance appears here once your account is verified.')).toBeVisible();
  await expect(page.getByText('$0.00')).toBeHidden();

  // The page's font and its --kyc-* tokens reach inside the shadow root.
  const looks = await onboarding.getByRole('button', { name: 'Continue' }).evaluate((element) => {
    const style = getComputedStyle(element);
    return { font: style.fontFamily, background: style.backgroundColor };
  });
  expect(looks.font).toContain('Georgia');
  expect(looks.background).toBe('rgb(15, 95, 84)');
  await expectNoAxeViolations(page, 'the first step');

  // About you
  await typeInto(page, 'firstName', 'Ada');
  await typeInto(page, 'lastName', 'Quill');
  await typeInto(page, 'dateOfBirth.day', '27');
  await typeInto(page, 'dateOfBirth.month', '3');
  await typeInto(page, 'dateOfBirth.year', '1990');
  await continueStep(page, 'Your home address');

  // Home address: the state by type-ahead in its select box.
  await typeInto(page, 'addressLine1', '42 Harbor Lane');
  await typeInto(page, 'addressCity', 'Springfield');
  await typeInto(page, 'addressSubdivision', 'Illinois');
  await typeInto(page, 'addressPostalCode', '62704');
  await continueStep(page, 'Tax information');

  await typeInto(page, 'fullSsn', '123-45-6789');
  await continueStep(page, 'About your account');

  await typeInto(page, 'purposeOfAccount', 'Investing');
  await typeInto(page, 'sourceOfFunds', 'Salary');
  await tabTo(page, button('Continue'), 'Continue');
  await page.keyboard.press('Enter');

  // Check your answers: a Change button per answer, then Continue.
  await expect(onboarding.getByRole('heading', { name: 'Check your answers', level: 2 })).toBeVisible();
  await expect(onboarding.getByText('Provided').first()).toBeVisible();
  await expectNoAxeViolations(page, 'the review');
  await tabTo(page, button('Continue'), 'Continue on the review');
  await page.keyboard.press('Enter');

  // Terms of Service: the document, then the box, then the button.
  await expect(onboarding.getByRole('heading', { name: 'Terms of Service', level: 2 })).toBeVisible();
  await expect(page.locator('body')).toHaveAttribute('data-kyc-step', 'terms');
  await expectNoAxeViolations(page, 'the Terms of Service');
  await tabTo(
    page,
    (focused) => focused.tag === 'div' && focused.text.includes('Sandbox Terms of Service'),
    'the document',
  );
  await tabTo(
    page,
    (focused) => focused.tag === 'input' && focused.host === 'kyc-onboarding',
    'the acceptance box',
  );
  await page.keyboard.press('Space');
  await expect(
    onboarding.getByRole('checkbox', { name: 'I have read and accept the Terms of Service' }),
  ).toBeChecked();
  await tabTo(page, button('Accept and continue'), 'Accept and continue');
  await page.keyboard.press('Enter');

  // Verified: the flow, the status and the gate all follow the one event stream.
  await expect(onboarding.getByRole('heading', { name: "You're all set" })).toBeVisible({ timeout: 20_000 });
  await expect.poll(() => focusedElement(page)).toMatchObject({ tag: 'h2', text: "You're all set" });
  await expect(page.locator('kyc-capability-status')).toContainText('Ready');
  await expect(page.getByText('$0.00')).toBeVisible();
  await expect(page.locator('body')).toHaveAttribute('data-kyc-complete', 'custodyFiat');
  await expect(page.locator('#notice')).toHaveText('Thank you: your account is verified.');
  await expectNoAxeViolations(page, 'done');

  expect(await cspViolations()).toEqual([]);
  expect(consoleErrors.filter((text) => !text.includes('404'))).toEqual([]);
});

test('the error summary inside the shadow root: focus on a failed submit, its links reach each field by keyboard', async ({
  page,
}) => {
  await page.goto('/');
  const onboarding = page.locator('kyc-onboarding');
  await expect(onboarding.getByRole('heading', { name: 'About you' })).toBeVisible();
  await tabTo(page, button('Continue'), 'Continue');
  await page.keyboard.press('Enter');
  await expect.poll(() => focusedElement(page)).toMatchObject({ tag: 'div', host: 'kyc-onboarding' });
  await expect(onboarding.getByRole('alert')).toContainText('Enter your first name');
  await expect(page.locator('body')).toHaveAttribute('data-kyc-error', 'invalid_fields');
  await expectNoAxeViolations(page, 'the error summary');
  await page.keyboard.press('Tab');
  expect(await focusedElement(page)).toMatchObject({ tag: 'a', text: 'Enter your first name' });
  await page.keyboard.press('Enter');
  expect(await focusedElement(page)).toMatchObject({ tag: 'input', name: 'firstName' });
});

test('the trade page: a phone number is checked in full, with the rules the script loads from beside itself', async ({
  page,
}) => {
  const parserFile = page.waitForResponse((response) =>
    response.url().endsWith('/kyc-kit/standalone-phone-parser.js'),
  );
  await page.goto('/trade');
  const onboarding = page.locator('kyc-onboarding');
  await expect(onboarding.getByRole('heading', { name: 'About you' })).toBeVisible();
  // Right after the first paint, from the script's own folder, under script-src 'self'.
  expect((await parserFile).status()).toBe(200);
  await expectNoAxeViolations(page, 'the trade page');

  const person = testPerson();
  const step = onboarding.locator('[data-step]').first();
  const phone = onboarding.locator('[name="phoneNumber.number"]');
  const continueStep = async () => {
    const before = await step.getAttribute('data-step');
    await onboarding.getByRole('button', { name: 'Continue' }).click();
    await expect(step).not.toHaveAttribute('data-step', before ?? '');
  };
  // Every step before the one that asks for the phone number (Playwright's locators reach into the shadow root).
  for (let steps = 0; steps < 8 && (await phone.count()) === 0; steps += 1) {
    await fillCurrentStep(page, person);
    await continueStep();
  }
  await expect(phone).toBeVisible();

  // Nine digits are the right length for no US number: only libphonenumber-js's rules know that.
  await fillCurrentStep(page, { ...person, phoneNumber: '201555012' });
  await onboarding.getByRole('button', { name: 'Continue' }).click();
  await expect(
    onboarding.getByText('Enter a real phone number, including the area code').first(),
  ).toBeVisible();
  await expect(phone).toHaveValue('201555012');

  await fillCurrentStep(page, person);
  await continueStep();
  await expect(phone).toHaveCount(0);
});
