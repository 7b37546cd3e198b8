import { describe, expect, it } from 'vitest';
import { fieldSpecFor } from '../fields/fieldSpecFor';
import type { PartnerFieldSpecs } from '../fields/fieldSpecFor';
import { createTranslator } from '../messages/messages';
import { es } from '../messages/es';
import { reviewValue } from './reviewValue';

const t = createTranslator('en');

describe('reviewValue', () => {
  it('shows choices by their names, in the locale', () => {
    expect(reviewValue(fieldSpecFor('citizenship'), 'FR', t, 'en')).toBe('France');
    expect(reviewValue(fieldSpecFor('citizenship'), 'FR', createTranslator('es', es), 'es')).toBe('Francia');
    expect(reviewValue(fieldSpecFor('purposeOfAccount'), 'investing', t, 'en')).toBe(
      t('option.purposeOfAccount.investing'),
    );
  });

  it('never shows a sensitive value, not even partly', () => {
    expect(reviewValue(fieldSpecFor('fullSsn'), '123-45-6789', t, 'en')).toBeUndefined();
    expect(
      reviewValue(fieldSpecFor('dateOfBirth'), { day: '27', month: '3', year: '1990' }, t, 'en'),
    ).toBeUndefined();
    expect(reviewValue(fieldSpecFor('addressLine1'), '42 Harbor Lane', t, 'en')).toBeUndefined();
    expect(reviewValue(fieldSpecFor('addressSubdivision'), 'IL', t, 'en')).toBeUndefined();
    expect(reviewValue(fieldSpecFor('passport'), 'X1234567', t, 'en')).toBeUndefined();
    expect(reviewValue(fieldSpecFor('someKeyNobodyDescribes'), 'anything', t, 'en')).toBeUndefined();
  });

  it('writes a date in the order of the locale', () => {
    const date = { ...fieldSpecFor('dateOfBirth'), sensitive: false };
    const value = { day: '27', month: '3', year: '1990' };
    expect(reviewValue(date, value, t, 'en-US')).toBe('March 27, 1990');
    expect(reviewValue(date, value, t, 'es')).toBe('27 de marzo de 1990');
  });

  it('shows a phone with its calling code, text as typed, and nothing for an empty value', () => {
    expect(reviewValue(fieldSpecFor('phoneNumber'), { country: 'US', number: '2015550123' }, t, 'en')).toBe(
      '+1 2015550123',
    );
    expect(reviewValue(fieldSpecFor('firstName'), ' Ada ', t, 'en')).toBe('Ada');
    expect(reviewValue(fieldSpecFor('firstName'), '', t, 'en')).toBeUndefined();
    expect(reviewValue(fieldSpecFor('email'), undefined, t, 'en')).toBeUndefined();
    // The W-9's boxes are statements, not answers: "Provided".
    expect(
      reviewValue(
        fieldSpecFor('taxAttestation'),
        { certifyTaxpayerId: true, certifyUsPerson: true },
        t,
        'en',
      ),
    ).toBeUndefined();
  });

  it("shows a partner's own date and phone keys as it shows the kit's, by their controls", () => {
    const specs = {
      // A kind of the kit's own…
      anniversary: {
        section: 'personal',
        kind: 'date',
        schema: fieldSpecFor('dateOfBirth').schema,
        sensitive: false,
        labelId: 'field.generic.label',
      },
      // …or none that says so: the control decides.
      workPhone: {
        section: 'contact',
        kind: 'text',
        control: 'phone',
        schema: fieldSpecFor('phoneNumber').schema,
        sensitive: false,
        labelId: 'field.generic.label',
      },
      meetingDay: {
        section: 'personal',
        kind: 'text',
        control: 'date',
        schema: fieldSpecFor('dateOfBirth').schema,
        sensitive: false,
        labelId: 'field.generic.label',
      },
    } satisfies PartnerFieldSpecs;
    const date = { day: '27', month: '3', year: '1990' };
    expect(reviewValue(fieldSpecFor('anniversary', specs), date, t, 'en-US')).toBe('March 27, 1990');
    expect(reviewValue(fieldSpecFor('meetingDay', specs), date, t, 'es')).toBe('27 de marzo de 1990');
    expect(
      reviewValue(fieldSpecFor('workPhone', specs), { country: 'FR', number: '612345678' }, t, 'en'),
    ).toBe('+33 612345678');
    expect(
      reviewValue(fieldSpecFor('workPhone', specs), { country: 'US', number: '' }, t, 'en'),
    ).toBeUndefined();
  });
});
