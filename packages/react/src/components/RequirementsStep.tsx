import type { RequirementsForm } from '@kyc-kit/hooks';
import { useRef } from 'react';
import type { FocusEvent } from 'react';
import { RequirementField } from '../fields/RequirementField';
import { useFocusOnChange } from '../utils/useFocusOnChange';
import { useTranslate } from '../utils/useTranslate';
import { BackButton } from './BackButton';
import { ErrorSummary } from './ErrorSummary';

/** Props of {@link RequirementsStep}. */
export interface RequirementsStepProps {
  /** The form from `useRequirementsForm` (or `useOnboarding().form`). */
  form: RequirementsForm;
  /** Step i of n, when the surrounding flow counts more steps than the form (the Terms of Service). */
  progress?: { current: number; total: number };
  /** Shows a Back button on the first step that calls this (the flow before the form). */
  onBackFromFirst?: () => void;
}

/**
 * The current step of a requirements form: progress, a heading that takes
 * focus when the step or its questions change (if focus was in the step), the error summary, one section of fields,
 * and back / continue.
 */
export function RequirementsStep({ form, progress, onBackFromFirst }: RequirementsStepProps) {
  const t = useTranslate();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const step = form.step;
  // The new step's heading takes focus only when focus was in the step (a Continue, a field now gone),
  // never from the partner's page: a guessed step replaced by the customer's own plan is the page opening.
  const focusInRef = useRef(false);
  // Focus moving on comes back in at once if it stays within; a removed field leaves none (`relatedTarget` null).
  // Capture: Preact (the elements' renderer) listens to focus and blur, which do not bubble.
  const trackFocus = (event: FocusEvent) => {
    focusInRef.current = event.type === 'focus' || !event.relatedTarget;
  };
  // Keyed by the questions, not the step's id: OMS asks more of the same step after its first save, and a
  // Continue that kept focus on itself, below the new question, would be heard as nothing happening. A field
  // still on screen keeps the focus of the person typing in it (a guessed plan replaced by their own).
  useFocusOnChange(
    headingRef,
    form.fieldKeys.join(),
    () => focusInRef.current && !headingRef.current?.parentNode?.querySelector('[name]:focus'),
  );
  if (step === undefined) return null;
  // A step opened again from the review (or the Terms) always has somewhere to go back to.
  const showBack = !form.isFirstStep || form.isChanging || !!onBackFromFirst;
  const current = progress?.current ?? form.stepNumber;
  const total = Math.max(progress?.total ?? form.stepCount, 1);
  const percent = (current / total) * 100;
  const { recheck } = form;
  return (
    <div className="kyc-stack" data-step={step.id} onFocusCapture={trackFocus} onBlurCapture={trackFocus}>
      {/* Re-collecting a single value is no sequence: "Step 1 of 1" would say nothing. Nor is a guess counted. */}
      {(recheck && total === 1) || !form.isPlanKnown ? null : (
        <div>
          <p className="kyc-progress">
            {progress ? t('step.progress', { current, total }) : form.progressLabel}
          </p>
          <span className="kyc-progress-bar" aria-hidden="true">
            <span style={{ inlineSize: `${percent}%` }} />
          </span>
        </div>
      )}
      <h2 className="kyc-heading" ref={headingRef} tabIndex={-1} {...form.titleProps}>
        {recheck ? recheck.title : step.title}
      </h2>
      <ErrorSummary form={form} />
      <form className="kyc-stack" {...form.formProps}>
        {step.fields.map((field) => (
          <RequirementField key={field.key} form={form} name={field.key} />
        ))}
        <div className="kyc-actions">
          {showBack ? (
            <BackButton
              onClick={() => (form.isFirstStep && !form.isChanging ? onBackFromFirst?.() : form.back())}
            />
          ) : null}
          <button
            type="submit"
            className="kyc-button"
            data-pending={form.isSubmitting || undefined}
            aria-disabled={form.isSubmitting || undefined}
          >
            {t(form.isSubmitting ? 'form.submitting' : 'form.submit')}
          </button>
        </div>
      </form>
    </div>
  );
}
