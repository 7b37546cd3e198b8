// kyc-kit: the whole <Onboarding> flow against a customer whose 20 requirement keys are all
// due, served by an in-memory client (no network), as a partner page would render it. `PrefetchedApp`
// is the same page with the customer handed over as `initialCustomer` (a partner's server read it
// while rendering the page), so the first step renders with no round trip.
import { FIELD_KEYS, type Customer } from '@kyc-kit/core';
import { KycKitProvider, type ProxyClient } from '@kyc-kit/hooks';
import { Onboarding } from '@kyc-kit/react';
import '@kyc-kit/react/styles.css';
import { useState } from 'react';

const tosVersion = { versionId: 'us_individual_2026-05-29', languages: ['en'], url: '/tos' };

function dueCustomer(): Customer {
  return {
    id: 'customer_bench',
    provider: 'coinbase',
    capabilities: { tradeCrypto: { requested: true, status: 'pending', rawStatus: 'pending' } },
    requirements: Object.fromEntries(
      // The 18 keys of seed 002, tos and taxAttestation: the registry lists the OMS identity documents after them.
      FIELD_KEYS.slice(0, 20).map((key) => [
        key,
        {
          key,
          known: true,
          status: 'due',
          rawStatus: 'due',
          impact: ['tradeCrypto'],
          ...(key === 'tos' ? { tos: { versions: [tosVersion] } } : {}),
        },
      ]),
    ),
    tosAcceptances: [],
    profile: {},
  };
}

/** An in-memory ProxyClient: submitted keys turn pending, as the sandbox does. */
function createBenchClient(): ProxyClient {
  let customer = dueCustomer();
  const save = async (keys: string[]): Promise<Customer> => {
    const requirements = { ...customer.requirements };
    for (const key of keys)
      if (requirements[key]) requirements[key] = { ...requirements[key], status: 'pending' };
    customer = { ...customer, requirements };
    return customer;
  };
  return {
    baseUrl: '/api/onboarding',
    getCustomer: async () => customer,
    createCustomer: async (body) => save(Object.keys(body.fields ?? {})),
    updateCustomer: async (body) => save(Object.keys(body.fields ?? {})),
    acceptTermsOfService: async () => save(['tos']),
    getTermsOfServiceDocument: async ({ versionId, language }) => ({
      versionId,
      language,
      title: 'Terms of Service',
      html: '<p>Terms.</p>',
    }),
    eventsUrl: () => 'data:text/event-stream,',
  };
}

function Page({ prefetched }: { prefetched: boolean }) {
  const [client] = useState(createBenchClient);
  const [initialCustomer] = useState(() => (prefetched ? dueCustomer() : undefined));
  return (
    <KycKitProvider client={client} initialCustomer={initialCustomer}>
      <Onboarding capability="tradeCrypto" liveUpdates={false} />
    </KycKitProvider>
  );
}

/** The customer read through the client, as the page opens. */
export function App() {
  return <Page prefetched={false} />;
}

/** The customer passed in as `initialCustomer`: the server prefetched it. */
export function PrefetchedApp() {
  return <Page prefetched />;
}
