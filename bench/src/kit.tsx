// kyc-kit: the whole <Onboarding> flow against a customer whose 20 requirement keys are all
// due, served by an in-memory client (no network), as a partner page would render it.
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

export function App() {
  const [client] = useState(createBenchClient);
  return (
    <KycKitProvider client={client}>
      <Onboarding capability="tradeCrypto" liveUpdates={false} />
    </KycKitProvider>
  );
}
