import { describe, expect, it } from 'vitest';
import {
  buildCapabilitiesRequest,
  buildCreateRequest,
  buildPatch,
  InvalidFieldsError,
  UnsupportedFieldError,
} from './buildPatch';
import { checkSubmittedFields } from './checkRequestBody';
import { fieldSpecFor, requestMappingFor } from './fields/fieldSpecFor';
import { coinbase } from './providers/coinbaseSchemas';
import { oms } from './providers/omsSchemas';

const buildPatchSpecSchema = fieldSpecFor('firstName').schema;

// What a browser form holds for every field, typed the lenient way.
const formValues = {
  firstName: ' Jane ',
  lastName: 'Smith',
  dateOfBirth: { day: '5', month: '1', year: '1990' },
  fullSsn: '123-45-6789',
  addressLine1: '123 Main St',
  addressCity: 'San Francisco',
  addressSubdivision: 'ca',
  addressPostalCode: '94105',
  addressCountryCode: 'US',
  email: 'jane@example.com',
  phoneNumber: { country: 'US', number: '(415) 555-0132' },
  citizenship: 'us',
};
const financialValues = {
  purposeOfAccount: 'investing',
  sourceOfFunds: 'salary',
  employmentStatus: 'employed_fulltime',
  occupation: 'technology',
  expectedVolume: '1k_to_10k',
};
const now = new Date('2026-05-01T10:01:00Z');

describe('buildPatch for coinbase', () => {
  const table: [string, unknown, Record<string, unknown>][] = [
    ['firstName', 'Jane', { individual: { firstName: 'Jane' } }],
    ['lastName', 'Smith', { individual: { lastName: 'Smith' } }],
    [
      'dateOfBirth',
      { day: '5', month: '1', year: '1990' },
      { individual: { dateOfBirth: { day: '05', month: '01', year: '1990' } } },
    ],
    ['ssnLast4', '6789', { individual: { ssnLast4: '6789' } }],
    ['fullSsn', '123456789', { individual: { fullSsn: '123-45-6789' } }],
    ['addressLine1', '123 Main St', { individual: { address: { line1: '123 Main St' } } }],
    ['addressCity', 'Boston', { individual: { address: { city: 'Boston' } } }],
    ['addressSubdivision', 'ma', { individual: { address: { state: 'MA' } } }],
    ['addressPostalCode', '02108', { individual: { address: { postCode: '02108' } } }],
    ['addressCountryCode', 'us', { individual: { address: { countryCode: 'US' } } }],
    ['email', 'jane@example.com', { individual: { email: 'jane@example.com' } }],
    [
      'phoneNumber',
      { country: 'US', number: '415-555-0132' },
      { individual: { phoneNumber: '+14155550132' } },
    ],
    ['citizenship', 'US', { individual: { citizenship: 'US' } }],
    ['purposeOfAccount', 'investing', { individual: { purposeOfAccount: 'investing' } }],
    ['sourceOfFunds', 'savings', { individual: { sourceOfFunds: 'savings' } }],
    ['employmentStatus', 'retired', { individual: { employmentStatus: 'retired' } }],
    ['occupation', 'education', { individual: { occupation: 'education' } }],
    ['expectedVolume', 'under_1k', { individual: { expectedVolume: 'under_1k' } }],
    [
      'tos',
      { versionId: 'us_individual_2026-05-29', language: 'en', acceptedAt: '2026-05-01T10:01:00Z' },
      {
        tosAcceptances: [
          { versionId: 'us_individual_2026-05-29', language: 'en', acceptedAt: '2026-05-01T10:01:00Z' },
        ],
      },
    ],
    [
      'taxAttestation',
      { certifyTaxpayerId: true, certifyUsPerson: true, edeliveryConsent: true },
      {
        taxAttestations: [
          {
            form: 'us_w9',
            edeliveryConsent: true,
            acceptedAt: '2026-05-01T10:01:00.000Z',
            isExemptBackupWithholding: false,
          },
        ],
      },
    ],
  ];
  for (const [key, value, body] of table) {
    it(`writes ${key} as ${JSON.stringify(body)}`, () => {
      const patch = buildPatch('coinbase', { [key]: value }, { now });
      expect(patch).toEqual(body);
      expect(coinbase.strict.updateCustomerRequest.safeParse(patch).success).toBe(true);
    });
  }

  it('nests every field of a full form into one spec-valid body', () => {
    const patch = buildPatch(
      'coinbase',
      { ...formValues, ...financialValues },
      { requesterIpAddress: '203.0.113.42' },
    );
    expect(patch).toEqual({
      individual: {
        firstName: 'Jane',
        lastName: 'Smith',
        dateOfBirth: { day: '05', month: '01', year: '1990' },
        fullSsn: '123-45-6789',
        address: {
          line1: '123 Main St',
          city: 'San Francisco',
          state: 'CA',
          postCode: '94105',
          countryCode: 'US',
        },
        email: 'jane@example.com',
        phoneNumber: '+14155550132',
        citizenship: 'US',
        ...financialValues,
      },
      compliance: { requesterIpAddress: '203.0.113.42' },
    });
    expect(coinbase.strict.updateCustomerRequest.parse(patch)).toEqual(patch);
  });

  it('writes exactly the given fields', () => {
    expect(buildPatch('coinbase', { addressPostalCode: '94105' })).toEqual({
      individual: { address: { postCode: '94105' } },
    });
    expect(buildPatch('coinbase', {})).toEqual({});
  });

  it('refuses invalid values with message ids, never echoing the values', () => {
    try {
      buildPatch('coinbase', { fullSsn: '12-34', dateOfBirth: { day: '40', month: '1', year: '1990' } });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidFieldsError);
      const invalid = error as InvalidFieldsError;
      expect(invalid.errors.fullSsn?.code).toBe('field.fullSsn.error.invalid');
      expect(invalid.errors.dateOfBirth?.code).toBe('field.dateOfBirth.error.real');
      expect(invalid.message).not.toContain('12-34');
    }
  });
});

describe('buildPatch for oms', () => {
  const table: [string, unknown, Record<string, unknown>][] = [
    ['firstName', 'Jane', { firstName: 'Jane' }],
    ['dateOfBirth', { day: '5', month: '1', year: '1990' }, { birthDate: '1990-01-05' }],
    [
      'fullSsn',
      '123-45-6789',
      { identifyingInformation: [{ type: 'ssn', issuingCountry: 'US', number: '123-45-6789' }] },
    ],
    ['addressSubdivision', 'New York', { residentialAddress: { state: 'NY' } }],
    ['addressPostalCode', '10001', { residentialAddress: { zipCode: '10001' } }],
    ['addressCountryCode', 'US', { residentialAddress: { country: 'US' } }],
    ['phoneNumber', '+12125551234', { phone: '+12125551234' }],
    ['citizenship', 'us', { nationality: 'US' }],
    [
      'tos',
      { versionId: 'oms_terms', language: 'en', acceptedAt: '2026-05-01T10:01:00Z' },
      { signedAgreement: true },
    ],
  ];
  for (const [key, value, body] of table) {
    it(`writes ${key} as ${JSON.stringify(body)}`, () => {
      expect(buildPatch('oms', { [key]: value })).toEqual(body);
    });
  }

  it('builds a full, spec-valid OMS update body with the end-user IP', () => {
    const patch = buildPatch('oms', formValues, { requesterIpAddress: '203.0.113.42' });
    expect(patch).toEqual({
      firstName: 'Jane',
      lastName: 'Smith',
      birthDate: '1990-01-05',
      identifyingInformation: [{ type: 'ssn', issuingCountry: 'US', number: '123-45-6789' }],
      residentialAddress: {
        line1: '123 Main St',
        city: 'San Francisco',
        state: 'CA',
        zipCode: '94105',
        country: 'US',
      },
      email: 'jane@example.com',
      phone: '+14155550132',
      nationality: 'US',
      ipAddress: '203.0.113.42',
    });
    expect(oms.strict.updateCustomerRequest.safeParse(patch).success).toBe(true);
  });

  for (const key of ['ssnLast4', 'purposeOfAccount', 'taxAttestation']) {
    it(`refuses ${key}, which OMS has no field for`, () => {
      const values: Record<string, unknown> = {
        ssnLast4: '6789',
        purposeOfAccount: 'investing',
        taxAttestation: { certifyTaxpayerId: true, certifyUsPerson: true },
      };
      expect(() => buildPatch('oms', { [key]: values[key] })).toThrow(UnsupportedFieldError);
    });
  }
});

describe('identity documents on OMS', () => {
  it('writes an SSN, an ITIN, a passport and a license as entries of one identifyingInformation array', () => {
    const body = buildPatch('oms', {
      fullSsn: '123456789',
      itin: '912-70-1234',
      passport: 'x1234567',
      driversLicense: 'D1234-567',
    });
    expect(body).toEqual({
      identifyingInformation: [
        { type: 'ssn', issuingCountry: 'US', number: '123-45-6789' },
        { type: 'itin', issuingCountry: 'US', number: '912-70-1234' },
        { type: 'passport', issuingCountry: 'US', number: 'X1234567' },
        { type: 'driversLicense', issuingCountry: 'US', number: 'D1234567' },
      ],
    });
    expect(oms.strict.updateCustomerRequest.safeParse(body).success).toBe(true);
  });

  it('refuses the documents Coinbase has no field for', () => {
    for (const key of ['itin', 'passport', 'driversLicense']) {
      expect(() => buildPatch('coinbase', { [key]: key === 'itin' ? '912701234' : 'X1234567' })).toThrow(
        UnsupportedFieldError,
      );
    }
  });

  it("writes a partner's own key to the path its spec names", () => {
    const fieldSpecs = {
      employerName: {
        section: 'financial',
        kind: 'text',
        schema: buildPatchSpecSchema,
        sensitive: false,
        labelId: 'field.generic.label',
        paths: { coinbase: 'individual.employerName', oms: null },
      },
    } as const;
    expect(buildPatch('coinbase', { employerName: ' Acme  Inc ' }, { fieldSpecs })).toEqual({
      individual: { employerName: 'Acme Inc' },
    });
    expect(() => buildPatch('coinbase', { employerName: 'Acme' })).toThrow(UnsupportedFieldError);
  });
});

describe('buildCreateRequest and buildCapabilitiesRequest', () => {
  it('builds a spec-valid Coinbase create body with the requested capabilities', () => {
    const body = buildCreateRequest('coinbase', {
      capabilities: ['custodyFiat', 'tradeCrypto'],
      values: { ...formValues, ...financialValues },
    });
    expect(body).toMatchObject({
      type: 'individual',
      capabilities: { custodyFiat: { requested: true }, tradeCrypto: { requested: true } },
    });
    expect(coinbase.strict.createCustomerRequest.safeParse(body).success).toBe(true);
  });

  it('builds a spec-valid OMS create body with the endorsements for the capabilities', () => {
    const body = buildCreateRequest('oms', {
      capabilities: ['custodyFiat', 'custodyCrypto'],
      values: formValues,
    });
    expect(body).toMatchObject({ type: 'individual', endorsements: ['cryptoCustody', 'usd'] });
    expect(oms.strict.createCustomerRequest.safeParse(body).success).toBe(true);
  });

  it('asks for capabilities alone, per provider', () => {
    expect(buildCapabilitiesRequest('coinbase', ['transferFiat'])).toEqual({
      capabilities: { transferFiat: { requested: true } },
    });
    expect(buildCapabilitiesRequest('oms', ['transferFiat'])).toEqual({ endorsements: ['usd'] });
    expect(buildCapabilitiesRequest('oms', ['unheardOf'])).toEqual({});
  });
});

describe('buildPatch of values checkSubmittedFields returned', () => {
  it.each(['coinbase', 'oms'] as const)(
    'writes the %s request the form values themselves make, without a second check',
    (provider) => {
      // The keys this provider has a place for (OMS has no financial profile).
      const keys = Object.keys({ ...formValues, ...financialValues }).filter(
        (key) => requestMappingFor(key).paths[provider] !== null,
      );
      const form: Record<string, unknown> = Object.fromEntries(
        keys.map((key) => [key, { ...formValues, ...financialValues }[key as keyof typeof formValues]]),
      );
      const checked = checkSubmittedFields(provider, form);
      if (!checked.ok) throw new Error('the form values are valid');
      expect(Object.isFrozen(checked.values)).toBe(true);
      expect(buildPatch(provider, checked.values, { now })).toEqual(buildPatch(provider, form, { now }));
    },
  );

  it('still checks a record of the same values that checkSubmittedFields did not return', () => {
    const checked = checkSubmittedFields('coinbase', { firstName: 'Jane' });
    if (!checked.ok) throw new Error('the name is valid');
    const copied = { ...checked.values, fullSsn: '1234' };
    expect(() => buildPatch('coinbase', copied)).toThrow(InvalidFieldsError);
  });

  it('checks the values again for other partner field specs than they were checked with', () => {
    const checked = checkSubmittedFields('coinbase', { firstName: 'Jane' });
    if (!checked.ok) throw new Error('the name is valid');
    const strictName = {
      firstName: { ...fieldSpecFor('firstName'), schema: fieldSpecFor('ssnLast4').schema },
    };
    expect(() => buildPatch('coinbase', checked.values, { fieldSpecs: strictName })).toThrow(
      InvalidFieldsError,
    );
  });
});
