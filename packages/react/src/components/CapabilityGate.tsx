import { supportLinks } from '@kyc-kit/core';
import type { SupportContact } from '@kyc-kit/core';
import { translateApiError, useCapability } from '@kyc-kit/hooks';
import type { UseCapabilityResult } from '@kyc-kit/hooks';
import { useState } from 'react';
import type { ReactNode } from 'react';
import { rootProps } from '../utils/themeStyle';
import type { Appearance } from '../utils/themeStyle';
import { useTranslate } from '../utils/useTranslate';
import { Onboarding } from './Onboarding';
import type { OnboardingProps } from './Onboarding';
import { StatusMessage } from './StatusMessage';
import { SupportLinks } from './SupportLinks';

/** Props of {@link CapabilityGate}. */
export interface CapabilityGateProps {
  /** The capability the children need, e.g. `transferFiat`. */
  capability: string;
  /** Rendered only while the capability is active. */
  children?: ReactNode;
  /**
   * What to render instead: a node, or a function of the gate. When absent the
   * gate offers a way into onboarding, or shows the generic message when the
   * capability cannot be unlocked.
   */
  fallback?: ReactNode | ((gate: UseCapabilityResult) => ReactNode);
  /** Options for the inline `<Onboarding>` the default fallback opens. */
  onboarding?: Omit<OnboardingProps, 'capability' | 'capabilities'>;
  /**
   * How the person reaches your support when the capability is unavailable (a link, an email,
   * your reference; never a reason), under the generic message and in the inline onboarding.
   */
  support?: SupportContact;
  /** Theme tokens and light/dark; see `styles.css`. */
  appearance?: Appearance;
  /** Passed through to the default fallback's root element. */
  className?: string;
}

/**
 * Renders its children only when the capability is active. Otherwise it
 * renders `fallback`, or by default: a way into onboarding when details are
 * needed, a live "verifying" note while the provider decides, the
 * generic message when the capability cannot be unlocked, and an error with
 * a retry when the customer could not be read.
 *
 * @example
 * <CapabilityGate capability="transferFiat"><SendMoney /></CapabilityGate>
 */
export function CapabilityGate({
  capability,
  children,
  fallback,
  onboarding,
  support,
  appearance,
  className,
}: CapabilityGateProps) {
  const t = useTranslate('<CapabilityGate>');
  const gate = useCapability(capability);
  const [isOnboarding, setIsOnboarding] = useState(false);
  if (gate.allowed) return children;
  if (fallback !== undefined) return typeof fallback === 'function' ? fallback(gate) : fallback;
  if (isOnboarding && gate.canContinueOnboarding) {
    return (
      <Onboarding
        capability={capability}
        appearance={appearance}
        className={className}
        support={support}
        // The "Continue setup" button that had focus is gone: the flow's first heading takes it.
        autoFocus
        {...onboarding}
      />
    );
  }
  // A failed read says so and offers a retry, never setup (useCapability's rule).
  const failed = gate.error;
  return (
    <div
      {...rootProps(appearance, className)}
      data-reason={gate.isLoading ? 'loading' : failed ? 'error' : gate.reason}
    >
      {gate.isLoading ? (
        <StatusMessage tone="info" busy live="polite">
          {t('status.loading')}
        </StatusMessage>
      ) : failed ? (
        <StatusMessage tone="danger" live="assertive">
          <p className="kyc-text">{translateApiError(t, failed)}</p>
          <button
            type="button"
            className="kyc-button"
            data-variant="secondary"
            onClick={() => void gate.retry()}
          >
            {t('status.retry')}
          </button>
        </StatusMessage>
      ) : (
        <StatusMessage
          tone={gate.reason === 'unavailable' ? 'warning' : 'info'}
          busy={gate.reason === 'verifying'}
          live="polite"
        >
          <p className="kyc-text">{gate.message}</p>
          {gate.reason === 'unavailable' ? <SupportLinks support={supportLinks(support, t)} /> : null}
          {gate.canStartOnboarding ? (
            <button type="button" className="kyc-button" onClick={() => setIsOnboarding(true)}>
              {t('gate.start')}
            </button>
          ) : null}
        </StatusMessage>
      )}
    </div>
  );
}
