import type { TermsOfService } from '@kyc-kit/hooks';
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { languageName } from '../utils/languageName';
import { useTranslate } from '../utils/useTranslate';
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
}

/**
 * The Terms of Service in the page: a language choice when the version is
 * published in several, the document in a scrollable, keyboard-focusable
 * region, and an acceptance box that is never checked for the person and
 * stays disabled until the document is on screen.
 */
export function TermsOfServiceStep({
  terms,
  titleAs: Title = 'h2',
  hideTitle = false,
}: TermsOfServiceStepProps) {
  const t = useTranslate();
  const idPrefix = `kyc${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  // Checked is per document: a new version or language starts unchecked.
  const documentKey = `${terms.version?.versionId ?? ''}\n${terms.language ?? ''}`;
  const [checkedFor, setCheckedFor] = useState<string | undefined>(undefined);
  const [showError, setShowError] = useState(false);
  const isChecked = checkedFor === documentKey;
  const errorId = `${idPrefix}-accept-error`;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!isChecked || !terms.canAccept) {
      setShowError(true);
      return;
    }
    setShowError(false);
    // A failure shows as acceptErrorMessage; nothing else to do with it here.
    terms.accept().catch(() => undefined);
  };

  return (
    // A plain container: the document region is the landmark named by the title, and two alike would confuse.
    <div className="kyc-stack" data-state={terms.documentStatus}>
      <Title className={hideTitle ? 'kyc-heading kyc-visually-hidden' : 'kyc-heading'} {...terms.titleProps}>
        {terms.document?.title ?? t('field.tos.label')}
      </Title>
      {terms.languages.length > 1 ? (
        <div className="kyc-field">
          <label className="kyc-label" htmlFor={`${idPrefix}-language`}>
            {t('field.tos.language')}
          </label>
          <select
            className="kyc-select"
            id={`${idPrefix}-language`}
            value={terms.language}
            onChange={(event) => terms.setLanguage(event.target.value)}
          >
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
      <form className="kyc-stack" noValidate onSubmit={onSubmit}>
        {terms.acceptErrorMessage ? (
          <StatusMessage tone="danger" live="assertive">
            {terms.acceptErrorMessage}
          </StatusMessage>
        ) : null}
        <div className="kyc-field" data-invalid={showError && !isChecked ? '' : undefined}>
          {showError && !isChecked ? (
            <p className="kyc-error" id={errorId}>
              {t('field.tos.error.required')}
            </p>
          ) : null}
          <div className="kyc-checkbox">
            <input
              type="checkbox"
              id={`${idPrefix}-accept`}
              checked={isChecked}
              disabled={!terms.isShown}
              aria-invalid={showError && !isChecked ? true : undefined}
              aria-describedby={showError && !isChecked ? errorId : undefined}
              onChange={(event) => setCheckedFor(event.target.checked ? documentKey : undefined)}
            />
            <label htmlFor={`${idPrefix}-accept`}>{t('field.tos.accept')}</label>
          </div>
        </div>
        <div className="kyc-actions">
          <button
            type="submit"
            className="kyc-button"
            aria-disabled={!terms.isShown || terms.isAccepting || undefined}
            data-pending={terms.isAccepting || undefined}
          >
            {terms.isAccepting ? t('form.submitting') : t('tos.accept.submit')}
          </button>
        </div>
      </form>
    </div>
  );
}
