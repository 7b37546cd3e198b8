import { BASE_REQUIRED_FIELDS, TRADE_CRYPTO_EXTRA_FIELDS } from '@kyc-kit/core/server';

/** The eight Coinbase capabilities, in the spec's (alphabetical) order. */
export const COINBASE_CAPABILITIES = [
  'custodyCrypto',
  'custodyFiat',
  'custodyStablecoin',
  'tradeCrypto',
  'tradeStablecoin',
  'transferCrypto',
  'transferFiat',
  'transferStablecoin',
] as const;

/** A Coinbase capability name. */
export type CoinbaseCapability = (typeof COINBASE_CAPABILITIES)[number];

/**
 * Seed 003's base fields (name, date of birth, full SSN, address, purpose of
 * account, source of funds), from core's field registry so the kit and the
 * simulated provider agree on one table.
 */
export const BASE_FIELD_KEYS: readonly string[] = BASE_REQUIRED_FIELDS;

/** Seed 003's tradeCrypto extras (citizenship, employment status, occupation, expected volume, email, phone). */
export const TRADE_CRYPTO_EXTRA_KEYS: readonly string[] = TRADE_CRYPTO_EXTRA_FIELDS;

/**
 * Capabilities that need a W-9 tax attestation. The spec shows `taxAttestation`
 * only ever impacting `transferFiat` (and its create example attests W-9 when
 * requesting `transferFiat`), so the sandbox asks for it there and nowhere else.
 */
export const TAX_ATTESTATION_CAPABILITIES: readonly string[] = ['transferFiat'];

/**
 * The requirement keys one Coinbase capability needs: its identity fields, `tos`
 * (every capability is governed by the Terms of Service) and, for fiat transfers,
 * `taxAttestation`.
 */
export function coinbaseRequirementKeysFor(capability: string): string[] {
  const fields: string[] = [...BASE_FIELD_KEYS];
  if (capability === 'tradeCrypto') fields.push(...TRADE_CRYPTO_EXTRA_KEYS);
  fields.push('tos');
  if (TAX_ATTESTATION_CAPABILITIES.includes(capability)) fields.push('taxAttestation');
  return fields;
}

/** The three OMS endorsements. */
export const OMS_ENDORSEMENTS = ['basic', 'cryptoCustody', 'usd'] as const;

/** An OMS endorsement name. */
export type OmsEndorsement = (typeof OMS_ENDORSEMENTS)[number];

/** OMS field names `basic` needs: identity, address, an identity document and the signed agreement. */
export const OMS_BASIC_FIELDS = [
  'firstName',
  'lastName',
  'birthDate',
  'residentialAddress',
  'identifyingInformation',
  'signedAgreement',
] as const;

/**
 * The OMS field names an endorsement lists in its `requirements`. Each endorsement
 * lists everything it needs (basic's fields included), so a partner can read one
 * endorsement on its own. Crypto custody adds contact details; USD accounts add
 * contact details and nationality, as a bank's customer identification would.
 */
export function omsRequirementNamesFor(endorsement: string): string[] {
  switch (endorsement) {
    case 'cryptoCustody':
      return [...OMS_BASIC_FIELDS, 'email', 'phone'];
    case 'usd':
      return [...OMS_BASIC_FIELDS, 'email', 'phone', 'nationality'];
    default:
      return [...OMS_BASIC_FIELDS];
  }
}

/** OMS creates `cryptoCustody` and `usd` when no endorsement is named; both include `basic`. */
export const OMS_DEFAULT_ENDORSEMENTS: readonly OmsEndorsement[] = ['basic', 'cryptoCustody', 'usd'];
