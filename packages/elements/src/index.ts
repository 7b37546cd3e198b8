import { defineKycKitElements } from './define';
import type {
  KycKitCapabilityGateElement,
  KycKitCapabilityStatusElement,
  KycKitOnboardingElement,
} from './elements';
import type { KycKitElementEventMap } from './KycKitElement';

export { DEFAULT_API_BASE, KycKitElement } from './KycKitElement';
export type { KycKitElementEventMap } from './KycKitElement';
export {
  KycKitCapabilityGateElement,
  KycKitCapabilityStatusElement,
  KycKitOnboardingElement,
} from './elements';
export { KYC_KIT_ELEMENTS, defineKycKitElements } from './define';
export { PART_BY_CLASS } from './parts';
// Sign-out for pages of elements: the kit's drafts of this tab go with the session.
export { clearDrafts } from '@kyc-kit/hooks';

if (typeof customElements !== 'undefined') defineKycKitElements();

declare global {
  interface HTMLElementTagNameMap {
    'kyc-onboarding': KycKitOnboardingElement;
    'kyc-capability-status': KycKitCapabilityStatusElement;
    'kyc-capability-gate': KycKitCapabilityGateElement;
  }
  // Typed `addEventListener('kyc-complete', …)` on any element, and on the document and window the
  // events bubble to (they are composed), where one listener hears every element of the page.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface HTMLElementEventMap extends KycKitElementEventMap {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface DocumentEventMap extends KycKitElementEventMap {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface WindowEventMap extends KycKitElementEventMap {}
}
