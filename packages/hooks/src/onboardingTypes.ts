import type { Gate, OnboardingStatus, SupportContact, SupportLinks } from '@kyc-kit/core';
import type { UseCustomerEventsOptions } from './useCustomerEvents';
import type { RequirementsForm } from './useRequirementsForm';
import type { TermsOfService } from './useTermsOfService';

export type { OnboardingStatus } from '@kyc-kit/core';

/**
 * What the flow reports to `onEvent`, for analytics. Events carry state
 * names, step ids, requirement keys and error codes, never a typed value.
 */
export type OnboardingEvent =
  | { type: 'state_changed'; state: OnboardingStatus; previousState: OnboardingStatus | undefined }
  | { type: 'step_viewed'; stepId: string; stepNumber: number; stepCount: number }
  | { type: 'step_submitted'; stepId: string; fieldKeys: string[] }
  | { type: 'step_submit_failed'; stepId: string; code: string; fieldKeys: string[] }
  | { type: 'terms_shown'; versionId: string; language: string }
  | { type: 'terms_accepted'; versionId: string; language: string }
  | { type: 'completed'; capabilities: string[] }
  | { type: 'exited'; state: OnboardingStatus };

/** Options of {@link useOnboarding}: one capability or several. */
export type UseOnboardingOptions = (
  | { /** The capability to onboard for. */ capability: string; capabilities?: never }
  | { /** The capabilities to onboard for. */ capabilities: string[]; capability?: never }
) & {
  /**
   * @default 'due'
   */
  include?: 'due' | 'eventually_due';
  /**
   * A "Check your answers" step after the form's steps, before the Terms
   * (`review` state, `Onboarding.review`); `false` leaves it out.
   * @default true
   */
  review?: boolean;
  /** Called once when every capability is active. */
  onComplete?: (detail: { customerId: string; capabilities: string[] }) => void;
  /** Called when the user leaves the flow through `exit()`. */
  onExit?: (detail: { state: OnboardingStatus }) => void;
  /**
   * Called when another step is shown: a form step, or the Terms of Service
   * (`stepId: 'terms'`), which count as the last step of "step i of n".
   * First called once the customer's own plan is known, with its count.
   */
  onStepChange?: (detail: { stepId: string; stepNumber: number; stepCount: number }) => void;
  /** Analytics events; see {@link OnboardingEvent}. */
  onEvent?: (event: OnboardingEvent) => void;
  /**
   * Live updates (server-sent events, else polling) while a customer exists and the flow is not over;
   * `false` to rely on the partner's own refetching.
   * @default {}
   */
  liveUpdates?: UseCustomerEventsOptions | false;
  /**
   * While `verifying` and the event stream is not open (no EventSource, still connecting, failing), how
   * often to read the customer again (milliseconds). With the stream open nothing is read: the proxy
   * watches a verifying customer upstream and pushes every change, since the provider's webhooks announce
   * capability changes only. Paused while the page is hidden; `0` turns it off.
   * @default 3000
   */
  verifyingPollMs?: number;
  /**
   * How the person reaches your support when the flow is `unavailable`: a
   * link, an email address, your own reference for them (never a reason).
   * Returned translated as `support`; the styled components render it.
   */
  support?: SupportContact;
};

/** One answered field on the review step. */
export interface OnboardingReviewRow {
  /** The requirement key. */
  key: string;
  /** The field's translated label. */
  label: string;
  /**
   * The saved value as shown (a country's name, a date in the locale's
   * order), or "Provided" for a sensitive one (SSN, date of birth, address,
   * id numbers), never echoed, and for one this tab no longer holds.
   */
  value: string;
  /** `value` is "Provided" rather than the value. */
  isProvided: boolean;
  /** Props of the row's "Change" button: opens the row's step; saving it returns to the review. */
  changeButtonProps: { type: 'button'; onClick: () => void; 'aria-label': string };
}

/** The review step ("Check your answers"), in the `review` state. */
export interface OnboardingReview {
  /** Translated "Check your answers". */
  title: string;
  /** The form's steps, in order, each with its answered fields. */
  steps: { id: string; title: string; rows: OnboardingReviewRow[] }[];
  /** Confirms the answers: the flow goes on to the Terms. */
  confirm: () => void;
}

/** The step of the flow being shown, for "Step i of n". */
export interface OnboardingStep {
  /** The form step's section id, `review`, or `terms`. */
  id: string;
  /** Translated title of the step. */
  title: string;
  /** The i of "step i of n" (1-based). */
  number: number;
  /**
   * The n of "step i of n": the form's steps, the review and the Terms of
   * Service, as planned when the flow started (kept across a reload).
   */
  count: number;
  /** Translated "Step i of n". */
  progressLabel: string;
}

/** What was unlocked once the flow is `done`: for the partner's next action. */
export interface OnboardingDone {
  /** The customer's id. */
  customerId: string;
  /** The capabilities now active, as asked for. */
  capabilities: string[];
  /** Their catalogue names, translated ("Hold US dollars"), in the same order. */
  names: string[];
}

/** What {@link useOnboarding} returns. */
export interface Onboarding {
  /** Where the flow is. */
  status: OnboardingStatus;
  /** The form (meaningful in `collect`). */
  form: RequirementsForm;
  /** The Terms of Service step (meaningful in `terms`). */
  terms: TermsOfService;
  /** Core's gate of each capability. */
  gates: Gate[];
  /** The compliance-safe message for the current state, translated. */
  message: string;
  /**
   * In `collect` and `terms`: the step shown, "step i of n". The Terms of
   * Service count as the last step while they are still to accept, so the
   * count is the same on every step of the flow. `undefined` on a first step
   * shown before the customer's own plan is known (`form.isPlanKnown`): its
   * count could still change.
   */
  step: OnboardingStep | undefined;
  /**
   * In `done`: what was unlocked, for the partner's own next action (the
   * styled `<Onboarding>` renders its `doneAction` with it); `message` then
   * names it ("Ready to use: Hold US dollars."). `undefined` in every other state.
   */
  done: OnboardingDone | undefined;
  /** The `support` option as links and a reference line, translated: render them when `unavailable`. */
  support: SupportLinks;
  /** In `review`: the answers, and what confirms them. `undefined` in every other state. */
  review: OnboardingReview | undefined;
  /**
   * Back from the review (to the last form step) or from the Terms (to the
   * review, else the last form step), keeping what was typed and whether the
   * box was ticked. `undefined` where there is nowhere to go back to.
   */
  back: (() => void) | undefined;
  /** Leaves the flow: reports `exited` and calls `onExit`. */
  exit: () => void;
  /** Loads the customer again after an `error`. */
  retry: () => void;
}
