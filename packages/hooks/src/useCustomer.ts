import type { Customer } from '@kyc-kit/core';
import { useQuery } from '@tanstack/react-query';
import { customerQueryOptions } from './customerQueryOptions';
import type { KycKitApiError } from './KycKitApiError';
import { useKycKitContext } from './KycKitProvider';

/** What {@link useCustomer} returns. */
export interface UseCustomerResult {
  /** The customer; `null` when the user has none yet, `undefined` while loading or after an error. */
  customer: Customer | null | undefined;
  /** `pending` until the first answer, then `success`, or `error` when no answer came; a later failed read keeps `success`. */
  status: 'pending' | 'success' | 'error';
  /** True until the first answer. */
  isLoading: boolean;
  /** True while any request for the customer is in flight (also background refreshes). */
  isFetching: boolean;
  /** Why the first read failed, when `status` is `error`. */
  error: KycKitApiError | null;
  /** Asks the proxy again. */
  refetch: () => Promise<unknown>;
}

/**
 * The signed-in user's customer from the proxy, cached under
 * `kycKitQueryKeys.customer()` and shared by every kit hook.
 */
export function useCustomer(): UseCustomerResult {
  const { client, initialCustomer } = useKycKitContext('useCustomer');
  // A customer the partner's server read already: no loading state and no round trip before the first render.
  const query = useQuery({
    ...customerQueryOptions(client),
    ...(initialCustomer === undefined ? {} : { initialData: initialCustomer }),
  });
  // Read each field explicitly: TanStack Query tracks which fields a component reads and re-renders only for those.
  return {
    get customer() {
      return query.data;
    },
    // A failed read after an answer (a poll, a refresh when the page is shown) keeps that answer: the next read may succeed.
    get status() {
      return query.isLoadingError ? 'error' : query.isPending ? 'pending' : 'success';
    },
    get isLoading() {
      return query.isPending;
    },
    get isFetching() {
      return query.isFetching;
    },
    get error() {
      return query.isLoadingError ? query.error : null;
    },
    refetch: query.refetch,
  };
}
