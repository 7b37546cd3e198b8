import { useCustomer, useTermsOfService } from '@kyc-kit/hooks';
import type { UseTermsOfServiceOptions } from '@kyc-kit/hooks';
import { rootProps } from '../utils/themeStyle';
import type { Appearance } from '../utils/themeStyle';
import { useTranslate } from '../utils/useTranslate';
import { StatusMessage } from './StatusMessage';
import { TermsOfServiceStep } from './TermsOfServiceStep';

/** Props of {@link TermsOfService}. */
export interface TermsOfServiceProps extends UseTermsOfServiceOptions {
  /** Theme tokens and light/dark; see `styles.css`. */
  appearance?: Appearance;
  /** Passed through to the root element. */
  className?: string;
}

/**
 * The Terms of Service step alone: the document shown in the page, a
 * language choice, and acceptance that records the version and language.
 * Renders a short confirmation when there is nothing left to accept.
 *
 * @example
 * <TermsOfService onAccepted={() => router.refresh()} />
 */
export function TermsOfService({ appearance, className, ...options }: TermsOfServiceProps) {
  const t = useTranslate('<TermsOfService>');
  const terms = useTermsOfService(options);
  const { isLoading } = useCustomer();
  return (
    <div {...rootProps(appearance, className)}>
      {isLoading ? (
        <StatusMessage tone="info" busy live="polite">
          {t('status.loading')}
        </StatusMessage>
      ) : terms.isRequired ? (
        <>
          <TermsOfServiceStep terms={terms} />
          {/* "Saving…" is the button's label on screen; a polite region, there from the start, says it while the acceptance is sent. */}
          <p role="status" className="kyc-visually-hidden">
            {terms.isAccepting && t('form.submitting')}
          </p>
        </>
      ) : (
        <StatusMessage tone="success" live="polite">
          {t('form.complete')}
        </StatusMessage>
      )}
    </div>
  );
}
