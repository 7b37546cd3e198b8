import type { Gate } from '../gate';

/**
 * Whether a write's error code is the provider refusing to change this customer for good
 * (`customer_not_authorized`, `forbidden`): a compliance block, which no retry can lift.
 */
export const isPermanentRefusal = (code: string | undefined): boolean =>
  code === 'customer_not_authorized' || code === 'forbidden';

/** The states of the onboarding flow. */
export type OnboardingStatus =
  'loading' | 'collect' | 'review' | 'terms' | 'verifying' | 'done' | 'unavailable' | 'error';

/**
 * Which state the onboarding flow is in: `loading` (or at once `collect`, see
 * `firstStepReady`) -> `collect` -> `review`
 * -> `terms` -> `verifying` -> `done` | `unavailable` | `error`, from the
 * customer's gates, whether the form, its review and the terms are done, and
 * whether something is owed that no field spec describes.
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
  /** The engine's `isReviewing`: every form step saved, "Check your answers" not yet confirmed. */
  reviewPending?: boolean;
  termsRequired: boolean;
  hasUnsupported: boolean;
  /** The engine holds a block until the person's next submit (see `OnboardingSnapshot.blockHeld`). */
  blockHeld?: boolean;
  /**
   * The code of the last write's error: `customer_not_authorized` or `forbidden` (the provider
   * will not change this customer) is a compliance decision, so no retry can succeed.
   */
  writeErrorCode?: string;
  /**
   * The customer is still being read and the engine already has the first step planned for a
   * customer that does not exist yet (the capabilities alone decide it): it shows at once, so the
   * person can type while the read is in flight (`isLoading` covers the read).
   */
  firstStepReady?: boolean;
}): OnboardingStatus {
  if (input.isLoading) return input.firstStepReady === true ? 'collect' : 'loading';
  // A permanent refusal is a block, not a failure: "Try again" would never work.
  if (isPermanentRefusal(input.writeErrorCode)) return 'unavailable';
  if (input.isError) return 'error';
  if (input.hasCustomer && input.gates.length > 0 && input.gates.every((each) => each.allowed)) return 'done';
  const blocked = input.hasCustomer && input.gates.some((each) => each.reason === 'unavailable');
  // A compliance decision cannot be resolved by typing more: stop asking (once the person has submitted).
  if (blocked && !input.blockHeld) return 'unavailable';
  if (!input.formIsComplete || !input.hasCustomer) return 'collect';
  if (input.reviewPending === true) return 'review';
  if (input.termsRequired) return 'terms';
  // Something the kit cannot collect is owed: only support can help, so say so rather than "verifying".
  // A held block with nothing left to submit shows at once.
  if (input.hasUnsupported || blocked) return 'unavailable';
  return 'verifying';
}
