import type { Locale, MessageId } from '@kyc-kit/core';
import { KycKitProvider, useKycKit, useOnboarding } from '@kyc-kit/hooks';
import type { OnboardingDone, OnboardingStatus, UseOnboardingOptions } from '@kyc-kit/hooks';
import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';
import { rootProps } from '../utils/themeStyle';
import type { Appearance } from '../utils/themeStyle';
import { useTranslate } from '../utils/useTranslate';
import { RequirementsStep } from './RequirementsStep';
import { ReviewStep } from './ReviewStep';
import { StatusMessage } from './StatusMessage';
import { SupportLinks } from './SupportLinks';
import { TermsOfServiceStep } from './TermsOfServiceStep';

/** Props of {@link Onboarding}: one capability or several, plus presentation. */
export type OnboardingProps = UseOnboardingOptions & {
  /** Theme tokens and light/dark; see `styles.css`. */
  appearance?: Appearance;
  /** Passed through to the root element. */
  className?: string;
  /**
   * The language of the flow; defaults to the surrounding `KycKitProvider`'s.
   * English is built in; for Spanish also pass `messages` from
   * `@kyc-kit/core/locales/es` (here or on the provider). Another tag falls
   * back to English.
   */
  locale?: Locale | string;
  /**
   * Your own wording for any message id (core's catalogue or the components'),
   * e.g. `{ 'form.submit': 'Next' }`, spread over the provider's `messages` (which the
   * flow keeps unless `locale` names another language).
   */
  messages?: Partial<Record<MessageId | string, string>>;
  /**
   * The partner's next action on the done screen, below the sentence that
   * names what was unlocked: an element, or a function of what was unlocked.
   *
   * @example
   * <Onboarding capability="custodyFiat" doneAction={({ names }) => <a href="/wallet">Open {names[0]}</a>} />
   */
  doneAction?: ReactNode | ((done: OnboardingDone) => ReactNode);
  /**
   * Moves focus to the flow's first heading once it shows, for a flow the
   * person just opened with a button that goes away (as `<CapabilityGate>`'s
   * "Continue setup" does). Leave it off for a flow that is there when the
   * page loads: focus then stays where the page put it.
   */
  autoFocus?: boolean;
};

/** The heading of each state; loading has none yet, and a form step's heading is the step's title. */
const TITLE_IDS: Record<OnboardingStatus, MessageId | undefined> = {
  loading: undefined,
  collect: undefined,
  review: 'step.review.title',
  terms: 'step.terms.title',
  verifying: 'onboarding.verifying.title',
  done: 'onboarding.done.title',
  unavailable: 'onboarding.unavailable.title',
  error: 'form.errorSummary.title',
};

function OnboardingFlow({
  appearance,
  className,
  locale: _locale,
  messages: _messages,
  doneAction,
  autoFocus,
  ...options
}: OnboardingProps) {
  const t = useTranslate();
  const onboarding = useOnboarding(options);
  const { status, form, terms, step } = onboarding;
  const headingRef = useRef<HTMLHeadingElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  // None yet for a flow opened with `autoFocus`: its first content is then a change that takes focus.
  const previousStatusRef = useRef<OnboardingStatus | undefined>(autoFocus ? undefined : status);
  // A guessed first step shows until the customer's own plan is known: the answer is the page opening, not a step taken.
  const previousReadingRef = useRef(!form.isPlanKnown);
  const stepTitleId = form.titleProps.id;
  useEffect(() => {
    const previous = previousStatusRef.current;
    const wasReading = previousReadingRef.current;
    previousReadingRef.current = !form.isPlanKnown;
    if (previous === status || (!previous && status === 'loading')) return;
    previousStatusRef.current = status;
    const root = rootRef.current;
    if (previous) {
      // The first content after loading is the page as it opens: focus stays where the partner's page put it.
      if (previous === 'loading' || wasReading) return;
      // Never steal focus: only when it was in the flow (a submit) or dropped with what was removed. Asked of
      // the flow's own root, a shadow root (the page's own may hold it) names the element inside it, or none.
      const active = (root?.getRootNode() as Document | undefined)?.activeElement ?? document.activeElement;
      if (active && active !== document.body && !root?.contains(active)) return;
    }
    // The new state's heading, or the form step's own heading when the flow went back to collecting.
    // Looked up inside the flow, not the document, which cannot see into a shadow root.
    (headingRef.current ?? root?.querySelector<HTMLElement>(`[id="${stepTitleId}"]`))?.focus();
  }, [status, stepTitleId, form.isPlanKnown]);

  const titleId = TITLE_IDS[status];
  const isStatusPage =
    status === 'loading' || status === 'verifying' || status === 'done' || status === 'unavailable';

  return (
    <div ref={rootRef} {...rootProps(appearance, className)} data-state={status}>
      <div className="kyc-stack">
        {/* The Terms of Service alone are no sequence: "Step 1 of 1" would say nothing. */}
        {(status === 'terms' || status === 'review') && step !== undefined && step.count > 1 ? (
          <p className="kyc-progress">{step.progressLabel}</p>
        ) : null}
        {titleId ? (
          <h2 className="kyc-heading" ref={headingRef} tabIndex={-1}>
            {t(titleId)}
          </h2>
        ) : null}
        {/* One live region for the whole flow, present from the first render, so each change of state is announced. */}
        <div role="status" aria-live="polite" className="kyc-stack">
          {isStatusPage ? (
            <StatusMessage
              tone={status === 'done' ? 'success' : status === 'unavailable' ? 'warning' : 'info'}
              busy={status === 'loading' || status === 'verifying'}
            >
              {status === 'loading' ? t('status.loading') : onboarding.message}
              {status === 'unavailable' ? <SupportLinks support={onboarding.support} /> : null}
            </StatusMessage>
          ) : null}
          {/* "Saving…" is the button's label on screen; said here too while a step or the Terms are sent. */}
          {form.isSubmitting || terms.isAccepting ? (
            <p className="kyc-visually-hidden">{t('form.submitting')}</p>
          ) : null}
        </div>
        {status === 'verifying' ? (
          <div className="kyc-stack">
            <h3 className="kyc-label">{t('onboarding.next.title')}</h3>
            <p className="kyc-text">{t('onboarding.next.body')}</p>
          </div>
        ) : null}
        {onboarding.done && doneAction ? (
          <div className="kyc-actions">
            {typeof doneAction === 'function' ? doneAction(onboarding.done) : doneAction}
          </div>
        ) : null}
        {status === 'error' ? (
          <StatusMessage tone="danger" live="assertive">
            <p className="kyc-text">{onboarding.message}</p>
            <button type="button" className="kyc-button" data-variant="secondary" onClick={onboarding.retry}>
              {t('status.retry')}
            </button>
          </StatusMessage>
        ) : null}
        {status === 'collect' ? (
          <RequirementsStep form={form} progress={step && { current: step.number, total: step.count }} />
        ) : null}
        {onboarding.review ? <ReviewStep review={onboarding.review} onBack={onboarding.back} /> : null}
        {status === 'terms' ? (
          <TermsOfServiceStep terms={terms} titleAs="h3" hideTitle onBack={onboarding.back} />
        ) : null}
        {options.onExit && status !== 'done' ? (
          <div className="kyc-actions">
            <button type="button" className="kyc-button" data-variant="secondary" onClick={onboarding.exit}>
              {/* "Finish later" only while something is left to finish: verifying and unavailable wait on no one. */}
              {t(status === 'unavailable' || status === 'verifying' ? 'onboarding.close' : 'onboarding.exit')}
            </button>
          </div>
        ) : null}
      </div>
    </div>
  );
}

/**
 * The whole onboarding for one capability (or several), in the page: the
 * steps core plans from the customer's requirements ("Step 2 of 4"), the
 * Terms of Service, a verifying state that updates itself as the provider
 * decides, then done, or a generic message when the provider will not go
 * on. Render it inside a `KycKitProvider`.
 *
 * @example
 * <KycKitProvider client={createProxyClient()}>
 *   <Onboarding capability="custodyFiat" onComplete={() => navigate('/wallet')} />
 * </KycKitProvider>
 */
export function Onboarding(props: OnboardingProps) {
  const parent = useKycKit('<Onboarding>');
  if (props.locale === undefined && props.messages === undefined) return <OnboardingFlow {...props} />;
  // A nested provider changes only the words: the same client, cache, user key (whose drafts these are),
  // field specs and initial customer (the context holds every prop of the provider, and its `t`, unused).
  return (
    <KycKitProvider
      {...parent}
      locale={props.locale ?? parent.locale}
      messages={{
        // The provider's messages (a Spanish catalogue, say) are in its language: keep them unless the flow switches.
        ...(props.locale === undefined || props.locale === parent.locale ? parent.messages : {}),
        ...(props.messages as Partial<Record<MessageId, string>> | undefined),
      }}
    >
      <OnboardingFlow {...props} />
    </KycKitProvider>
  );
}
