// The 20-field KYC form every page of the bench renders: the 20 requirement keys of
// kyc-kit's registry (packages/core/src/fields/fieldSpecFor.ts, FIELD_KEYS), with the same
// option lists, read from core's data-only modules so no page carries more than the data.
// Plain-data modules only: importing them costs every page the same bytes, native included.
import { COUNTRY_CODES } from './countryCodes';
import { US_SUBDIVISION_CODES } from '../../packages/core/src/fields/usSubdivisions';
import {
  EMPLOYMENT_STATUS_VALUES,
  EXPECTED_VOLUME_VALUES,
  OCCUPATION_VALUES,
  PURPOSE_OF_ACCOUNT_VALUES,
  SOURCE_OF_FUNDS_VALUES,
} from '../../packages/core/src/providers/coinbaseEnums';

export type BenchField =
  | { key: string; label: string; kind: 'text'; pattern?: string; autoComplete?: string }
  | { key: string; label: string; kind: 'email' }
  | { key: string; label: string; kind: 'select'; options: readonly string[] }
  | { key: string; label: string; kind: 'date' }
  | { key: string; label: string; kind: 'phone' }
  | { key: string; label: string; kind: 'checkbox' }
  | {
      key: string;
      label: string;
      kind: 'checkboxes';
      options: readonly { key: string; label: string; required: boolean }[];
    };

export const FIELDS: readonly BenchField[] = [
  { key: 'firstName', label: 'First name', kind: 'text', autoComplete: 'given-name' },
  { key: 'lastName', label: 'Last name', kind: 'text', autoComplete: 'family-name' },
  { key: 'dateOfBirth', label: 'Date of birth', kind: 'date' },
  { key: 'ssnLast4', label: 'Last 4 digits of your SSN', kind: 'text', pattern: '^\\d{4}$' },
  {
    key: 'fullSsn',
    label: 'Social Security number',
    kind: 'text',
    pattern: '^(\\d{3}-\\d{2}-\\d{4}|\\d{9})$',
  },
  { key: 'addressLine1', label: 'Street address', kind: 'text', autoComplete: 'address-line1' },
  { key: 'addressCity', label: 'City', kind: 'text', autoComplete: 'address-level2' },
  { key: 'addressSubdivision', label: 'State', kind: 'select', options: US_SUBDIVISION_CODES },
  { key: 'addressPostalCode', label: 'ZIP code', kind: 'text', pattern: '^\\d{5}(-\\d{4})?$' },
  { key: 'addressCountryCode', label: 'Country', kind: 'select', options: ['US'] },
  { key: 'email', label: 'Email', kind: 'email' },
  { key: 'phoneNumber', label: 'Phone number', kind: 'phone' },
  { key: 'citizenship', label: 'Country of citizenship', kind: 'select', options: COUNTRY_CODES },
  {
    key: 'purposeOfAccount',
    label: 'Purpose of the account',
    kind: 'select',
    options: PURPOSE_OF_ACCOUNT_VALUES,
  },
  { key: 'sourceOfFunds', label: 'Source of funds', kind: 'select', options: SOURCE_OF_FUNDS_VALUES },
  { key: 'employmentStatus', label: 'Employment status', kind: 'select', options: EMPLOYMENT_STATUS_VALUES },
  { key: 'occupation', label: 'Occupation', kind: 'select', options: OCCUPATION_VALUES },
  {
    key: 'expectedVolume',
    label: 'Expected monthly volume',
    kind: 'select',
    options: EXPECTED_VOLUME_VALUES,
  },
  { key: 'tos', label: 'I accept the Terms of Service', kind: 'checkbox' },
  {
    key: 'taxAttestation',
    label: 'Tax certification (Form W-9)',
    kind: 'checkboxes',
    options: [
      { key: 'certifyTaxpayerId', label: 'The number I gave is my correct taxpayer ID', required: true },
      { key: 'certifyUsPerson', label: 'I am a U.S. citizen or other U.S. person', required: true },
      { key: 'isExemptBackupWithholding', label: 'I am exempt from backup withholding', required: false },
      { key: 'edeliveryConsent', label: 'Send my tax forms electronically', required: false },
    ],
  },
];

/** The phone's country choices on every page: the ISO countries, as in the kit. */
export const PHONE_COUNTRY_OPTIONS = COUNTRY_CODES;
