import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPatch } from '../buildPatch';
import { coinbase } from '../providers/coinbaseSchemas';
import { oms } from '../providers/omsSchemas';
import type { MessageId } from '../messages/messages';
import {
  readDateOfBirth,
  readDocumentNumber,
  readFullSsn,
  readItin,
  readPostalCode,
  readText,
} from './fieldReaders';
import { US_SUBDIVISION_CODES } from './usSubdivisions';

// Lenient in, strict out, for any way a person may type a value.

describe('field readers', () => {
  it('write any 9 digits, typed plain or as ###-##-####, as ###-##-####', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{9}$/), fc.boolean(), (digits, dashed) => {
        const formatted = `${digits.slice(0, 3)}-${digits.slice(3, 5)}-${digits.slice(5)}`;
        expect(readFullSsn(dashed ? formatted : digits)).toEqual({ ok: true, value: formatted });
      }),
    );
  });

  it('refuse an SSN with dashes anywhere else, spaces or one dash only', () => {
    for (const typed of [
      '12-345-6789',
      '1234-56-789',
      '123 45 6789',
      '123-456789',
      '12345-6789',
      '123--45-6789',
    ]) {
      expect(readFullSsn(typed)).toEqual({
        ok: false,
        issues: [{ messageId: 'field.fullSsn.error.invalid' }],
      });
    }
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
          min: new Date('1906-01-01T00:00:00Z'),
          max: new Date('2008-01-01T00:00:00Z'),
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
          expect(readDateOfBirth(typed, { now: new Date('2026-01-01T00:00:00Z') })).toEqual({
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

describe('names and other texts', () => {
  const readName = readText('firstName');
  const refused = (messageId: MessageId) => ({ ok: false, issues: [{ messageId }] });

  it('refuse control characters: NUL, ESC, DEL, a C1 control, a line break inside', () => {
    for (const typed of ['Ada\u0000', '\u001b[31mAda', 'Ada\u007f', 'Ada\u0085', 'Ada\nLovelace']) {
      expect(readName(typed)).toEqual(refused('field.error.characters'));
    }
  });

  it('refuse direction overrides, embeddings and isolates (U+202E and friends)', () => {
    for (const typed of ['\u202eadA', 'Ada\u202a', 'Ada\u2066x\u2069']) {
      expect(readName(typed)).toEqual(refused('field.error.characters'));
    }
  });

  it('refuse a lone surrogate, high or low, and accept a whole pair', () => {
    expect(readName('Ada\ud83d')).toEqual(refused('field.error.characters'));
    expect(readName('\ude00Ada')).toEqual(refused('field.error.characters'));
    expect(readName('Ada \ud83d\ude00')).toEqual({ ok: true, value: 'Ada \ud83d\ude00' });
  });

  it('treat text that shows nothing (zero-width characters, fillers) as not entered', () => {
    for (const typed of ['\u200b', '\u200b\u200c\u200d', '\ufeff', '\u3164', '\u00a0\u2060']) {
      expect(readName(typed)).toEqual(refused('field.firstName.error.required'));
    }
  });

  it('keep names in any script, with accents, apostrophes and joiners inside', () => {
    for (const typed of ['Zoë', "O'Brien", 'José-María', '李', 'محمد', 'श्\u200dरी']) {
      expect(readName(typed)).toEqual({ ok: true, value: typed });
    }
  });
});

describe('dates of birth', () => {
  const now = new Date('2026-06-15T12:00:00Z');

  it('refuse today and any date less than 18 years ago; accept the 18th birthday', () => {
    expect(readDateOfBirth({ day: '15', month: '6', year: '2026' }, { now })).toMatchObject({ ok: false });
    expect(readDateOfBirth({ day: '1', month: '1', year: '2015' }, { now })).toEqual({
      ok: false,
      issues: [{ messageId: 'field.dateOfBirth.error.minimumAge' }],
    });
    expect(readDateOfBirth({ day: '16', month: '6', year: '2008' }, { now })).toEqual({
      ok: false,
      issues: [{ messageId: 'field.dateOfBirth.error.minimumAge' }],
    });
    expect(readDateOfBirth({ day: '15', month: '6', year: '2008' }, { now })).toMatchObject({ ok: true });
  });

  it('take the minimum age as an option', () => {
    const born = { day: '1', month: '1', year: '2006' };
    expect(readDateOfBirth(born, { now })).toMatchObject({ ok: true });
    expect(readDateOfBirth(born, { now, minimumAge: 21 })).toMatchObject({
      ok: false,
      issues: [{ messageId: 'field.dateOfBirth.error.minimumAge' }],
    });
  });

  it('refuse a date more than 120 years ago', () => {
    expect(readDateOfBirth({ day: '15', month: '6', year: '1905' }, { now })).toEqual({
      ok: false,
      issues: [{ messageId: 'field.dateOfBirth.error.tooOld', path: ['year'] }],
    });
    expect(readDateOfBirth({ day: '16', month: '6', year: '1905' }, { now })).toMatchObject({ ok: true });
  });
});

describe('identity numbers', () => {
  it('read an ITIN like an SSN, starting with 9', () => {
    expect(readItin('912701234')).toEqual({ ok: true, value: '912-70-1234' });
    expect(readItin('912-70-1234')).toEqual({ ok: true, value: '912-70-1234' });
    expect(readItin('123-45-6789')).toMatchObject({ ok: false });
  });

  it('read a document number as letters and digits, upper-cased', () => {
    const read = readDocumentNumber('passport');
    expect(read(' x123 456-7 ')).toEqual({ ok: true, value: 'X1234567' });
    expect(read('12/34')).toMatchObject({ ok: false });
    expect(read('')).toMatchObject({ ok: false });
  });
});

describe('request bodies built from any valid form', () => {
  const form = fc.record({
    firstName: fc.string({ minLength: 1, maxLength: 40 }).filter((text) => readText('firstName')(text).ok),
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
    fullSsn: fc.stringMatching(/^\d{3}-\d{2}-\d{4}$|^\d{9}$/),
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
