import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import {
  completeOnboarding,
  currentFieldNames,
  currentStepId,
  fillCurrentStep,
  flowRoot,
  reviewStep,
  settledFlowState,
  submitStep,
  testPerson,
} from './support/journey';
import { PHONE, openOnboarding } from './support/openOnboarding';
import {
  SMALL_PHONE,
  checkFocus,
  completeWithKeyboard,
  faintInputBorders,
  focusProblemsBackwards,
  undersizedTargets,
} from './support/wcag';
import { applyTextSpacing, reflowProblems, removeTextSpacing } from './support/reflow';

// WCAG 2.2 AA beyond axe (issue 15), measured in the browser on every screen of the journey: the
// styled <Onboarding> in the dark theme and the plain-HTML page on the headless hooks in the light.

/**
 * The checks of one screen: target size, input borders and every Tab stop walked backwards (a sticky
 * header hides what Shift+Tab scrolls to the top) at the walk's own width, target size at the other
 * (desktop or a 375 px phone), then reflow at 320 px with text spacing.
 */
async function measureScreen(page: Page, screen: string): Promise<string[]> {
  const problems = [
    ...(await undersizedTargets(page)),
    ...(await faintInputBorders(page)),
    ...(await focusProblemsBackwards(page, flowRoot(page))),
  ].map((problem) => `${screen}: ${problem}`);
  const viewport = page.viewportSize();
  const other = viewport !== null && viewport.width <= SMALL_PHONE.width ? DESKTOP : SMALL_PHONE;
  await page.setViewportSize(other);
  problems.push(
    ...(await undersizedTargets(page)).map((problem) => `${screen} at ${other.width} px: ${problem}`),
  );
  await page.setViewportSize(PHONE);
  await applyTextSpacing(page);
  problems.push(
    ...(await reflowProblems(page)).map((problem) => `${screen} at 320 px, text spacing: ${problem}`),
  );
  await removeTextSpacing(page);
  if (viewport) await page.setViewportSize(viewport);
  return problems;
}

const DESKTOP = { width: 1280, height: 900 } as const;

// The styled flow in both themes (its focus ring and borders are the kit's CSS), one walked on a desktop and
// one on a 375 px phone; the headless page is styled by the demo, so one look of it is enough.
for (const { path, theme, viewport } of [
  { path: '/onboarding', theme: 'dark', viewport: DESKTOP },
  { path: '/onboarding', theme: 'light', viewport: SMALL_PHONE },
  { path: '/onboarding/headless', theme: 'light', viewport: DESKTOP },
] as const) {
  test(`${path} (${theme}, ${viewport.width} px): by keyboard alone, each Tab stop visibly focused, each screen measured`, async ({
    page,
  }) => {
    await openOnboarding(page, `wcag-${theme}-${viewport.width}`, { path, viewport });
    // On a phone the demo's theme switch is behind Menu; Escape closes the menu again.
    const phone = viewport.width <= SMALL_PHONE.width;
    if (phone) await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('radio', { name: theme === 'dark' ? 'Dark' : 'Light' }).check();
    if (phone) {
      await page.keyboard.press('Escape');
      await expect(page.getByRole('button', { name: 'Menu' })).toHaveAttribute('aria-expanded', 'false');
    }
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await expect(flowRoot(page)).toHaveAttribute('data-state', 'collect');
    // The page as it opens keeps its focus where the page put it: the flow takes it only once it is used.
    expect(await flowRoot(page).evaluate((root) => root.contains(document.activeElement))).toBe(false);

    // A submit with nothing typed: focus goes to the error summary, visibly, and its links are targets apart.
    await page.locator('main form[aria-labelledby] button[type="submit"]').focus();
    await page.keyboard.press('Enter');
    const summary = page.getByRole('alert').filter({ hasText: /problem/ });
    await expect(summary).toBeFocused();
    expect((await checkFocus(page))?.problems).toEqual([]);
    const measured = await measureScreen(page, 'error summary');
    const { screens, focusProblems } = await completeWithKeyboard(page, testPerson({ firstName: 'Slow' }), {
      submitTermsUnticked: true,
      onScreen: async (screen) => {
        measured.push(...(await measureScreen(page, screen)));
      },
    });
    expect(screens).toEqual(['personal', 'address', 'taxId', 'financial', 'review', 'terms']);
    await expect(flowRoot(page)).toHaveAttribute('data-state', 'verifying');
    measured.push(...(await measureScreen(page, 'verifying')));
    expect(focusProblems).toEqual([]);
    expect(measured).toEqual([]);
  });
}

test('forced colours (Windows High Contrast) keep the chosen switch, the progress and the focus visible', async ({
  page,
}) => {
  await page.emulateMedia({ forcedColors: 'active' });
  await openOnboarding(page, 'forced-colours');
  await expect(flowRoot(page)).toHaveAttribute('data-state', 'collect');
  const looks = await page.evaluate(() => {
    const style = (selector: string) => {
      const element = document.querySelector(selector);
      if (element === null) throw new Error(`no ${selector}`);
      const computed = getComputedStyle(element);
      return { background: computed.backgroundColor, border: computed.borderTopColor, color: computed.color };
    };
    return {
      chosen: style('.segmented input:checked + span'),
      other: style('.segmented label:not(:has(input:checked)) span'),
      progressFill: style('.kyc-progress-bar > span'),
      progressTrack: style('.kyc-progress-bar'),
      input: style('.kyc-input'),
    };
  });
  // The chosen theme and language stand out by more than bold text.
  expect(looks.chosen.background).not.toBe(looks.other.background);
  // The progress bar's fill differs from its track, and the track has an edge.
  expect(looks.progressFill.background).not.toBe(looks.progressTrack.background);
  expect(looks.progressTrack.border).not.toBe(looks.progressTrack.background);
  // Text boxes keep a border unlike their background.
  expect(looks.input.border).not.toBe(looks.input.background);
  // Focus keeps a ring.
  await page.locator('main [name="firstName"]').focus();
  await page.keyboard.press('Tab');
  const outline = await page.evaluate(() => {
    const style = getComputedStyle(document.activeElement ?? document.body);
    return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
  });
  expect(outline.style).not.toBe('none');
  expect(outline.width).toBeGreaterThanOrEqual(2);
});

test('3.3.7 Redundant Entry: a Change from the review and a second capability never ask again for what was typed', async ({
  page,
}) => {
  const person = testPerson();
  await openOnboarding(page, 'redundant-entry');
  while ((await settledFlowState(page)) === 'collect') {
    await fillCurrentStep(page, person);
    await submitStep(page);
  }
  await expect(reviewStep(page)).toBeVisible();
  const changes = reviewStep(page).getByRole('button', { name: /^Change/ });
  const rows = await changes.count();
  expect(rows).toBeGreaterThan(5);
  const emptyAfterChange: string[] = [];
  for (let row = 0; row < rows; row += 1) {
    await changes.nth(row).click();
    await expect(flowRoot(page)).toHaveAttribute('data-state', 'collect');
    // Every answer of the step is there to keep or change, the SSN and the date of birth too (held in memory).
    const stepId = await currentStepId(page);
    const empty = await page
      .locator('main form [name]')
      .evaluateAll((controls) =>
        controls
          .filter((control) => (control as HTMLInputElement | HTMLSelectElement).value === '')
          .map((control) => control.getAttribute('name')),
      );
    emptyAfterChange.push(...empty.map((name) => `${stepId}: ${name}`));
    await submitStep(page);
    await expect(reviewStep(page)).toBeVisible();
  }
  expect(emptyAfterChange).toEqual([]);
  const custody = await completeOnboarding(page, person);
  expect(custody.finalState).not.toBe('unavailable');

  // Another capability for the same person asks only for what the first one did not.
  await page.goto('/onboarding?capability=tradeCrypto');
  const askedAgain: string[] = [];
  const trade = await completeOnboarding(page, person, {
    onScreen: async () => {
      // Once the customer's own plan is known (the step counts), not the first step guessed before it.
      await expect(page.locator('main .kyc-progress').first()).toHaveText(/Step \d+ of \d+/);
      const names = await currentFieldNames(page);
      askedAgain.push(
        ...names.filter((name) =>
          /^(firstName|lastName|dateOfBirth|address|fullSsn|purposeOfAccount|sourceOfFunds)/.test(name),
        ),
      );
    },
  });
  expect(trade.steps.length).toBeGreaterThan(0);
  expect(askedAgain).toEqual([]);
});
