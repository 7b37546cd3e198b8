import * as z from 'zod';

/**
 * Zod schemas for Polygon's Open Money Stack (OMS) Customers API, v0.9
 * (seed 004 and the published API reference).
 *
 * `loose` (the default) keeps unknown keys and reads any status string;
 * `strict` rejects both, for the sandbox's contract tests.
 */
type SchemaMode = 'loose' | 'strict';

/** The seven endorsement statuses of seed 004. */
export const OMS_ENDORSEMENT_STATUSES = [
  'INACTIVE',
  'PENDING',
  'ISSUES',
  'ACTIVE',
  'REJECTED',
  'REVOKED_ISSUES',
  'OFFBOARDED',
] as const;

/** The endorsements a customer can request. */
export const OMS_ENDORSEMENTS = ['basic', 'cryptoCustody', 'usd'] as const;

/** Identity document types of `identifyingInformation[]`. */
export const OMS_IDENTIFYING_DOCUMENT_TYPES = ['ssn', 'itin', 'driversLicense', 'passport'] as const;

/** OMS customer ids start with `cst_`. */
export const OMS_CUSTOMER_ID_PATTERN = /^cst_[A-Za-z0-9]+$/;

/**
 * Flattens a nested requirement object into the field names it mentions; any
 * other value (an array, a string, a number) is returned as is for the schema
 * to judge.
 */
function flattenRequirementTree(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const names: string[] = [];
  const visit = (node: unknown, depth: number): void => {
    if (depth > 8) return;
    if (typeof node === 'string') names.push(node);
    else if (Array.isArray(node)) for (const child of node) visit(child, depth + 1);
    else if (typeof node === 'object' && node !== null) {
      for (const child of Object.values(node)) visit(child, depth + 1);
    }
  };
  visit(value, 0);
  return [...new Set(names)];
}

function createOmsSchemas(mode: SchemaMode) {
  const strict = mode === 'strict';
  const object = <Shape extends z.core.$ZodLooseShape>(shape: Shape) =>
    strict ? z.strictObject(shape) : z.looseObject(shape);
  const dateTime = strict ? z.iso.datetime({ offset: true }) : z.string();
  const endorsementName = strict ? z.enum(OMS_ENDORSEMENTS) : z.string().min(1);

  // Seed 004 gives each list as field names. Lenient reading also accepts a
  // nested object of names (e.g. `{ all_of: ['birthDate', { any_of: [...] }] }`)
  // and flattens it, so a richer requirement tree degrades to its field names.
  const nameList = strict
    ? z.array(z.string()).default([])
    : z.preprocess(flattenRequirementTree, z.array(z.string())).default([]);
  const endorsementRequirements = object({
    complete: nameList,
    pending: nameList,
    missing: nameList,
    issues: nameList,
  });

  // Compliance detail for the partner's back office only: the adapter never
  // copies it into the normalized customer.
  const rejectionReason = object({
    developerReason: z.string().nullish(),
    reason: z.string().nullish(),
  });

  const endorsement = object({
    name: endorsementName,
    status: strict ? z.enum(OMS_ENDORSEMENT_STATUSES) : z.string(),
    requirements: endorsementRequirements.optional(),
    rejectionReasons: z.array(rejectionReason).optional(),
  });

  const customer = object({
    id: strict ? z.string().regex(OMS_CUSTOMER_ID_PATTERN) : z.string().min(1),
    object: strict ? z.literal('customer') : z.string().optional(),
    type: strict ? z.literal('individual') : z.string().optional(),
    firstName: z.string().nullish(),
    middleName: z.string().nullish(),
    lastName: z.string().nullish(),
    email: z.string().nullish(),
    phone: z.string().nullish(),
    countryCode: z.string().nullish(),
    nationality: z.string().nullish(),
    externalId: z.string().nullish(),
    status: strict ? z.enum(['active', 'inactive']) : z.string().optional(),
    signedAgreement: strict ? z.boolean() : z.boolean().optional(),
    signedAgreementAt: dateTime.nullish(),
    wallets: z.array(z.looseObject({})).optional(),
    endorsements: strict ? z.array(endorsement) : z.array(endorsement).default([]),
    metadata: z.record(z.string(), z.string()).nullish(),
    createdAt: dateTime.optional(),
    updatedAt: dateTime.optional(),
  });

  const residentialAddress = object({
    line1: z.string().min(1),
    line2: z.string().optional(),
    city: z.string().min(1),
    state: z.string().min(1),
    country: z.string().regex(/^[A-Z]{2}$/),
    zipCode: z.string().min(1),
  });

  const identifyingInformation = object({
    type: z.enum(OMS_IDENTIFYING_DOCUMENT_TYPES),
    issuingCountry: z.string().regex(/^[A-Z]{2}$/),
    number: z.string().min(1),
  });

  const writeFields = {
    firstName: z.string().optional(),
    middleName: z.string().optional(),
    lastName: z.string().optional(),
    email: z.string().optional(),
    phone: z
      .string()
      .regex(/^\+[1-9]\d{1,14}$/)
      .optional(),
    birthDate: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
    nationality: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .optional(),
    countryCode: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .optional(),
    ipAddress: z.string().optional(),
    externalId: z.string().optional(),
    signedAgreement: z.boolean().optional(),
    residentialAddress: residentialAddress.optional(),
    identifyingInformation: z.array(identifyingInformation).optional(),
    endorsements: z.array(z.enum(OMS_ENDORSEMENTS)).optional(),
    metadata: z.record(z.string(), z.string()).optional(),
  };

  const createCustomerRequest = object({ type: z.literal('individual'), ...writeFields });
  const updateCustomerRequest = object(writeFields);

  const tokenRequest = object({ apiKey: z.string().min(1), apiSecret: z.string().min(1) });
  const tokenResponse = object({
    accessToken: z.string().min(1),
    tokenType: strict ? z.literal('bearer') : z.string(),
    expiresIn: z.number(),
    expiresAt: dateTime,
  });

  const listResponse = object({
    data: z.array(customer),
    hasMore: z.boolean(),
    cursor: z.string().nullish(),
  });

  const error = object({
    code: z.string().optional(),
    message: z.string().optional(),
    error: z.string().optional(),
    statusCode: z.number().optional(),
  });

  // `customer.endorsement.granted` and its siblings.
  const endorsementEvent = object({
    id: z.string().optional(),
    type: z.string().regex(/^customer\.endorsement\./),
    createdAt: dateTime.optional(),
    data: object({
      customerId: z.string().min(1),
      endorsement: endorsement,
    }),
  });

  return {
    endorsementRequirements,
    rejectionReason,
    endorsement,
    customer,
    residentialAddress,
    identifyingInformation,
    createCustomerRequest,
    updateCustomerRequest,
    tokenRequest,
    tokenResponse,
    listResponse,
    error,
    endorsementEvent,
  };
}

const looseSchemas = createOmsSchemas('loose');

/**
 * OMS Customers API schemas. The top-level schemas are loose (unknown keys
 * and statuses kept); `oms.strict` holds the exact variants.
 */
export const oms = { ...looseSchemas, strict: createOmsSchemas('strict') };

/** An OMS customer as read by the loose schema. */
export type OmsCustomer = z.output<typeof looseSchemas.customer>;
/** An OMS endorsement as read by the loose schema. */
export type OmsEndorsement = z.output<typeof looseSchemas.endorsement>;
/** An OMS create-customer request body. */
export type OmsCreateCustomerRequest = z.output<typeof looseSchemas.createCustomerRequest>;
/** An OMS update-customer request body. */
export type OmsUpdateCustomerRequest = z.output<typeof looseSchemas.updateCustomerRequest>;
/** The OMS token response. */
export type OmsTokenResponse = z.output<typeof looseSchemas.tokenResponse>;
