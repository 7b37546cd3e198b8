import { expect, test } from '@playwright/test';
import {
  completeOnboarding,
  flowRoot,
  signInThroughPage,
  testPerson,
  typedValues,
  uniqueUsername,
} from './support/journey';

test('after the flow, no personal detail is in localStorage, sessionStorage, any URL or the console', async ({
  page,
  context,
}) => {
  // A date of birth no other text on the page could contain by chance.
  const person = testPerson({ dateOfBirth: { day: '14', month: '11', year: '1983' } });
  const consoleLines: string[] = [];
  const urls: string[] = [];
  page.on('console', (message) => consoleLines.push(message.text()));
  page.on('pageerror', (error) => consoleLines.push(error.message));
  page.on('request', (request) => urls.push(request.url()));
  page.on('framenavigated', (frame) => urls.push(frame.url()));

  await signInThroughPage(page, uniqueUsername('privacy'));
  await page.getByRole('region', { name: 'Actions' }).getByRole('link', { name: 'Buy crypto' }).click();
  await completeOnboarding(page, person);
  await expect(flowRoot(page)).toHaveAttribute('data-state', 'done');
  urls.push(page.url());

  const storage = await page.evaluate(() => {
    const dump = (store: Storage) =>
      Array.from({ length: store.length }, (_, index) => {
        const key = store.key(index) ?? '';
        return `${key}=${store.getItem(key) ?? ''}`;
      });
    return { local: dump(window.localStorage), session: dump(window.sessionStorage) };
  });
  const cookies = (await context.cookies()).map((cookie) => `${cookie.name}=${cookie.value}`);

  const places: Record<string, string> = {
    localStorage: storage.local.join('\n'),
    sessionStorage: storage.session.join('\n'),
    'document cookies': cookies.join('\n'),
    URLs: urls.map((url) => decodeURIComponent(url)).join('\n'),
    console: consoleLines.join('\n'),
  };
  for (const value of [...typedValues(person), '1983']) {
    for (const [place, content] of Object.entries(places)) {
      expect(content.includes(value), `"${value}" found in ${place}`).toBe(false);
    }
  }
  // Only display choices are stored by the wallet itself.
  for (const entry of storage.local) expect(entry).toMatch(/^northwind\.(theme|locale)=/);
});

test("a person who signs in on the same tab after another never sees the other's draft", async ({ page }) => {
  await signInThroughPage(page, uniqueUsername('draft-a'));
  await page.getByRole('region', { name: 'Actions' }).getByRole('link', { name: 'Buy crypto' }).click();
  // Typed, not saved: what the draft keeps across a reload.
  await page.getByLabel('First name').fill('Augusta');
  await page.getByLabel('Last name').fill('Byron');
  await expect
    .poll(() => page.evaluate(() => JSON.stringify(Object.values(window.sessionStorage))))
    .toContain('Augusta');
  // Kept as this person's, under a tag of their user key: the kit was told who signed in on this tab.
  expect(await page.evaluate(() => Object.keys(window.sessionStorage))).toContainEqual(
    expect.stringMatching(/^kyc-kit:draft:u\w+:new$/),
  );

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  expect(await page.evaluate(() => JSON.stringify(Object.values(window.sessionStorage)))).not.toContain(
    'Augusta',
  );

  await page.getByLabel('Username').fill(uniqueUsername('draft-b'));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('region', { name: 'Actions' }).getByRole('link', { name: 'Buy crypto' }).click();
  await expect(page.getByLabel('First name')).toHaveValue('');
  await expect(page.getByLabel('Last name')).toHaveValue('');
});
