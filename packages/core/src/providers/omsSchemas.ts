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

/** What an OMS requirement name looks like: a field name or a dotted path, never prose. */
const REQUIREMENT_NAME = /^[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*$/;
/** Keys of a requirement object whose string value names a field (`{ field: 'birthDate', message: '...' }`). */
const NAME_KEYS = new Set(['name', 'field', 'key', 'type', 'requirement', 'path', 'fieldName']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads the field names a requirement list mentions. Seed 004 gives plain
 * names; OMS also sends objects (`issues: [{ field, message }]`) and nested
 * trees (`{ all_of: ['birthDate', { any_of: ['ssn', 'passport'] }] }`). A
 * string counts as a name only inside an array or under a name key
 * (`field`, `name`, `type`, ...), and only when shaped like a field name:
 * a text leaf such as a `message` or `description` never becomes a
 * requirement key. A value that is neither (a number) is kept for the
 * schema to refuse.
 */
function readRequirementNames(value: unknown): unknown {
  if (!Array.isArray(value) && !isRecord(value)) return value;
  const names: unknown[] = [];
  const visit = (node: unknown, depth: number, inArray: boolean): void => {
    if (depth > 8) return;
    if (typeof node === 'string') {
      if (inArray && REQUIREMENT_NAME.test(node) && node.length <= 64) names.push(node);
    } else if (Array.isArray(node)) {
      for (const child of node) visit(child, depth + 1, true);
    } else if (isRecord(node)) {
      for (const [key, child] of Object.entries(node)) {
        if (typeof child === 'string') {
          if (NAME_KEYS.has(key) && REQUIREMENT_NAME.test(child) && child.length <= 64) names.push(child);
        } else visit(child, depth + 1, false);
      }
    } else if (inArray && depth === 1) names.push(node);
  };
  visit(value, 0, false);
  return [...new Set(names)];
}

/**
 * Reads the documented endorsement shapes: objects with `name` (seed 004),
 * objects with `type` in its place, bare names (`["basic", "usd"]`, as OMS's
 * create example lists them; their status is not given) and a map keyed by
 * name. Anything else is left for the schema to refuse.
 */
function readEndorsements(value: unknown): unknown {
  const one = (entry: unknown, name?: string): unknown => {
    if (typeof entry === 'string') return { name: entry, status: '' };
    if (!isRecord(entry)) return entry;
    const named = typeof entry.name === 'string' ? entry.name : (name ?? entry.type ?? entry.endorsement);
    return { ...entry, name: named, status: entry.status ?? '' };
  };
  if (Array.isArray(value)) return value.map((entry) => one(entry));
  if (isRecord(value)) return Object.entries(value).map(([name, entry]) => one(entry, name));
  return value;
}

function createOmsSchemas(mode: SchemaMode) {
  const strict = mode === 'strict';
  const object = <Shape extends z.core.$ZodLooseShape>(shape: Shape) =>
    strict ? z.strictObject(shape) : z.looseObject(shape);
  const dateTime = strict ? z.iso.datetime({ offset: true }) : z.string();
  const endorsementName = strict ? z.enum(OMS_ENDORSEMENTS) : z.string().min(1);

  // Seed 004 gives each list as field names. Lenient reading also accepts
  // objects and nested trees of names (see readRequirementNames), so a richer
  // requirement shape degrades to its field names and never to its text.
  const nameList = strict
    ? z.array(z.string()).default([])
    : z.preprocess(readRequirementNames, z.array(z.string())).default([]);
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
    endorsements: strict
      ? z.array(endorsement)
      : z.preprocess(readEndorsements, z.array(endorsement)).default([]),
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
      endorsement: strict
        ? endorsement
        : z.preprocess((value) => (readEndorsements([value]) as unknown[])[0], endorsement),
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
