import { expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import { signInWithApi, uniqueUsername } from './journey';

/** A 320 px phone, the narrowest screen the kit is built for (WCAG 1.4.10 reflow). */
export const PHONE = { width: 320, height: 640 } as const;

/** The two looks issue 16 checks a moment in: light on a desktop, dark on a 320 px phone. */
export const VARIANTS = [
  { theme: 'light', device: 'desktop', viewport: { width: 1280, height: 900 } },
  { theme: 'dark', device: 'phone', viewport: PHONE },
] as const;

/** One of {@link VARIANTS}. */
export type Variant = (typeof VARIANTS)[number];

/** How {@link openOnboarding} opens the page. */
export interface OpenOnboardingOptions {
  /** Sets the variant's viewport, then picks its theme in the demo's header (through Menu on a phone). */
  variant?: Variant;
  /** A viewport without picking a theme (ignored with `variant`). */
  viewport?: { width: number; height: number };
  /** The demo page: `/onboarding` (styled) or `/onboarding/headless` (plain HTML). */
  path?: string;
  /** The capability the flow is opened for. */
  capability?: string;
}

/**
 * Opens the onboarding as a new user: sets the viewport, signs in a username no earlier test used
 * (from `name`, plus the variant's device), goes to the page for the capability and, for a variant,
 * picks its theme and waits until the page shows it.
 */
export async function openOnboarding(
  page: Page,
  name: string,
  { variant, viewport, path = '/onboarding', capability = 'custodyFiat' }: OpenOnboardingOptions = {},
): Promise<void> {
  const size = variant?.viewport ?? viewport;
  if (size) await page.setViewportSize(size);
  await signInWithApi(page, uniqueUsername(variant ? `${name}-${variant.device}` : name));
  await page.goto(`${path}?capability=${capability}`);
  if (!variant) return;
  if (variant.device === 'phone') await page.getByRole('button', { name: 'Menu' }).click();
  await page.getByRole('radio', { name: variant.theme === 'dark' ? 'Dark' : 'Light' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', variant.theme);
}

/** Lets the sandbox finish the verification it holds for a "Slow" customer (its provider decides). */
export async function advanceVerification(page: Page): Promise<void> {
  expect((await page.request.post('/api/demo/sandbox/advance', { data: {} })).ok()).toBe(true);
}
