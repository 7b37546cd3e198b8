import type { Gate } from '../gate';

/** The states of the onboarding flow. */
export type OnboardingStatus =
  'loading' | 'collect' | 'terms' | 'verifying' | 'done' | 'unavailable' | 'error';

/**
 * Which state the onboarding flow is in: `loading` -> `collect` -> `terms`
 * -> `verifying` -> `done` | `unavailable` | `error`, from the customer's
 * gates, whether the form and the terms are done, and whether something is
 * owed that no field spec describes.
 */
export function onboardingStatus(input: {
  isLoading: boolean;
  isError: boolean;
  hasCustomer: boolean;
  gates: readonly Gate[];
  formIsComplete: boolean;
  termsRequired: boolean;
  hasUnsupported: boolean;
}): OnboardingStatus {
  if (input.isLoading) return 'loading';
  if (input.isError) return 'error';
  if (input.hasCustomer && input.gates.length > 0 && input.gates.every((each) => each.allowed)) return 'done';
  // A compliance decision cannot be resolved by typing more: stop asking.
  if (input.hasCustomer && input.gates.some((each) => each.reason === 'unavailable')) return 'unavailable';
  if (!input.formIsComplete || !input.hasCustomer) return 'collect';
  if (input.termsRequired) return 'terms';
  // Something the kit cannot collect is owed: only support can help, so say so rather than "verifying".
  if (input.hasUnsupported) return 'unavailable';
  return 'verifying';
}
