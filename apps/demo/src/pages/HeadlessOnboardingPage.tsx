import { capabilityNameId } from '@kyc-kit/core';
import type { MessageId, OnboardingStatus } from '@kyc-kit/core';
import { useCustomerEvents, useKycKit, useOnboarding, useRequirementsErrorSummary } from '@kyc-kit/hooks';
import type { OnboardingReview, RequirementsForm, TermsOfService } from '@kyc-kit/hooks';
import { useEffect, useRef, useState } from 'react';
import type { RefObject } from 'react';
import { CapabilityPicker, useChosenCapability } from '../components/CapabilityPicker';
import { Layout } from '../components/Layout';
import { PlainRequirementField } from '../components/PlainRequirementField';
import { usePreferences } from '../PreferencesProvider';
import { Link } from '../RouterProvider';
import { onboardingIntroId, useDemoSupport } from '../onboardingPageCopy';

const ownLanguageNames = new Map<string, string>();

/**
 * A language's own name for itself ("English", "español"), so a reader finds theirs. Kept
 * once found: each `new Intl.DisplayNames` costs, and the first loads CLDR data.
 */
function languageName(language: string): string {
  let name = ownLanguageNames.get(language);
  if (name === undefined) {
    try {
      name = new Intl.DisplayNames([language], { type: 'language' }).of(language) ?? language;
    } catch {
      name = language;
    }
    ownLanguageNames.set(language, name);
  }
  return name;
}

function PlainErrorSummary({ form }: { form: RequirementsForm }) {
  const summary = useRequirementsErrorSummary(form);
  if (!summary.hasErrors) return null;
  return (
    <div {...summary.summaryProps} className="alert">
      <h3 {...summary.titleProps}>{summary.title}</h3>
      {summary.formError !== undefined ? <p>{summary.formError}</p> : null}
      <ul>
        {summary.items.map((item) => (
          <li key={item.key}>
            <a {...summary.getLinkProps(item)}>{item.message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

function PlainStepForm({
  form,
  progressLabel,
  acted,
}: {
  form: RequirementsForm;
  progressLabel: string | undefined;
  /** Whether focus has been in the flow: until then a step appearing is the page opening. */
  acted: RefObject<boolean>;
}) {
  const { t } = useKycKit();
  const { text } = usePreferences();
  const headingRef = useRef<HTMLHeadingElement>(null);
  // The questions on screen, not only the step: OMS asks more of "About you" after its first save.
  const questions = form.fieldKeys.join();
  // Each new step announces itself by taking focus on its heading; the page as it opens keeps its focus.
  useEffect(() => {
    if (acted.current) headingRef.current?.focus();
  }, [questions, acted]);
  if (form.step === undefined) return null;
  return (
    <form {...form.formProps} className="plain-form" data-step={form.step.id}>
      {/* The flow's count (review and Terms included), fixed when it started. */}
      {progressLabel !== undefined ? <p>{progressLabel}</p> : null}
      <h2 {...form.titleProps} ref={headingRef} tabIndex={-1}>
        {form.step.title}
      </h2>
      <PlainErrorSummary form={form} />
      {/* The heading names the form already: a legend saying it again would be read twice. */}
      <div className="plain-fields">
        {form.fieldKeys.map((key) => (
          <PlainRequirementField key={key} form={form} name={key} />
        ))}
      </div>
      <p>
        {!form.isFirstStep || form.isChanging ? (
          <button type="button" className="button button-quiet" onClick={form.back}>
            {text('back')}
          </button>
        ) : null}{' '}
        <button
          type="submit"
          className="button button-primary"
          aria-disabled={form.isSubmitting || undefined}
        >
          {form.isSubmitting ? t('form.submitting') : t('form.submit')}
        </button>
      </p>
    </form>
  );
}

/** "Check your answers" from `onboarding.review`: a Change button per answer, then Back and Continue. */
function PlainReview({
  review,
  progressLabel,
  onBack,
  acted,
}: {
  review: OnboardingReview;
  progressLabel: string | undefined;
  onBack: (() => void) | undefined;
  acted: RefObject<boolean>;
}) {
  const { t } = useKycKit();
  const { text } = usePreferences();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (acted.current) headingRef.current?.focus();
  }, [acted]);
  return (
    <div className="plain-form" data-step="review">
      {progressLabel !== undefined ? <p>{progressLabel}</p> : null}
      <h2 ref={headingRef} tabIndex={-1}>
        {review.title}
      </h2>
      {review.steps.map((step) => (
        <section key={step.id} aria-labelledby={`plain-review-${step.id}`}>
          <h3 id={`plain-review-${step.id}`}>{step.title}</h3>
          <dl className="plain-review">
            {step.rows.map((row) => (
              <div key={row.key}>
                <dt>{row.label}</dt>
                <dd>{row.value}</dd>
                <dd>
                  <button className="button button-quiet" {...row.changeButtonProps}>
                    {t('review.change')}
                  </button>
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
      <p>
        {onBack ? (
          <button type="button" className="button button-quiet" onClick={onBack}>
            {text('back')}
          </button>
        ) : null}{' '}
        <button type="button" className="button button-primary" onClick={review.confirm}>
          {t('form.submit')}
        </button>
      </p>
    </div>
  );
}

/**
 * The Terms step from the hook's bags: the consent rule (a box per document, disabled until it is shown,
 * an error and focus on it when Continue is pressed without it) is the hook's, and so is the box's state,
 * kept across Back to the review.
 */
function PlainTerms({
  terms,
  progressLabel,
  onBack,
  acted,
}: {
  terms: TermsOfService;
  progressLabel: string | undefined;
  onBack: (() => void) | undefined;
  acted: RefObject<boolean>;
}) {
  const { t } = useKycKit();
  const { text } = usePreferences();
  const headingRef = useRef<HTMLHeadingElement>(null);
  // The step form that had focus is gone: the Terms take it on their heading, so it never drops to <body>.
  useEffect(() => {
    if (acted.current) headingRef.current?.focus();
  }, [acted]);
  return (
    // Submitting accepts (a failure shows as acceptErrorMessage below) or, without consent, shows the error.
    <form className="plain-form" {...terms.formProps}>
      {progressLabel !== undefined ? <p>{progressLabel}</p> : null}
      {/* The step's heading; the document's own title is its first heading, so it is not repeated here. */}
      <h2 {...terms.titleProps} ref={headingRef} tabIndex={-1}>
        {t('step.terms.title')}
      </h2>
      {terms.languages.length > 1 ? (
        <div className="field">
          <label {...terms.languageLabelProps}>{t('field.tos.language')}</label>
          <select {...terms.languageSelectProps}>
            {terms.languages.map((language) => (
              <option key={language} value={language} lang={language}>
                {languageName(language)}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {terms.documentStatus === 'loading' ? <p role="status">{t('field.tos.loading')}</p> : null}
      {terms.documentStatus === 'error' ? (
        <p role="alert">
          {terms.documentErrorMessage}{' '}
          <button type="button" className="button button-quiet" onClick={terms.retryDocument}>
            {text('retry')}
          </button>
        </p>
      ) : null}
      {terms.documentProps !== undefined ? (
        <div {...terms.documentProps} className="tos-document" role="document" lang={terms.language} />
      ) : null}
      {terms.documentLinkProps !== undefined ? (
        <p>
          <a {...terms.documentLinkProps}>{t('field.tos.openFull')}</a>
        </p>
      ) : null}
      <p>
        <input {...terms.consentCheckboxProps} />{' '}
        <label {...terms.consentLabelProps}>{t('field.tos.accept')}</label>
      </p>
      {terms.consentError !== undefined ? (
        <p {...terms.consentErrorProps} className="error-text">
          {terms.consentError}
        </p>
      ) : null}
      {terms.acceptErrorMessage !== undefined ? <p role="alert">{terms.acceptErrorMessage}</p> : null}
      {onBack ? (
        <button type="button" className="button button-quiet" onClick={onBack}>
          {text('back')}
        </button>
      ) : null}{' '}
      <button type="submit" className="button button-primary" aria-disabled={terms.isAccepting || undefined}>
        {terms.isAccepting ? t('form.submitting') : t('form.submit')}
      </button>
    </form>
  );
}

/** The heading of each state that is not a step (a step's form has its own). */
const STATE_TITLES: Partial<Record<OnboardingStatus, MessageId>> = {
  verifying: 'onboarding.verifying.title',
  done: 'onboarding.done.title',
  unavailable: 'onboarding.unavailable.title',
  error: 'form.errorSummary.title',
};

function PlainOnboarding({
  capability,
  onStateChange,
}: {
  capability: string;
  onStateChange: (state: OnboardingStatus) => void;
}) {
  const { t } = useKycKit();
  const { text } = usePreferences();
  // The page's own event stream is open at every step (see OnboardingPage).
  useCustomerEvents();
  const support = useDemoSupport();
  const onboarding = useOnboarding({
    capability,
    liveUpdates: false,
    support,
    onEvent: (event) => {
      if (event.type === 'state_changed') onStateChange(event.state);
    },
  });
  const { status } = onboarding;
  const rootRef = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const previousRef = useRef(status);
  // When the Terms (or a step) give way to verifying, done or unavailable, the form that had focus is
  // gone: the new heading takes it, so it never drops to <body>. Focus the person put elsewhere stays.
  useEffect(() => {
    const previous = previousRef.current;
    previousRef.current = status;
    // The page as it opens keeps the focus the browser gave it.
    if (previous === status || previous === 'loading') return;
    const active = document.activeElement;
    if (active !== null && active !== document.body && !rootRef.current?.contains(active)) return;
    headingRef.current?.focus();
  }, [status]);
  // Set when focus first enters the flow. Before that, a step, the review or the Terms appearing is the page
  // opening (or a reload): focus stays where the browser or the wallet's router put it, as with <Onboarding>.
  const actedRef = useRef(false);
  // The Terms alone are no sequence: "Step 1 of 1" would say nothing.
  const progressLabel =
    onboarding.step !== undefined && onboarding.step.count > 1 ? onboarding.step.progressLabel : undefined;
  const statusText =
    status === 'loading'
      ? text('loading')
      : status === 'collect' || status === 'review' || status === 'terms'
        ? ''
        : onboarding.message;
  const titleId = STATE_TITLES[status];
  return (
    <div
      data-state={status}
      ref={rootRef}
      onFocusCapture={() => {
        actedRef.current = true;
      }}
    >
      {titleId !== undefined ? (
        <h2 ref={headingRef} tabIndex={-1}>
          {t(titleId)}
        </h2>
      ) : null}
      {/* Present from the first render, so every change of state is announced. */}
      <p role="status">{statusText}</p>
      {status === 'unavailable' && onboarding.support.links.length > 0 ? (
        <p className="support-links">
          {onboarding.support.links.map((link) => (
            <a key={link.href} href={link.href}>
              {link.label}
            </a>
          ))}
          {onboarding.support.reference !== undefined ? <span>{onboarding.support.reference}</span> : null}
        </p>
      ) : null}
      {status === 'error' ? (
        <button type="button" className="button" onClick={onboarding.retry}>
          {text('retry')}
        </button>
      ) : null}
      {status === 'collect' ? (
        <PlainStepForm form={onboarding.form} progressLabel={progressLabel} acted={actedRef} />
      ) : null}
      {onboarding.review ? (
        <PlainReview
          review={onboarding.review}
          progressLabel={progressLabel}
          onBack={onboarding.back}
          acted={actedRef}
        />
      ) : null}
      {status === 'terms' ? (
        <PlainTerms
          terms={onboarding.terms}
          progressLabel={progressLabel}
          onBack={onboarding.back}
          acted={actedRef}
        />
      ) : null}
      {status === 'verifying' ? (
        <section aria-labelledby="plain-next-title">
          <h3 id="plain-next-title">{t('onboarding.next.title')}</h3>
          <p>{t('onboarding.next.body')}</p>
        </section>
      ) : null}
    </div>
  );
}

/**
 * The same onboarding with the headless hooks only: `useOnboarding`,
 * `useRequirementField`, `useRequirementsErrorSummary` and the terms hook,
 * rendered as plain HTML elements. Proof that a partner can keep its own
 * design system and still get the kit's logic and accessibility wiring.
 */
export function HeadlessOnboardingPage() {
  const { text } = usePreferences();
  const { t } = useKycKit();
  const capability = useChosenCapability();
  const [state, setState] = useState<OnboardingStatus>();
  return (
    <Layout title={text('headlessTitle')}>
      <p className="lead">{text('headlessIntro')}</p>
      <p>{text(onboardingIntroId(state), { capability: t(capabilityNameId(capability)) })}</p>
      <div className="onboarding-layout">
        <CapabilityPicker />
        <PlainOnboarding key={capability} capability={capability} onStateChange={setState} />
        <p>
          <Link href="/">{text('backHome')}</Link>
        </p>
      </div>
    </Layout>
  );
}
