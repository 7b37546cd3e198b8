import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { RequirementsForm } from '../components/RequirementsForm';
import { customerFixtures } from '@kyc-kit/testing/fixtures';
import { createFakeClient, onlyRequirements } from '@kyc-kit/testing';
import { renderWithClient } from '@kyc-kit/testing/react';

function renderField(
  customer: Parameters<typeof onlyRequirements>[0],
  keys: string[],
  capability = 'custodyFiat',
  locale = 'en',
) {
  const client = createFakeClient({ customer: onlyRequirements(customer, keys) });
  renderWithClient(<RequirementsForm capabilities={[capability]} saveDraft={false} />, client, { locale });
}

function optionTexts(select: HTMLElement): string[] {
  return within(select)
    .getAllByRole('option')
    .map((option) => option.textContent ?? '');
}

/** The option texts of a long list, once complete (a country list fills in right after the first paint). */
async function optionNames(select: HTMLElement): Promise<string[]> {
  await waitFor(() => expect(optionTexts(select).length).toBeGreaterThan(2));
  return optionTexts(select);
}

describe('field details that follow the locale', () => {
  it('lists citizenship by country name, not by ISO code', async () => {
    renderField(customerFixtures.pendingTradeCrypto, ['citizenship'], 'tradeCrypto');
    const select = await screen.findByRole('combobox', { name: 'Country of citizenship' });
    const names = (await optionNames(select)).slice(1);
    expect(names.slice(0, 2)).toEqual(['Afghanistan', 'Åland Islands']);
    expect(names.indexOf('Andorra')).toBeLessThan(names.indexOf('United Arab Emirates'));
  });

  it('lists citizenship in the Spanish alphabet of the Spanish names', async () => {
    renderField(customerFixtures.pendingTradeCrypto, ['citizenship'], 'tradeCrypto', 'es');
    const names = await optionNames(await screen.findByRole('combobox', { name: 'País de ciudadanía' }));
    expect(names.indexOf('Alemania')).toBeLessThan(names.indexOf('Andorra'));
    expect(names.indexOf('España')).toBeLessThan(names.indexOf('Estados Unidos'));
  });

  it('shows the calling code in the phone country select, in the citizenship order', async () => {
    renderField(customerFixtures.pendingTradeCrypto, ['phoneNumber'], 'tradeCrypto');
    const country = await screen.findByRole('combobox', { name: 'Country code' });
    expect(within(country).getByRole('option', { name: 'United States (+1)' })).toHaveValue('US');
    expect((await optionNames(country))[0]).toBe('Afghanistan (+93)');
  });

  it('lists states by name', async () => {
    renderField(customerFixtures.pendingNew, ['addressSubdivision']);
    const names = (await optionNames(await screen.findByRole('combobox', { name: 'State' }))).slice(1);
    expect(names.slice(0, 4)).toEqual(['Alabama', 'Alaska', 'American Samoa', 'Arizona']);
  });

  it('shows a list with a single option as already chosen, with no empty choice', async () => {
    renderField(customerFixtures.pendingNew, ['addressCountryCode']);
    const select = await screen.findByRole('combobox', { name: /Country/ });
    expect(select).toHaveValue('US');
    expect(optionTexts(select)).toEqual(['United States']);
  });

  it('orders the date boxes and the example month-first in English, day-first in Spanish', async () => {
    renderField(customerFixtures.pendingNew, ['dateOfBirth']);
    const group = await screen.findByRole('group', { name: 'Date of birth' });
    expect(
      within(group)
        .getAllByRole('textbox')
        .map((box) => box.getAttribute('autocomplete')),
    ).toEqual(['bday-month', 'bday-day', 'bday-year']);
    expect(group).toHaveAccessibleDescription('For example, 3 27 1990');
  });

  it('orders the date boxes day-first in Spanish', async () => {
    renderField(customerFixtures.pendingNew, ['dateOfBirth'], 'custodyFiat', 'es');
    const group = await screen.findByRole('group', { name: 'Fecha de nacimiento' });
    expect(
      within(group)
        .getAllByRole('textbox')
        .map((box) => box.getAttribute('autocomplete')),
    ).toEqual(['bday-day', 'bday-month', 'bday-year']);
    expect(group).toHaveAccessibleDescription('Por ejemplo, 27 3 1990');
  });
});
