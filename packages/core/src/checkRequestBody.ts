// The proxy's checks of what a browser sends, as pure functions: no HTTP, no
// errors thrown, only results. Server-only: the browser sends values the
// field registry already validated and never runs these.
import * as z from 'zod/mini';
import { omsEndorsementsFor } from './adapters/omsAdapter';
import { markCheckedValues } from './buildPatch';
import { validateFields, type FieldError, type ValidateFieldsResult } from './fields/validateFields';
import { fieldSpecFor, requestMappingFor, type PartnerFieldSpecs } from './fields/fieldSpecFor';
import { messages } from './messages/messages';
import { KNOWN_CAPABILITIES, type ProviderName } from './model';

/** Why a request body was refused (for logs; the browser is only told `invalid_request`). */
export type RequestBodyProblem = 'not_an_object' | 'unexpected_key' | 'schema_mismatch';

/**
 * The result of {@link checkRequestBody}. A `schema_mismatch` names in `key` the body key whose value
 * does not match (one the schema names, never anything inside it), when the problem is not the whole body's.
 */
export type RequestBodyResult<Output> =
  { ok: true; value: Output } | { ok: false; problem: RequestBodyProblem; key?: string };

/**
 * Checks a parsed JSON body against one of the wire schemas
 * (`createCustomerBodySchema`, ...): it must be a plain object, carry no key
 * outside `allowedKeys` (a `customerId`, say, is refused outright rather than
 * ignored), no `__proto__` key at any depth (zod drops one silently, so
 * `fields: { __proto__: ... }` would pass as no fields at all) and match the schema. Typed against zod's core schema type, so a
 * schema built with `zod` or `zod/mini` fits.
 */
export function checkRequestBody<Schema extends z.core.$ZodType>(
  schema: Schema,
  value: unknown,
  allowedKeys: readonly string[],
): RequestBodyResult<z.output<Schema>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, problem: 'not_an_object' };
  if (Object.keys(value).some((key) => !allowedKeys.includes(key)) || hasProtoKey(value))
    return { ok: false, problem: 'unexpected_key' };
  const result = z.safeParse(schema, value);
  if (result.success) return { ok: true, value: result.data };
  // Only a key the schema names (strict: any other was refused above), never a key or value inside it.
  const key = result.error.issues[0]?.path[0];
  return typeof key === 'string'
    ? { ok: false, problem: 'schema_mismatch', key }
    : { ok: false, problem: 'schema_mismatch' };
}

/**
 * Whether parsed JSON holds an own `__proto__` key at any depth (`JSON.parse` makes one from the text
 * `"__proto__"`). Iterative: a body nested thousands deep is walked without recursion.
 */
function hasProtoKey(value: object): boolean {
  const pending: object[] = [value];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (Object.hasOwn(next, '__proto__')) return true;
    for (const child of Object.values(next) as unknown[])
      if (typeof child === 'object' && child !== null) pending.push(child);
  }
  return false;
}

function fieldError(code: 'field.error.tosNotAField' | 'field.error.unknown'): FieldError {
  return { code, message: messages.en[code] };
}

/**
 * Checks submitted values against the field registry (and the partner's own
 * `fieldSpecs`) for one provider, with the same specs the browser validated
 * with. Each key gets at most one error: `tos` is not a field (Terms are
 * accepted on their own route), a key no spec describes or that this
 * provider has no field for (`ssnLast4` on OMS) is `field.error.unknown`
 * rather than dropped, and every other key runs its spec's schema. Returns
 * the normalized values (a frozen record, which `buildPatch` writes without
 * validating again), or every key's error.
 */
export function checkSubmittedFields(
  provider: ProviderName,
  fields: Readonly<Record<string, unknown>>,
  fieldSpecs?: PartnerFieldSpecs,
): ValidateFieldsResult {
  const errors: Record<string, FieldError> = {};
  let refused = false;
  const known: string[] = [];
  for (const key of Object.keys(fields)) {
    if (key === 'tos') {
      errors[key] = fieldError('field.error.tosNotAField');
      refused = true;
      continue;
    }
    if (
      !fieldSpecFor(key, fieldSpecs).supported ||
      requestMappingFor(key, fieldSpecs).paths[provider] === null
    ) {
      errors[key] = fieldError('field.error.unknown');
      refused = true;
    } else known.push(key);
  }
  const result = validateFields(fields, known, fieldSpecs);
  if (!result.ok) return { ok: false, errors: { ...errors, ...result.errors } };
  if (refused) return { ok: false, errors };
  // Checked once: buildPatch and buildCreateRequest write these values without validating them again.
  markCheckedValues(result.values, fieldSpecs);
  return result;
}

/** Whether a browser may ask for `name`: one of the kit's capabilities, or on OMS one of its endorsement names. */
export function isRequestableCapability(provider: ProviderName, name: string): boolean {
  return (
    (KNOWN_CAPABILITIES as readonly string[]).includes(name) ||
    (provider === 'oms' && omsEndorsementsFor([name]).length > 0)
  );
}
