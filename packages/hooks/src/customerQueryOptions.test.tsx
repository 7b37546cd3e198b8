import { renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { customerQueryOptions, termsOfServiceDocumentQueryOptions } from './customerQueryOptions';
import { KycKitApiError } from './KycKitApiError';
import { kycKitQueryKeys } from './kycKitQueryKeys';
import { createFakeClient, fakeCustomer } from '@kyc-kit/testing';
import { createTestQueryClient, kycKitWrapper } from '@kyc-kit/testing/react';
import { useCapability } from './useCapability';
import { useCustomer } from './useCustomer';

const retryFunction = (options: { retry?: unknown }) =>
  options.retry as (failureCount: number, error: Error) => boolean;

describe('customerQueryOptions and kycKitQueryKeys', () => {
  it('share one cache with the hooks: a partner prefetch is what useCustomer shows on its first render', async () => {
    const client = createFakeClient({
      customer: fakeCustomer({ capabilities: { custodyFiat: 'active' } }),
    });
    const queryClient = createTestQueryClient();
    await queryClient.prefetchQuery(customerQueryOptions(client));
    expect(client.reads).toBe(1);

    const { result } = renderHook(() => useCustomer(), { wrapper: kycKitWrapper(client, { queryClient }) });
    expect(result.current.status).toBe('success');
    // No loading state: the first render already has the prefetched customer (a server can prefetch the same way).
    expect(result.current.customer?.capabilities.custodyFiat?.status).toBe('active');
  });

  it('lets a partner invalidate every kit query by its key, and the hooks read again', async () => {
    const client = createFakeClient({
      customer: fakeCustomer({ capabilities: { custodyFiat: 'pending' }, requirements: { fullSsn: 'due' } }),
    });
    const queryClient = createTestQueryClient();
    const { result } = renderHook(() => useCapability('custodyFiat'), {
      wrapper: kycKitWrapper(client, { queryClient }),
    });
    await waitFor(() => expect(result.current.reason).toBe('needs_input'));

    // The provider decides elsewhere (a partner's webhook, say); the partner's code tells the kit.
    client.customer = fakeCustomer({ capabilities: { custodyFiat: 'active' } });
    await queryClient.invalidateQueries({ queryKey: kycKitQueryKeys.all });
    await waitFor(() => expect(result.current.allowed).toBe(true));
  });

  it('nests every key under the kit prefix and keys documents by version and language', () => {
    for (const key of [
      kycKitQueryKeys.customer(),
      kycKitQueryKeys.termsOfServiceDocuments(),
      kycKitQueryKeys.termsOfServiceDocument('v1', 'es'),
    ]) {
      expect(key.slice(0, 1)).toEqual(kycKitQueryKeys.all);
    }
    expect(kycKitQueryKeys.termsOfServiceDocument('v1', 'es')).not.toEqual(
      kycKitQueryKeys.termsOfServiceDocument('v1', 'en'),
    );
    const client = createFakeClient();
    expect(termsOfServiceDocumentQueryOptions(client, { versionId: 'v1', language: 'es' }).queryKey).toEqual(
      kycKitQueryKeys.termsOfServiceDocument('v1', 'es'),
    );
  });

  it('retries a dropped connection a couple of times, never a refusal', () => {
    const retry = retryFunction(customerQueryOptions(createFakeClient()));
    const offline = new KycKitApiError({
      code: 'network_error',
      message: 'Offline',
      status: 0,
      retryable: true,
    });
    const refused = new KycKitApiError({
      code: 'unauthorized',
      message: 'Sign in',
      status: 401,
      retryable: false,
    });
    expect(retry(0, offline)).toBe(true);
    expect(retry(2, offline)).toBe(false);
    expect(retry(0, refused)).toBe(false);
  });
});
