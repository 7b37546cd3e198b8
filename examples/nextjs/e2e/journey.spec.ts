import { expect, test } from '@playwright/test';
import { completeOnboarding, fillCurrentStep, flowRoot, testPerson } from '../../../e2e/support/journey';

test('the page is rendered on the server with the kit in it, before any script runs', async ({ request }) => {
  const html = await (await request.get('/')).text();
  expect(html).toContain('<h1>Acme Pay</h1>');
  // <Onboarding> (a client component from the packed @kyc-kit/react) rendered its first step on the server:
  // the step planned for a customer that does not exist yet, which the customer's read confirms or re-plans.
  expect(html).toMatch(/class="kyc-root" data-state="collect"/);
  expect(html).toContain('First name');
  expect(html).not.toContain('Loading…');
  expect(html).toContain('Buying crypto opens once you are verified.');
});

test.describe('before any script runs', () => {
  test.use({ javaScriptEnabled: false });

  test('Enter in the server-rendered step sends nothing anywhere and keeps what was typed', async ({
    page,
  }) => {
    await page.goto('/');
    const sent: string[] = [];
    page.on('request', (request) => sent.push(`${request.method()} ${request.url()}`));
    const form = page.locator('main form[aria-labelledby]');
    await form.getByLabel('First name').fill('Ada');
    await form.getByLabel('Last name').fill('Quill');
    const year = form.getByLabel('Year');
    await year.fill('1990');
    await year.press('Enter');
    await form.getByRole('button', { name: 'Continue' }).click();
    // A native submit would be a navigation: a GET writing the boxes into the URL, or a POST sending them.
    await page.waitForTimeout(500);
    expect(sent).toEqual([]);
    expect(new URL(page.url()).search).toBe('');
    await expect(form.getByLabel('First name')).toHaveValue('Ada');
    await expect(year).toHaveValue('1990');
  });
});

// The app as built from the packed tarballs, the proxy in a route handler, the sandbox from its own CLI.
test('a new user onboards through the packed kit until tradeCrypto is active, and the gate opens', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Acme Pay' })).toBeVisible();

  // Up to the step that asks for the phone number.
  const person = testPerson();
  const beforePhone = await completeOnboarding(page, person, {
    stopAt: (_step, fieldNames) => fieldNames.includes('phoneNumber.number'),
  });
  expect(beforePhone.finalState).toBe('collect');
  // Nine digits are the right length for no US number. Only libphonenumber-js's rules know that: they are
  // a chunk of the packed core that the page loads after its first paint, and the form waits for them.
  await fillCurrentStep(page, { ...person, phoneNumber: '201555012' });
  await page.locator('main form[aria-labelledby] button[type="submit"]').click();
  await expect(
    page.locator('main').getByText('Enter a real phone number, including the area code').first(),
  ).toBeVisible();

  const record = await completeOnboarding(page, person);
  expect(record.sawTerms).toBe(true);
  expect(['verifying', 'done']).toContain(record.finalState);

  // The sandbox verifies and signs a webhook to the route handler; the event stream updates the page.
  await expect(flowRoot(page)).toHaveAttribute('data-state', 'done', { timeout: 20_000 });
  await expect(page.getByText('You can buy crypto now.')).toBeVisible();
});
