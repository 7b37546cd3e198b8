import type { Gate, OnboardingStatus } from '@kyc-kit/core';
import type { Translate } from './KycKitProvider';
import type { OnboardingStep } from './onboardingTypes';
import { translateApiError } from './translateApiError';
import type { RequirementsForm } from './useRequirementsForm';

/** The step of the flow being shown, for "Step i of n": a form step, or the terms after them. */
export function stepOf(input: {
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

/** The flow's compliance-safe sentence for its state. */
export function messageFor(status: OnboardingStatus, gates: Gate[], t: Translate, error: unknown): string {
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
