import { gate } from '@kyc-kit/core';
import type { Gate } from '@kyc-kit/core';
import { useMemo } from 'react';
import type { KycKitApiError } from './KycKitApiError';
import { useKycKitContext } from './KycKitProvider';
import { useCustomer } from './useCustomer';

/** What {@link useCapability} returns: core's gate result plus its translated message. */
export interface UseCapabilityResult extends Gate {
  /** The compliance-safe message for the gate's state, in the provider's locale. Never an upstream reason. */
  message: string;
  /** True until the customer has been loaded; the gate then reads as not allowed. */
  isLoading: boolean;
  /**
   * Why the customer could not be read, when no answer came: the gate then reads as "not
   * requested", which may well be wrong, so onboarding cannot start; show
   * `translateApiError(t, error)` and offer `retry`. `null` otherwise.
   */
  error: KycKitApiError | null;
  /** Reads the customer again. */
  retry: () => Promise<unknown>;
  /** Whether onboarding can start for it: details are needed, or it was never requested (and the read did not fail). */
  canStartOnboarding: boolean;
  /**
   * Whether an onboarding already open for it should stay open: it can start,
   * or the provider is verifying what was sent (the flow shows that itself).
   */
  canContinueOnboarding: boolean;
}

/**
 * Whether the signed-in user may use `capability` now, why not in
 * compliance-safe terms (`reason`, `message`), and which requirements block it.
 *
 * @example
 * const { allowed, message } = useCapability('custodyFiat');
 */
export function useCapability(capability: string): UseCapabilityResult {
  const { t } = useKycKitContext('useCapability');
  const { customer, isLoading, error, refetch } = useCustomer();
  return useMemo(() => {
    const result = gate(customer ?? null, capability);
    // A failed read (no customer known) reads as "not requested": offering setup then would
    // mislead someone whose capability may well be active.
    const canStartOnboarding =
      !error && (result.reason === 'needs_input' || result.reason === 'not_requested');
    return {
      ...result,
      message: t(result.messageId),
      isLoading,
      error,
      retry: refetch,
      canStartOnboarding,
      canContinueOnboarding: canStartOnboarding || result.reason === 'verifying',
    };
  }, [customer, capability, t, isLoading, error, refetch]);
}
