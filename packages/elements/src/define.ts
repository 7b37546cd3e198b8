import {
  KycKitCapabilityGateElement,
  KycKitCapabilityStatusElement,
  KycKitOnboardingElement,
} from './elements';

/** The tag names the elements are registered under, and their classes. */
export const KYC_KIT_ELEMENTS = {
  'kyc-onboarding': KycKitOnboardingElement,
  'kyc-capability-status': KycKitCapabilityStatusElement,
  'kyc-capability-gate': KycKitCapabilityGateElement,
} as const;

/**
 * Registers `<kyc-onboarding>`, `<kyc-capability-status>` and `<kyc-capability-gate>` in `registry`. Importing the
 * package does it already; calling it again (or loading the package twice) changes nothing, and a name the page
 * has already defined otherwise is left alone.
 */
export function defineKycKitElements(
  registry: Pick<CustomElementRegistry, 'get' | 'define'> = customElements,
): void {
  for (const [name, element] of Object.entries(KYC_KIT_ELEMENTS)) {
    if (registry.get(name) === undefined) registry.define(name, element);
  }
}
