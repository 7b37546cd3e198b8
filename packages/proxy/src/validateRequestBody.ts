import {
  KNOWN_CAPABILITIES,
  createTranslator,
  fieldSpecFor,
  omsEndorsementsFor,
  validateFields,
  type PartnerFieldSpecs,
  type ProviderName,
} from '@kyc-kit/core/server';
import * as z from 'zod';
import { ProxyError, type FieldError } from './ProxyError';

/** Field-level error texts are the catalogue's English, like every error body's `message`. */
const translate = createTranslator('en');

/** Parses a request body as JSON; anything else is `invalid_json` (400). */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ProxyError('invalid_json', { cause: error });
  }
}

/**
 * Checks a JSON body against one of core's wire schemas. Typed against zod's
 * core schema type, so core's schemas may be built with `zod` or `zod/mini`.
 */
export function parseBody<Schema extends z.core.$ZodType>(
  schema: Schema,
  value: unknown,
  allowedKeys: readonly string[],
): z.output<Schema> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new ProxyError('invalid_request');
  // An unexpected key (a customerId, say) is refused outright rather than silently ignored.
  if (Object.keys(value).some((key) => !allowedKeys.includes(key)))
    throw new ProxyError('invalid_request', { detail: 'unexpected body key' });
  const result = z.safeParse(schema, value);
  if (!result.success) throw new ProxyError('invalid_request', { detail: 'body does not match its schema' });
  return result.data;
}

/**
 * Checks submitted values against core's field registry: unknown keys and
 * `tos` (accepted only through its own route) are field-level errors, and
 * every known key runs its spec's schema. Returns the normalized values.
 */
export function validateSubmittedFields(
  provider: ProviderName,
  fields: Record<string, unknown>,
  fieldSpecs?: PartnerFieldSpecs,
): Record<string, unknown> {
  const errors: Record<string, FieldError> = {};
  const known: string[] = [];
  for (const key of Object.keys(fields)) {
    if (key === 'tos')
      errors[key] = { code: 'field.error.tosNotAField', message: translate('field.error.tosNotAField') };
    // Unknown keys, and keys this provider has no field for (ssnLast4 on OMS), are refused rather than dropped.
    else if (
      !fieldSpecFor(key, fieldSpecs).supported ||
      fieldSpecFor(key, fieldSpecs).paths[provider] === null
    ) {
      errors[key] = { code: 'field.error.unknown', message: translate('field.error.unknown') };
    } else known.push(key);
  }
  const knownValues = Object.fromEntries(known.map((key) => [key, fields[key]]));
  // The same specs the browser validated with: the partner's for its keys, else the registry's.
  const result = validateFields(knownValues, known, fieldSpecs);
  if (!result.ok) Object.assign(errors, result.errors);
  if (Object.keys(errors).length > 0) throw new ProxyError('invalid_fields', { fields: errors });
  return result.ok ? result.values : {};
}

/** Capabilities are the kit's eight names; OMS also takes its endorsement names. */
export function validateCapabilities(provider: ProviderName, capabilities: readonly string[]): void {
  const requestable = (name: string): boolean =>
    (KNOWN_CAPABILITIES as readonly string[]).includes(name) ||
    (provider === 'oms' && omsEndorsementsFor([name]).length > 0);
  if (!capabilities.every(requestable))
    throw new ProxyError('invalid_request', { detail: 'unknown capability' });
}
