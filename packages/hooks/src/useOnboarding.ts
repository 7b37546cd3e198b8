import { gate } from '@kyc-kit/core';
import type { Gate } from '@kyc-kit/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useKycKitContext } from './KycKitProvider';
import type { Translate } from './KycKitProvider';
import { translateApiError } from './translateApiError';
import { useCustomer } from './useCustomer';
import { useCustomerEvents } from './useCustomerEvents';
import { DEFAULT_VERIFYING_POLL_MS, useRefreshWhileVerifying } from './useRefreshWhileVerifying';
import type { UseCustomerEventsOptions } from './useCustomerEvents';
import { useRequirementsForm } from './useRequirementsForm';
import type { RequirementsForm } from './useRequirementsForm';
import { useTermsOfService } from './useTermsOfService';
import type { TermsOfService } from './useTermsOfService';

/** The states of the onboarding flow. */
export type OnboardingStatus =
  'loading' | 'collect' | 'terms' | 'verifying' | 'done' | 'unavailable' | 'error';

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
  /** Called once when every capability is active. */
  onComplete?: (detail: { customerId: string; capabilities: string[] }) => void;
  /** Called when the user leaves the flow through `exit()`. */
  onExit?: (detail: { state: OnboardingStatus }) => void;
  /**
   * Called when another step is shown: a form step, or the Terms of Service
   * (`stepId: 'terms'`), which count as the last step of "step i of n".
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
   * While `verifying`, how often to read the customer again (milliseconds), besides any live updates:
   * the provider's webhooks announce capability changes only, so a field it rejects while the
   * capability stays pending arrives as no event. Paused while the page is hidden; `0` turns it off.
   * @default 3000
   */
  verifyingPollMs?: number;
};

/** The step of the flow being shown, for "Step i of n". */
export interface OnboardingStep {
  /** The form step's section id, or `terms`. */
  id: string;
  /** Translated title of the step. */
  title: string;
  /** The i of "step i of n" (1-based). */
  number: number;
  /** The n of "step i of n": the form's steps plus the Terms of Service when they are to accept. */
  count: number;
  /** Translated "Step i of n". */
  progressLabel: string;
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
   * count is the same on every step of the flow.
   */
  step: OnboardingStep | undefined;
  /** Leaves the flow: reports `exited` and calls `onExit`. */
  exit: () => void;
  /** Loads the customer again after an `error`. */
  retry: () => void;
}

/** Which state the flow is in, from the customer, the gates and the form and terms hooks. */
function statusOf(input: {
  isLoading: boolean;
  isError: boolean;
  hasCustomer: boolean;
  gates: Gate[];
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

/**
 * The whole onboarding flow as a state machine: `loading` -> `collect` (step
 * i of n) -> `terms` -> `verifying` -> `done` | `unavailable` | `error`.
 * Composes `useRequirementsForm`, `useTermsOfService` and `useCustomerEvents`;
 * reports progress through callbacks whose payloads never hold a typed value.
 *
 * @example
 * const onboarding = useOnboarding({ capability: 'custodyFiat', onComplete: () => navigate('/wallet') });
 */
export function useOnboarding(options: UseOnboardingOptions): Onboarding {
  const { t } = useKycKitContext('useOnboarding');
  const capabilities = options.capabilities ?? (options.capability === undefined ? [] : [options.capability]);
  const capabilitiesKey = capabilities.join('\n');
  const callbacksRef = useRef(options);
  useEffect(() => {
    callbacksRef.current = options;
  });
  const emit = (event: OnboardingEvent) => callbacksRef.current.onEvent?.(event);

  const customerQuery = useCustomer();
  const { customer } = customerQuery;
  const form = useRequirementsForm({
    capabilities,
    include: options.include,
    onStepSubmitted: ({ stepId, fieldKeys }) => emit({ type: 'step_submitted', stepId, fieldKeys }),
    onStepSubmitFailed: ({ stepId, code, fieldKeys }) =>
      emit({ type: 'step_submit_failed', stepId, code, fieldKeys }),
  });
  const terms = useTermsOfService({
    onShown: (detail) => emit({ type: 'terms_shown', ...detail }),
    onAccepted: (detail) => emit({ type: 'terms_accepted', ...detail }),
  });
  const gates = useMemo(
    () =>
      (capabilitiesKey === '' ? [] : capabilitiesKey.split('\n')).map((name) => gate(customer ?? null, name)),
    [customer, capabilitiesKey],
  );
  const hasCustomer = customer !== null && customer !== undefined;
  // An existing customer who never asked for a capability owes nothing for it yet: request it first, then plan.
  const { missingCapabilities, requestCapabilities } = form;
  const needsRequest = hasCustomer && missingCapabilities.length > 0;
  const [requestFailed, setRequestFailed] = useState(false);
  const [requestAttempt, setRequestAttempt] = useState(0);
  const missingKey = missingCapabilities.join('\n');
  const requestCapabilitiesRef = useRef(requestCapabilities);
  useEffect(() => {
    requestCapabilitiesRef.current = requestCapabilities;
  });
  // Once per set of missing capabilities (and per retry).
  useEffect(() => {
    if (!needsRequest) return;
    let cancelled = false;
    void requestCapabilitiesRef.current().then((ok) => {
      if (!cancelled) setRequestFailed(!ok);
    });
    return () => {
      cancelled = true;
    };
  }, [needsRequest, missingKey, requestAttempt]);
  const status = statusOf({
    isLoading: customerQuery.isLoading || (needsRequest && !requestFailed),
    isError: customerQuery.status === 'error' || (needsRequest && requestFailed),
    hasCustomer,
    gates,
    formIsComplete: form.isComplete,
    termsRequired: terms.isRequired,
    hasUnsupported: form.unsupportedFields.length > 0,
  });

  // Verification runs while the user types: listen as soon as a customer exists, until the flow ends.
  const isListening = hasCustomer && (status === 'collect' || status === 'terms' || status === 'verifying');
  const events = useCustomerEvents({
    ...(options.liveUpdates || {}),
    enabled: options.liveUpdates !== false && isListening,
  });
  // The stream pushes every change while it is open; reading on an interval is for when it cannot be opened.
  useRefreshWhileVerifying(
    status === 'verifying' && events.status !== 'open',
    options.verifyingPollMs ?? DEFAULT_VERIFYING_POLL_MS,
  );

  const previousStatusRef = useRef<OnboardingStatus | undefined>(undefined);
  useEffect(() => {
    const previousState = previousStatusRef.current;
    if (previousState === status) return;
    previousStatusRef.current = status;
    callbacksRef.current.onEvent?.({ type: 'state_changed', state: status, previousState });
    if (status === 'done' && customer) {
      const names = capabilitiesKey.split('\n');
      callbacksRef.current.onEvent?.({ type: 'completed', capabilities: names });
      callbacksRef.current.onComplete?.({ customerId: customer.id, capabilities: names });
    }
  }, [status, customer, capabilitiesKey]);

  // Terms of Service to accept are one more step after the form's, whichever state shows them.
  const stepCount = form.stepCount + (terms.isRequired ? 1 : 0);
  const step = stepOf({ status, form, stepCount, t });
  const stepId = step?.id;
  const stepNumber = step?.number ?? 0;
  useEffect(() => {
    if (stepId === undefined) return;
    const detail = { stepId, stepNumber, stepCount };
    callbacksRef.current.onEvent?.({ type: 'step_viewed', ...detail });
    callbacksRef.current.onStepChange?.(detail);
  }, [stepId, stepNumber, stepCount]);

  const message = messageFor(status, gates, t, customerQuery.error ?? form.submitError);
  return {
    status,
    form,
    terms,
    gates,
    message,
    exit: () => {
      emit({ type: 'exited', state: status });
      callbacksRef.current.onExit?.({ state: status });
    },
    step,
    retry: () => {
      setRequestFailed(false);
      setRequestAttempt((attempt) => attempt + 1);
      void customerQuery.refetch();
    },
  };
}

function stepOf(input: {
  status: OnboardingStatus;
  form: RequirementsForm;
  stepCount: number;
  t: Translate;
}): OnboardingStep | undefined {
  const { status, form, stepCount, t } = input;
  const progressLabel = (number: number) => t('step.progress', { current: number, total: stepCount });
  if (status === 'collect' && form.step !== undefined) {
    return {
      id: form.step.id,
      title: form.step.title,
      number: form.stepNumber,
      count: stepCount,
      progressLabel: progressLabel(form.stepNumber),
    };
  }
  if (status === 'terms') {
    return {
      id: 'terms',
      title: t('step.terms.title'),
      number: stepCount,
      count: stepCount,
      progressLabel: progressLabel(stepCount),
    };
  }
  return undefined;
}

function messageFor(status: OnboardingStatus, gates: Gate[], t: Translate, error: unknown): string {
  switch (status) {
    case 'loading':
      // The catalogue has no generic loading text yet: the UI shows its own busy indicator.
      return '';
    case 'error':
      return translateApiError(t, error);
    case 'collect':
      return t('gate.reason.needs_input');
    case 'terms':
      return t('gate.reason.needs_input');
    case 'verifying':
      return t('form.waiting');
    case 'done':
      return t('gate.reason.active');
    case 'unavailable':
      return t(gates.find((each) => each.reason === 'unavailable')?.messageId ?? 'status.unableToComplete');
    default:
      return status satisfies never;
  }
}
