export { createProxyClient } from './createProxyClient';
export type {
  AcceptTermsOfServiceBody,
  CreateCustomerBody,
  ProxyClient,
  ProxyClientOptions,
  ProxyReadOptions,
  ProxyWriteOptions,
  TermsOfServiceDocument,
  UpdateCustomerBody,
} from './createProxyClient';
export { KycKitApiError, isKycKitApiError, toKycKitApiError } from './KycKitApiError';
export { clearDrafts } from './draftStorage';
export type { KycKitApiErrorInit, KycKitFieldError } from './KycKitApiError';
export { createIdempotencyKey } from './createIdempotencyKey';
export { translateApiError } from './translateApiError';
export { KycKitContext, KycKitProvider, useKycKit } from './KycKitProvider';
export type { KycKitContextValue, KycKitProviderProps, Translate } from './KycKitProvider';
export { kycKitQueryKeys } from './kycKitQueryKeys';
export { customerQueryOptions, termsOfServiceDocumentQueryOptions } from './customerQueryOptions';
export { useCustomer } from './useCustomer';
export type { UseCustomerResult } from './useCustomer';
export { useCapability } from './useCapability';
export type { UseCapabilityResult } from './useCapability';
export { useRequirementsForm } from './useRequirementsForm';
export type {
  RequirementErrorSummaryItem,
  RequirementFieldContext,
  RequirementsForm,
  RequirementsFormStep,
  UseRequirementsFormOptions,
} from './useRequirementsForm';
export { useRequirementField } from './useRequirementField';
export type { UseRequirementFieldOptions } from './useRequirementField';
export { useRequirementsErrorSummary } from './useRequirementsErrorSummary';
export type { RequirementsErrorSummary } from './useRequirementsErrorSummary';
export type {
  RequirementFieldProps,
  RequirementFieldPropsBase,
  RequirementGroupProps,
  RequirementInputProps,
  RequirementLabelProps,
  RequirementOption,
  RequirementPartProps,
  RequirementSelectProps,
} from './requirementFieldProps';
export { useTermsOfService } from './useTermsOfService';
export type { TermsOfService, UseTermsOfServiceOptions } from './useTermsOfService';
export { useOnboarding } from './useOnboarding';
export type {
  Onboarding,
  OnboardingDone,
  OnboardingReview,
  OnboardingReviewRow,
  OnboardingEvent,
  OnboardingStatus,
  OnboardingStep,
  UseOnboardingOptions,
} from './useOnboarding';
export { useCustomerEvents } from './useCustomerEvents';
export type { CustomerEvents, CustomerEventsStatus, UseCustomerEventsOptions } from './useCustomerEvents';
