import { expect, test } from '@playwright/test';
import { completeOnboarding, flowRoot, signInWithApi, testPerson, uniqueUsername } from './support/journey';

test('the browser console stays free of errors through the happy path, "no customer yet" included', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  const failedStatuses: string[] = [];
  page.on('response', (response) => {
    if (response.url().includes('/api/') && response.status() >= 400)
      failedStatuses.push(`${response.status()} ${response.url()}`);
  });

  await signInWithApi(page, uniqueUsername('console'));
  await page.goto('/onboarding?capability=custodyFiat');
  // A new user: the proxy answers "no customer yet" as a normal state, before anything is submitted.
  await expect(flowRoot(page)).toHaveAttribute('data-state', 'collect');
  const record = await completeOnboarding(page, testPerson());
  expect(record.sawTerms).toBe(true);
  expect((await page.request.post('/api/demo/sandbox/advance', { data: {} })).ok()).toBe(true);
  await expect(flowRoot(page)).toHaveAttribute('data-state', 'done');

  expect(failedStatuses).toEqual([]);
  expect(errors).toEqual([]);
});
