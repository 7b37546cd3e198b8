import { kycKitQueryKeys } from '@kyc-kit/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';

/** How often the customer is asked for again while the provider verifies. */
const REFRESH_INTERVAL_MS = 2000;

/**
 * Asks the proxy for the customer again every few seconds while the flow
 * is verifying. Webhooks announce capability changes only: a field the
 * provider rejects leaves its capability `pending`, so no event comes, and
 * without asking again the page would wait forever instead of asking for
 * the field again.
 */
export function useRefreshWhileVerifying(isVerifying: boolean): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!isVerifying) return undefined;
    const timer = setInterval(() => {
      void queryClient.invalidateQueries({ queryKey: kycKitQueryKeys.customer() });
    }, REFRESH_INTERVAL_MS);
    return () => clearInterval(timer);
  }, [isVerifying, queryClient]);
}
