/**
 * @kyc-kit/core/server: everything of the browser entry plus what only a
 * server needs — the providers' schemas, the adapters to the normalized
 * model, webhook and error parsing, request-body building and the proxy's
 * request-body schemas. A browser bundle never imports this entry, so none
 * of it can reach a page.
 *
 * Every server-only public name is listed here explicitly (the API report reads this file).
 */

// The browser entry, whole: a server imports one module.
export * from './index';

// Provider schemas
export { coinbase, COINBASE_CUSTOMER_ID_PATTERN } from './providers/coinbaseSchemas';
export type {
  CoinbaseCreateCustomerRequest,
  CoinbaseCustomer,
  CoinbaseError,
  CoinbaseRequirement,
  CoinbaseUpdateCustomerRequest,
} from './providers/coinbaseSchemas';
export {
  oms,
  OMS_CUSTOMER_ID_PATTERN,
  OMS_ENDORSEMENT_STATUSES,
  OMS_ENDORSEMENTS,
  OMS_IDENTIFYING_DOCUMENT_TYPES,
} from './providers/omsSchemas';
export type {
  OmsCreateCustomerRequest,
  OmsCustomer,
  OmsEndorsement,
  OmsTokenResponse,
  OmsUpdateCustomerRequest,
} from './providers/omsSchemas';

// Adapters
export { adapters } from './adapters/adapters';
export {
  coinbaseAdapter,
  createCoinbaseAdapter,
  parseCoinbaseWebhookEvent,
} from './adapters/coinbaseAdapter';
export type {
  CoinbaseAdapterOptions,
  ParseCustomerOptions,
  ProviderAdapter,
} from './adapters/coinbaseAdapter';
export { tosVersionFromUrl } from './adapters/tosVersionFromUrl';
export type { TosVersionResolver } from './adapters/tosVersionFromUrl';
export {
  createOmsAdapter,
  OMS_ENDORSEMENT_FOR_CAPABILITY,
  OMS_TOS_VERSION,
  omsAdapter,
  omsEndorsementsFor,
  omsEndorsementToCapability,
  omsRequirementKeys,
  parseOmsWebhookEvent,
} from './adapters/omsAdapter';
export type { OmsAdapterOptions, OmsEndorsementName } from './adapters/omsAdapter';
export type { CapabilityChange, CustomerEvent } from './adapters/customerEvent';
export { parseCoinbaseError, parseOmsError } from './adapters/providerError';
export type { ProviderError } from './adapters/providerError';
export { ProviderShapeError } from './adapters/ProviderShapeError';
export type { ShapeIssue } from './adapters/ProviderShapeError';
// Patches and ToS acceptance records
export {
  buildCapabilitiesRequest,
  buildCreateRequest,
  buildPatch,
  InvalidFieldsError,
  UnsupportedFieldError,
} from './buildPatch';
export type { BuildRequestOptions } from './buildPatch';
export { buildTosAcceptance, buildTosPatch, TosAcceptanceError } from './buildTosAcceptance';
export type { TosAcceptanceErrorCode } from './buildTosAcceptance';
// Proxy request bodies
export { checkRequestBody, checkSubmittedFields, isRequestableCapability } from './checkRequestBody';
// Where each key goes in each provider's request body: the field registry's server half.
export { requestMappingFor } from './fields/fieldSpecFor';
export type { RequestBodyProblem, RequestBodyResult } from './checkRequestBody';
export {
  createCustomerBodySchema,
  fieldValuesSchema,
  tosAcceptBodySchema,
  updateCustomerBodySchema,
} from './api';
