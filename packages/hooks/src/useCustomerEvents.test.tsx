import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { customerQueryOptions } from './customerQueryOptions';
import { kycKitQueryKeys } from './kycKitQueryKeys';
import { createFakeClient, fakeCustomer, FakeEventSource } from '@kyc-kit/testing';
import { createTestQueryClient, kycKitWrapper } from '@kyc-kit/testing/react';
import { useCustomerEvents } from './useCustomerEvents';

describe('useCustomerEvents', () => {
  beforeEach(() => {
    FakeEventSource.instances = [];
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
    window.sessionStorage.clear();
  });

  it('writes each customer from the stream into the query cache', async () => {
    vi.stubGlobal('EventSource', FakeEventSource);
    const client = createFakeClient({ customer: fakeCustomer(), eventsUrl: '/api/onboarding/events' });
    const queryClient = createTestQueryClient();
    const { result } = renderHook(() => useCustomerEvents(), {
      wrapper: kycKitWrapper(client, { queryClient }),
    });

    const source = FakeEventSource.instances[0];
    expect(source?.url).toBe('/api/onboarding/events');
    const active = fakeCustomer({ capabilities: { custodyFiat: 'active' } });
    // Opening starts a catch-up read; the event arriving before its answer is newer and must win.
    await act(async () => {
      source?.open();
      source?.send('customer', { customer: active });
      await Promise.resolve();
    });
    await act(() => vi.advanceTimersByTimeAsync(0));
    expect(result.current.status).toBe('open');
    expect(client.reads).toBe(1);
    expect(queryClient.getQueryData(kycKitQueryKeys.customer())).toEqual(active);
  });

  it('forgets a customer the provider deleted, and its draft', async () => {
    vi.stubGlobal('EventSource', FakeEventSource);
    const deleted = fakeCustomer({ id: 'customer_deleted-one' });
    const client = createFakeClient({ customer: deleted });
    const queryClient = createTestQueryClient();
    window.sessionStorage.setItem(`kyc-kit:draft:${deleted.id}`, JSON.stringify({ firstName: 'Ada' }));
    window.sessionStorage.setItem('kyc-kit:draft:customer_other', JSON.stringify({ firstName: 'Grace' }));
    renderHook(() => useCustomerEvents(), { wrapper: kycKitWrapper(client, { queryClient }) });
    await act(() => queryClient.prefetchQuery(customerQueryOptions(client)));

    act(() => FakeEventSource.instances[0]?.send('customer_deleted', { customerId: deleted.id }));
    // `null` is what useCustomer gives a user who never had a customer.
    expect(queryClient.getQueryData(kycKitQueryKeys.customer())).toBeNull();
    expect(window.sessionStorage.getItem(`kyc-kit:draft:${deleted.id}`)).toBeNull();
    expect(window.sessionStorage.getItem('kyc-kit:draft:customer_other')).not.toBeNull();
  });

  it('keeps the customer when a replayed deletion names one the user has since replaced', async () => {
    vi.stubGlobal('EventSource', FakeEventSource);
    const current = fakeCustomer({ id: 'customer_current' });
    const client = createFakeClient({ customer: current });
    const queryClient = createTestQueryClient();
    renderHook(() => useCustomerEvents(), { wrapper: kycKitWrapper(client, { queryClient }) });
    await act(() => queryClient.prefetchQuery(customerQueryOptions(client)));

    act(() =>
      FakeEventSource.instances[0]?.send('customer_deleted', { customerId: 'customer_replaced-earlier' }),
    );
    expect(queryClient.getQueryData(kycKitQueryKeys.customer())).toEqual(current);
  });

  it('reads the customer again when a deletion event carries no customer id', async () => {
    vi.stubGlobal('EventSource', FakeEventSource);
    const client = createFakeClient({ customer: fakeCustomer() });
    const queryClient = createTestQueryClient();
    renderHook(() => useCustomerEvents(), { wrapper: kycKitWrapper(client, { queryClient }) });
    await act(() => queryClient.prefetchQuery(customerQueryOptions(client)));
    const readsBefore = client.reads;

    client.customer = null;
    await act(async () => {
      FakeEventSource.instances[0]?.send('customer_deleted', {});
      await vi.advanceTimersByTimeAsync(0);
    });
    expect(client.reads).toBe(readsBefore + 1);
    expect(queryClient.getQueryData(kycKitQueryKeys.customer())).toBeNull();
  });

  it('reconnects with a doubling delay after the stream closes', async () => {
    vi.stubGlobal('EventSource', FakeEventSource);
    const client = createFakeClient();
    const { result } = renderHook(
      () => useCustomerEvents({ reconnectDelayMs: 100, maxFailedConnections: 5 }),
      {
        wrapper: kycKitWrapper(client),
      },
    );

    act(() => FakeEventSource.instances[0]?.fail());
    expect(result.current.status).toBe('reconnecting');
    act(() => vi.advanceTimersByTime(99));
    expect(FakeEventSource.instances).toHaveLength(1);
    act(() => vi.advanceTimersByTime(1));
    expect(FakeEventSource.instances).toHaveLength(2);

    act(() => FakeEventSource.instances[1]?.fail());
    act(() => vi.advanceTimersByTime(199));
    expect(FakeEventSource.instances).toHaveLength(2);
    act(() => vi.advanceTimersByTime(1));
    expect(FakeEventSource.instances).toHaveLength(3);

    // A connection that opens resets the delay.
    act(() => FakeEventSource.instances[2]?.open());
    act(() => FakeEventSource.instances[2]?.fail());
    act(() => vi.advanceTimersByTime(100));
    expect(FakeEventSource.instances).toHaveLength(4);
  });

  it('falls back to polling when the stream keeps failing', async () => {
    vi.stubGlobal('EventSource', FakeEventSource);
    const client = createFakeClient({ customer: fakeCustomer() });
    const queryClient = createTestQueryClient();
    const { result } = renderHook(
      () => useCustomerEvents({ reconnectDelayMs: 10, maxFailedConnections: 2, pollIntervalMs: 1000 }),
      { wrapper: kycKitWrapper(client, { queryClient }) },
    );
    await act(() => queryClient.prefetchQuery(customerQueryOptions(client)));
    const readsBefore = client.reads;

    act(() => FakeEventSource.instances[0]?.fail());
    act(() => vi.advanceTimersByTime(10));
    act(() => FakeEventSource.instances[1]?.fail());
    expect(result.current.status).toBe('polling');

    await act(() => vi.advanceTimersByTimeAsync(1000));
    expect(client.reads).toBe(readsBefore + 1);
    await act(() => vi.advanceTimersByTimeAsync(1000));
    expect(client.reads).toBe(readsBefore + 2);
    expect(FakeEventSource.instances).toHaveLength(2);
  });

  it('polls from the start where EventSource does not exist', async () => {
    vi.stubGlobal('EventSource', undefined);
    const client = createFakeClient({ customer: fakeCustomer() });
    const queryClient = createTestQueryClient();
    const { result, unmount } = renderHook(() => useCustomerEvents({ pollIntervalMs: 500 }), {
      wrapper: kycKitWrapper(client, { queryClient }),
    });
    await act(() => queryClient.prefetchQuery(customerQueryOptions(client)));
    expect(result.current.status).toBe('polling');
    const readsBefore = client.reads;

    await act(() => vi.advanceTimersByTimeAsync(500));
    expect(client.reads).toBe(readsBefore + 1);

    unmount();
    await act(() => vi.advanceTimersByTimeAsync(5000));
    expect(client.reads).toBe(readsBefore + 1);
  });

  it('does nothing while disabled', () => {
    vi.stubGlobal('EventSource', FakeEventSource);
    const { result } = renderHook(() => useCustomerEvents({ enabled: false }), {
      wrapper: kycKitWrapper(createFakeClient()),
    });
    expect(result.current.status).toBe('idle');
    expect(FakeEventSource.instances).toHaveLength(0);
  });
});
