import {
  apiErrorSchema,
  createCustomerBodySchema,
  customerReadResponseSchema,
  customerResponseSchema,
  tosAcceptBodySchema,
  tosDocumentSchema,
  updateCustomerBodySchema,
} from '@kyc-kit/core/server';
import * as z from 'zod';

type JsonSchema = Record<string, unknown>;

// zod's core schema type: core's wire schemas may be built with `zod` or `zod/mini`.
function schemaOf(schema: z.core.$ZodType, io: 'input' | 'output'): JsonSchema {
  // `unrepresentable: 'any'` keeps transforms and refinements from breaking the document:
  // the proxy still enforces them, the document just describes the shape.
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

function jsonContent(reference: string): Record<string, unknown> {
  return { 'application/json': { schema: { $ref: `#/components/schemas/${reference}` } } };
}

function errorResponse(description: string): Record<string, unknown> {
  return { description, content: jsonContent('ApiError') };
}

const WRITE_PARAMETERS = [
  {
    name: 'X-KYC-Kit',
    in: 'header',
    required: true,
    schema: { const: '1' },
    description: 'CSRF defence: a header a cross-site form cannot send.',
  },
  {
    name: 'Idempotency-Key',
    in: 'header',
    required: false,
    schema: { type: 'string', minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9_.:-]+$' },
    description: 'One per logical submit, reused on retry. Scoped to the signed-in user.',
  },
];

const COMMON_ERRORS = {
  '401': errorResponse('No signed-in user.'),
  '429': errorResponse('Rate limited; see Retry-After.'),
  '502': errorResponse(
    "code upstream_unavailable: the provider refused the server's credentials or answered unreadably.",
  ),
  '503': errorResponse('The provider is unavailable; retryable.'),
};

/** Writes to a customer blocked for compliance: the generic message only, never the provider's reason. */
const BLOCKED = {
  '403': errorResponse(
    'code customer_not_authorized: the provider will not act on this customer; not retryable.',
  ),
};

/**
 * The OpenAPI 3.1 document of the browser routes, generated from
 * `@kyc-kit/core`'s wire schemas, so the document, the proxy and the hooks
 * share one definition of every body.
 */
export function buildOpenApiDocument(basePath: string): Record<string, unknown> {
  const path = (route: string): string => `${basePath.replace(/\/+$/, '')}${route}`;
  return {
    openapi: '3.1.0',
    info: {
      title: 'kyc-kit onboarding proxy',
      version: '0.1.0',
      description:
        'Same-origin routes a browser uses to onboard the signed-in user. The customer is always the one linked to the session; no route takes a customer id.',
    },
    components: {
      schemas: {
        CreateCustomerBody: schemaOf(createCustomerBodySchema, 'input'),
        UpdateCustomerBody: schemaOf(updateCustomerBodySchema, 'input'),
        TosAcceptBody: schemaOf(tosAcceptBodySchema, 'input'),
        CustomerResponse: schemaOf(customerResponseSchema, 'output'),
        CustomerReadResponse: schemaOf(customerReadResponseSchema, 'output'),
        TosDocument: schemaOf(tosDocumentSchema, 'output'),
        ApiError: schemaOf(apiErrorSchema, 'output'),
      },
      securitySchemes: {
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'session',
          description: "The partner's own session, resolved by resolveUser.",
        },
      },
    },
    security: [{ session: [] }],
    paths: {
      [path('/customer')]: {
        get: {
          operationId: 'getCustomer',
          summary: "The signed-in user's customer",
          responses: {
            '200': {
              description:
                'The customer, or customer: null when there is none yet (or it was deleted at the provider), with provider: the upstream the steps of a new customer are planned for.',
              content: jsonContent('CustomerReadResponse'),
            },
            ...COMMON_ERRORS,
          },
        },
        post: {
          operationId: 'createCustomer',
          summary: 'Create the customer of the signed-in user (one per user)',
          parameters: WRITE_PARAMETERS,
          requestBody: { required: true, content: jsonContent('CreateCustomerBody') },
          responses: {
            '201': { description: 'Created.', content: jsonContent('CustomerResponse') },
            '200': {
              description: 'The user already had a customer.',
              content: jsonContent('CustomerResponse'),
            },
            '400': errorResponse('code invalid_fields (with fields) or invalid_request.'),
            ...COMMON_ERRORS,
          },
        },
        patch: {
          operationId: 'updateCustomer',
          summary: 'Submit fields keyed by requirement key, or request more capabilities',
          parameters: WRITE_PARAMETERS,
          requestBody: { required: true, content: jsonContent('UpdateCustomerBody') },
          responses: {
            '200': { description: 'Updated.', content: jsonContent('CustomerResponse') },
            '400': errorResponse('code invalid_fields (with fields) or invalid_request.'),
            '404': errorResponse('code no_customer.'),
            '409': errorResponse(
              'code conflict: the idempotency key was already used for a different submit.',
            ),
            ...BLOCKED,
            ...COMMON_ERRORS,
          },
        },
      },
      [path('/customer/tos')]: {
        post: {
          operationId: 'acceptTermsOfService',
          summary: 'Accept a Terms of Service version; acceptedAt is stamped by the server',
          parameters: WRITE_PARAMETERS,
          requestBody: { required: true, content: jsonContent('TosAcceptBody') },
          responses: {
            '200': { description: 'Accepted.', content: jsonContent('CustomerResponse') },
            '400': errorResponse(
              'code tos_version_unavailable: a version or language the requirement does not list.',
            ),
            ...BLOCKED,
            ...COMMON_ERRORS,
          },
        },
      },
      [path('/tos/{versionId}')]: {
        get: {
          operationId: 'getTermsOfServiceDocument',
          summary: 'A Terms of Service document, fetched server-side and sanitized',
          parameters: [
            { name: 'versionId', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'language', in: 'query', required: false, schema: { type: 'string' } },
          ],
          responses: {
            '200': { description: 'The document.', content: jsonContent('TosDocument') },
            '404': errorResponse('No such version for this user.'),
            ...COMMON_ERRORS,
          },
        },
      },
      [path('/events')]: {
        get: {
          operationId: 'customerEvents',
          summary: "Server-sent events of the signed-in user's customer",
          description:
            'event: customer, data: { customer }, id: <n>; event: customer_deleted, data: { customerId }, id: <n> (the customer was deleted at the provider: GET /customer now answers customer: null); ": heartbeat" comments. Send Last-Event-ID to resume.',
          parameters: [{ name: 'Last-Event-ID', in: 'header', required: false, schema: { type: 'string' } }],
          responses: {
            '200': {
              description: 'An event stream.',
              content: { 'text/event-stream': { schema: { type: 'string' } } },
            },
            ...COMMON_ERRORS,
          },
        },
      },
    },
  };
}
