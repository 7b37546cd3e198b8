import { expect, test } from '@playwright/test';
import { completeOnboarding, flowRoot, testPerson } from '../../../e2e/support/journey';

// The app as built from the packed tarballs, in front of the sandbox started from its own CLI.
test('a new user onboards through the packed kit until custodyFiat is active, and the gate opens', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Acme Pay' })).toBeVisible();
  await expect(page.getByText('Your US dollar account opens once you are verified.')).toBeVisible();

  const record = await completeOnboarding(page, testPerson());
  expect(record.sawTerms).toBe(true);
  expect(['verifying', 'done']).toContain(record.finalState);

  // The sandbox verifies, signs a webhook to the proxy, and the proxy's event stream updates the page.
  await expect(flowRoot(page)).toHaveAttribute('data-state', 'done', { timeout: 20_000 });
  await expect(page.getByText('Your US dollar account is open.')).toBeVisible();
});
