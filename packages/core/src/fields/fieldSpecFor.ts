import type * as z from 'zod/mini';
import { cached } from '../cached';
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
  readDocumentNumber,
  readEmail,
  readFullSsn,
  readItin,
  readPhoneNumber,
  readPostalCode,
  readSsnLast4,
  readSubdivision,
  readTaxAttestation,
  readText,
  readTosAcceptance,
  schemaFromReader,
} from './fieldReaders';
import type {
  DateOfBirthValue,
  ReadResult,
  RequiredKey,
  TaxAttestationValue,
  TosAcceptanceValue,
} from './fieldReaders';
import { loadPhoneRules } from './phoneMetadata';
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

/**
 * The controls a field renders: one text box, one select, the three boxes of
 * a date, a phone's country and number, or a group of checkboxes.
 */
export type FieldControl = 'input' | 'select' | 'date' | 'phone' | 'checkboxGroup';

/**
 * Writes a field's strict value (its schema's output) as one provider's
 * request body takes it. Without one the value is written as it is.
 */
export type FieldEncoder = (value: unknown, context: { now: Date }) => unknown;

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

/**
 * Everything the kit knows about collecting one requirement key, in one
 * place: hooks and components read it and special-case no key or kind.
 * Where each provider's request body takes the value is beside it in the
 * same file, apart because only the proxy writes request bodies (see
 * {@link requestMappingFor}, on `@kyc-kit/core/server`): a browser bundle
 * carries no request paths or encoders.
 */
export interface FieldSpec {
  /** The requirement key. */
  key: string;
  /** False for a key neither the registry nor the partner describes (see {@link FieldSpec.supported}). */
  known: boolean;
  /**
   * Whether the kit can collect the key. A key nobody describes is not: it
   * shows as "we need something else from you, contact support", never as a
   * field that cannot be submitted.
   */
  supported: boolean;
  section: FieldSection;
  kind: FieldKind;
  /** The controls rendered for the field. */
  control: FieldControl;
  /** The value of the field before anything is typed, in the form's shape (a fresh object each call). */
  emptyValue: () => unknown;
  /** Whether the control hides what is typed until asked (SSNs, ITINs). */
  masked: boolean;
  /**
   * Whether a typed value may be kept in a draft in browser storage. Never
   * for sensitive data (SSN, date of birth, address) or an unknown key.
   */
  draftable: boolean;
  /**
   * Reads the form value leniently and outputs the strict provider form; issue messages are MessageIds.
   * A zod/mini schema (it runs in the browser): call `schema.safeParse(value)`.
   */
  schema: z.ZodMiniType<unknown, unknown>;
  /**
   * Loads what `schema` needs to check a value in full and the bundle leaves out (the phone
   * number parser: {@link loadPhoneRules}). The form's resolver awaits it before each check and
   * the hooks start it right after the first paint; if it rejects, the schema checks what it
   * can and the proxy checks in full.
   */
  loadRules?: () => Promise<void>;
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
  /**
   * Whether the choices are shown by name in the locale's alphabet (Afghanistan before Andorra), not
   * in the order given. Derived: the country and subdivision kinds are, unless a spec says otherwise.
   */
  sortOptions?: boolean;
  /**
   * The boxes of a compound field (a date: day, month, year; a phone: country, number). A `date` or
   * `phone` control written without them gets the kit's (those of `dateOfBirth` and `phoneNumber`).
   */
  parts?: FieldPart[];
}

function optionsFor(field: string, values: readonly string[]): FieldOption[] {
  return values.map((value) => ({ value, labelId: `option.${field}.${value}` as MessageId }));
}

/** Where and how each provider's request body takes a field's value (the proxy's concern, not the browser's). */
export interface FieldRequestMapping {
  /**
   * Where the value goes in each provider's request body (dotted path); null
   * when that provider has no such field.
   */
  paths: Record<ProviderName, string | null>;
  /**
   * How the value is written per provider, when not as the schema outputs it
   * (OMS takes the date of birth as `YYYY-MM-DD`, identity numbers as
   * `identifyingInformation[]` entries). An encoded array is appended to one
   * already at the path, so several documents share `identifyingInformation`.
   */
  encode?: Partial<Record<ProviderName, FieldEncoder>>;
}

/**
 * A spec as written (a registry entry, or a partner's): `control`,
 * `emptyValue`, `masked` and `draftable` follow from it, and may be set to
 * differ. A partner's spec also carries its request mapping: `paths` may be
 * left out for a key the kit knows (its own mapping then applies, as when
 * overriding only the date of birth's schema); a key the kit does not know
 * needs them, or the proxy refuses its value.
 */
export type FieldSpecInput = Omit<
  FieldSpec,
  'key' | 'known' | 'supported' | 'control' | 'emptyValue' | 'masked' | 'draftable'
> &
  Partial<Pick<FieldSpec, 'control' | 'emptyValue' | 'masked' | 'draftable'>> &
  Partial<FieldRequestMapping>;

/**
 * A registry entry: its request mapping is in {@link requestMappings}. Its
 * label is `field.<key>.label` and its autocomplete `off` unless it says
 * otherwise (see {@link fieldSpecFor}).
 */
type SpecInput = Omit<FieldSpecInput, 'paths' | 'encode' | 'labelId' | 'schema'> & {
  labelId?: MessageId;
  /** The reader behind the entry's schema (made on the key's first use). */
  read: (value: unknown) => ReadResult<unknown>;
};

type SelectKey = 'purposeOfAccount' | 'sourceOfFunds' | 'employmentStatus' | 'occupation' | 'expectedVolume';

const selectSpec = (field: SelectKey, values: readonly string[]): SpecInput => ({
  section: 'financial',
  kind: 'select',
  read: readChoice(values, field),
  sensitive: false,
  options: optionsFor(field, values),
});

const textSpec = (
  section: FieldSection,
  key: RequiredKey,
  sensitive: boolean,
  autocomplete: string,
): SpecInput => ({
  section,
  kind: 'text',
  read: readText(key),
  autocomplete,
  sensitive,
});

/** The date of birth's schema; `minimumAge` (default 18) is the youngest age that may onboard. */
export function dateOfBirthSchema(options: { minimumAge?: number } = {}): z.ZodMiniType<unknown, unknown> {
  return schemaFromReader((value) => readDateOfBirth(value, { minimumAge: options.minimumAge }));
}

const documentNumberSpec = (key: 'passport' | 'driversLicense'): SpecInput => ({
  section: 'taxId',
  kind: 'text',
  read: readDocumentNumber(key),
  sensitive: true,
});

// In the order fields are asked within a step: FIELD_KEYS is this object's key order.
const registry = {
  firstName: textSpec('personal', 'firstName', false, 'given-name'),
  lastName: textSpec('personal', 'lastName', false, 'family-name'),
  dateOfBirth: {
    section: 'personal',
    kind: 'date',
    read: readDateOfBirth,
    autocomplete: 'bday',
    sensitive: true,
    hintId: 'field.dateOfBirth.hint',
  },
  // Browsers must not offer to save or fill an SSN: autocomplete stays `off`.
  ssnLast4: { section: 'taxId', kind: 'ssnLast4', read: readSsnLast4, sensitive: true },
  fullSsn: {
    section: 'taxId',
    kind: 'ssn',
    read: readFullSsn,
    sensitive: true,
    hintId: 'field.fullSsn.hint',
  },
  addressLine1: textSpec('address', 'addressLine1', true, 'address-line1'),
  addressCity: textSpec('address', 'addressCity', true, 'address-level2'),
  addressSubdivision: {
    section: 'address',
    kind: 'subdivision',
    read: readSubdivision,
    autocomplete: 'address-level1',
    sensitive: true,
    options: US_SUBDIVISION_CODES.map((code) => ({ value: code, labelId: `subdivision.${code}` as const })),
  },
  addressPostalCode: {
    section: 'address',
    kind: 'postalCode',
    read: readPostalCode,
    autocomplete: 'postal-code',
    sensitive: true,
  },
  addressCountryCode: {
    section: 'address',
    kind: 'country',
    read: readAddressCountry,
    autocomplete: 'country',
    sensitive: true,
    hintId: 'field.addressCountryCode.hint',
    options: [{ value: 'US', labelId: 'country.US' }],
  },
  email: {
    section: 'contact',
    kind: 'email',
    read: readEmail,
    autocomplete: 'email',
    sensitive: false,
  },
  phoneNumber: {
    section: 'contact',
    kind: 'phone',
    read: readPhoneNumber,
    loadRules: loadPhoneRules,
    autocomplete: 'tel',
    sensitive: false,
    hintId: 'field.phoneNumber.hint',
  },
  citizenship: {
    section: 'personal',
    kind: 'country',
    read: readCountry('citizenship'),
    // No autocomplete token names a nationality; `country` would fill the address country.
    sensitive: false,
    options: COUNTRY_CODES.map((code) => ({ value: code, labelId: `country.${code}` as MessageId })),
  },
  purposeOfAccount: selectSpec('purposeOfAccount', PURPOSE_OF_ACCOUNT_VALUES),
  sourceOfFunds: selectSpec('sourceOfFunds', SOURCE_OF_FUNDS_VALUES),
  employmentStatus: selectSpec('employmentStatus', EMPLOYMENT_STATUS_VALUES),
  occupation: selectSpec('occupation', OCCUPATION_VALUES),
  expectedVolume: {
    ...selectSpec('expectedVolume', EXPECTED_VOLUME_VALUES),
    hintId: 'field.expectedVolume.hint',
  },
  tos: { section: 'terms', kind: 'tos', read: readTosAcceptance, sensitive: false },
  taxAttestation: {
    section: 'taxId',
    kind: 'checkbox',
    read: readTaxAttestation,
    sensitive: false,
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
  },
  itin: {
    section: 'taxId',
    kind: 'ssn',
    read: readItin,
    sensitive: true,
    hintId: 'field.itin.hint',
  },
  passport: documentNumberSpec('passport'),
  driversLicense: documentNumberSpec('driversLicense'),
} as const satisfies Record<string, SpecInput>;

/** A requirement key the kit's registry describes. */
export type FieldKey = keyof typeof registry;

/**
 * Every key the registry knows, in the order fields are asked within a step
 * (the registry's own order): the 18 requirement keys of seed 002, then `tos`
 * and `taxAttestation`, then the identity documents OMS also takes.
 */
export const FIELD_KEYS = Object.keys(registry) as readonly FieldKey[];

/** The kinds with controls of their own; the choices (select, country, subdivision) and the rest render below. */
const OWN_CONTROL: Partial<Record<FieldKind, FieldControl>> = {
  date: 'date',
  phone: 'phone',
  checkbox: 'checkboxGroup',
};

/** Which controls a kind renders. Choices without options (an unknown list) degrade to a text box. */
function controlForKind(kind: FieldKind, options: readonly FieldOption[] | undefined): FieldControl {
  const own = OWN_CONTROL[kind];
  if (own !== undefined) return own;
  const choice = kind === 'select' || kind === 'country' || kind === 'subdivision';
  return choice && options !== undefined && options.length > 0 ? 'select' : 'input';
}

/** The on-screen keyboard of each kind that is typed, unless a spec names its own. */
const KIND_INPUT_MODE: Partial<Record<FieldKind, FieldSpec['inputMode']>> = {
  text: 'text',
  email: 'email',
  date: 'numeric',
  ssn: 'numeric',
  ssnLast4: 'numeric',
  postalCode: 'numeric',
  phone: 'tel',
};

const datePart = (name: 'day' | 'month' | 'year'): FieldPart => ({
  name,
  labelId: `field.dateOfBirth.${name}.label`,
  autocomplete: `bday-${name}`,
  inputMode: 'numeric',
});

/** The boxes of the compound controls, for any spec that names none of its own. */
const CONTROL_PARTS: Partial<Record<FieldControl, FieldPart[]>> = {
  date: (['day', 'month', 'year'] as const).map(datePart),
  phone: [
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
};

/** Each control's value before anything is typed, in the form's shape (a fresh object each call). */
const EMPTY_VALUE: Record<FieldControl, (options: readonly FieldOption[]) => unknown> = {
  input: () => '',
  // A list of one (the address country: US only) is already answered; any other choice starts empty.
  select: (options) => (options.length === 1 ? (options[0]?.value ?? '') : ''),
  date: () => ({ day: '', month: '', year: '' }),
  phone: () => ({ country: 'US', number: '' }),
  checkboxGroup: (options) => Object.fromEntries(options.map((option) => [option.value, false])),
};

/** Completes a registry entry (or a partner's) into a spec: the derived parts follow from what it says. */
export function completeFieldSpec(key: string, input: FieldSpecInput, known = true): FieldSpec {
  const control = input.control ?? controlForKind(input.kind, input.options);
  return {
    key,
    known,
    supported: true,
    ...input,
    control,
    inputMode: input.inputMode ?? KIND_INPUT_MODE[input.kind],
    sortOptions: input.sortOptions ?? (input.kind === 'country' || input.kind === 'subdivision'),
    parts: input.parts ?? CONTROL_PARTS[control],
    emptyValue: input.emptyValue ?? (() => EMPTY_VALUE[control](input.options ?? [])),
    masked: input.masked ?? (input.kind === 'ssn' || input.kind === 'ssnLast4'),
    // Sensitive data and unknown keys never reach browser storage, whatever an entry says.
    draftable: known && !input.sensitive && (input.draftable ?? true),
  };
}

/**
 * A partner's own field specs, by requirement key: keys the kit does not
 * know (a provider's new requirement), or the kit's own keys described
 * otherwise (a minimum age of 21 through {@link dateOfBirthSchema}). Pass
 * the same object to `<KycKitProvider fieldSpecs>` and the proxy's
 * `fieldSpecs` option, so what the browser asks for the proxy accepts.
 */
export type PartnerFieldSpecs = Readonly<Record<string, FieldSpecInput>>;

const genericSchema = schemaFromReader(readText('generic'));
/** Completed specs, per partner object (the registry's under `NO_PARTNER`): each key is completed once. */
const NO_PARTNER: PartnerFieldSpecs = {};
const specCaches = new WeakMap<PartnerFieldSpecs, Map<string, FieldSpec>>();

/** A registry entry completed: its label `field.<key>.label`, autocomplete `off` and schema unless it says otherwise. */
function registrySpec(key: FieldKey): FieldSpec {
  const { read, ...entry }: SpecInput = registry[key];
  return completeFieldSpec(key, {
    labelId: `field.${key}.label`,
    autocomplete: 'off',
    ...entry,
    schema: schemaFromReader(read),
  });
}

function unsupportedSpec(key: string): FieldSpec {
  return {
    ...completeFieldSpec(
      key,
      {
        section: 'personal',
        kind: 'text',
        schema: genericSchema,
        // Unknown data may be personal: treat it as sensitive.
        sensitive: true,
        labelId: 'field.unsupported.title',
        hintId: 'field.unsupported.description',
      },
      false,
    ),
    supported: false,
  };
}

/**
 * The field spec for a requirement key: the partner's spec when `specs` has
 * one, else the registry's. A key neither describes gets an unsupported spec
 * (`supported: false`, no request path either), never an exception: the form shows
 * "we need something else from you, contact support", and the proxy accepts
 * no value for it.
 */
export function fieldSpecFor(key: string, specs?: PartnerFieldSpecs): FieldSpec {
  const partner = specs !== undefined && Object.hasOwn(specs, key) ? specs[key] : undefined;
  const owner = partner === undefined || specs === undefined ? NO_PARTNER : specs;
  const cache = cached(specCaches, owner, () => new Map<string, FieldSpec>());
  const kept = cache.get(key);
  if (kept !== undefined) return kept;
  const spec =
    partner !== undefined
      ? completeFieldSpec(key, partner)
      : isKnownFieldKey(key)
        ? registrySpec(key)
        : unsupportedSpec(key);
  // Keys nobody describes are kept up to a bound: a stream of made-up keys never grows the cache without end.
  if (spec.known || cache.size < 1000) cache.set(key, spec);
  return spec;
}

/** Whether the registry has a spec for `key`. */
export function isKnownFieldKey(key: string): key is FieldKey {
  return Object.hasOwn(registry, key);
}

/**
 * Where each registry key goes in each provider's request body, and how it
 * is written there: the registry's other half, read only by the proxy's
 * writers (`buildPatch`, `checkRequestBody`, `buildTosPatch`) through
 * {@link requestMappingFor}. Plain literals, no calls at module level, so any
 * bundler drops the whole table from a browser bundle, which never reads it.
 * OMS `identifyingInformation[]` entries are one US document each (seed 004).
 */
const requestMappings: Record<FieldKey, FieldRequestMapping> = {
  firstName: { paths: { coinbase: 'individual.firstName', oms: 'firstName' } },
  lastName: { paths: { coinbase: 'individual.lastName', oms: 'lastName' } },
  dateOfBirth: {
    paths: { coinbase: 'individual.dateOfBirth', oms: 'birthDate' },
    encode: {
      oms: (value) => {
        const { year, month, day } = value as DateOfBirthValue;
        return `${year}-${month}-${day}`;
      },
    },
  },
  citizenship: { paths: { coinbase: 'individual.citizenship', oms: 'nationality' } },
  addressLine1: { paths: { coinbase: 'individual.address.line1', oms: 'residentialAddress.line1' } },
  addressCity: { paths: { coinbase: 'individual.address.city', oms: 'residentialAddress.city' } },
  addressSubdivision: { paths: { coinbase: 'individual.address.state', oms: 'residentialAddress.state' } },
  addressPostalCode: {
    paths: { coinbase: 'individual.address.postCode', oms: 'residentialAddress.zipCode' },
  },
  addressCountryCode: {
    paths: { coinbase: 'individual.address.countryCode', oms: 'residentialAddress.country' },
  },
  // OMS takes whole identity documents only.
  ssnLast4: { paths: { coinbase: 'individual.ssnLast4', oms: null } },
  fullSsn: {
    paths: { coinbase: 'individual.fullSsn', oms: 'identifyingInformation' },
    encode: { oms: (value) => [{ type: 'ssn', issuingCountry: 'US', number: value }] },
  },
  // Coinbase's individual input has no ITIN or identity-document fields (seed 000); OMS takes them as documents.
  itin: {
    paths: { coinbase: null, oms: 'identifyingInformation' },
    encode: { oms: (value) => [{ type: 'itin', issuingCountry: 'US', number: value }] },
  },
  passport: {
    paths: { coinbase: null, oms: 'identifyingInformation' },
    encode: { oms: (value) => [{ type: 'passport', issuingCountry: 'US', number: value }] },
  },
  driversLicense: {
    paths: { coinbase: null, oms: 'identifyingInformation' },
    encode: { oms: (value) => [{ type: 'driversLicense', issuingCountry: 'US', number: value }] },
  },
  taxAttestation: {
    paths: { coinbase: 'taxAttestations', oms: null },
    encode: {
      coinbase: (value, { now }) => {
        const attestation = value as TaxAttestationValue;
        return [
          {
            form: 'us_w9',
            edeliveryConsent: attestation.edeliveryConsent,
            acceptedAt: now.toISOString(),
            isExemptBackupWithholding: attestation.isExemptBackupWithholding,
          },
        ];
      },
    },
  },
  purposeOfAccount: { paths: { coinbase: 'individual.purposeOfAccount', oms: null } },
  sourceOfFunds: { paths: { coinbase: 'individual.sourceOfFunds', oms: null } },
  employmentStatus: { paths: { coinbase: 'individual.employmentStatus', oms: null } },
  occupation: { paths: { coinbase: 'individual.occupation', oms: null } },
  expectedVolume: { paths: { coinbase: 'individual.expectedVolume', oms: null } },
  // The spec's IndividualInput carries email; the guides' top-level `email` is read only.
  email: { paths: { coinbase: 'individual.email', oms: 'email' } },
  phoneNumber: { paths: { coinbase: 'individual.phoneNumber', oms: 'phone' } },
  tos: {
    paths: { coinbase: 'tosAcceptances', oms: 'signedAgreement' },
    encode: {
      coinbase: (value) => {
        const { versionId, language, acceptedAt } = value as TosAcceptanceValue;
        return [{ versionId, language, acceptedAt }];
      },
      // OMS keeps a flag, not versions.
      oms: () => true,
    },
  },
};

const NO_REQUEST_PATH: FieldRequestMapping = { paths: { coinbase: null, oms: null } };

/**
 * Where and how each provider's request body takes `key`'s value: the
 * partner's mapping when `specs` gives `paths` for it, else the registry's
 * (a partner spec without `paths` of a key the kit knows keeps the kit's
 * mapping, and the partner's own encoders where it gives them). A key neither
 * describes has no path at any provider: the proxy refuses its value.
 * Server-side (`@kyc-kit/core/server`): only request writers need it.
 *
 * @example requestMappingFor('addressPostalCode').paths // { coinbase: 'individual.address.postCode', oms: 'residentialAddress.zipCode' }
 */
export function requestMappingFor(key: string, specs?: PartnerFieldSpecs): FieldRequestMapping {
  const partner = specs !== undefined && Object.hasOwn(specs, key) ? specs[key] : undefined;
  if (partner?.paths !== undefined) return { paths: partner.paths, encode: partner.encode };
  const own = Object.hasOwn(requestMappings, key) ? requestMappings[key as FieldKey] : NO_REQUEST_PATH;
  return partner?.encode === undefined ? own : { ...own, encode: partner.encode };
}
