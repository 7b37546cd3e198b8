import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { expectNoAxeViolations } from './support/expectNoAxeViolations';
import {
  completeOnboarding,
  flowRoot,
  signInThroughPage,
  testPerson,
  uniqueUsername,
} from './support/journey';
import { captureStep } from './support/captureStep';

/** Fails when the page scrolls sideways: on a phone every screen must fit its width. */
async function expectNoSidewaysScroll(page: Page, where: string): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${where} is wider than the viewport`).toBeLessThanOrEqual(0);
}

/** The relative luminance of the page background (0 black, 1 white). */
async function backgroundLuminance(page: Page): Promise<number> {
  return page.evaluate(() => {
    const [red = 0, green = 0, blue = 0] = (
      getComputedStyle(document.documentElement).backgroundColor.match(/\d+/g) ?? []
    )
      .slice(0, 3)
      .map((channel) => {
        const value = Number(channel) / 255;
        return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
      });
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue;
  });
}

const VARIANTS = [
  { theme: 'light', device: 'desktop', viewport: { width: 1280, height: 900 } },
  { theme: 'dark', device: 'desktop', viewport: { width: 1280, height: 900 } },
  { theme: 'light', device: 'phone', viewport: { width: 375, height: 667 } },
  { theme: 'dark', device: 'phone', viewport: { width: 375, height: 667 } },
] as const;

for (const variant of VARIANTS) {
  test.describe(`${variant.theme} theme on a ${variant.device} (${variant.viewport.width}x${variant.viewport.height})`, () => {
    test.use({
      viewport: variant.viewport,
      hasTouch: variant.device === 'phone',
      isMobile: variant.device === 'phone',
    });

    test(
      variant.device === 'desktop'
        ? 'every screen of the journey is axe-clean, and photographed'
        : 'every screen of the journey fits the phone, and is photographed',
      async ({ page }) => {
        const screen = async (name: string) => {
          // axe takes one to three seconds a scan: the desktop runs scan both palettes, the
          // phone runs check layout (nothing sideways) on the same screens.
          if (variant.device === 'desktop')
            await expectNoAxeViolations(page, `${name} (${variant.theme} theme)`);
          else await expectNoSidewaysScroll(page, name);
          await captureStep(page, name);
        };

        await page.goto('/sign-in');
        if (variant.device === 'phone') {
          // A compact banner: the display switches wait behind "Menu", which says whether it is open.
          const menu = page.getByRole('button', { name: 'Menu' });
          await expect(menu).toHaveAttribute('aria-expanded', 'false');
          await expect(page.getByRole('radio', { name: 'Dark' })).toBeHidden();
          await menu.click();
          await expect(menu).toHaveAttribute('aria-expanded', 'true');
        } else {
          await expect(page.getByRole('button', { name: 'Menu' })).toBeHidden();
        }
        await page.getByRole('radio', { name: variant.theme === 'dark' ? 'Dark' : 'Light' }).check();
        await expect(page.locator('html')).toHaveAttribute('data-theme', variant.theme);
        const luminance = await backgroundLuminance(page);
        if (variant.theme === 'dark') expect(luminance).toBeLessThan(0.05);
        else expect(luminance).toBeGreaterThan(0.8);
        await screen('01-sign-in');

        await signInThroughPage(page, uniqueUsername(`${variant.theme}-${variant.device}`));
        if (variant.device === 'phone') {
          // Signed in, the banner is the brand and "Menu", which opens the navigation: a fraction of the screen.
          const banner = await page.getByRole('banner').boundingBox();
          expect(banner?.height ?? Infinity).toBeLessThanOrEqual(120);
          const menu = page.getByRole('button', { name: 'Menu' });
          await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
          await menu.click();
          await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
          await page.keyboard.press('Escape');
          await expect(menu).toHaveAttribute('aria-expanded', 'false');
          await expect(menu).toBeFocused();
        }
        await screen('02-home');

        await page
          .getByRole('region', { name: 'Actions' })
          .getByRole('link', { name: 'Hold US dollars' })
          .click();
        await expect(flowRoot(page)).toHaveAttribute('data-state', 'collect');

        let index = 3;
        const record = await completeOnboarding(page, testPerson({ firstName: 'Slow' }), {
          onScreen: async (name) => {
            await screen(`${String(index).padStart(2, '0')}-step-${name}`);
            index += 1;
          },
        });
        expect(record.finalState).toBe('verifying');
        await screen(`${String(index).padStart(2, '0')}-verifying`);

        expect((await page.request.post('/api/demo/sandbox/advance', { data: {} })).ok()).toBe(true);
        await expect(flowRoot(page)).toHaveAttribute('data-state', 'done');
        await screen(`${String(index + 1).padStart(2, '0')}-done`);

        await page.getByRole('link', { name: 'Back to your wallet' }).click();
        await expect(page.locator('[data-capability="custodyFiat"]')).toContainText('Ready');
        await screen(`${String(index + 2).padStart(2, '0')}-home-active`);

        // The error summary: Continue with nothing typed, on tradeCrypto's extra questions.
        await page.getByRole('region', { name: 'Actions' }).getByRole('link', { name: 'Buy crypto' }).click();
        await expect(flowRoot(page)).toHaveAttribute('data-state', 'collect');
        await page.locator('main form[aria-labelledby] button[type="submit"]').click();
        await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toBeFocused();
        await screen(`${String(index + 3).padStart(2, '0')}-error-summary`);
      },
    );
  });
}
