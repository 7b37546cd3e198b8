// React test support: render helpers and views that spread the hooks' prop bags as a partner's markup would.
export { OnboardingView, TermsView } from './OnboardingView';
export {
  ErrorSummaryView,
  FieldMarkup,
  RequirementFieldView,
  RequirementsFormView,
} from './RequirementsFormView';
export { renderWithClient } from './renderWithClient';
export { createTestQueryClient, kycKitWrapper, renderKycKitHook, renderWithKycKit } from './renderWithKycKit';
