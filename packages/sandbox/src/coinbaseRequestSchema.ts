import { coinbase } from '@kyc-kit/core/server';
import type { z } from 'zod';

/**
 * The spec's CreateCustomerRequest, from core's strict Coinbase schemas: the
 * sandbox validates with the very schema the kit builds its requests against,
 * so a request the kit builds and the sandbox refuses is a bug in one place.
 */
export const coinbaseCreateRequestSchema = coinbase.strict.createCustomerRequest;

/** The spec's UpdateCustomerRequest (CustomerWriteBase: every field optional, nothing unknown). */
export const coinbaseUpdateRequestSchema = coinbase.strict.updateCustomerRequest;

/** The guides' create and update bodies: contact fields at the top (`email`, `phone`). */
export const coinbaseGuidesCreateRequestSchema = coinbase.guides.createCustomerRequest;
/** See {@link coinbaseGuidesCreateRequestSchema}. */
export const coinbaseGuidesUpdateRequestSchema = coinbase.guides.updateCustomerRequest;

/** A validated create or update body. */
export type CoinbaseWriteRequest = z.output<typeof coinbaseUpdateRequestSchema>;

/** Names the first invalid field of a failed parse, e.g. "individual.fullSsn: ...". */
export function describeFirstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return 'Invalid request.';
  const path = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    const where = path === '' ? '' : `${path}.`;
    return `${issue.keys.map((key) => `${where}${key}`).join(', ')}: unknown field.`;
  }
  // The spec's own words for the one rule a partner is most likely to hit.
  if (path === 'individual.address.countryCode') return `${path}: only US addresses are supported.`;
  if (path === 'tosAcceptances' || path === 'taxAttestations') {
    return `${path}: must not be empty; omit the field to leave it unchanged.`;
  }
  return `${path === '' ? 'body' : path}: ${issue.message}.`;
}
