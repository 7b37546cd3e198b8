import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { kycKitQueryKeys } from './kycKitQueryKeys';
import { useKycKitContext } from './KycKitProvider';

/** How often the customer is read again while verifying, unless `verifyingPollMs` says otherwise. */
export const DEFAULT_VERIFYING_POLL_MS = 3000;

/**
 * Reads the customer every `intervalMs` while `isVerifying` (the flow passes
 * false while the event stream is open: a streaming browser never polls), and once more
 * when a hidden page is shown again (timers are paused while it is hidden:
 * nobody is looking, and browsers throttle them anyway). A failed read is
 * ignored, as the next one may succeed; an answer is dropped when the cache
 * was updated while it was in flight (by the event stream, say), since it
 * may be older.
 */
export function useRefreshWhileVerifying(isVerifying: boolean, intervalMs: number): void {
  const { client } = useKycKitContext('useOnboarding');
  const queryClient = useQueryClient();
  useEffect(() => {
    // Effects do not run on the server; the document check covers non-browser renderers.
    if (!isVerifying || !(intervalMs > 0) || typeof document === 'undefined') return undefined;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = () => {
      const updatedBefore = queryClient.getQueryState(kycKitQueryKeys.customer())?.dataUpdatedAt;
      client
        .getCustomer()
        .then((customer) => {
          if (
            stopped ||
            queryClient.getQueryState(kycKitQueryKeys.customer())?.dataUpdatedAt !== updatedBefore
          )
            return;
          queryClient.setQueryData(kycKitQueryKeys.customer(), customer);
        })
        .catch(() => undefined);
    };
    const schedule = () => {
      clearTimeout(timer);
      timer = undefined;
      if (stopped || document.visibilityState === 'hidden') return;
      timer = setTimeout(() => {
        refresh();
        schedule();
      }, intervalMs);
    };
    const onVisibilityChange = () => {
      if (document.visibilityState !== 'hidden') refresh();
      schedule();
    };
    schedule();
    document.addEventListener('visibilitychange', onVisibilityChange);
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibilityChange);
    };
  }, [isVerifying, intervalMs, client, queryClient]);
}
