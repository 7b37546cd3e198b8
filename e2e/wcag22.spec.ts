import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { flowRoot, testPerson } from './support/journey';
import { PHONE, openOnboarding } from './support/openOnboarding';
import {
  TEXT_SPACING_CSS,
  checkFocus,
  completeWithKeyboard,
  faintInputBorders,
  reflowProblems,
  undersizedTargets,
} from './support/wcag';

// WCAG 2.2 AA beyond axe (issue 15), measured in the browser on every screen of the journey: the
// styled <Onboarding> in the dark theme and the plain-HTML page on the headless hooks in the light.

/** The checks of one screen: target size, input borders, then reflow at 320 px with text spacing. */
async function measureScreen(page: Page, screen: string): Promise<string[]> {
  const problems = [...(await undersizedTargets(page)), ...(await faintInputBorders(page))].map(
    (problem) => `${screen}: ${problem}`,
  );
  const viewport = page.viewportSize();
  await page.setViewportSize(PHONE);
  const spacing = await page.addStyleTag({ content: TEXT_SPACING_CSS });
  problems.push(
    ...(await reflowProblems(page)).map((problem) => `${screen} at 320 px, text spacing: ${problem}`),
  );
  await spacing.evaluate((element) => element.parentNode?.removeChild(element));
  if (viewport) await page.setViewportSize(viewport);
  return problems;
}

for (const { path, theme } of [
  { path: '/onboarding', theme: 'dark' },
  { path: '/onboarding/headless', theme: 'light' },
] as const) {
  test(`${path} (${theme}): by keyboard alone, each Tab stop visibly focused, each screen measured`, async ({
    page,
  }) => {
    await openOnboarding(page, `wcag-${theme}`, { path, viewport: { width: 1280, height: 900 } });
    await page.getByRole('radio', { name: theme === 'dark' ? 'Dark' : 'Light' }).check();
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
