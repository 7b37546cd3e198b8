import { reviewValue } from '@kyc-kit/core';
import type { Gate, OnboardingStatus } from '@kyc-kit/core';
import type { Translate } from './KycKitProvider';
import type { OnboardingReview, OnboardingStep } from './onboardingTypes';
import { translateApiError } from './translateApiError';
import type { RequirementsForm } from './useRequirementsForm';

/**
 * The step of the flow being shown, for "Step i of n": a form step, the
 * review or the terms, numbered in the engine's fixed `flowSteps`.
 */
export function stepOf(input: {
  status: OnboardingStatus;
  form: RequirementsForm;
  termsRequired: boolean;
  t: Translate;
}): OnboardingStep | undefined {
  const { status, form, t } = input;
  // Before the engine connects (a server render) the plan is the form's steps and the terms.
  const flow =
    form.flowSteps.length > 0
      ? form.flowSteps
      : [...form.steps.map((each) => each.id), ...(input.termsRequired ? ['terms' as const] : [])];
  // No "Step i of n" from a guess: the count is known with the customer's own plan.
  const id =
    status === 'collect' && form.isPlanKnown
      ? form.step?.id
      : status === 'review' || status === 'terms'
        ? status
        : undefined;
  if (id === undefined) return undefined;
  const count = flow.length;
  const number = flow.indexOf(id) + 1 || count;
  return {
    id,
    title: id === 'review' || id === 'terms' ? t(`step.${id}.title`) : (form.step?.title ?? ''),
    number,
    count,
    progressLabel: t('step.progress', { current: number, total: count }),
  };
}

/** The review's rows from what was saved: sensitive values only as "Provided". */
export function reviewOf(form: RequirementsForm, t: Translate, locale: string): OnboardingReview {
  return {
    title: t('step.review.title'),
    steps: form.steps.map((step) => ({
      id: step.id,
      title: step.title,
      rows: step.fields.map((field) => {
        const label = t(field.spec.labelId);
        const value = reviewValue(field.spec, form.savedValues[field.key], t, locale);
        return {
          key: field.key,
          label,
          value: value ?? t('review.provided'),
          isProvided: value === undefined,
          changeButtonProps: {
            type: 'button' as const,
            onClick: () => form.changeStep(step.id),
            'aria-label': t('review.change.label', { field: label }),
          },
        };
      }),
    })),
    confirm: form.confirmReview,
  };
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
    case 'review':
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
