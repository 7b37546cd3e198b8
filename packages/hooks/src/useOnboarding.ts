import { capabilityNameId, gate, onboardingStatus, supportLinks } from '@kyc-kit/core';
import type { OnboardingStatus } from '@kyc-kit/core';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useLatest } from './useLatest';
import { useKycKitContext } from './KycKitProvider';
import type { Onboarding, OnboardingEvent, UseOnboardingOptions } from './onboardingTypes';
import { messageFor, reviewOf, stepOf } from './onboardingView';
import { useCustomer } from './useCustomer';
import { useCustomerEvents } from './useCustomerEvents';
import { useRequirementsForm } from './useRequirementsForm';
import { DEFAULT_VERIFYING_POLL_MS, useRefreshWhileVerifying } from './useRefreshWhileVerifying';
import { useTermsOfService } from './useTermsOfService';

export type {
  Onboarding,
  OnboardingDone,
  OnboardingEvent,
  OnboardingReview,
  OnboardingReviewRow,
  OnboardingStatus,
  OnboardingStep,
  UseOnboardingOptions,
} from './onboardingTypes';

/**
 * The whole onboarding flow as a state machine: `loading` -> `collect` (step
 * i of n) -> `terms` -> `verifying` -> `done` | `unavailable` | `error`.
 * While the customer is first read (and while the capability is requested
 * for an existing customer who never asked for it), a guessed first step is
 * already `collect`, with no "step i of n"; the answer re-plans it, keeping
 * what was typed.
 * Composes `useRequirementsForm`, `useTermsOfService` and `useCustomerEvents`;
 * reports progress through callbacks whose payloads never hold a typed value.
 *
 * @example
 * const onboarding = useOnboarding({ capability: 'custodyFiat', onComplete: () => navigate('/wallet') });
 */
export function useOnboarding(options: UseOnboardingOptions): Onboarding {
  const { t, locale } = useKycKitContext('useOnboarding');
  const capabilities = options.capabilities ?? (options.capability === undefined ? [] : [options.capability]);
  const capabilitiesKey = capabilities.join('\n');
  const callbacksRef = useLatest(options);
  const emit = useCallback((event: OnboardingEvent) => callbacksRef.current.onEvent?.(event), [callbacksRef]);

  const customerQuery = useCustomer();
  const { customer } = customerQuery;
  const form = useRequirementsForm({
    capabilities,
    include: options.include,
    review: options.review ?? true,
    onStepSubmitted: ({ stepId, fieldKeys }) => emit({ type: 'step_submitted', stepId, fieldKeys }),
    onStepSubmitFailed: (detail) => emit({ type: 'step_submit_failed', ...detail }),
  });
  const terms = useTermsOfService({
    onShown: (detail) => emit({ type: 'terms_shown', ...detail }),
    onAccepted: (detail) => emit({ type: 'terms_accepted', ...detail }),
    // Accepting is the person's submit: a block held back while they read the Terms shows now.
    beforeAccept: form.showBlock,
  });
  const gates = useMemo(
    () => capabilities.map((name) => gate(customer ?? null, name)),
    // By the names, not the array: partners pass it inline.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [customer, capabilitiesKey],
  );
  const hasCustomer = customer !== null && customer !== undefined;
  // Until the customer's own plan is known (read, every capability requested, which the engine asks for
  // by itself) the step planned as a guess shows; a failed request is an error on that step.
  const guessing = hasCustomer && !form.isPlanKnown;
  const status = onboardingStatus({
    isLoading: customerQuery.isLoading || (guessing && form.submitError === null),
    isError: customerQuery.status === 'error' || (guessing && form.step === undefined),
    hasCustomer,
    gates,
    formIsComplete: form.isComplete,
    reviewPending: form.isReviewing,
    termsRequired: terms.isRequired,
    hasUnsupported: form.unsupportedFields.length > 0,
    blockHeld: form.blockHeld,
    writeErrorCode: form.submitError?.code,
    firstStepReady: form.step !== undefined,
  });

  // Verification runs while the user types: listen as soon as a customer exists, until the flow ends.
  const isListening =
    hasCustomer &&
    (status === 'collect' || status === 'review' || status === 'terms' || status === 'verifying');
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
    emit({ type: 'state_changed', state: status, previousState });
    if (status === 'done' && customer) {
      const names = [...capabilities];
      emit({ type: 'completed', capabilities: names });
      callbacksRef.current.onComplete?.({ customerId: customer.id, capabilities: names });
    }
    // By the names, not the array: partners pass it inline.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [status, customer, capabilitiesKey, callbacksRef, emit]);

  // Numbered in the plan fixed when the flow started: form steps, the review, the Terms.
  const step = stepOf({ status, form, termsRequired: terms.isRequired, t });
  const stepId = step?.id;
  const stepNumber = step?.number ?? 0;
  const stepCount = step?.count ?? 0;
  useEffect(() => {
    if (stepId === undefined) return;
    const detail = { stepId, stepNumber, stepCount };
    emit({ type: 'step_viewed', ...detail });
    callbacksRef.current.onStepChange?.(detail);
  }, [stepId, stepNumber, stepCount, callbacksRef, emit]);

  const names = capabilities.map((name) => t(capabilityNameId(name)));
  const done = status === 'done' && customer ? { customerId: customer.id, capabilities, names } : undefined;
  const message =
    done === undefined
      ? messageFor(status, gates, t, customerQuery.error ?? form.submitError)
      : t('onboarding.done.unlocked', { capabilities: names.join(', ') });
  return {
    status,
    done,
    form,
    terms,
    support: supportLinks(options.support, t),
    review: status === 'review' ? reviewOf(form, t, locale) : undefined,
    back: (status === 'review' || status === 'terms') && form.steps.length > 0 ? form.back : undefined,
    gates,
    message,
    exit: () => {
      emit({ type: 'exited', state: status });
      callbacksRef.current.onExit?.({ state: status });
    },
    step,
    retry: () => {
      void (guessing ? form.requestCapabilities() : customerQuery.refetch());
    },
  };
}
