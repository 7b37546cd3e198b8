import { getCountries, getCountryCallingCode, parsePhoneNumberFromString } from 'libphonenumber-js/core';
import metadata from 'libphonenumber-js/min/metadata';
import { describe, expect, it } from 'vitest';
import { createTranslator } from '../messages/messages';
import { PHONE_COUNTRIES } from './phoneCountries';
import { loadPhoneMetadata } from './phoneMetadata';
import { NANP_PHONE_METADATA } from './phoneMetadataNanp';
import { validateFields } from './validateFields';

describe('PHONE_COUNTRIES', () => {
  it('offers the calling code of each country', () => {
    expect(PHONE_COUNTRIES).toContainEqual({ code: 'US', callingCode: '1' });
    expect(PHONE_COUNTRIES).toContainEqual({ code: 'GB', callingCode: '44' });
    expect(PHONE_COUNTRIES).toContainEqual({ code: 'MX', callingCode: '52' });
    expect(PHONE_COUNTRIES.length).toBeGreaterThan(200);
  });

  it('lists each country once, in code order, with digits-only calling codes', () => {
    const codes = PHONE_COUNTRIES.map((row) => row.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).toEqual([...codes].sort());
    for (const row of PHONE_COUNTRIES) expect(row.callingCode).toMatch(/^[1-9]\d{0,2}$/);
  });

  it("is the library's own list, and the inline +1 rules are its own (run scripts/make-phone-metadata.mjs after an upgrade)", () => {
    expect(PHONE_COUNTRIES).toEqual(
      getCountries(metadata).map((code) => ({ code, callingCode: getCountryCallingCode(code, metadata) })),
    );
    const nanp = metadata.country_calling_codes['1'] ?? [];
    expect(NANP_PHONE_METADATA).toEqual({
      version: metadata.version,
      country_calling_codes: { 1: nanp },
      // Formats (entry 4) are left out: only formatting reads them.
      countries: Object.fromEntries(
        nanp.map((code) => [
          code,
          metadata.countries[code]?.map((entry, index) => (index === 4 ? 0 : entry)),
        ]),
      ),
      nonGeographic: {},
    });
  });

  it('parses and validates +1 numbers with the inline rules exactly as with every country’s', () => {
    const numbers = [
      '(213) 373-4253',
      '213-373-4253',
      '+1 800 555 0199',
      '310 1234',
      '555-0100',
      '1 (416) 555-0123',
    ];
    for (const number of numbers) {
      for (const country of ['US', 'CA', 'PR'] as const) {
        const inline = parsePhoneNumberFromString(number, country, NANP_PHONE_METADATA);
        const full = parsePhoneNumberFromString(number, country, metadata);
        expect({ number: inline?.number, valid: inline?.isValid(), type: inline?.getType() }).toEqual({
          number: full?.number,
          valid: full?.isValid(),
          type: full?.getType(),
        });
      }
    }
  });

  it('names every option in both locales', () => {
    for (const locale of ['en', 'es']) {
      const t = createTranslator(locale);
      for (const { code } of PHONE_COUNTRIES) expect(t(`country.${code}`)).not.toBe('');
    }
  });

  it('feeds the phone field: a national number with a listed country becomes E.164', async () => {
    await loadPhoneMetadata();
    const gb = PHONE_COUNTRIES.find((row) => row.code === 'GB');
    const result = validateFields({ phoneNumber: { country: gb?.code, number: '020 7946 0958' } }, [
      'phoneNumber',
    ]);
    expect(result).toMatchObject({ ok: true, values: { phoneNumber: `+${gb?.callingCode}2079460958` } });
  });
});
