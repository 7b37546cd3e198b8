import { expect, test, type Page } from '@playwright/test';

// The Storybook catalogue as the demo serves it (built by `npm test` before the e2e run, or
// `pnpm run build:storybook`): its pages run under a script-src of 'self' and the hashes of their own
// inline scripts, with no 'unsafe-inline'.

/** Every CSP violation either of Storybook's documents (the manager and its preview frame) reports. */
async function recordViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction('reportCspViolation', (violation: string) => violations.push(violation));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { reportCspViolation(violation: string): void })
        .reportCspViolation;
      report(`${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} in ${location.pathname}`);
    });
  });
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) violations.push(message.text());
  });
  return violations;
}

test('the Storybook catalogue renders a story under a strict script-src, with no CSP violation', async ({
  page,
}) => {
  const violations = await recordViolations(page);
  const answer = await page.goto('/storybook/?path=/story/components-requirementsform--new-customer');
  expect(answer?.status(), 'the catalogue is built (pnpm run build:storybook) before the demo starts').toBe(
    200,
  );
  const scriptSource = (answer?.headers()['content-security-policy'] ?? '')
    .split('; ')
    .find((directive) => directive.startsWith('script-src '));
  expect(scriptSource).toMatch(/^script-src 'self'( 'sha256-[A-Za-z0-9+/]+=*')+$/);

  const preview = page.frameLocator('#storybook-preview-iframe');
  // The story's form, rendered by the preview's scripts (the manager loads the preview's bundle after its own).
  await expect(preview.locator('#storybook-root form')).toBeVisible({ timeout: 30_000 });
  await expect(preview.getByRole('textbox').first()).toBeVisible();
  // The manager's own UI too: its sidebar lists the stories.
  await expect(page.getByRole('link', { name: /new customer/i }).first()).toBeVisible();
  // A Docs page: the component's description, its stories and the props table, all drawn by the preview.
  await page.goto('/storybook/?path=/docs/components-requirementsform--docs');
  await expect(preview.locator('.sbdocs-content table').first()).toBeVisible({ timeout: 30_000 });

  expect(violations).toEqual([]);
});

test('an inline script injected into a Storybook page is refused', async ({ page }) => {
  const violations = await recordViolations(page);
  await page.goto('/storybook/iframe.html?id=components-requirementsform--new-customer&viewMode=story');
  await expect(page.locator('#storybook-root form')).toBeVisible({ timeout: 30_000 });

  const ran = await page.evaluate(async () => {
    const injected = document.createElement('script');
    injected.textContent = 'window.injectedScriptRan = true;';
    document.head.append(injected);
    await new Promise((resolve) => setTimeout(resolve, 0));
    return (window as unknown as { injectedScriptRan?: boolean }).injectedScriptRan === true;
  });
  expect(ran).toBe(false);
  await expect
    .poll(() => violations)
    .toContainEqual(expect.stringMatching(/^script-src-elem blocked inline/));
});
