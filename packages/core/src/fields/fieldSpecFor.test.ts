import { describe, expect, it } from 'vitest';
import { es } from '../locales/es';
import { createTranslator, hasMessage, messages } from '../messages/messages';
import {
  EMPLOYMENT_STATUS_VALUES,
  EXPECTED_VOLUME_VALUES,
  OCCUPATION_VALUES,
  PURPOSE_OF_ACCOUNT_VALUES,
  SOURCE_OF_FUNDS_VALUES,
} from '../providers/coinbaseEnums';
import {
  dateOfBirthSchema,
  FIELD_KEYS,
  fieldSpecFor,
  requestMappingFor,
  type PartnerFieldSpecs,
} from './fieldSpecFor';

// Spanish ships as its own entry point; this is how a partner's app reads it.
const spanish = createTranslator('es', es);

const seed002Keys = [
  'firstName',
  'lastName',
  'dateOfBirth',
  'ssnLast4',
  'fullSsn',
  'addressLine1',
  'addressCity',
  'addressSubdivision',
  'addressPostalCode',
  'addressCountryCode',
  'email',
  'phoneNumber',
  'citizenship',
  'purposeOfAccount',
  'sourceOfFunds',
  'employmentStatus',
  'occupation',
  'expectedVolume',
];

function read(key: string, value: unknown) {
  const result = fieldSpecFor(key).schema.safeParse(value);
  return result.success ? { value: result.data } : { error: result.error.issues[0]?.message };
}

describe('the field registry', () => {
  it('has a spec for the 18 keys of seed 002, tos, taxAttestation and the OMS identity documents', () => {
    expect([...FIELD_KEYS].sort()).toEqual(
      [...seed002Keys, 'tos', 'taxAttestation', 'itin', 'passport', 'driversLicense'].sort(),
    );
  });

  for (const key of FIELD_KEYS) {
    it(`${key}: known, labelled in English and Spanish, with a path for a provider`, () => {
      const spec = fieldSpecFor(key);
      expect(spec.key).toBe(key);
      expect(spec.known).toBe(true);
      expect(messages.en[spec.labelId]).toBeTruthy();
      expect(spanish(spec.labelId)).toBeTruthy();
      if (spec.hintId !== undefined) expect(spanish(spec.hintId)).toBeTruthy();
      for (const option of spec.options ?? []) {
        expect(messages.en[option.labelId], option.labelId).toBeTruthy();
        expect(spanish(option.labelId), option.labelId).toBeTruthy();
      }
      for (const part of spec.parts ?? []) expect(hasMessage(part.labelId)).toBe(true);
      const { paths } = requestMappingFor(key);
      expect(paths.coinbase ?? paths.oms).toBeTruthy();
      expect(spec.supported).toBe(true);
    });

    it(`${key}: an empty value gets an error message id that says what to do`, () => {
      const result = read(key, undefined);
      expect(result.error).toBeDefined();
      const text = messages.en[result.error as keyof typeof messages.en] ?? '';
      expect(text).toMatch(/^(Enter|Select|Read|Complete|Confirm)/);
    });
  }

  const expectations: [string, Partial<ReturnType<typeof fieldSpecFor>>][] = [
    ['firstName', { section: 'personal', kind: 'text', autocomplete: 'given-name', sensitive: false }],
    ['lastName', { section: 'personal', kind: 'text', autocomplete: 'family-name', sensitive: false }],
    [
      'dateOfBirth',
      { section: 'personal', kind: 'date', autocomplete: 'bday', inputMode: 'numeric', sensitive: true },
    ],
    ['citizenship', { section: 'personal', kind: 'country', sensitive: false }],
    ['addressLine1', { section: 'address', kind: 'text', autocomplete: 'address-line1', sensitive: true }],
    ['addressCity', { section: 'address', kind: 'text', autocomplete: 'address-level2', sensitive: true }],
    [
      'addressSubdivision',
      { section: 'address', kind: 'subdivision', autocomplete: 'address-level1', sensitive: true },
    ],
    [
      'addressPostalCode',
      {
        section: 'address',
        kind: 'postalCode',
        autocomplete: 'postal-code',
        inputMode: 'numeric',
        sensitive: true,
      },
    ],
    ['addressCountryCode', { section: 'address', kind: 'country', autocomplete: 'country', sensitive: true }],
    [
      'ssnLast4',
      { section: 'taxId', kind: 'ssnLast4', autocomplete: 'off', inputMode: 'numeric', sensitive: true },
    ],
    [
      'fullSsn',
      { section: 'taxId', kind: 'ssn', autocomplete: 'off', inputMode: 'numeric', sensitive: true },
    ],
    ['taxAttestation', { section: 'taxId', kind: 'checkbox' }],
    ['purposeOfAccount', { section: 'financial', kind: 'select' }],
    ['sourceOfFunds', { section: 'financial', kind: 'select' }],
    ['employmentStatus', { section: 'financial', kind: 'select' }],
    ['occupation', { section: 'financial', kind: 'select' }],
    ['expectedVolume', { section: 'financial', kind: 'select' }],
    ['email', { section: 'contact', kind: 'email', autocomplete: 'email', inputMode: 'email' }],
    ['phoneNumber', { section: 'contact', kind: 'phone', autocomplete: 'tel', inputMode: 'tel' }],
    ['tos', { section: 'terms', kind: 'tos' }],
  ];
  for (const [key, expected] of expectations) {
    it(`${key}: ${JSON.stringify(expected)}`, () => {
      expect(fieldSpecFor(key)).toMatchObject(expected);
    });
  }

  const paths: [string, string, string | null][] = [
    ['firstName', 'individual.firstName', 'firstName'],
    ['lastName', 'individual.lastName', 'lastName'],
    ['dateOfBirth', 'individual.dateOfBirth', 'birthDate'],
    ['ssnLast4', 'individual.ssnLast4', null],
    ['fullSsn', 'individual.fullSsn', 'identifyingInformation'],
    ['addressLine1', 'individual.address.line1', 'residentialAddress.line1'],
    ['addressCity', 'individual.address.city', 'residentialAddress.city'],
    ['addressSubdivision', 'individual.address.state', 'residentialAddress.state'],
    ['addressPostalCode', 'individual.address.postCode', 'residentialAddress.zipCode'],
    ['addressCountryCode', 'individual.address.countryCode', 'residentialAddress.country'],
    ['email', 'individual.email', 'email'],
    ['phoneNumber', 'individual.phoneNumber', 'phone'],
    ['citizenship', 'individual.citizenship', 'nationality'],
    ['purposeOfAccount', 'individual.purposeOfAccount', null],
    ['sourceOfFunds', 'individual.sourceOfFunds', null],
    ['employmentStatus', 'individual.employmentStatus', null],
    ['occupation', 'individual.occupation', null],
    ['expectedVolume', 'individual.expectedVolume', null],
    ['tos', 'tosAcceptances', 'signedAgreement'],
    ['taxAttestation', 'taxAttestations', null],
  ];
  for (const [key, coinbasePath, omsPath] of paths) {
    it(`${key} goes to ${coinbasePath} (coinbase) and ${String(omsPath)} (oms)`, () => {
      expect(requestMappingFor(key).paths).toEqual({ coinbase: coinbasePath, oms: omsPath });
    });
  }

  it('offers the spec enumerations as options, in the spec order', () => {
    const values = (key: string) => fieldSpecFor(key).options?.map((option) => option.value);
    expect(values('purposeOfAccount')).toEqual(PURPOSE_OF_ACCOUNT_VALUES);
    expect(values('sourceOfFunds')).toEqual(SOURCE_OF_FUNDS_VALUES);
    expect(values('employmentStatus')).toEqual(EMPLOYMENT_STATUS_VALUES);
    expect(values('occupation')).toEqual(OCCUPATION_VALUES);
    expect(values('expectedVolume')).toEqual(EXPECTED_VOLUME_VALUES);
  });

  it('offers the 50 states, DC and the five inhabited territories', () => {
    const states = fieldSpecFor('addressSubdivision').options ?? [];
    expect(states).toHaveLength(56);
    expect(states.map((option) => option.value)).toEqual(
      expect.arrayContaining(['CA', 'DC', 'PR', 'GU', 'VI', 'AS', 'MP']),
    );
    expect(spanish('subdivision.NY')).toBe('Nueva York');
  });

  it('offers every ISO country for citizenship, named in each locale', () => {
    const countries = fieldSpecFor('citizenship').options ?? [];
    expect(countries).toHaveLength(249);
    expect(messages.en['country.DE']).toBe('Germany');
    expect(spanish('country.DE')).toBe('Alemania');
  });

  it('gives an unknown key an unsupported spec with no request path instead of throwing', () => {
    const spec = fieldSpecFor('proofOfAddress');
    expect(spec).toMatchObject({
      key: 'proofOfAddress',
      known: false,
      supported: false,
      sensitive: true,
      draftable: false,
      labelId: 'field.unsupported.title',
    });
    expect(requestMappingFor('proofOfAddress').paths).toEqual({ coinbase: null, oms: null });
    expect(requestMappingFor('__proto__').paths).toEqual({ coinbase: null, oms: null });
  });

  it('derives each control, empty value, masking and draft rule from the spec', () => {
    expect(fieldSpecFor('dateOfBirth')).toMatchObject({ control: 'date', masked: false, draftable: false });
    expect(fieldSpecFor('dateOfBirth').emptyValue()).toEqual({ day: '', month: '', year: '' });
    expect(fieldSpecFor('phoneNumber')).toMatchObject({ control: 'phone', draftable: true });
    expect(fieldSpecFor('phoneNumber').emptyValue()).toEqual({ country: 'US', number: '' });
    expect(fieldSpecFor('fullSsn')).toMatchObject({ control: 'input', masked: true, draftable: false });
    expect(fieldSpecFor('itin')).toMatchObject({ control: 'input', masked: true, draftable: false });
    expect(fieldSpecFor('firstName')).toMatchObject({ control: 'input', masked: false, draftable: true });
    expect(fieldSpecFor('addressCountryCode').emptyValue()).toBe('US');
    expect(fieldSpecFor('taxAttestation').control).toBe('checkboxGroup');
    // Every call gives a fresh object, so one form's typing never leaks into another's empty value.
    expect(fieldSpecFor('dateOfBirth').emptyValue()).not.toBe(fieldSpecFor('dateOfBirth').emptyValue());
  });

  it("takes a partner's spec for a key the kit does not know, and over its own", () => {
    const partner = {
      proofOfAddress: {
        section: 'address',
        kind: 'text',
        schema: fieldSpecFor('firstName').schema,
        sensitive: true,
        labelId: 'field.generic.label',
        paths: { coinbase: 'individual.proofOfAddress', oms: null },
      },
      dateOfBirth: { ...fieldSpecFor('dateOfBirth'), schema: dateOfBirthSchema({ minimumAge: 21 }) },
    } satisfies PartnerFieldSpecs;
    expect(fieldSpecFor('proofOfAddress', partner)).toMatchObject({
      known: true,
      supported: true,
      control: 'input',
      draftable: false,
    });
    expect(requestMappingFor('proofOfAddress', partner).paths).toEqual({
      coinbase: 'individual.proofOfAddress',
      oms: null,
    });
    // Overriding only the schema of a key the kit knows keeps the kit's request mapping.
    expect(requestMappingFor('dateOfBirth', partner)).toEqual(requestMappingFor('dateOfBirth'));
    const twenty = { day: '1', month: '1', year: String(new Date().getUTCFullYear() - 20) };
    expect(fieldSpecFor('dateOfBirth').schema.safeParse(twenty).success).toBe(true);
    expect(fieldSpecFor('dateOfBirth', partner).schema.safeParse(twenty).success).toBe(false);
  });
});

describe('lenient input, strict output', () => {
  const valid: [string, unknown, unknown][] = [
    ['firstName', '  Jane  ', 'Jane'],
    ['lastName', 'de la  Cruz', 'de la Cruz'],
    ['dateOfBirth', { day: '5', month: '1', year: '1990' }, { day: '05', month: '01', year: '1990' }],
    ['dateOfBirth', { day: '05', month: '12', year: '1990' }, { day: '05', month: '12', year: '1990' }],
    ['dateOfBirth', { day: 29, month: 2, year: 2000 }, { day: '29', month: '02', year: '2000' }],
    ['dateOfBirth', '1990-01-05', { day: '05', month: '01', year: '1990' }],
    ['fullSsn', '123-45-6789', '123-45-6789'],
    ['fullSsn', '123456789', '123-45-6789'],
    ['fullSsn', '123456789', '123-45-6789'],
    ['itin', '912701234', '912-70-1234'],
    ['passport', 'x1234 5678', 'X12345678'],
    ['driversLicense', 'd123-456-789', 'D123456789'],
    ['fullSsn', '000-00-0000', '000-00-0000'],
    ['ssnLast4', '6789', '6789'],
    ['addressPostalCode', '94105', '94105'],
    ['addressPostalCode', '941051234', '94105-1234'],
    ['addressPostalCode', '94105-1234', '94105-1234'],
    ['addressPostalCode', '00000', '00000'],
    ['addressSubdivision', 'ca', 'CA'],
    ['addressSubdivision', 'New York', 'NY'],
    ['addressSubdivision', 'Nueva York', 'NY'],
    ['addressSubdivision', 'pr', 'PR'],
    ['addressCountryCode', 'us', 'US'],
    ['addressCountryCode', 'United States', 'US'],
    ['citizenship', 'de', 'DE'],
    ['citizenship', 'USA', 'US'],
    ['email', ' jane.doe@example.com ', 'jane.doe@example.com'],
    ['phoneNumber', { country: 'US', number: '(415) 555-0132' }, '+14155550132'],
    ['phoneNumber', { number: '415 555 0132' }, '+14155550132'],
    ['phoneNumber', '+442079460958', '+442079460958'],
    ['phoneNumber', { country: 'gb', number: '020 7946 0958' }, '+442079460958'],
    ['phoneNumber', { country: '+1', number: '415 555 0132' }, '+14155550132'],
    ['phoneNumber', { country: '44', number: '020 7946 0958' }, '+442079460958'],
    ['purposeOfAccount', 'investing', 'investing'],
    ['expectedVolume', '1_5m_plus', '1_5m_plus'],
    [
      'tos',
      { versionId: 'us_individual_2026-05-29', language: 'en', acceptedAt: '2026-05-01T10:01:00Z' },
      { versionId: 'us_individual_2026-05-29', language: 'en', acceptedAt: '2026-05-01T10:01:00Z' },
    ],
    [
      'taxAttestation',
      { certifyTaxpayerId: true, certifyUsPerson: true },
      {
        certifyTaxpayerId: true,
        certifyUsPerson: true,
        isExemptBackupWithholding: false,
        edeliveryConsent: false,
      },
    ],
  ];
  for (const [key, input, output] of valid) {
    it(`${key}: reads ${JSON.stringify(input)} as ${JSON.stringify(output)}`, () => {
      expect(read(key, input)).toEqual({ value: output });
    });
  }

  const invalid: [string, unknown, string][] = [
    ['firstName', '   ', 'field.firstName.error.required'],
    ['firstName', 'x'.repeat(300), 'field.error.tooLong'],
    ['dateOfBirth', { day: '', month: '', year: '' }, 'field.dateOfBirth.error.required'],
    ['dateOfBirth', { day: '', month: '1', year: '1990' }, 'field.dateOfBirth.error.day'],
    ['dateOfBirth', { day: '5', month: '', year: '1990' }, 'field.dateOfBirth.error.month'],
    ['dateOfBirth', { day: '5', month: '1', year: '' }, 'field.dateOfBirth.error.year'],
    ['dateOfBirth', { day: '5', month: '1', year: '90' }, 'field.dateOfBirth.error.yearFormat'],
    ['dateOfBirth', { day: '31', month: '2', year: '1990' }, 'field.dateOfBirth.error.real'],
    ['dateOfBirth', { day: '29', month: '2', year: '2001' }, 'field.dateOfBirth.error.real'],
    ['dateOfBirth', { day: '1', month: '13', year: '1990' }, 'field.dateOfBirth.error.real'],
    ['dateOfBirth', { day: '1', month: '1', year: '2999' }, 'field.dateOfBirth.error.past'],
    ['dateOfBirth', 'yesterday', 'field.dateOfBirth.error.real'],
    ['fullSsn', '', 'field.fullSsn.error.required'],
    ['fullSsn', '12345678', 'field.fullSsn.error.invalid'],
    ['fullSsn', '123-45-678a', 'field.fullSsn.error.invalid'],
    ['fullSsn', '***-**-6789', 'field.fullSsn.error.invalid'],
    ['fullSsn', '123 45 6789', 'field.fullSsn.error.invalid'],
    ['fullSsn', '12-345-6789', 'field.fullSsn.error.invalid'],
    ['itin', '123-45-6789', 'field.itin.error.invalid'],
    ['passport', 'AB/12', 'field.passport.error.invalid'],
    ['firstName', 'Ada\u0000', 'field.error.characters'],
    ['lastName', '\u202eecalevoL', 'field.error.characters'],
    ['firstName', '\u200b\u200b', 'field.firstName.error.required'],
    ['dateOfBirth', { day: '1', month: '1', year: '2015' }, 'field.dateOfBirth.error.minimumAge'],
    ['dateOfBirth', { day: '1', month: '1', year: '1850' }, 'field.dateOfBirth.error.tooOld'],
    ['ssnLast4', '678', 'field.ssnLast4.error.invalid'],
    ['addressPostalCode', '9410', 'field.addressPostalCode.error.invalid'],
    ['addressPostalCode', 'SW1A 1AA', 'field.addressPostalCode.error.invalid'],
    ['addressSubdivision', 'Ontario', 'field.addressSubdivision.error.invalid'],
    ['addressCountryCode', 'CA', 'field.addressCountryCode.error.invalid'],
    ['citizenship', 'XX', 'field.citizenship.error.invalid'],
    ['email', 'jane@', 'field.email.error.invalid'],
    ['email', 'jane@localhost', 'field.email.error.invalid'],
    ['phoneNumber', { country: 'US', number: '555' }, 'field.phoneNumber.error.invalid'],
    ['phoneNumber', { country: 'US', number: '' }, 'field.phoneNumber.error.required'],
    ['purposeOfAccount', 'gambling', 'field.purposeOfAccount.error.required'],
    ['occupation', '', 'field.occupation.error.required'],
    ['tos', { versionId: 'v1' }, 'field.tos.error.required'],
    ['taxAttestation', { certifyTaxpayerId: true }, 'field.taxAttestation.error.certifyUsPerson'],
    ['taxAttestation', { certifyUsPerson: true }, 'field.taxAttestation.error.certifyTaxpayerId'],
  ];
  for (const [key, input, messageId] of invalid) {
    it(`${key}: refuses ${JSON.stringify(input).slice(0, 60)} with ${messageId}`, () => {
      expect(read(key, input)).toEqual({ error: messageId });
      expect(hasMessage(messageId)).toBe(true);
    });
  }

  it('points a missing date part at its own box', () => {
    const result = fieldSpecFor('dateOfBirth').schema.safeParse({ day: '5', month: '', year: '1990' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['month']);
  });

  it('says what to do, in English and Spanish, for the two examples of the issue', () => {
    expect(messages.en['field.dateOfBirth.error.required']).toBe('Enter your date of birth');
    expect(messages.en['field.fullSsn.error.invalid']).toBe('Enter a 9-digit Social Security number');
    expect(spanish('field.fullSsn.error.invalid')).toBe('Ingrese un número de Seguro Social de 9 dígitos');
  });
});
