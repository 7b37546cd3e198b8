import { describe, expect, it } from 'vitest';
import { fieldSpecFor } from '../fields/fieldSpecFor';
import { createTranslator } from './messages';
import { dateExample, datePartOrder, phoneCountryOptions, sortOptionsByLabel } from './localeOrder';

describe('sortOptionsByLabel', () => {
  it('orders the citizenship list by name in the locale, not by ISO code', () => {
    const t = createTranslator('en');
    const options = (fieldSpecFor('citizenship').options ?? []).map((option) => ({
      value: option.value,
      label: t(option.labelId),
    }));
    const labels = sortOptionsByLabel(options, 'en').map((option) => option.label);
    expect(labels.slice(0, 3)).toEqual(['Afghanistan', 'Åland Islands', 'Albania']);
    expect(labels.indexOf('United Arab Emirates')).toBeGreaterThan(labels.indexOf('Andorra'));
  });

  it("uses the locale's alphabet: Spanish sorts by the Spanish names", () => {
    const t = createTranslator('es');
    const sorted = sortOptionsByLabel(
      ['DE', 'AL', 'ES', 'SE'].map((code) => ({ value: code, label: t(`country.${code}`) })),
      'es',
    );
    expect(sorted.map((option) => option.label)).toEqual(['Albania', 'Alemania', 'España', 'Suecia']);
  });
});

describe('datePartOrder and dateExample', () => {
  it('puts the month first in en-US and the day first in es', () => {
    expect(datePartOrder('en-US')).toEqual(['month', 'day', 'year']);
    expect(datePartOrder('en')).toEqual(['month', 'day', 'year']);
    expect(datePartOrder('es')).toEqual(['day', 'month', 'year']);
    expect(datePartOrder('en-GB')).toEqual(['day', 'month', 'year']);
    expect(dateExample('en-US')).toBe('3 27 1990');
    expect(dateExample('es')).toBe('27 3 1990');
  });

  it('falls back to day first for a malformed locale', () => {
    expect(datePartOrder('not a locale')).toEqual(['day', 'month', 'year']);
  });
});

describe('phoneCountryOptions', () => {
  it('shows each country with its calling code, in the same order as the citizenship list', () => {
    const t = createTranslator('en');
    const options = phoneCountryOptions(t, 'en');
    expect(options.find((option) => option.value === 'US')?.label).toBe('United States (+1)');
    expect(options.find((option) => option.value === 'GB')?.label).toBe('United Kingdom (+44)');
    expect(options[0]?.label).toBe('Afghanistan (+93)');
    const citizenship = sortOptionsByLabel(
      (fieldSpecFor('citizenship').options ?? []).map((option) => ({
        value: option.value,
        label: t(option.labelId),
      })),
      'en',
    );
    expect(options.map((option) => option.value)).toEqual(citizenship.map((option) => option.value));
  });
});
