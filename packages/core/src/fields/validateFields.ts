import * as z from 'zod/mini';
import { messages, type MessageId } from '../messages/messages';
import { fieldSpecFor, type PartnerFieldSpecs } from './fieldSpecFor';

/** One field's error: the message id and its English text (for logs and API bodies). */
export interface FieldError {
  code: MessageId;
  message: string;
}

/** The result of {@link validateFields}. */
export type ValidateFieldsResult =
  { ok: true; values: Record<string, unknown> } | { ok: false; errors: Record<string, FieldError> };

function toMessageId(message: string): MessageId {
  // Issue messages of registry schemas are ids; anything else is zod's own.
  return Object.hasOwn(messages.en, message) ? (message as MessageId) : 'field.generic.error.required';
}

/**
 * Validates form values with each key's field spec and returns the strict
 * provider forms (an SSN as ###-##-####, a phone in E.164), or one error per
 * invalid key. `keys` defaults to the keys present in `values`; a key listed
 * but absent is reported as missing. `fieldSpecs` are the partner's own
 * (see {@link PartnerFieldSpecs}).
 */
export function validateFields(
  values: Record<string, unknown>,
  keys?: readonly string[],
  fieldSpecs?: PartnerFieldSpecs,
): ValidateFieldsResult {
  const errors: [string, FieldError][] = [];
  const output: [string, unknown][] = [];
  for (const key of keys ?? Object.keys(values)) {
    const spec = fieldSpecFor(key, fieldSpecs);
    const result = spec.schema.safeParse(Object.hasOwn(values, key) ? values[key] : undefined);
    if (result.success) {
      output.push([key, result.data]);
      continue;
    }
    const code = toMessageId(result.error.issues[0]?.message ?? '');
    errors.push([key, { code, message: messages.en[code] ?? '' }]);
  }
  if (errors.length > 0) return { ok: false, errors: Object.fromEntries(errors) };
  return { ok: true, values: Object.fromEntries(output) };
}

/**
 * A zod object of the given keys' field schemas, for a form of your own
 * (react-hook-form + @hookform/resolvers/zod, say). Issue messages are
 * MessageIds, to translate at render time.
 */
export function formFieldsSchema(
  keys: readonly string[],
  fieldSpecs?: PartnerFieldSpecs,
): z.ZodMiniObject<Record<string, z.ZodMiniType<unknown, unknown>>> {
  return z.object(Object.fromEntries(keys.map((key) => [key, fieldSpecFor(key, fieldSpecs).schema])));
}
