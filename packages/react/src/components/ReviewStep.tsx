import type { OnboardingReview } from '@kyc-kit/hooks';
import { useTranslate } from '../utils/useTranslate';
import { BackButton } from './BackButton';

/** Props of {@link ReviewStep}. */
export interface ReviewStepProps {
  /** The review from `useOnboarding().review`. */
  review: OnboardingReview;
  /** Back to the last form step (`useOnboarding().back`). */
  onBack?: () => void;
}

/**
 * "Check your answers": each form step's answered fields as a description
 * list, each with a Change button that opens its step (saving it comes back
 * here), then Back and Continue. Sensitive values read "Provided". Markup
 * only: the rows and every prop are `useOnboarding().review`'s.
 */
export function ReviewStep({ review, onBack }: ReviewStepProps) {
  const t = useTranslate();
  return (
    <div className="kyc-stack" data-step="review">
      {review.steps.map((step) => (
        <section key={step.id} className="kyc-stack">
          <h3 className="kyc-label">{step.title}</h3>
          <dl className="kyc-summary">
            {step.rows.map((row) => (
              <div key={row.key} data-provided={row.isProvided || undefined}>
                <dt className="kyc-muted">{row.label}</dt>
                <dd>{row.value}</dd>
                <dd>
                  <button className="kyc-link" {...row.changeButtonProps}>
                    {t('review.change')}
                  </button>
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
      <div className="kyc-actions">
        {onBack ? <BackButton onClick={onBack} /> : null}
        <button type="button" className="kyc-button" onClick={review.confirm}>
          {t('form.submit')}
        </button>
      </div>
    </div>
  );
}
