import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './support/expectNoAxeViolations';
import { flowRoot, signInWithApi, uniqueUsername } from './support/journey';

test('every page of the wallet has its landmarks, one h1 and no axe violation', async ({ page }) => {
  await page.goto('/sign-in');
  await expectNoAxeViolations(page, 'sign-in');

  await signInWithApi(page, uniqueUsername('pages'));
  const pages = [
    { path: '/', title: 'Your wallet' },
    { path: '/onboarding?capability=transferFiat', title: 'Verify your identity' },
    { path: '/onboarding/headless?capability=tradeCrypto', title: 'Verify your identity (plain HTML)' },
    { path: '/no-such-page', title: 'Page not found' },
  ];
  for (const { path, title } of pages) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    await expect(page.getByRole('banner')).toHaveCount(1);
    await expect(page.getByRole('main')).toHaveCount(1);
    await expect(page.getByRole('contentinfo')).toHaveCount(1);
    if (path.startsWith('/onboarding')) await expect(flowRoot(page)).toHaveAttribute('data-state', 'collect');
    await expectNoAxeViolations(page, path);
  }

  // The skip link lands on the main content.
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Your wallet' })).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();
});
