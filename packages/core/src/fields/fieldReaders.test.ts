import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPatch } from '../buildPatch';
import { coinbase } from '../providers/coinbaseSchemas';
import { oms } from '../providers/omsSchemas';
import { readDateOfBirth, readFullSsn, readPostalCode } from './fieldReaders';
import { US_SUBDIVISION_CODES } from './usSubdivisions';

// Lenient in, strict out, for any way a person may type a value.

const separators = fc.constantFrom('', '-', ' ', '  ');

describe('field readers', () => {
  it('write any 9 digits, however separated, as ###-##-####', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{9}$/), separators, separators, (digits, first, second) => {
        const typed = `${digits.slice(0, 3)}${first}${digits.slice(3, 5)}${second}${digits.slice(5)}`;
        const result = readFullSsn(typed);
        expect(result).toEqual({
          ok: true,
          value: `${digits.slice(0, 3)}-${digits.slice(3, 5)}-${digits.slice(5)}`,
        });
      }),
    );
  });

  it('refuse any SSN without exactly 9 digits', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{1,8}$|^\d{10,12}$/), (digits) => {
        expect(readFullSsn(digits)).toMatchObject({ ok: false });
      }),
    );
  });

  it('zero-pad any real date typed with or without leading zeros', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1900-01-01T00:00:00Z'),
          max: new Date('2005-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.boolean(),
        (date, padded) => {
          const day = String(date.getUTCDate());
          const month = String(date.getUTCMonth() + 1);
          const year = String(date.getUTCFullYear());
          const typed = padded
            ? { day: day.padStart(2, '0'), month: month.padStart(2, '0'), year }
            : { day, month, year };
          expect(readDateOfBirth(typed, new Date('2026-01-01T00:00:00Z'))).toEqual({
            ok: true,
            value: { day: day.padStart(2, '0'), month: month.padStart(2, '0'), year },
          });
        },
      ),
    );
  });

  it('read a ZIP+4 with or without the dash', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{5}$/),
        fc.stringMatching(/^\d{4}$/),
        fc.constantFrom('', '-', ' '),
        (zip, plus4, separator) => {
          expect(readPostalCode(`${zip}${separator}${plus4}`)).toEqual({
            ok: true,
            value: `${zip}-${plus4}`,
          });
        },
      ),
    );
  });
});

describe('request bodies built from any valid form', () => {
  const form = fc.record({
    firstName: fc.string({ minLength: 1, maxLength: 40 }).filter((text) => text.trim() !== ''),
    dateOfBirth: fc
      .date({
        min: new Date('1920-01-01T00:00:00Z'),
        max: new Date('2005-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((date) => ({
        day: String(date.getUTCDate()),
        month: String(date.getUTCMonth() + 1),
        year: String(date.getUTCFullYear()),
      })),
    fullSsn: fc.stringMatching(/^\d{3}[- ]?\d{2}[- ]?\d{4}$/),
    addressSubdivision: fc.constantFrom(...US_SUBDIVISION_CODES).map((code) => code.toLowerCase()),
    addressPostalCode: fc.stringMatching(/^\d{5}(-\d{4})?$/),
  });

  it('pass the strict Coinbase update schema', () => {
    fc.assert(
      fc.property(form, (values) => {
        expect(coinbase.strict.updateCustomerRequest.safeParse(buildPatch('coinbase', values)).success).toBe(
          true,
        );
      }),
      { numRuns: 200 },
    );
  });

  it('pass the strict OMS update schema, with the whole address', () => {
    fc.assert(
      fc.property(form, (values) => {
        const body = buildPatch('oms', {
          ...values,
          addressLine1: '1 Main St',
          addressCity: 'Boston',
          addressCountryCode: 'US',
        });
        expect(oms.strict.updateCustomerRequest.safeParse(body).success).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
