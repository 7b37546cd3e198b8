import {
  checkRequestBody,
  checkSubmittedFields,
  isRequestableCapability,
  type PartnerFieldSpecs,
  type ProviderName,
} from '@kyc-kit/core/server';
import type * as z from 'zod';
import { ProxyError } from './ProxyError';

// The checks themselves are core's (`@kyc-kit/core/server`); these wrappers turn their results into the
// proxy's error answers.

/** Parses a request body as JSON; anything else is `invalid_json` (400). */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ProxyError('invalid_json', { cause: error });
  }
}

const BODY_PROBLEM_DETAIL = {
  not_an_object: 'body is not an object',
  unexpected_key: 'unexpected body key',
  schema_mismatch: 'body does not match its schema',
} as const;

/** Core's {@link checkRequestBody}; a refused body is `invalid_request` (400), the problem (and the body key at fault) kept for logs. */
export function parseBody<Schema extends z.core.$ZodType>(
  schema: Schema,
  value: unknown,
  allowedKeys: readonly string[],
): z.output<Schema> {
  const result = checkRequestBody(schema, value, allowedKeys);
  if (!result.ok) {
    const where = result.key === undefined ? '' : `: ${result.key}`;
    throw new ProxyError('invalid_request', { detail: `${BODY_PROBLEM_DETAIL[result.problem]}${where}` });
  }
  return result.value;
}

/** Core's {@link checkSubmittedFields}; field errors are `invalid_fields` (400, one error per key). Returns the normalized values. */
export function validateSubmittedFields(
  provider: ProviderName,
  fields: Record<string, unknown>,
  fieldSpecs?: PartnerFieldSpecs,
): Record<string, unknown> {
  const result = checkSubmittedFields(provider, fields, fieldSpecs);
  if (!result.ok) throw new ProxyError('invalid_fields', { fields: result.errors });
  return result.values;
}

/** Every capability must be requestable ({@link isRequestableCapability}); else `invalid_request`. */
export function validateCapabilities(provider: ProviderName, capabilities: readonly string[]): void {
  if (!capabilities.every((name) => isRequestableCapability(provider, name)))
    throw new ProxyError('invalid_request', { detail: 'unknown capability' });
}
