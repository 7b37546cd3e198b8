// zod/mini, like the rest of the wire API (api.ts): one flavour of zod for both ends.
import * as z from 'zod/mini';

/**
 * The bodies browsers send to the proxy, which validates them with these
 * schemas. Apart from the answer schemas in api.ts because no browser runs
 * them: the hooks send what the field registry already validated.
 */

const identifierPattern = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/** Field values keyed by requirement key; keys are plain identifiers (no `__proto__`, no dots). */
export const fieldValuesSchema = z.record(z.string().check(z.regex(identifierPattern)), z.unknown());

const capabilityListSchema = z
  .array(z.string().check(z.regex(identifierPattern)))
  .check(z.minLength(1), z.maxLength(32));

/** `POST /customer` body. */
export const createCustomerBodySchema = z.strictObject({
  capabilities: capabilityListSchema,
  fields: z.optional(fieldValuesSchema),
});

/** `PATCH /customer` body: fields, capabilities, or both. */
export const updateCustomerBodySchema = z
  .strictObject({
    fields: z.optional(fieldValuesSchema),
    capabilities: z.optional(capabilityListSchema),
  })
  .check(
    z.refine((body) => body.fields !== undefined || body.capabilities !== undefined, {
      message: 'Send fields or capabilities',
    }),
  );

/** `POST /customer/tos` body; the server stamps `acceptedAt`. */
export const tosAcceptBodySchema = z.strictObject({
  versionId: z.string().check(z.minLength(1), z.maxLength(64)),
  language: z.string().check(z.minLength(1), z.maxLength(35)),
});

/** `POST /customer` body. */
export type CreateCustomerBody = z.infer<typeof createCustomerBodySchema>;
/** `PATCH /customer` body. */
export type UpdateCustomerBody = z.infer<typeof updateCustomerBodySchema>;
/** `POST /customer/tos` body. */
export type TosAcceptBody = z.infer<typeof tosAcceptBodySchema>;
