import { KNOWN_CAPABILITIES } from '@kyc-kit/core';
import { useCustomerEvents } from '@kyc-kit/hooks';
import type { UseCapabilityResult } from '@kyc-kit/hooks';
import { CapabilityGate, CapabilityStatus } from '@kyc-kit/react';
import { useId, useState } from 'react';
import { Layout } from '../components/Layout';
import { SandboxPanel } from '../components/SandboxPanel';
import type { DemoMessageId } from '../i18n/demoMessages';
import { usePreferences } from '../PreferencesProvider';
import { Link } from '../RouterProvider';
import { useDemoSupport } from '../onboardingPageCopy';

/** The wallet's actions and the capability each one needs. */
const ACTIONS: { capability: string; labelId: DemoMessageId }[] = [
  { capability: 'tradeCrypto', labelId: 'actionBuyCrypto' },
  { capability: 'custodyFiat', labelId: 'actionHoldDollars' },
  { capability: 'transferFiat', labelId: 'actionSendMoney' },
];

/** What a gated action shows until its capability is active: the gate's own words, and a way in when there is one. */
function GatedActionFallback({ gate, label }: { gate: UseCapabilityResult; label: string }) {
  if (gate.isLoading) return null;
  const canStart = gate.reason === 'needs_input' || gate.reason === 'not_requested';
  return (
    <>
      <p className="hint" data-reason={gate.reason}>
        {gate.message}
      </p>
      {canStart ? (
        <Link
          className="button button-primary"
          href={`/onboarding?capability=${encodeURIComponent(gate.capability)}`}
        >
          {label}
        </Link>
      ) : null}
    </>
  );
}

function GatedAction({ capability, labelId }: { capability: string; labelId: DemoMessageId }) {
  const { text } = usePreferences();
  const [done, setDone] = useState(false);
  const headingId = useId();
  const label = text(labelId);
  return (
    <section className="card action" aria-labelledby={headingId}>
      <h3 id={headingId}>{label}</h3>
      <CapabilityGate
        capability={capability}
        fallback={(gate) => <GatedActionFallback gate={gate} label={label} />}
      >
        <button type="button" className="button button-primary" onClick={() => setDone(true)}>
          {label}
        </button>
        <p className="hint" role="status">
          {done ? text('actionDone', { action: label }) : null}
        </p>
      </CapabilityGate>
    </section>
  );
}

/**
 * The wallet's home: every capability's status from the kit, and actions
 * that unlock only when their capability is active. Statuses update live
 * (server-sent events) so a decision shows up without a reload.
 */
export function HomePage({ sandbox }: { sandbox: boolean }) {
  const { text } = usePreferences();
  const support = useDemoSupport();
  useCustomerEvents();
  return (
    <Layout title={text('homeTitle')}>
      <p className="lead">{text('homeIntro')}</p>
      <div className="home-grid">
        <section aria-labelledby="capabilities-title">
          <h2 id="capabilities-title">{text('capabilitiesTitle')}</h2>
          <ul className="capability-list">
            {KNOWN_CAPABILITIES.map((capability) => (
              <li key={capability} className="capability-item" data-capability={capability}>
                <CapabilityStatus capability={capability} support={support} />
              </li>
            ))}
          </ul>
        </section>
        <div className="actions">
          <section aria-labelledby="actions-title" className="actions">
            <h2 id="actions-title">{text('actionsTitle')}</h2>
            {ACTIONS.map((action) => (
              <GatedAction key={action.capability} {...action} />
            ))}
          </section>
          {sandbox ? <SandboxPanel /> : null}
        </div>
      </div>
    </Layout>
  );
}
