import { translateApiError, useCustomer, useRequirementsForm } from '@kyc-kit/hooks';
import type { UseRequirementsFormOptions } from '@kyc-kit/hooks';
import { rootProps } from '../utils/themeStyle';
import type { Appearance } from '../utils/themeStyle';
import { useTranslate } from '../utils/useTranslate';
import { RequirementsStep } from './RequirementsStep';
import { StatusMessage } from './StatusMessage';

/** Props of {@link RequirementsForm}. */
export interface RequirementsFormProps extends Omit<UseRequirementsFormOptions, 'capabilities' | 'review'> {
  /** The capabilities whose requirements the form collects. */
  capabilities: string[];
  /** Theme tokens and light/dark; see `styles.css`. */
  appearance?: Appearance;
  /** Passed through to the root element. */
  className?: string;
}

/**
 * The requirement form alone, step by step: the fields core plans for the
 * capabilities, validated in the browser, saved through the proxy. When
 * nothing is left to type it says so (or that verification is under way).
 *
 * @example
 * <RequirementsForm capabilities={['custodyFiat']} />
 */
export function RequirementsForm({ appearance, className, ...options }: RequirementsFormProps) {
  const t = useTranslate('<RequirementsForm>');
  const form = useRequirementsForm(options);
  const { customer, error, refetch } = useCustomer();
  let body;
  if (form.isLoading) {
    body = (
      <StatusMessage tone="info" busy live="polite">
        {t('status.loading')}
      </StatusMessage>
    );
  } else if (error !== null && customer === undefined) {
    body = (
      <StatusMessage tone="danger" title={t('form.errorSummary.title')} live="assertive">
        <p className="kyc-text">{translateApiError(t, error)}</p>
        <button type="button" className="kyc-button" data-variant="secondary" onClick={() => void refetch()}>
          {t('status.retry')}
        </button>
      </StatusMessage>
    );
  } else if (form.step !== undefined) {
    body = (
      <>
        <RequirementsStep form={form} />
        {/* "Saving…" is the button's label on screen; a polite region, there from the start, says it while a step is sent. */}
        <p role="status" className="kyc-visually-hidden">
          {form.isSubmitting && t('form.submitting')}
        </p>
      </>
    );
  } else if (form.unsupportedFields.length > 0) {
    // Owed, but nothing the kit can collect: only support can help. Never which key, never why.
    body = (
      <StatusMessage tone="info" title={t('field.unsupported.title')} live="polite">
        <p className="kyc-text">{t('field.unsupported.description')}</p>
      </StatusMessage>
    );
  } else {
    body = (
      <StatusMessage tone={form.plan.waiting.length > 0 ? 'info' : 'success'} live="polite">
        {t(form.plan.waiting.length > 0 ? 'form.waiting' : 'form.complete')}
      </StatusMessage>
    );
  }
  return <div {...rootProps(appearance, className)}>{body}</div>;
}
