import type { Customer } from '@kyc-kit/core';
import { queryOptions } from '@tanstack/react-query';
import type { ProxyClient, TermsOfServiceDocument } from './createProxyClient';
import { KycKitApiError } from './KycKitApiError';
import { kycKitQueryKeys } from './kycKitQueryKeys';

/** How often a retryable read is retried before the error reaches the UI. */
const READ_RETRIES = 2;

function retryWhenRetryable(failureCount: number, error: Error): boolean {
  return error instanceof KycKitApiError && error.retryable && failureCount < READ_RETRIES;
}

/**
 * Query options of the signed-in user's customer (`null` when none exists
 * yet), for `useQuery`, `prefetchQuery` or `ensureQueryData`.
 *
 * @example
 * const { data: customer } = useQuery(customerQueryOptions(client));
 */
export function customerQueryOptions(client: ProxyClient) {
  return queryOptions<Customer | null, KycKitApiError>({
    queryKey: kycKitQueryKeys.customer(),
    queryFn: ({ signal }) => client.getCustomer({ signal }),
    retry: retryWhenRetryable,
  });
}

/** Query options of one Terms of Service document. Documents of a version never change, so they never go stale. */
export function termsOfServiceDocumentQueryOptions(
  client: ProxyClient,
  input: { versionId: string; language: string },
) {
  return queryOptions<TermsOfServiceDocument, KycKitApiError>({
    queryKey: kycKitQueryKeys.termsOfServiceDocument(input.versionId, input.language),
    queryFn: ({ signal }) => client.getTermsOfServiceDocument(input, { signal }),
    retry: retryWhenRetryable,
    staleTime: Infinity,
  });
}
