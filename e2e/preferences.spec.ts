import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './support/expectNoAxeViolations';
import { completeOnboarding, flowRoot, testPerson, uniqueUsername } from './support/journey';
import { captureStep } from './support/captureStep';

test('in Spanish: the wallet, the kit, the Terms of Service and the outcome', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByRole('radio', { name: 'Español' }).check();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Inicie sesión en Northwind Wallet');

  await page.getByLabel('Nombre de usuario').fill(uniqueUsername('es'));
  await page.getByRole('button', { name: 'Iniciar sesión' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Su billetera' })).toBeVisible();
  await expect(page.locator('[data-capability="custodyFiat"]')).toContainText('Sin configurar');

  await page.getByRole('region', { name: 'Acciones' }).getByRole('link', { name: 'Guardar dólares' }).click();
  await expect(flowRoot(page)).toHaveAttribute('data-state', 'collect');
  await expect(page.getByRole('heading', { level: 2, name: 'Sus datos' })).toBeVisible();
  await expect(page.getByLabel('Nombre', { exact: true })).toBeVisible();
  await expectNoAxeViolations(page, 'the first step in Spanish');
  await captureStep(page, 'es-step-personal');

  const record = await completeOnboarding(page, testPerson({ firstName: 'Slow' }), {
    onScreen: async (screen) => {
      if (screen !== 'terms') return;
      // The document comes in the reader's language.
      await expect(
        page.getByRole('heading', { name: 'Términos de servicio del entorno de pruebas' }).first(),
      ).toBeVisible();
      await expectNoAxeViolations(page, 'the Terms of Service in Spanish');
      await captureStep(page, 'es-step-terms');
    },
  });
  expect(record.sawTerms).toBe(true);
  expect((await page.request.post('/api/demo/sandbox/advance', { data: {} })).ok()).toBe(true);
  await expect(flowRoot(page)).toHaveAttribute('data-state', 'done');
  await expect(page.getByRole('heading', { name: 'Todo listo' })).toBeVisible();

  // The choice is remembered across a reload.
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expect(page.getByRole('heading', { level: 1, name: 'Verifique su identidad' })).toBeVisible();
});

test('the dark theme reaches the wallet and the kit, and is remembered', async ({ page }) => {
  await page.request.post('/api/demo/session', { data: { username: uniqueUsername('dark') } });
  await page.goto('/onboarding?capability=custodyFiat');
  await expect(flowRoot(page)).toHaveAttribute('data-state', 'collect');
  await page.getByRole('radio', { name: 'Dark' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');

  const colours = async () =>
    page.evaluate(() => ({
      page: getComputedStyle(document.documentElement).backgroundColor,
      kit: getComputedStyle(document.querySelector('.kyc-root') ?? document.body)
        .getPropertyValue('--kyc-color-background')
        .trim(),
    }));
  expect(await colours()).toEqual({ page: 'rgb(13, 16, 21)', kit: '#111418' });
  await expectNoAxeViolations(page, 'the first step in the dark theme');

  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByRole('radio', { name: 'Light' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  expect((await colours()).page).toBe('rgb(244, 246, 251)');
});
