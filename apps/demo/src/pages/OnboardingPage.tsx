import { capabilityNameId } from '@kyc-kit/core';
import type { OnboardingStatus } from '@kyc-kit/core';
import { useCustomerEvents, useKycKit } from '@kyc-kit/hooks';
import { Onboarding } from '@kyc-kit/react';
import { useState } from 'react';
import { CapabilityPicker, useChosenCapability } from '../components/CapabilityPicker';
import { Layout } from '../components/Layout';
import { usePreferences } from '../PreferencesProvider';
import { Link, useRouter } from '../RouterProvider';
import { onboardingIntroId, useDemoSupport } from '../onboardingPageCopy';

/**
 * Onboarding with the styled kit: one `<Onboarding>` for the capability in
 * the address, in the wallet's language and theme, kept live by the page's
 * own event stream.
 */
export function OnboardingPage() {
  const { text } = usePreferences();
  const { t } = useKycKit();
  const { navigate } = useRouter();
  const capability = useChosenCapability();
  const support = useDemoSupport();
  // The intro follows the flow: "needs a few details" only while it does.
  const [state, setState] = useState<OnboardingStatus>();
  // One event stream for the whole page, open at every step: a decision that lands mid-form
  // (a sanctions match) is shown when the user next submits, or at once while verifying.
  useCustomerEvents();
  return (
    <Layout title={text('onboardingTitle')}>
      <p className="lead">
        {text(onboardingIntroId(state), { capability: t(capabilityNameId(capability)) })}
      </p>
      <div className="onboarding-layout">
        <CapabilityPicker />
        <Onboarding
          key={capability}
          capability={capability}
          liveUpdates={false}
          onExit={() => navigate('/')}
          onEvent={(event) => {
            if (event.type === 'state_changed') setState(event.state);
          }}
          support={support}
          doneAction={({ names }) => (
            <Link href="/" className="kyc-button">
              {text('doneAction', { capability: names.join(', ') })}
            </Link>
          )}
        />
        <p>
          <Link href="/">{text('backHome')}</Link>
        </p>
      </div>
    </Layout>
  );
}
