import type { TermsOfService } from '@kyc-kit/hooks';
import { languageName } from '../utils/languageName';
import { useTranslate } from '../utils/useTranslate';
import { BackButton } from './BackButton';
import { StatusMessage } from './StatusMessage';

/** Props of {@link TermsOfServiceStep}. */
export interface TermsOfServiceStepProps {
  /** The hook result of `useTermsOfService` (or `useOnboarding().terms`). */
  terms: TermsOfService;
  /**
   * The heading level of the document's title.
   * @default 'h2'
   */
  titleAs?: 'h2' | 'h3';
  /**
   * Keep the document's title for screen readers only (it still names the
   * document region), when the surrounding flow already has a visible heading.
   * @default false
   */
  hideTitle?: boolean;
  /** Shows a Back button that calls this (the flow's step before the Terms); the box stays as it was. */
  onBack?: () => void;
}

/**
 * The Terms of Service in the page: a language choice when the version is
 * published in several, the document in a keyboard-focusable region (a
 * scroll box on wider screens, the page's own scroll on phones), a link that
 * opens the full document in a new tab, and an acceptance box that is never checked for the person and
 * stays disabled until the document is on screen. Markup only: the consent
 * rule and every prop are `useTermsOfService`'s.
 */
export function TermsOfServiceStep({
  terms,
  titleAs: Title = 'h2',
  hideTitle = false,
  onBack,
}: TermsOfServiceStepProps) {
  const t = useTranslate();
  return (
    // A plain container: the document region is the landmark named by the title, and two alike would confuse.
    <div className="kyc-stack" data-state={terms.documentStatus}>
      <Title className={hideTitle ? 'kyc-heading kyc-visually-hidden' : 'kyc-heading'} {...terms.titleProps}>
        {terms.document?.title ?? t('field.tos.label')}
      </Title>
      {terms.languages.length > 1 ? (
        <div className="kyc-field">
          <label className="kyc-label" {...terms.languageLabelProps}>
            {t('field.tos.language')}
          </label>
          <select className="kyc-select" {...terms.languageSelectProps}>
            {terms.languages.map((language) => (
              <option key={language} value={language} lang={language}>
                {/* Each language in its own words: a reader of Spanish finds "español" whatever the page language. */}
                {languageName(language, language)}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {terms.documentStatus === 'loading' ? (
        <StatusMessage tone="info" busy live="polite">
          {t('field.tos.loading')}
        </StatusMessage>
      ) : null}
      {terms.documentStatus === 'error' ? (
        <StatusMessage tone="danger" live="assertive">
          <p className="kyc-text">{terms.documentErrorMessage}</p>
          <button type="button" className="kyc-button" data-variant="secondary" onClick={terms.retryDocument}>
            {t('status.retry')}
          </button>
        </StatusMessage>
      ) : null}
      {terms.documentProps ? (
        <div className="kyc-document" role="region" lang={terms.language} {...terms.documentProps} />
      ) : null}
      {terms.documentLinkProps ? (
        <p className="kyc-text">
          <a className="kyc-link" {...terms.documentLinkProps}>
            {t('field.tos.openFull')}
          </a>
        </p>
      ) : null}
      <form className="kyc-stack" {...terms.formProps}>
        {terms.acceptErrorMessage ? (
          <StatusMessage tone="danger" live="assertive">
            {terms.acceptErrorMessage}
          </StatusMessage>
        ) : null}
        <div className="kyc-field" data-invalid={terms.consentError ? '' : undefined}>
          {terms.consentError ? (
            <p className="kyc-error" {...terms.consentErrorProps}>
              {terms.consentError}
            </p>
          ) : null}
          <div className="kyc-checkbox">
            <input {...terms.consentCheckboxProps} />
            <label {...terms.consentLabelProps}>{t('field.tos.accept')}</label>
          </div>
        </div>
        <div className="kyc-actions">
          {onBack ? <BackButton onClick={onBack} /> : null}
          <button
            type="submit"
            className="kyc-button"
            aria-disabled={!terms.canAccept || undefined}
            data-pending={terms.isAccepting || undefined}
          >
            {t(terms.isAccepting ? 'form.submitting' : 'tos.accept.submit')}
          </button>
        </div>
      </form>
    </div>
  );
}
