import { gate } from '@kyc-kit/core';
import type { Gate } from '@kyc-kit/core';
import { useMemo } from 'react';
import { useKycKitContext } from './KycKitProvider';
import { useCustomer } from './useCustomer';

/** What {@link useCapability} returns: core's gate result plus its translated message. */
export interface UseCapabilityResult extends Gate {
  /** The compliance-safe message for the gate's state, in the provider's locale. Never an upstream reason. */
  message: string;
  /** True until the customer has been loaded; the gate then reads as not allowed. */
  isLoading: boolean;
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
  const { customer, isLoading } = useCustomer();
  return useMemo(() => {
    const result = gate(customer ?? null, capability);
    return { ...result, message: t(result.messageId), isLoading };
  }, [customer, capability, t, isLoading]);
}
