import { useOnboarding } from '@kyc-kit/hooks';
import type { OnboardingReview, TermsOfService, UseOnboardingOptions } from '@kyc-kit/hooks';
import { RequirementsFormView } from './RequirementsFormView';

/** The Terms of Service step rendered from its prop bags. */
export function TermsView({ terms }: { terms: TermsOfService }) {
  return (
    <section>
      <h1 {...terms.titleProps}>{terms.document?.title ?? 'Terms of Service'}</h1>
      {terms.documentStatus === 'loading' ? <p>Loading the Terms of Service…</p> : null}
      {terms.documentErrorMessage === undefined ? null : <p role="alert">{terms.documentErrorMessage}</p>}
      {terms.documentProps === undefined ? null : <div {...terms.documentProps} />}
      {terms.acceptErrorMessage === undefined ? null : <p role="alert">{terms.acceptErrorMessage}</p>}
      <button
        type="button"
        disabled={!terms.canAccept}
        onClick={() => void terms.accept().catch(() => undefined)}
      >
        Accept
      </button>
    </section>
  );
}

/** The review step rendered from its prop bag. */
export function ReviewView({ review, onBack }: { review: OnboardingReview; onBack?: () => void }) {
  return (
    <section>
      <h1>{review.title}</h1>
      {review.steps.map((step) => (
        <dl key={step.id} aria-label={step.title}>
          {step.rows.map((row) => (
            <div key={row.key}>
              <dt>{row.label}</dt>
              <dd>{row.value}</dd>
              <dd>
                <button {...row.changeButtonProps}>Change</button>
              </dd>
            </div>
          ))}
        </dl>
      ))}
      {onBack ? (
        <button type="button" onClick={onBack}>
          Back
        </button>
      ) : null}
      <button type="button" onClick={review.confirm}>
        Confirm
      </button>
    </section>
  );
}

/** The whole flow as a partner would render it with its own markup. */
export function OnboardingView(props: UseOnboardingOptions) {
  const onboarding = useOnboarding(props);
  return (
    <main data-state={onboarding.status}>
      <p data-testid="status">{onboarding.status}</p>
      {onboarding.status === 'collect' ? <RequirementsFormView form={onboarding.form} /> : null}
      {onboarding.review ? <ReviewView review={onboarding.review} onBack={onboarding.back} /> : null}
      {onboarding.status === 'terms' ? <TermsView terms={onboarding.terms} /> : null}
      {onboarding.status === 'terms' && onboarding.back ? (
        <button type="button" onClick={onboarding.back}>
          Back to the review
        </button>
      ) : null}
      {onboarding.step && onboarding.status !== 'collect' ? (
        <p data-testid="progress">{onboarding.step.progressLabel}</p>
      ) : null}
      {onboarding.status === 'verifying' ||
      onboarding.status === 'done' ||
      onboarding.status === 'unavailable' ||
      onboarding.status === 'error' ? (
        <p role="status">{onboarding.message}</p>
      ) : null}
      <button type="button" onClick={onboarding.exit}>
        Leave
      </button>
    </main>
  );
}
