import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { customerQueryOptions } from './customerQueryOptions';
import { kycKitQueryKeys } from './kycKitQueryKeys';
import { createFakeProxyClient, fakeCustomer } from './testing/createFakeProxyClient';
import { createTestQueryClient, kycKitWrapper } from './testing/renderWithKycKit';
import { useCustomerEvents } from './useCustomerEvents';

/** A stand-in for the browser's EventSource that the test drives by hand. */
class FakeEventSource extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static instances: FakeEventSource[] = [];
  readyState = FakeEventSource.CONNECTING;
  readonly url: string;

  constructor(url: string) {
    super();
    this.url = url;
    FakeEventSource.instances.push(this);
  }

  open() {
    this.readyState = FakeEventSource.OPEN;
    this.dispatchEvent(new Event('open'));
  }

  send(type: string, data: unknown) {
    this.dispatchEvent(new MessageEvent(type, { data: JSON.stringify(data) }));
  }

  fail() {
    this.readyState = FakeEventSource.CLOSED;
    this.dispatchEvent(new Event('error'));
  }

  close() {
    this.readyState = FakeEventSource.CLOSED;
  }
}

describe('useCustomerEvents', () => {
  beforeEach(() => {
    FakeEventSource.instances = [];
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('writes each customer from the stream into the query cache', async () => {
    vi.stubGlobal('EventSource', FakeEventSource);
    const client = createFakeProxyClient({ customer: fakeCustomer() });
    const queryClient = createTestQueryClient();
    const { result } = renderHook(() => useCustomerEvents(), { wrapper: kycKitWrapper(client, { queryClient }) });

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

  it('reconnects with a doubling delay after the stream closes', async () => {
    vi.stubGlobal('EventSource', FakeEventSource);
    const client = createFakeProxyClient();
    const { result } = renderHook(() => useCustomerEvents({ reconnectDelayMs: 100, maxFailedConnections: 5 }), {
      wrapper: kycKitWrapper(client),
    });

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
    const client = createFakeProxyClient({ customer: fakeCustomer() });
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
    const client = createFakeProxyClient({ customer: fakeCustomer() });
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
      wrapper: kycKitWrapper(createFakeProxyClient()),
    });
    expect(result.current.status).toBe('idle');
    expect(FakeEventSource.instances).toHaveLength(0);
  });
});
