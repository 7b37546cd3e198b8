import type { Gate } from '../gate';

/** The states of the onboarding flow. */
export type OnboardingStatus =
  'loading' | 'collect' | 'terms' | 'verifying' | 'done' | 'unavailable' | 'error';

/**
 * Which state the onboarding flow is in: `loading` -> `collect` -> `terms`
 * -> `verifying` -> `done` | `unavailable` | `error`, from the customer's
 * gates, whether the form and the terms are done, and whether something is
 * owed that no field spec describes.
 *
 * A compliance block (a gate `unavailable`, or the provider refusing to
 * change the customer) ends the flow, but at a natural point: while the
 * engine holds a block that arrived as the person was on a step
 * (`blockHeld`), the step stays until their own next submit; with nothing
 * left for them to do it shows at once.
 */
export function onboardingStatus(input: {
  isLoading: boolean;
  isError: boolean;
  hasCustomer: boolean;
  gates: readonly Gate[];
  formIsComplete: boolean;
  termsRequired: boolean;
  hasUnsupported: boolean;
  /** The engine holds a block until the person's next submit (see `OnboardingSnapshot.blockHeld`). */
  blockHeld?: boolean;
  /** The provider refused a write for good (`customer_not_authorized`): no retry can succeed. */
  refused?: boolean;
}): OnboardingStatus {
  if (input.isLoading) return 'loading';
  // A permanent refusal is a compliance decision, not a failure: "Try again" would never work.
  if (input.refused) return 'unavailable';
  if (input.isError) return 'error';
  if (input.hasCustomer && input.gates.length > 0 && input.gates.every((each) => each.allowed)) return 'done';
  const blocked = input.hasCustomer && input.gates.some((each) => each.reason === 'unavailable');
  // A compliance decision cannot be resolved by typing more: stop asking (once the person has submitted).
  if (blocked && !input.blockHeld) return 'unavailable';
  if (!input.formIsComplete || !input.hasCustomer) return 'collect';
  if (input.termsRequired) return 'terms';
  // Something the kit cannot collect is owed: only support can help, so say so rather than "verifying".
  // A held block with nothing left to submit shows at once.
  if (input.hasUnsupported || blocked) return 'unavailable';
  return 'verifying';
}
