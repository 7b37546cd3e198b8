import type { ProviderName } from './model';

/** Name, date of birth, full SSN and address: what every provider asks first. */
const IDENTITY_FIELDS = [
  'firstName',
  'lastName',
  'dateOfBirth',
  'fullSsn',
  'addressLine1',
  'addressCity',
  'addressSubdivision',
  'addressPostalCode',
  'addressCountryCode',
];

/**
 * Seed 003's base fields: name, date of birth, full SSN, address, purpose of
 * account and source of funds.
 */
export const BASE_REQUIRED_FIELDS: readonly string[] = [
  ...IDENTITY_FIELDS,
  'purposeOfAccount',
  'sourceOfFunds',
];

/** Seed 003: tradeCrypto adds citizenship, employment status, occupation, expected volume, email and phone. */
export const TRADE_CRYPTO_EXTRA_FIELDS: readonly string[] = [
  'citizenship',
  'employmentStatus',
  'occupation',
  'expectedVolume',
  'email',
  'phoneNumber',
];

/**
 * OMS publishes no per-endorsement field table; these are the identity fields
 * its create request takes for an individual (seed 004). OMS has no financial
 * profile fields.
 */
export const OMS_REQUIRED_FIELDS: readonly string[] = [
  ...IDENTITY_FIELDS,
  'citizenship',
  'email',
  'phoneNumber',
];

/**
 * The fields a capability needs before a customer exists (seed 003's table),
 * used to build the first form. Once the customer exists the provider's
 * `requirements` map is the truth. An unknown capability gets the base
 * fields; for OMS every capability (and endorsement) gets the OMS fields.
 */
export function requiredFieldsFor(capability: string, provider: ProviderName = 'coinbase'): string[] {
  if (provider === 'oms') return [...OMS_REQUIRED_FIELDS];
  return capability === 'tradeCrypto'
    ? [...BASE_REQUIRED_FIELDS, ...TRADE_CRYPTO_EXTRA_FIELDS]
    : [...BASE_REQUIRED_FIELDS];
}
