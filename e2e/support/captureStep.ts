import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';

/** Where the e2e run writes its screenshots; `docs/screenshots/` holds a chosen set of them. */
export const SCREENSHOT_DIRECTORY = path.resolve(process.cwd(), 'test-results', 'screenshots');

/**
 * Saves a full-page screenshot named after the step, the theme and the
 * viewport (e.g. `02-personal-dark-phone.png`). Screenshots document the
 * journey; they are not compared, so a pixel change never fails the suite.
 */
export async function captureStep(page: Page, step: string): Promise<string> {
  const theme = (await page.locator('html').getAttribute('data-theme')) ?? 'light';
  const width = page.viewportSize()?.width ?? 1280;
  const device = width < 600 ? 'phone' : 'desktop';
  const file = path.join(SCREENSHOT_DIRECTORY, `${step}-${theme}-${device}.png`);
  await mkdir(SCREENSHOT_DIRECTORY, { recursive: true });
  // Wait for web fonts and images so the picture is the page a person sees.
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled', caret: 'hide' });
  return file;
}
