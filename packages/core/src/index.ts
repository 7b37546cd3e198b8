/**
 * @kyc-kit/core: provider schemas, adapters to one normalized customer model,
 * the requirement field registry, step planning, patches, gating and the
 * compliance-safe message catalogue. Pure TypeScript: no React, DOM or Node.
 *
 * Every public name is listed here explicitly (the API report reads this file).
 */

// Normalized model
export { KNOWN_CAPABILITIES, PROVIDER_NAMES, isKnownCapability } from './model';
export type {
  Capability,
  CapabilityStatus,
  Customer,
  KnownCapability,
  ProviderName,
  Requirement,
  RequirementStatus,
  TosAcceptance,
  TosVersion,
} from './model';

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
  COINBASE_CAPABILITY_STATUSES,
  COINBASE_ERROR_TYPES,
  COINBASE_REQUIREMENT_STATUSES,
  COINBASE_TAX_FORMS,
  EMPLOYMENT_STATUS_VALUES,
  EXPECTED_VOLUME_VALUES,
  OCCUPATION_VALUES,
  PURPOSE_OF_ACCOUNT_VALUES,
  SOURCE_OF_FUNDS_VALUES,
} from './providers/coinbaseEnums';
export type { CoinbaseErrorType } from './providers/coinbaseEnums';
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
export { isIsoDateTime } from './adapters/isIsoDateTime';
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
export {
  isActionable,
  normalizeCapabilityStatus,
  normalizeRequirementStatus,
} from './adapters/normalizeStatus';

// Field registry
export {
  completeFieldSpec,
  dateOfBirthSchema,
  FIELD_KEYS,
  FIELD_SECTIONS,
  fieldSpecFor,
  isKnownFieldKey,
} from './fields/fieldSpecFor';
export type {
  FieldControl,
  FieldEncoder,
  FieldKey,
  FieldKind,
  FieldOption,
  FieldPart,
  FieldSection,
  FieldSpec,
  FieldSpecInput,
  PartnerFieldSpecs,
} from './fields/fieldSpecFor';
export { formFieldsSchema, validateFields } from './fields/validateFields';
export type { FieldError, ValidateFieldsResult } from './fields/validateFields';
export type {
  DateOfBirthValue,
  PhoneNumberValue,
  TaxAttestationValue,
  TosAcceptanceValue,
  DateOfBirthOptions,
} from './fields/fieldReaders';
export { US_SUBDIVISION_CODES, US_SUBDIVISIONS } from './fields/usSubdivisions';
export type { UsSubdivisionCode } from './fields/usSubdivisions';
export { COUNTRY_CODES, isCountryCode } from './fields/countryCodes';
export { PHONE_COUNTRIES } from './fields/phoneCountries';
export type { PhoneCountry } from './fields/phoneCountries';
export { isPhoneMetadataLoaded, loadPhoneMetadata } from './fields/phoneMetadata';

// Planning, patches, gating
export {
  BASE_REQUIRED_FIELDS,
  OMS_REQUIRED_FIELDS,
  requiredFieldsFor,
  TRADE_CRYPTO_EXTRA_FIELDS,
} from './requiredFieldsFor';
export { planSteps } from './planSteps';
export type { PlannedField, PlanStepsOptions, Step, StepPlan } from './planSteps';
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
export { gate } from './gate';
export type { Gate, GateReason } from './gate';

// Onboarding engine
export { createOnboardingEngine, emptyFormValues } from './engine/createOnboardingEngine';
export type {
  DraftStore,
  EngineError,
  EngineForm,
  EngineTransport,
  OnboardingEngine,
  OnboardingEngineOptions,
  OnboardingEngineSettings,
  OnboardingSnapshot,
  StepSubmitResult,
} from './engine/createOnboardingEngine';
export { createAttempts } from './engine/createAttempts';
export type { Attempts } from './engine/createAttempts';
export { payloadFingerprint } from './engine/payloadFingerprint';

// Messages
export {
  capabilityNameId,
  capabilityStatusDescriptionId,
  capabilityStatusId,
  createTranslator,
  hasMessage,
  LOCALES,
  messages,
  requirementStatusId,
  resolveLocale,
} from './messages/messages';
export type { CatalogueMessageId, Locale, MessageId, Translator } from './messages/messages';

// Proxy wire API
export {
  API_BASE_PATH,
  API_ERROR_CODES,
  apiErrorMessageId,
  apiErrorSchema,
  createCustomerBodySchema,
  CSRF_HEADER,
  customerResponseSchema,
  customerSchema,
  fieldValuesSchema,
  IDEMPOTENCY_HEADER,
  requirementSchema,
  tosAcceptBodySchema,
  tosDocumentSchema,
  tosVersionSchema,
  updateCustomerBodySchema,
} from './api';
export type {
  ApiError,
  ApiErrorCode,
  CreateCustomerBody,
  CustomerResponse,
  TosAcceptBody,
  TosDocument,
  UpdateCustomerBody,
} from './api';
