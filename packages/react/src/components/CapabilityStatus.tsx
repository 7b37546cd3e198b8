import {
  capabilityNameId,
  capabilityStateIds,
  fieldSpecFor,
  requirementStatusId,
  supportLinks,
} from '@kyc-kit/core';
import type { CapabilityStatus as CapabilityStatusName, SupportContact } from '@kyc-kit/core';
import { translateApiError, useCapability, useCustomer } from '@kyc-kit/hooks';
import { formatDeadline } from '../utils/formatDeadline';
import { rootProps } from '../utils/themeStyle';
import type { Appearance } from '../utils/themeStyle';
import { useLocale, useTranslate } from '../utils/useTranslate';
import { StatusMessage } from './StatusMessage';
import { SupportLinks } from './SupportLinks';
import type { StatusTone } from './StatusMessage';

/** Props of {@link CapabilityStatus}. */
export interface CapabilityStatusProps {
  /** The capability to show, e.g. `custodyFiat`. Unknown names get a generic label. */
  capability: string;
  /**
   * List the requirements that block the capability, each with its status and deadline.
   * Never shown for an inactive capability (a compliance decision).
   * @default true
   */
  showRequirements?: boolean;
  /**
   * How the person reaches your support while the capability is unavailable (a link, an
   * email, your reference; never a reason).
   */
  support?: SupportContact;
  /** Theme tokens and light/dark; see `styles.css`. */
  appearance?: Appearance;
  /** Passed through to the root element. */
  className?: string;
}

/** The colour of each status: ready is success, pending a warning, inactive danger, the rest neutral. */
const TONES: Record<CapabilityStatusName, StatusTone> = {
  active: 'success',
  pending: 'warning',
  inactive: 'danger',
  unrequested: 'neutral',
  unknown: 'neutral',
};

/**
 * One capability's status in plain words ("Ready", "Action needed", "In review", "Unavailable"...), the
 * compliance-safe sentence for it, and, while it is pending, what is still
 * needed. Updates itself politely for screen readers when the status changes.
 */
export function CapabilityStatus({
  capability,
  showRequirements = true,
  support,
  appearance,
  className,
}: CapabilityStatusProps) {
  const t = useTranslate('<CapabilityStatus>');
  const locale = useLocale();
  const result = useCapability(capability);
  const { error, refetch } = useCustomer();
  const name = t(capabilityNameId(capability));
  let body;
  if (result.isLoading) {
    body = (
      <StatusMessage tone="info" busy live="polite" title={name}>
        {t('status.loading')}
      </StatusMessage>
    );
  } else if (error !== null) {
    body = (
      <StatusMessage tone="danger" live="assertive" title={name}>
        <p className="kyc-text">{translateApiError(t, error)}</p>
        <button type="button" className="kyc-button" data-variant="secondary" onClick={() => void refetch()}>
          {t('status.retry')}
        </button>
      </StatusMessage>
    );
  } else {
    const ids = capabilityStateIds(result);
    // gate() lists requirements only while details are owed or being verified: none for an inactive capability.
    const count = showRequirements ? result.blocking.length : 0;
    body = (
      <StatusMessage
        tone={TONES[result.status]}
        live="polite"
        title={
          <>
            {name}{' '}
            <span className="kyc-badge" data-status={result.status}>
              {t(ids.label)}
            </span>
          </>
        }
      >
        <p className="kyc-text">{t(ids.description)}</p>
        {result.status === 'inactive' ? <SupportLinks support={supportLinks(support, t)} /> : null}
        {count === 0 ? null : result.reason === 'verifying' ? (
          // What the provider is verifying is one line; what the person must act on is a row each.
          <p className="kyc-text">
            {t(count === 1 ? 'requirements.verifying.one' : 'requirements.verifying.other', { count })}
          </p>
        ) : (
          <ul className="kyc-requirement-list" aria-label={t('requirements.title')}>
            {result.blocking.map((requirement) => {
              const deadline = requirement.deadline && formatDeadline(requirement.deadline, locale);
              return (
                <li key={requirement.key} data-status={requirement.status}>
                  {t(fieldSpecFor(requirement.key).labelId)}: {t(requirementStatusId(requirement.status))}
                  {deadline ? ` · ${t('form.deadline', { date: deadline })}` : null}
                </li>
              );
            })}
          </ul>
        )}
      </StatusMessage>
    );
  }
  return (
    <div {...rootProps(appearance, className)} data-status={result.isLoading ? 'loading' : result.status}>
      {body}
    </div>
  );
}
