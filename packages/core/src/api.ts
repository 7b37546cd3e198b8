import * as z from 'zod/mini';
import type { MessageId } from './messages/messages';

// The request bodies live in their own module: only the proxy parses them, so a
// browser bundle drops that module whole (core is `sideEffects: false`).
export {
  createCustomerBodySchema,
  fieldValuesSchema,
  tosAcceptBodySchema,
  updateCustomerBodySchema,
} from './requestBodySchemas';
export type { CreateCustomerBody, TosAcceptBody, UpdateCustomerBody } from './requestBodySchemas';

/**
 * The proxy's wire API (docs/contracts.md), shared by the proxy, which
 * validates what browsers send, and the hooks, which validate what the proxy
 * answers. One source of truth for both ends.
 */

/** Where the proxy is mounted by default. */
export const API_BASE_PATH = '/api/onboarding';

/** The header every write must carry (CSRF: a cross-site form cannot set it); its value is `1`. */
export const CSRF_HEADER = 'X-KYC-Kit';

/** The header carrying one key per logical submit, reused on retry. */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/** Every error code the proxy answers with; each has an `error.api.<code>` message. */
export const API_ERROR_CODES = [
  'no_customer',
  'invalid_fields',
  'invalid_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'rate_limited',
  'upstream_unavailable',
  'unsupported_tos_language',
  'customer_not_authorized',
  'network',
  'internal',
] as const;

/** One of {@link API_ERROR_CODES}. */
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** The end-user message id for an API error code; unknown codes get the generic one. */
export function apiErrorMessageId(code: string): MessageId {
  return (API_ERROR_CODES as readonly string[]).includes(code)
    ? (`error.api.${code}` as MessageId)
    : 'error.api.internal';
}

// zod/mini: the hooks parse every proxy answer with these in the browser, and mini's
// functional API tree-shakes to a few KB where classic zod ships whole.
const capabilityStatusSchema = z.enum(['unrequested', 'pending', 'active', 'inactive', 'unknown']);
const requirementStatusSchema = z.enum([
  'eventually_due',
  'due',
  'pending',
  'rejected',
  'overdue',
  'unknown',
]);

/** A ToS version of the normalized model. */
export const tosVersionSchema = z.object({
  versionId: z.string(),
  languages: z.array(z.string()),
  url: z.string(),
});

/** A requirement of the normalized model. */
export const requirementSchema = z.object({
  key: z.string(),
  known: z.boolean(),
  status: requirementStatusSchema,
  rawStatus: z.string(),
  deadline: z.optional(z.string()),
  impact: z.array(z.string()),
  tos: z.optional(z.object({ versions: z.array(tosVersionSchema), url: z.optional(z.string()) })),
  taxForms: z.optional(z.array(z.string())),
});

/**
 * The normalized {@link Customer}, as the proxy sends it to the browser.
 * Written out here rather than derived from a provider schema, so the
 * browser never loads the provider schemas.
 */
export const customerSchema = z.object({
  id: z.string(),
  provider: z.enum(['coinbase', 'oms']),
  capabilities: z.record(
    z.string(),
    z.object({ requested: z.boolean(), status: capabilityStatusSchema, rawStatus: z.string() }),
  ),
  requirements: z.record(z.string(), requirementSchema),
  tosAcceptances: z.array(z.object({ versionId: z.string(), language: z.string(), acceptedAt: z.string() })),
  profile: z.object({
    firstName: z.optional(z.string()),
    lastName: z.optional(z.string()),
    email: z.optional(z.string()),
  }),
  createdAt: z.optional(z.string()),
  updatedAt: z.optional(z.string()),
});

/** The 2xx answer of every customer write (`POST`, `PATCH /customer`, `POST /customer/tos`). */
export const customerResponseSchema = z.object({ customer: customerSchema });

/**
 * The 200 answer of `GET /customer`: the user's customer, or `null` when there is none yet (or it was
 * deleted at the provider). "No customer yet" is the normal first state, so it is no error status.
 */
export const customerReadResponseSchema = z.object({
  customer: z.nullable(customerSchema),
  /** With `customer: null`, the provider the proxy speaks (so a new customer's steps are its own); an older proxy leaves it out. */
  provider: z.optional(customerSchema.shape.provider),
});

/** `GET /tos/:versionId?language=` answer; `html` is sanitized by the proxy. */
export const tosDocumentSchema = z.object({
  versionId: z.string(),
  language: z.string(),
  title: z.string(),
  html: z.string(),
});

/** The error body of every route; `message` is end-user safe (catalogue English). */
export const apiErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.optional(z.record(z.string(), z.object({ code: z.string(), message: z.string() }))),
    retryable: z.boolean(),
  }),
});

/** A customer write's 2xx answer. */
export type CustomerResponse = z.infer<typeof customerResponseSchema>;
/** `GET /customer`'s answer: `customer` is `null` before the first submit. */
export type CustomerReadResponse = z.infer<typeof customerReadResponseSchema>;
/** A ToS document answer. */
export type TosDocument = z.infer<typeof tosDocumentSchema>;
/** An error answer. */
export type ApiError = z.infer<typeof apiErrorSchema>;
