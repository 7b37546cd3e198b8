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
