// @vitest-environment node
import { QueryClient } from '@tanstack/react-query';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { kycKitQueryKeys } from './kycKitQueryKeys';
import { KycKitProvider } from './KycKitProvider';
import { createFakeClient, fakeCustomer } from '@kyc-kit/testing';
import { OnboardingView } from '@kyc-kit/testing/react';
import { useCapability } from './useCapability';
import { useCustomerEvents } from './useCustomerEvents';

// The shared setup file clears browser storage after each test; give it something to clear on the server.
afterEach(() => {
  vi.stubGlobal('window', { sessionStorage: { clear() {} }, localStorage: { clear() {} } });
});

function Page() {
  useCustomerEvents();
  const capability = useCapability('custodyFiat');
  return (
    <>
      <p>{capability.message}</p>
      <OnboardingView capability="custodyFiat" />
    </>
  );
}

describe('server rendering', () => {
  it('renders every hook with renderToString, with no window, storage or EventSource', () => {
    expect(typeof window).toBe('undefined');
    expect(typeof globalThis.EventSource).toBe('undefined');
    const client = createFakeClient({
      customer: fakeCustomer({ requirements: { firstName: 'due', dateOfBirth: 'due' } }),
    });
    const queryClient = new QueryClient();
    // A partner who prefetched on the server hands the customer to the render.
    queryClient.setQueryData(kycKitQueryKeys.customer(), client.customer);

    const html = renderToString(
      <KycKitProvider client={client} queryClient={queryClient}>
        <Page />
      </KycKitProvider>,
    );

    expect(html).toContain('First name');
    expect(html).toContain('Date of birth');
    expect(html).toContain('We need a few more details before you can continue.');
    expect(client.reads).toBe(0);
    expect(client.writes).toHaveLength(0);
  });

  it('renders the first step planned for a new customer when nothing was prefetched, reading nothing', () => {
    const client = createFakeClient();
    const html = renderToString(
      <KycKitProvider client={client}>
        <OnboardingView capability="custodyFiat" />
      </KycKitProvider>,
    );
    expect(html).toContain('data-state="collect"');
    expect(client.reads).toBe(0);
  });
});
