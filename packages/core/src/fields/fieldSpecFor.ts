import type * as z from 'zod/mini';
import type { MessageId } from '../messages/messages';
import type { ProviderName } from '../model';
import {
  EMPLOYMENT_STATUS_VALUES,
  EXPECTED_VOLUME_VALUES,
  OCCUPATION_VALUES,
  PURPOSE_OF_ACCOUNT_VALUES,
  SOURCE_OF_FUNDS_VALUES,
} from '../providers/coinbaseEnums';
import { COUNTRY_CODES } from './countryCodes';
import {
  readAddressCountry,
  readChoice,
  readCountry,
  readDateOfBirth,
  readEmail,
  readFullSsn,
  readPhoneNumber,
  readPostalCode,
  readSsnLast4,
  readSubdivision,
  readTaxAttestation,
  readText,
  readTosAcceptance,
  schemaFromReader,
} from './fieldReaders';
import { US_SUBDIVISION_CODES } from './usSubdivisions';

/** How a field is entered; the React layer picks a control per kind. */
export type FieldKind =
  | 'text'
  | 'email'
  | 'date'
  | 'ssn'
  | 'ssnLast4'
  | 'phone'
  | 'postalCode'
  | 'subdivision'
  | 'country'
  | 'select'
  | 'checkbox'
  | 'tos';

/** The step a field is collected in, in the order steps are shown. */
export type FieldSection = 'personal' | 'address' | 'taxId' | 'financial' | 'contact' | 'terms';

/** Step order: who you are, where you live, tax id, financial profile, contact, terms. */
export const FIELD_SECTIONS: readonly FieldSection[] = [
  'personal',
  'address',
  'taxId',
  'financial',
  'contact',
  'terms',
];

/** One choice of a select (or one checkbox of a checkbox group). */
export interface FieldOption {
  value: string;
  labelId: MessageId;
  /** For checkbox groups: whether this box must be checked. */
  required?: boolean;
}

/** One part of a compound field (the day, month and year boxes of a date). */
export interface FieldPart {
  name: string;
  labelId: MessageId;
  autocomplete: string;
  inputMode: 'text' | 'numeric' | 'email' | 'tel';
}

/** Everything the kit knows about collecting one requirement key. */
export interface FieldSpec {
  /** The requirement key. */
  key: string;
  /** False for a key the registry does not know (a generic text field). */
  known: boolean;
  section: FieldSection;
  kind: FieldKind;
  /**
   * Reads the form value leniently and outputs the strict provider form; issue messages are MessageIds.
   * A zod/mini schema (it runs in the browser): call `schema.safeParse(value)`.
   */
  schema: z.ZodMiniType<unknown, unknown>;
  /** The HTML autocomplete token; `off` for SSNs and choices the browser cannot fill. */
  autocomplete?: string;
  /** The HTML inputmode hint for on-screen keyboards. */
  inputMode?: 'text' | 'numeric' | 'email' | 'tel';
  /** Personal data that must never be logged, stored in the browser or put in a URL. */
  sensitive: boolean;
  labelId: MessageId;
  hintId?: MessageId;
  /** The provider's enumeration (selects), or the boxes of a checkbox group. */
  options?: FieldOption[];
  /** The boxes of a compound field (dateOfBirth: day, month, year; phoneNumber: country, number). */
  parts?: FieldPart[];
  /**
   * Where the value goes in each provider's request body (dotted path); null
   * when that provider has no such field.
   */
  paths: Record<ProviderName, string | null>;
}

function optionsFor(field: string, values: readonly string[]): FieldOption[] {
  return values.map((value) => ({ value, labelId: `option.${field}.${value}` as MessageId }));
}

type SpecInput = Omit<FieldSpec, 'key' | 'known'>;

const selectSpec = (field: string, values: readonly string[], requiredId: MessageId): SpecInput => ({
  section: 'financial',
  kind: 'select',
  schema: schemaFromReader(readChoice(values, requiredId)),
  autocomplete: 'off',
  sensitive: false,
  labelId: `field.${field}.label` as MessageId,
  options: optionsFor(field, values),
  paths: { coinbase: `individual.${field}`, oms: null },
});

const addressText = (
  field: 'addressLine1' | 'addressCity',
  autocomplete: string,
  subfield: 'line1' | 'city',
): SpecInput => ({
  section: 'address',
  kind: 'text',
  schema: schemaFromReader(readText(`field.${field}.error.required`)),
  autocomplete,
  inputMode: 'text',
  sensitive: true,
  labelId: `field.${field}.label`,
  paths: { coinbase: `individual.address.${subfield}`, oms: `residentialAddress.${subfield}` },
});

const registry: Record<string, SpecInput> = {
  firstName: {
    section: 'personal',
    kind: 'text',
    schema: schemaFromReader(readText('field.firstName.error.required')),
    autocomplete: 'given-name',
    inputMode: 'text',
    sensitive: false,
    labelId: 'field.firstName.label',
    paths: { coinbase: 'individual.firstName', oms: 'firstName' },
  },
  lastName: {
    section: 'personal',
    kind: 'text',
    schema: schemaFromReader(readText('field.lastName.error.required')),
    autocomplete: 'family-name',
    inputMode: 'text',
    sensitive: false,
    labelId: 'field.lastName.label',
    paths: { coinbase: 'individual.lastName', oms: 'lastName' },
  },
  dateOfBirth: {
    section: 'personal',
    kind: 'date',
    schema: schemaFromReader((value) => readDateOfBirth(value)),
    autocomplete: 'bday',
    inputMode: 'numeric',
    sensitive: true,
    labelId: 'field.dateOfBirth.label',
    hintId: 'field.dateOfBirth.hint',
    parts: [
      { name: 'day', labelId: 'field.dateOfBirth.day.label', autocomplete: 'bday-day', inputMode: 'numeric' },
      {
        name: 'month',
        labelId: 'field.dateOfBirth.month.label',
        autocomplete: 'bday-month',
        inputMode: 'numeric',
      },
      {
        name: 'year',
        labelId: 'field.dateOfBirth.year.label',
        autocomplete: 'bday-year',
        inputMode: 'numeric',
      },
    ],
    paths: { coinbase: 'individual.dateOfBirth', oms: 'birthDate' },
  },
  citizenship: {
    section: 'personal',
    kind: 'country',
    schema: schemaFromReader(
      readCountry('field.citizenship.error.required', 'field.citizenship.error.invalid'),
    ),
    // No autocomplete token names a nationality; `country` would fill the address country.
    autocomplete: 'off',
    sensitive: false,
    labelId: 'field.citizenship.label',
    options: COUNTRY_CODES.map((code) => ({ value: code, labelId: `country.${code}` as MessageId })),
    paths: { coinbase: 'individual.citizenship', oms: 'nationality' },
  },
  addressLine1: addressText('addressLine1', 'address-line1', 'line1'),
  addressCity: addressText('addressCity', 'address-level2', 'city'),
  addressSubdivision: {
    section: 'address',
    kind: 'subdivision',
    schema: schemaFromReader(readSubdivision),
    autocomplete: 'address-level1',
    sensitive: true,
    labelId: 'field.addressSubdivision.label',
    options: US_SUBDIVISION_CODES.map((code) => ({ value: code, labelId: `subdivision.${code}` as const })),
    paths: { coinbase: 'individual.address.state', oms: 'residentialAddress.state' },
  },
  addressPostalCode: {
    section: 'address',
    kind: 'postalCode',
    schema: schemaFromReader(readPostalCode),
    autocomplete: 'postal-code',
    inputMode: 'numeric',
    sensitive: true,
    labelId: 'field.addressPostalCode.label',
    paths: { coinbase: 'individual.address.postCode', oms: 'residentialAddress.zipCode' },
  },
  addressCountryCode: {
    section: 'address',
    kind: 'country',
    schema: schemaFromReader(readAddressCountry),
    autocomplete: 'country',
    sensitive: true,
    labelId: 'field.addressCountryCode.label',
    hintId: 'field.addressCountryCode.hint',
    options: [{ value: 'US', labelId: 'country.US' }],
    paths: { coinbase: 'individual.address.countryCode', oms: 'residentialAddress.country' },
  },
  ssnLast4: {
    section: 'taxId',
    kind: 'ssnLast4',
    schema: schemaFromReader(readSsnLast4),
    // Browsers must not offer to save or fill an SSN.
    autocomplete: 'off',
    inputMode: 'numeric',
    sensitive: true,
    labelId: 'field.ssnLast4.label',
    // OMS takes whole identity documents only.
    paths: { coinbase: 'individual.ssnLast4', oms: null },
  },
  fullSsn: {
    section: 'taxId',
    kind: 'ssn',
    schema: schemaFromReader(readFullSsn),
    autocomplete: 'off',
    inputMode: 'numeric',
    sensitive: true,
    labelId: 'field.fullSsn.label',
    hintId: 'field.fullSsn.hint',
    paths: { coinbase: 'individual.fullSsn', oms: 'identifyingInformation' },
  },
  taxAttestation: {
    section: 'taxId',
    kind: 'checkbox',
    schema: schemaFromReader(readTaxAttestation),
    autocomplete: 'off',
    sensitive: false,
    labelId: 'field.taxAttestation.label',
    hintId: 'field.taxAttestation.hint',
    options: [
      { value: 'certifyTaxpayerId', labelId: 'field.taxAttestation.certifyTaxpayerId', required: true },
      { value: 'certifyUsPerson', labelId: 'field.taxAttestation.certifyUsPerson', required: true },
      {
        value: 'isExemptBackupWithholding',
        labelId: 'field.taxAttestation.isExemptBackupWithholding',
        required: false,
      },
      { value: 'edeliveryConsent', labelId: 'field.taxAttestation.edeliveryConsent', required: false },
    ],
    paths: { coinbase: 'taxAttestations', oms: null },
  },
  purposeOfAccount: selectSpec(
    'purposeOfAccount',
    PURPOSE_OF_ACCOUNT_VALUES,
    'field.purposeOfAccount.error.required',
  ),
  sourceOfFunds: selectSpec('sourceOfFunds', SOURCE_OF_FUNDS_VALUES, 'field.sourceOfFunds.error.required'),
  employmentStatus: selectSpec(
    'employmentStatus',
    EMPLOYMENT_STATUS_VALUES,
    'field.employmentStatus.error.required',
  ),
  occupation: selectSpec('occupation', OCCUPATION_VALUES, 'field.occupation.error.required'),
  expectedVolume: {
    ...selectSpec('expectedVolume', EXPECTED_VOLUME_VALUES, 'field.expectedVolume.error.required'),
    hintId: 'field.expectedVolume.hint',
  },
  email: {
    section: 'contact',
    kind: 'email',
    schema: schemaFromReader(readEmail),
    autocomplete: 'email',
    inputMode: 'email',
    sensitive: false,
    labelId: 'field.email.label',
    // The spec's IndividualInput carries email; the guides' top-level `email` is read only.
    paths: { coinbase: 'individual.email', oms: 'email' },
  },
  phoneNumber: {
    section: 'contact',
    kind: 'phone',
    schema: schemaFromReader(readPhoneNumber),
    autocomplete: 'tel',
    inputMode: 'tel',
    sensitive: false,
    labelId: 'field.phoneNumber.label',
    hintId: 'field.phoneNumber.hint',
    parts: [
      {
        name: 'country',
        labelId: 'field.phoneNumber.country.label',
        autocomplete: 'tel-country-code',
        inputMode: 'text',
      },
      {
        name: 'number',
        labelId: 'field.phoneNumber.number.label',
        autocomplete: 'tel-national',
        inputMode: 'tel',
      },
    ],
    paths: { coinbase: 'individual.phoneNumber', oms: 'phone' },
  },
  tos: {
    section: 'terms',
    kind: 'tos',
    schema: schemaFromReader(readTosAcceptance),
    autocomplete: 'off',
    sensitive: false,
    labelId: 'field.tos.label',
    paths: { coinbase: 'tosAcceptances', oms: 'signedAgreement' },
  },
};

/**
 * Every key the registry knows, in the order fields are asked within a step:
 * the 18 requirement keys of seed 002, then `tos` and `taxAttestation`.
 */
export const FIELD_KEYS: readonly string[] = [
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
  'tos',
  'taxAttestation',
];

const safeKeyPattern = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const genericSchema = schemaFromReader(readText('field.generic.error.required'));
const specCache = new Map<string, FieldSpec>();

/**
 * The field spec for a requirement key. A key the registry does not know gets
 * a generic, required text field (labelled "Additional information"), never
 * an exception, so a new provider requirement still renders.
 */
export function fieldSpecFor(key: string): FieldSpec {
  const cached = specCache.get(key);
  if (cached !== undefined) return cached;
  const known = Object.hasOwn(registry, key) ? registry[key] : undefined;
  const spec: FieldSpec =
    known !== undefined
      ? { key, known: true, ...known }
      : {
          key,
          known: false,
          section: 'personal',
          kind: 'text',
          schema: genericSchema,
          inputMode: 'text',
          // Unknown data may be personal: treat it as sensitive.
          sensitive: true,
          labelId: 'field.generic.label',
          hintId: 'field.generic.hint',
          // Only a plain identifier becomes a body path; anything else could
          // address a nested or prototype property.
          paths: safeKeyPattern.test(key)
            ? { coinbase: `individual.${key}`, oms: key }
            : { coinbase: null, oms: null },
        };
  if (known !== undefined || specCache.size < 1000) specCache.set(key, spec);
  return spec;
}

/** Whether the registry has a spec for `key`. */
export function isKnownFieldKey(key: string): boolean {
  return Object.hasOwn(registry, key);
}
