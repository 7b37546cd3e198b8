import * as z from 'zod';
import { KNOWN_CAPABILITIES } from '../model';
import {
  COINBASE_CAPABILITY_STATUSES,
  COINBASE_ERROR_TYPES,
  COINBASE_REQUIREMENT_STATUSES,
  COINBASE_TAX_FORMS,
  EMPLOYMENT_STATUS_VALUES,
  EXPECTED_VOLUME_VALUES,
  OCCUPATION_VALUES,
  PURPOSE_OF_ACCOUNT_VALUES,
  SOURCE_OF_FUNDS_VALUES,
} from './coinbaseEnums';

/**
 * Zod schemas for the Coinbase Customers API (CDP platform v2), after the
 * published OpenAPI file and the seed guides.
 *
 * Two variants: `loose` (the default, what the adapter reads with) keeps
 * unknown keys and accepts any status string, so a provider change never
 * crashes a partner; `strict` follows the spec to the letter (unknown keys
 * and unknown statuses rejected) for the sandbox's contract tests. Both
 * accept the guides' five requirement statuses, since the guides document
 * eventually_due and overdue beside the spec's three. A third variant,
 * `guides`, is `strict` with the guides' differences (contact fields at the
 * top of the customer and of write bodies: `email`, `phone`), for the
 * sandbox's guides dialect.
 */
type SchemaMode = 'loose' | 'strict' | 'guides';

/** The id pattern of the spec (`CustomerId`). */
export const COINBASE_CUSTOMER_ID_PATTERN = /^customer_[a-f0-9-]{36}$/;
const emailPattern = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}/-]+@[a-zA-Z0-9-]+(?:\.[a-zA-Z0-9-]+)*$/;
const e164Pattern = /^\+[1-9]\d{1,14}$/;
const fullSsnPattern = /^([0-9]{3}-[0-9]{2}-[0-9]{4}|\*\*\*-\*\*-[0-9]{4})$/;
const urlPattern = /^https?:\/\/.*$/;

function createCoinbaseSchemas(mode: SchemaMode) {
  const strict = mode !== 'loose';
  const guides = mode === 'guides';
  const object = <Shape extends z.core.$ZodLooseShape>(shape: Shape) =>
    strict ? z.strictObject(shape) : z.looseObject(shape);
  const dateTime = strict ? z.iso.datetime({ offset: true }) : z.string();
  const email = z.string().max(254).regex(emailPattern);
  const phoneNumber = z.string().regex(e164Pattern);

  const capabilityStatus = strict ? z.enum(COINBASE_CAPABILITY_STATUSES) : z.string();
  const requirementStatus = strict ? z.enum(COINBASE_REQUIREMENT_STATUSES) : z.string();
  const capabilityName = strict ? z.enum(KNOWN_CAPABILITIES) : z.string();

  const capability = object({
    // The spec requires `requested`; lenient reading derives it from the status.
    requested: strict ? z.boolean() : z.boolean().optional(),
    status: capabilityStatus,
  });

  const capabilitiesMap = strict
    ? z.strictObject(Object.fromEntries(KNOWN_CAPABILITIES.map((name) => [name, capability.optional()])))
    : z.record(z.string(), capability);

  const termsOfService = object({
    versionId: z.string().min(1).max(64),
    languages: z.array(z.string()).min(1),
    url: strict ? z.string().min(11).max(2048).regex(urlPattern) : z.string(),
  });

  const requirement = object({
    status: requirementStatus,
    deadline: dateTime.optional(),
    impact: z.array(capabilityName).optional(),
    tosVersions: z.array(termsOfService).optional(),
    taxForms: z.array(strict ? z.enum(COINBASE_TAX_FORMS) : z.string()).optional(),
    // The guides' ToS shape: a bare link on the requirement, beside or instead of tosVersions.
    url: (strict ? z.string().regex(urlPattern) : z.string()).optional(),
  });

  const requirementsMap = z.record(z.string(), requirement);

  const tosAcceptance = object({
    versionId: z.string().min(1).max(64),
    language: z.string().min(1),
    acceptedAt: dateTime,
  });

  const individual = object({
    firstName: z.string().optional(),
    lastName: z.string().optional(),
    email: z.string().optional(),
  });

  const customer = object({
    customerId: strict ? z.string().regex(COINBASE_CUSTOMER_ID_PATTERN) : z.string().min(1),
    type: strict ? z.enum(['individual']) : z.string().optional(),
    capabilities: strict ? capabilitiesMap : capabilitiesMap.default({}),
    requirements: strict ? requirementsMap : requirementsMap.default({}),
    createdAt: dateTime.optional(),
    updatedAt: dateTime.optional(),
    individual: individual.optional(),
    projectIds: z.array(z.string()).optional(),
    tosAcceptances: z.array(tosAcceptance).optional(),
    // The guides put contact fields at the top of the customer.
    ...(strict && !guides ? {} : { email: z.string().optional(), phone: z.string().optional() }),
  });

  const dateOfBirth = object({
    day: z.string().regex(/^(?:0?[1-9]|[12][0-9]|3[01])$/),
    month: z.string().regex(/^(?:0?[1-9]|1[0-2])$/),
    year: z.string().regex(/^[0-9]{4}$/),
  });

  const physicalAddress = object({
    line1: z.string().optional(),
    line2: z.string().optional(),
    city: z.string().optional(),
    state: z.string().optional(),
    postCode: z.string().optional(),
    // Only US addresses are supported by the API (initial release).
    countryCode: z.enum(['US']).optional(),
  });

  const individualInput = object({
    firstName: z.string().optional(),
    lastName: z.string().optional(),
    address: physicalAddress.optional(),
    ssnLast4: z
      .string()
      .regex(/^[0-9]{4}$/)
      .optional(),
    dateOfBirth: dateOfBirth.optional(),
    fullSsn: z.string().regex(fullSsnPattern).optional(),
    citizenship: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .optional(),
    email: email.optional(),
    phoneNumber: phoneNumber.optional(),
    purposeOfAccount: z.enum(PURPOSE_OF_ACCOUNT_VALUES).optional(),
    sourceOfFunds: z.enum(SOURCE_OF_FUNDS_VALUES).optional(),
    employmentStatus: z.enum(EMPLOYMENT_STATUS_VALUES).optional(),
    occupation: z.enum(OCCUPATION_VALUES).optional(),
    expectedVolume: z.enum(EXPECTED_VOLUME_VALUES).optional(),
  });

  // The guides write email and phone at the top of the body, not in `individual`.
  // Typed as the spec's object: the guides variant only accepts less, so it is one.
  const individualWrite: z.ZodType<z.output<typeof individualInput>, z.input<typeof individualInput>> = guides
    ? individualInput.omit({ email: true, phoneNumber: true })
    : individualInput;

  const capabilityInput = object({ requested: z.boolean() });
  const capabilitiesMapInput = strict
    ? z.strictObject(Object.fromEntries(KNOWN_CAPABILITIES.map((name) => [name, capabilityInput.optional()])))
    : z.record(z.string(), capabilityInput);

  const usW9Attestation = object({
    form: z.literal('us_w9'),
    edeliveryConsent: z.boolean(),
    acceptedAt: dateTime,
    isExemptBackupWithholding: z.boolean(),
  });

  const writeBase = {
    capabilities: capabilitiesMapInput.optional(),
    individual: individualWrite.optional(),
    projectIds: z.array(z.string()).optional(),
    // `[]` would clear every acceptance: the API answers invalid_request.
    tosAcceptances: z.array(tosAcceptance).min(1).optional(),
    taxAttestations: z.array(usW9Attestation).min(1).optional(),
    compliance: object({ requesterIpAddress: z.string().optional() }).optional(),
    ...(guides ? { email: email.optional(), phone: phoneNumber.optional() } : {}),
  };

  const updateCustomerRequest = object({ type: z.enum(['individual']).optional(), ...writeBase });
  const createCustomerRequest = object({ type: z.enum(['individual']), ...writeBase });

  const errorShape = object({
    // The spec's ErrorType enum is API-wide and grows: loose reading takes any
    // string, the strict variant only the published values.
    errorType: strict ? z.enum(COINBASE_ERROR_TYPES) : z.string().min(1),
    errorMessage: z.string(),
    correlationId: z.string().optional(),
    errorLink: strict ? z.string().regex(urlPattern).optional() : z.string().optional(),
    unauthorizedCapabilities: z.array(capabilityName).optional(),
  });
  // The spec: `unauthorizedCapabilities` is "present only when errorType is
  // customer_not_authorized; absent for every other error type".
  const error = strict
    ? errorShape.refine(
        (body) => body.unauthorizedCapabilities === undefined || body.errorType === 'customer_not_authorized',
        {
          message: 'unauthorizedCapabilities is only sent with customer_not_authorized',
          path: ['unauthorizedCapabilities'],
        },
      )
    : errorShape;

  const listResponse = object({
    customers: z.array(customer),
    nextPageToken: z.string().optional(),
  });

  const capabilityChangedEvent = object({
    eventId: strict ? z.uuid() : z.string().min(1),
    eventType: z.literal('customers.capability.changed'),
    timestamp: dateTime,
    data: object({
      customerId: z.string().min(1),
      capabilities: z.array(object({ code: capabilityName, status: capabilityStatus })).min(1),
    }),
  });

  const customerDeletedEvent = object({
    eventId: strict ? z.uuid() : z.string().min(1),
    eventType: z.literal('customers.customer.deleted'),
    timestamp: dateTime,
    data: object({ customerId: z.string().min(1) }),
  });

  // The guides' provisional event name and shape.
  const capabilityStatusChangedEvent = object({
    type: z.literal('customer.capability.status_changed'),
    data: object({
      customerId: z.string().min(1),
      capability: capabilityName,
      previousStatus: capabilityStatus.optional(),
      status: capabilityStatus,
      requirements: requirementsMap.optional(),
    }),
  });

  return {
    capability,
    capabilitiesMap,
    termsOfService,
    requirement,
    requirementsMap,
    tosAcceptance,
    individual,
    customer,
    dateOfBirth,
    physicalAddress,
    individualInput,
    capabilitiesMapInput,
    usW9Attestation,
    createCustomerRequest,
    updateCustomerRequest,
    error,
    listResponse,
    capabilityChangedEvent,
    customerDeletedEvent,
    capabilityStatusChangedEvent,
  };
}

const looseSchemas = createCoinbaseSchemas('loose');

/**
 * Coinbase Customers API schemas. The top-level schemas are the loose
 * variants (unknown keys and statuses kept); `coinbase.strict` holds the
 * spec-exact variants and `coinbase.guides` the guides-exact ones.
 *
 * @example coinbase.customer.parse(body); coinbase.strict.createCustomerRequest.parse(request)
 */
export const coinbase = {
  ...looseSchemas,
  strict: createCoinbaseSchemas('strict'),
  guides: createCoinbaseSchemas('guides'),
};

/** A Coinbase customer as read by the loose schema. */
export type CoinbaseCustomer = z.output<typeof looseSchemas.customer>;
/** A Coinbase requirement as read by the loose schema. */
export type CoinbaseRequirement = z.output<typeof looseSchemas.requirement>;
/** A Coinbase create-customer request body. */
export type CoinbaseCreateCustomerRequest = z.output<typeof looseSchemas.createCustomerRequest>;
/** A Coinbase update-customer request body. */
export type CoinbaseUpdateCustomerRequest = z.output<typeof looseSchemas.updateCustomerRequest>;
/** A Coinbase error body. */
export type CoinbaseError = z.output<typeof looseSchemas.error>;
