import { expect, test } from '@playwright/test';
import { completeOnboarding, flowRoot, testPerson } from '../../../e2e/support/journey';

test('the page is rendered on the server with the kit in it, before any script runs', async ({ request }) => {
  const html = await (await request.get('/')).text();
  expect(html).toContain('<h1>Acme Pay</h1>');
  // <Onboarding> (a client component from the packed @kyc-kit/react) rendered its first step on the server:
  // the step planned for a customer that does not exist yet, which the customer's read confirms or re-plans.
  expect(html).toMatch(/class="kyc-root" data-state="collect"/);
  expect(html).toContain('First name');
  expect(html).not.toContain('Loading…');
  expect(html).toContain('Your US dollar account opens once you are verified.');
});

// The app as built from the packed tarballs, the proxy in a route handler, the sandbox from its own CLI.
test('a new user onboards through the packed kit until custodyFiat is active, and the gate opens', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Acme Pay' })).toBeVisible();

  const record = await completeOnboarding(page, testPerson());
  expect(record.sawTerms).toBe(true);
  expect(['verifying', 'done']).toContain(record.finalState);

  // The sandbox verifies and signs a webhook to the route handler; the event stream updates the page.
  await expect(flowRoot(page)).toHaveAttribute('data-state', 'done', { timeout: 20_000 });
  await expect(page.getByText('Your US dollar account is open.')).toBeVisible();
});
