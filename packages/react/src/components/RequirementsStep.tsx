import type { RequirementsForm } from '@kyc-kit/hooks';
import { useEffect, useRef } from 'react';
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
 * focus when the step changes, the error summary, one section of fields,
 * and back / continue.
 */
export function RequirementsStep({ form, progress, onBackFromFirst }: RequirementsStepProps) {
  const t = useTranslate();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const step = form.step;
  // A guessed step replaced by the customer's own plan is the page opening, not a step taken: its
  // heading takes focus only when focus was in the step (now gone), never from the partner's page.
  const guessRef = useRef(!form.isPlanKnown);
  const focusInRef = useRef(false);
  useFocusOnChange(headingRef, step?.id, () => !guessRef.current || focusInRef.current);
  useEffect(() => {
    guessRef.current = !form.isPlanKnown;
  });
  if (step === undefined) return null;
  // A step opened again from the review (or the Terms) always has somewhere to go back to.
  const showBack = !form.isFirstStep || form.isChanging || onBackFromFirst !== undefined;
  const current = progress?.current ?? form.stepNumber;
  const total = Math.max(progress?.total ?? form.stepCount, 1);
  const percent = Math.round((current / total) * 100);
  const { recheck } = form;
  return (
    <div
      className="kyc-stack"
      data-step={step.id}
      onFocus={() => (focusInRef.current = true)}
      onBlur={(event) => {
        // Focus that went elsewhere on the page; a removed field leaves none (`relatedTarget` null).
        if (event.relatedTarget !== null && !event.currentTarget.contains(event.relatedTarget))
          focusInRef.current = false;
      }}
    >
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
            {form.isSubmitting ? t('form.submitting') : t('form.submit')}
          </button>
        </div>
      </form>
    </div>
  );
}
