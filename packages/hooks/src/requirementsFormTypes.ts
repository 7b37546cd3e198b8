import type { FlowStepId, PartnerFieldSpecs, PlannedField, StepPlan, Step } from '@kyc-kit/core';
import type { FormEvent } from 'react';
import type { FieldValues, UseFormReturn } from 'react-hook-form';
import type { RequirementFieldProps, RequirementOption } from './requirementFieldProps';
import type { KycKitApiError } from './KycKitApiError';
import type { Translate } from './KycKitProvider';

/** Options of {@link useRequirementsForm}. */
export interface UseRequirementsFormOptions {
  /** The capabilities the form collects requirements for. */
  capabilities: string[];
  /**
   * `due` asks only what is needed now; `eventually_due` also asks what will be needed later.
   * @default 'due'
   */
  include?: 'due' | 'eventually_due';
  /**
   * Keep what was typed in non-sensitive fields across a reload (sessionStorage, per customer).
   * Sensitive fields are never stored, whatever this says.
   * @default true
   */
  saveDraft?: boolean;
  /**
   * Plan a "Check your answers" step once every form step is saved (`isReviewing`,
   * `confirmReview`); `useOnboarding` turns it on and renders it (`useOnboarding().review`).
   * @default false
   */
  review?: boolean;
  /** Called after a step was saved. Carries keys, never values. */
  onStepSubmitted?: (detail: { stepId: string; fieldKeys: string[]; customerId: string }) => void;
  /** Called when a step could not be saved. Carries keys and codes, never values. */
  onStepSubmitFailed?: (detail: { stepId: string; code: string; fieldKeys: string[] }) => void;
}

/** One entry of an error summary (GOV.UK: a link to each invalid field). */
export interface RequirementErrorSummaryItem {
  /** The requirement key. */
  key: string;
  /** Translated error text. */
  message: string;
  /** The id of the control the entry links to and focuses. */
  targetId: string;
}

/** The step being shown: one of the form steps of the plan. */
export interface RequirementsFormStep extends Step {
  /** The step's fields that the form collects (Terms of Service are `useTermsOfService`'s). */
  fields: PlannedField[];
  /** Translated title. */
  title: string;
}

/** What {@link useRequirementsForm} returns. */
export interface RequirementsForm {
  /** The react-hook-form instance, for partners who wire their own controls (`form.control` with `useController`). */
  form: UseFormReturn<FieldValues>;
  /** Core's full plan for the customer (including the terms step and fields awaiting verification). */
  plan: StepPlan;
  /** The steps of this session in order: those still open and those saved (reachable with `back`). */
  steps: RequirementsFormStep[];
  /** The current step; `undefined` once nothing is left to type. */
  step: RequirementsFormStep | undefined;
  /** Zero-based index of `step` in `steps`. */
  stepIndex: number;
  /** The i of "step i of n" (1-based). */
  stepNumber: number;
  /**
   * The n of "step i of n": the form's own steps. Terms of Service are not
   * the form's; `useOnboarding().step.count` adds them as the last step.
   */
  stepCount: number;
  /** Translated "Step i of n"; empty until the plan is known (`isPlanKnown`). */
  progressLabel: string;
  /**
   * The steps are the customer's own plan: the customer is read and every
   * capability requested. Until then the step shown is a guess (for a new
   * customer, minus what an existing one gave) that the person can type in;
   * no "Step i of n" is shown, since the count may still change.
   */
  isPlanKnown: boolean;
  /**
   * Set while the current step asks again for values the provider rejected:
   * a heading that says what happened ("We need to check one detail"),
   * compliance-safe (never why; the field's error says what to do), and the rejected
   * keys (each carries the `field.rejected` error until a new value is typed).
   * While any value is re-collected, `steps` holds only what is asked again.
   */
  recheck: { title: string; fieldKeys: string[] } | undefined;
  isFirstStep: boolean;
  isLastStep: boolean;
  /** Shows an earlier step again (values stay typed). */
  back: () => void;
  /** Shows the step at `index` if it is not after the current one. */
  goToStep: (index: number) => void;
  /** From the review: opens a saved step; saving it (or Back) returns to the review. */
  changeStep: (stepId: Step['id']) => void;
  /** Confirms the review: the flow goes on to the Terms. */
  confirmReview: () => void;
  /**
   * The flow's steps as "Step i of n" counts them (form sections, `review`,
   * `terms`): fixed when the flow starts and kept across a reload (step ids
   * only, in sessionStorage beside the drafts, per user); while a rejected
   * value is re-collected, only what is asked again.
   */
  flowSteps: readonly FlowStepId[];
  /** Every form step is saved and the review is not yet confirmed. */
  isReviewing: boolean;
  /** A saved step is open again (from the review, or Back from the Terms). */
  isChanging: boolean;
  /** What was saved in this tab, by key (memory only; a reload forgets it). */
  savedValues: Readonly<Record<string, unknown>>;
  /** Validates the current step and saves it through the proxy; resolves whether it was saved. */
  submitStep: () => Promise<boolean>;
  /**
   * Asks the provider for the capabilities the existing customer has not
   * requested yet (their requirements appear only then); resolves whether it worked.
   * The form does this by itself once mounted, while the step stays; call it to retry.
   */
  requestCapabilities: () => Promise<boolean>;
  /** Capabilities of the options the existing customer has not requested. */
  missingCapabilities: string[];
  /** Keys of the current step's fields, in order. */
  fieldKeys: string[];
  /**
   * Prop bags of one field. Reading them subscribes the component that calls
   * this to every field's error state; for per-field rendering use
   * `useRequirementField({ form, name })` in each field component.
   */
  getFieldProps: (key: string) => RequirementFieldProps;
  /**
   * Props of the `<form>` element: submit runs `submitStep`. `method: 'dialog'` is for a submit the browser
   * makes itself (before hydration, or with the script blocked): outside a `<dialog>` it goes nowhere, so
   * what was typed never reaches a URL or a server and stays in the boxes.
   */
  formProps: {
    id: string;
    noValidate: true;
    method: 'dialog';
    onSubmit: (event: FormEvent) => void;
    'aria-labelledby': string;
  };
  /** Props of the step's heading, which labels the form. */
  titleProps: { id: string };
  /** True while a step is being saved. */
  isSubmitting: boolean;
  /** The last save's error, `null` after a successful one. */
  submitError: KycKitApiError | null;
  /** Translated text of `submitError`. */
  submitErrorMessage: string | undefined;
  /** Increases at each failed submit attempt, so an error summary knows when to take focus. */
  failedSubmitCount: number;
  /** True until the customer has been loaded. */
  isLoading: boolean;
  /** True when the customer is loaded and no field is left to type. */
  isComplete: boolean;
  /**
   * A compliance block arrived while the person was on a step (core's
   * engine): the step stays, and their next submit shows the block. See
   * `showBlock` for a submit that is not the form's (the Terms' accept).
   */
  blockHeld: boolean;
  /** Shows a held block now (the person submitted); answers whether one was held. */
  showBlock: () => boolean;
  /**
   * Requirements the kit has no field spec for: it cannot collect them, so
   * show "we need something else from you, contact support" (the catalogue's
   * `field.unsupported.title` and `.description`) instead of a field.
   */
  unsupportedFields: PlannedField[];
  /** Internal wiring for `useRequirementField` and `useRequirementsErrorSummary`. */
  fieldContext: RequirementFieldContext;
}

/** What a per-field hook needs from its form. */
export interface RequirementFieldContext {
  idPrefix: string;
  t: Translate;
  /** The provider's locale: option order and the date example follow it. */
  locale: string;
  plannedFields: ReadonlyMap<string, PlannedField>;
  fieldKeys: string[];
  /** The provider's partner field specs: the spec of a key the plan does not list. */
  fieldSpecs?: PartnerFieldSpecs;
  /** The phone's country choices. @default core's `phoneCountryOptions`, built when a phone select first shows them */
  countryOptions?: RequirementOption[];
}
