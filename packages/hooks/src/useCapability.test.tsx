import { waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeClient, fakeCustomer } from '@kyc-kit/testing';
import { renderKycKitHook } from '@kyc-kit/testing/react';
import { useCapability } from './useCapability';
import { useCustomer } from './useCustomer';

describe('useCapability: can onboarding start?', () => {
  const cases = [
    [
      'needs details',
      fakeCustomer({ capabilities: { custodyFiat: 'pending' }, requirements: { fullSsn: 'due' } }),
      true,
      true,
    ],
    [
      'verifying',
      fakeCustomer({ capabilities: { custodyFiat: 'pending' }, requirements: { fullSsn: 'pending' } }),
      false,
      true,
    ],
    ['unavailable', fakeCustomer({ capabilities: { custodyFiat: 'inactive' } }), false, false],
    ['active', fakeCustomer({ capabilities: { custodyFiat: 'active' } }), false, false],
    ['no customer yet', null, true, true],
  ] as const;
  for (const [name, customer, canStart, canContinue] of cases) {
    it(`${name}: start ${canStart}, continue ${canContinue}`, async () => {
      const { result } = renderKycKitHook(() => useCapability('custodyFiat'), createFakeClient({ customer }));
      await waitFor(() => expect(result.current.isLoading).toBe(false));
      expect(result.current.canStartOnboarding).toBe(canStart);
      expect(result.current.canContinueOnboarding).toBe(canContinue);
    });
  }
});

describe('useCapability', () => {
  it('after a failed read offers no setup (the capability may well be active) but the error and a retry', async () => {
    const client = createFakeClient({ mode: 'network-error' });
    const { result } = renderKycKitHook(() => useCapability('custodyFiat'), client);
    await waitFor(() => expect(result.current.isLoading).toBe(false));
    expect(result.current.allowed).toBe(false);
    expect(result.current.canStartOnboarding).toBe(false);
    expect(result.current.canContinueOnboarding).toBe(false);
    expect(result.current.error?.code).toBe('network_error');
    expect(result.current.retry).toEqual(expect.any(Function));
  });

  it('is not allowed while loading, then gives core gate result with its message', async () => {
    const client = createFakeClient({
      customer: fakeCustomer({
        capabilities: { custodyFiat: 'pending' },
        requirements: { fullSsn: 'due', firstName: 'pending' },
      }),
    });
    const { result } = renderKycKitHook(() => useCapability('custodyFiat'), client);
    expect(result.current.isLoading).toBe(true);
    expect(result.current.allowed).toBe(false);

    await waitFor(() => expect(result.current.isLoading).toBe(false));
    expect(result.current).toMatchObject({
      allowed: false,
      capability: 'custodyFiat',
      status: 'pending',
      reason: 'needs_input',
    });
    expect(result.current.blocking.map((requirement) => requirement.key)).toContain('fullSsn');
    expect(result.current.message).toBe('We need a few more details before you can continue.');
  });

  it('allows an active capability', async () => {
    const client = createFakeClient({
      customer: fakeCustomer({ capabilities: { custodyFiat: 'active' } }),
    });
    const { result } = renderKycKitHook(() => useCapability('custodyFiat'), client, { locale: 'es' });
    await waitFor(() => expect(result.current.allowed).toBe(true));
    expect(result.current.reason).toBe('active');
    expect(result.current.message).not.toBe("You're all set.");
  });

  it('shows only the generic message for an inactive capability', async () => {
    const client = createFakeClient({
      customer: fakeCustomer({ capabilities: { custodyFiat: 'inactive' } }),
    });
    const { result } = renderKycKitHook(() => useCapability('custodyFiat'), client);
    await waitFor(() => expect(result.current.reason).toBe('unavailable'));
    expect(result.current.message).toBe("We're unable to complete this request. Please contact support.");
  });
});

describe('useCustomer', () => {
  it('answers null for a user without a customer', async () => {
    const { result } = renderKycKitHook(() => useCustomer(), createFakeClient({ customer: null }));
    await waitFor(() => expect(result.current.status).toBe('success'));
    expect(result.current.customer).toBeNull();
  });
});
