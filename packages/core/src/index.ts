/**
 * @kyc-kit/core, the browser entry: the normalized customer model, the
 * requirement field registry, step planning, the onboarding engine, gating,
 * the wire API's response schemas and the compliance-safe message catalogue.
 * Pure TypeScript: no React, DOM or Node. Provider schemas, adapters, patch
 * building and request-body schemas are server-only: `@kyc-kit/core/server`.
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

export { isIsoDateTime } from './adapters/isIsoDateTime';
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
  FieldRequestMapping,
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
export { isPhoneMetadataLoaded, loadPhoneMetadata, loadPhoneRules } from './fields/phoneMetadata';

// Planning, patches, gating
export {
  BASE_REQUIRED_FIELDS,
  OMS_REQUIRED_FIELDS,
  requiredFieldsFor,
  TRADE_CRYPTO_EXTRA_FIELDS,
} from './requiredFieldsFor';
export { planSteps } from './planSteps';
export type { PlannedField, PlanStepsOptions, Step, StepPlan } from './planSteps';
export { gate } from './gate';
export type { Gate, GateReason } from './gate';

// Onboarding engine
export { createOnboardingEngine, emptyFormValues } from './engine/createOnboardingEngine';
export type {
  DraftStore,
  EngineError,
  EngineForm,
  EngineTransport,
  FlowPlanRecord,
  FlowStepId,
  OnboardingEngine,
  OnboardingEngineOptions,
  OnboardingEngineSettings,
  OnboardingSnapshot,
  StepSubmitResult,
} from './engine/createOnboardingEngine';
export { createAttempts } from './engine/createAttempts';
export { reviewValue } from './engine/reviewValue';
export { onboardingStatus } from './engine/onboardingStatus';
export type { OnboardingStatus } from './engine/onboardingStatus';
export type { Attempts } from './engine/createAttempts';
export { payloadFingerprint } from './engine/payloadFingerprint';
export { supportLinks } from './supportLinks';
export type { SupportContact, SupportLinks } from './supportLinks';

// Messages
export {
  capabilityNameId,
  capabilityStateIds,
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
export { dateExample, datePartOrder, phoneCountryOptions, sortOptionsByLabel } from './messages/localeOrder';
export { displayNamesFor, longDate } from './messages/displayNames';
export type { DatePart } from './messages/localeOrder';

// Proxy wire API (the request-body schemas, which only the proxy parses, are on `@kyc-kit/core/server`)
export {
  API_BASE_PATH,
  API_ERROR_CODES,
  apiErrorMessageId,
  apiErrorSchema,
  CSRF_HEADER,
  customerReadResponseSchema,
  customerResponseSchema,
  customerSchema,
  IDEMPOTENCY_HEADER,
  requirementSchema,
  tosDocumentSchema,
  tosVersionSchema,
} from './api';
export type {
  ApiError,
  ApiErrorCode,
  CreateCustomerBody,
  CustomerReadResponse,
  CustomerResponse,
  TosAcceptBody,
  TosDocument,
  UpdateCustomerBody,
} from './api';
