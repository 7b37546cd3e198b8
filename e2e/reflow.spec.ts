import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { buildStandaloneChunks } from '../scripts/build-standalone.mjs';
import { fillCurrentStep, signInWithApi, testPerson, uniqueUsername } from './support/journey';
import { advanceVerification } from './support/openOnboarding';
import { REFLOW_VIEWPORT, applyTextSpacing, reflowProblems, removeTextSpacing } from './support/reflow';

// WCAG 2.2 1.4.10 Reflow and 1.4.12 Text Spacing (issue 15), on every screen a person sees at 320 by 256 CSS px
// (1280 px at 400% zoom), in the styled React flow and in the custom elements (open shadow roots): each screen
// as it is, then with WCAG's text spacing applied to the page and inside each shadow root.

/** A plain page on the demo's origin with the three custom elements, the standalone script and its phone files. */
const ELEMENTS_PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Custom elements at 320 px</title>
    <script type="module" src="/e2e-elements/standalone.js"></script>
    <style>body { margin: 0; font-family: Georgia, serif; } main { padding: 1rem; }</style>
  </head>
  <body>
    <main>
      <h1>Verify your account</h1>
      <kyc-capability-status capability="tradeCrypto"></kyc-capability-status>
      <kyc-capability-gate capability="tradeCrypto">
        <p>You can trade crypto now.</p>
        <p slot="fallback">Trading opens once you are verified.</p>
      </kyc-capability-gate>
      <kyc-onboarding capability="tradeCrypto"></kyc-onboarding>
    </main>
  </body>
</html>`;

/** The elements' standalone files by name, built in memory from today's sources (scripts/build-standalone.mjs). */
async function buildStandalone(): Promise<Map<string, string>> {
  const files = new Map((await buildStandaloneChunks()).map((chunk) => [chunk.fileName, chunk.code]));
  expect([...files.keys()]).toContain('standalone.js');
  return files;
}

let standaloneFiles: Promise<Map<string, string>> | undefined;

/** Serves {@link ELEMENTS_PAGE} at `/e2e-elements/` and the standalone files beside it. */
async function routeElementsPage(page: Page): Promise<void> {
  const files = await (standaloneFiles ??= buildStandalone());
  await page.route('**/e2e-elements/**', async (route) => {
    const file = new URL(route.request().url()).pathname.replace('/e2e-elements/', '');
    const script = files.get(file);
    if (file === '') await route.fulfill({ contentType: 'text/html; charset=utf-8', body: ELEMENTS_PAGE });
    else if (script !== undefined) await route.fulfill({ contentType: 'text/javascript', body: script });
    else await route.fulfill({ status: 404, body: '' });
  });
}

/** The screen measured as it is and with text spacing; each problem is named with the screen. */
async function measure(page: Page, screen: string, problems: string[]): Promise<void> {
  problems.push(...(await reflowProblems(page)).map((problem) => `${screen}: ${problem}`));
  expect(await applyTextSpacing(page), `${screen}: text spacing reached every root`).toEqual([]);
  problems.push(...(await reflowProblems(page)).map((problem) => `${screen}, text spacing: ${problem}`));
  await removeTextSpacing(page);
}

/** Where the flow under `root` is: its state, step and the names of its controls. */
async function position(root: Locator): Promise<string> {
  const state = await root.locator('[data-state]').first().getAttribute('data-state');
  const step =
    (await root.locator('[data-step]').count()) > 0
      ? await root.locator('[data-step]').first().getAttribute('data-step')
      : '';
  const names = await root
    .locator('form [name]')
    .evaluateAll((controls) => controls.map((control) => control.getAttribute('name')));
  return `${state}|${step}|${names.join()}`;
}

/**
 * Walks the flow under `root` at 320 px and measures each screen: each form step after a Continue with nothing
 * typed (its error summary and the errors under its fields), the review, the Terms (with the error of a submit
 * without the box), the verification in progress and the verified message.
 */
async function walkFlow(page: Page, root: Locator, problems: string[]): Promise<string[]> {
  const flow = root.locator('[data-state]').first();
  const screens: string[] = [];
  for (let guard = 0; guard < 14; guard += 1) {
    await expect(flow).not.toHaveAttribute('data-state', 'loading');
    const state = await flow.getAttribute('data-state');
    if (state === 'collect') {
      const step = (await root.locator('[data-step]').first().getAttribute('data-step')) ?? 'collect';
      screens.push(step);
      const submit = root.locator('form[aria-labelledby] button[type="submit"]');
      await submit.click();
      await expect(root.getByRole('alert').filter({ hasText: /problem/ })).toBeVisible();
      await measure(page, `${step} with errors`, problems);
      await fillCurrentStep(page, testPerson({ firstName: 'Slow' }));
      await measure(page, `${step} filled`, problems);
      const before = await position(root);
      await submit.click();
      await expect.poll(() => position(root), { message: `the flow stayed at ${before}` }).not.toBe(before);
    } else if (state === 'review') {
      screens.push('review');
      await measure(page, 'review', problems);
      await root.locator('[data-step="review"] button').last().click();
      await expect(flow).not.toHaveAttribute('data-state', 'review');
    } else if (state === 'terms') {
      screens.push('terms');
      const box = root.locator('input[type="checkbox"]').last();
      await expect(box).toBeEnabled();
      await measure(page, 'terms', problems);
      const accept = root.locator('button[type="submit"]').last();
      await accept.click();
      await expect(box).toHaveAttribute('aria-invalid', 'true');
      await measure(page, 'terms with its error', problems);
      await box.check();
      await accept.click();
      await expect(flow).not.toHaveAttribute('data-state', 'terms');
    } else if (state === 'verifying') {
      screens.push('verifying');
      await measure(page, 'verifying', problems);
      await advanceVerification(page);
      await expect(flow).not.toHaveAttribute('data-state', 'verifying');
    } else {
      screens.push(state ?? '');
      await measure(page, state ?? '', problems);
      return screens;
    }
  }
  throw new Error(`the flow never ended: ${screens.join(', ')}`);
}

/** A compliance decision after the fact: the sandbox turns the capability off, and the page says so live. */
async function forceInactive(page: Page, root: Locator, problems: string[]): Promise<void> {
  const forced = await page.request.post('/api/demo/sandbox/capabilities', {
    data: { capability: 'tradeCrypto', status: 'inactive' },
  });
  expect(forced.ok()).toBe(true);
  await expect(root.locator('[data-state]').first()).toHaveAttribute('data-state', 'unavailable');
  await measure(page, 'unavailable', problems);
}

test.use({ viewport: REFLOW_VIEWPORT });

test('1.4.10 and 1.4.12, React: at 320 by 256 px, with and without text spacing, nothing scrolls sideways, is cut off, overlaps or is out of reach', async ({
  page,
}) => {
  const problems: string[] = [];
  await signInWithApi(page, uniqueUsername('reflow-react'));
  // The wallet: each capability's status and a gated action's fallback.
  await page.goto('/');
  await expect(page.locator('main .kyc-badge').first()).toBeVisible();
  await measure(page, 'wallet before', problems);

  await page.goto('/onboarding?capability=tradeCrypto');
  const screens = await walkFlow(page, page.locator('main'), problems);
  expect(screens).toEqual(
    expect.arrayContaining(['personal', 'address', 'review', 'terms', 'verifying', 'done']),
  );

  await page.goto('/');
  await expect(page.locator('main .kyc-badge').first()).toBeVisible();
  await measure(page, 'wallet after', problems);
  await page.goto('/onboarding?capability=tradeCrypto');
  await forceInactive(page, page.locator('main'), problems);
  expect(problems).toEqual([]);
});

test('1.4.10 and 1.4.12, custom elements: at 320 by 256 px, with and without text spacing inside the shadow roots, nothing scrolls sideways, is cut off, overlaps or is out of reach', async ({
  page,
}) => {
  const problems: string[] = [];
  await routeElementsPage(page);
  await signInWithApi(page, uniqueUsername('reflow-elements'));
  await page.goto('/e2e-elements/');
  const onboarding = page.locator('kyc-onboarding');
  await expect(onboarding.locator('[data-state]').first()).toBeVisible();
  await expect(page.locator('kyc-capability-status .kyc-badge')).toBeVisible();
  await expect(page.getByText('Trading opens once you are verified.')).toBeVisible();
  await measure(page, 'status and gate before', problems);

  const screens = await walkFlow(page, onboarding, problems);
  expect(screens).toEqual(
    expect.arrayContaining(['personal', 'address', 'review', 'terms', 'verifying', 'done']),
  );
  await expect(page.getByText('You can trade crypto now.')).toBeVisible();
  await measure(page, 'status and gate after', problems);
  await forceInactive(page, onboarding, problems);
  await expect(page.getByText('Trading opens once you are verified.')).toBeVisible();
  await measure(page, 'status and gate when unavailable', problems);
  expect(problems).toEqual([]);
});
