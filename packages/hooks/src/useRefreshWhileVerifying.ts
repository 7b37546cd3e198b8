import { useQuery } from '@tanstack/react-query';
import { customerQueryOptions } from './customerQueryOptions';
import { useKycKitContext } from './KycKitProvider';

/** How often the customer is read again while verifying, unless `verifyingPollMs` says otherwise. */
export const DEFAULT_VERIFYING_POLL_MS = 3000;

/**
 * Reads the customer every `intervalMs` while `isOn`: the flow turns it on while verifying and
 * the event stream is not open (a streaming browser never polls), `useCustomerEvents` where no
 * stream can be had. It is TanStack Query's own `refetchInterval` on the customer query, from an
 * observer that never re-renders its component: paused while the page is hidden (nobody is
 * looking) and read once more when it is shown again; turning it on reads nothing by itself.
 * A failed read keeps the customer already known (see `useCustomer`), as the next one may succeed.
 */
export function useRefreshWhileVerifying(isOn: boolean, intervalMs: number): void {
  const { client } = useKycKitContext('useOnboarding');
  const enabled = isOn && intervalMs > 0;
  useQuery({
    ...customerQueryOptions(client),
    enabled,
    refetchInterval: enabled && intervalMs,
    refetchOnWindowFocus: 'always',
    staleTime: Infinity,
    notifyOnChangeProps: [],
  });
}
