import { customerResponseSchema } from '@kyc-kit/core';
import { useQueryClient } from '@tanstack/react-query';
import type { Customer } from '@kyc-kit/core';
import { useEffect, useState } from 'react';
import { customerQueryOptions } from './customerQueryOptions';
import { draftStorage } from './draftStorage';
import { kycKitQueryKeys } from './kycKitQueryKeys';
import { useKycKitContext } from './KycKitProvider';
import { useRefreshWhileVerifying } from './useRefreshWhileVerifying';

/** Options of {@link useCustomerEvents}. */
export interface UseCustomerEventsOptions {
  /**
   * Whether to listen. The onboarding flow turns it on while it waits for verification.
   * @default true
   */
  enabled?: boolean;
  /**
   * How often to ask for the customer when server-sent events are unavailable.
   * @default 5000
   */
  pollIntervalMs?: number;
  /**
   * First reconnection delay; each failure doubles it up to `maxReconnectDelayMs`.
   * @default 1000
   */
  reconnectDelayMs?: number;
  /**
   * Longest reconnection delay.
   * @default 30000
   */
  maxReconnectDelayMs?: number;
  /**
   * Failed connections in a row (without ever opening) after which the hook polls instead.
   * @default 3
   */
  maxFailedConnections?: number;
}

/** How {@link useCustomerEvents} is receiving updates. */
export type CustomerEventsStatus = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'polling';

/** What {@link useCustomerEvents} returns. */
export interface CustomerEvents {
  status: CustomerEventsStatus;
}

/**
 * Keeps the cached customer live: listens to the proxy's server-sent events
 * (`GET /events`, `event: customer`) and writes each customer into the query
 * cache. `event: customer_deleted` (the provider deleted the user's customer)
 * sets the cache to `null`, as before one existed, and drops that customer's
 * form draft, so the flow starts over. A dropped stream reconnects with
 * exponential backoff; where EventSource does not exist, or the stream keeps failing, it polls instead
 * (TanStack Query's `refetchInterval` on the customer query, paused while the page is hidden).
 * A customer from the stream wins over a read still in flight, whose answer may be older.
 * Runs only in effects, so server rendering never touches EventSource.
 */
export function useCustomerEvents(options: UseCustomerEventsOptions = {}): CustomerEvents {
  const { client } = useKycKitContext('useCustomerEvents');
  const queryClient = useQueryClient();
  const {
    enabled = true,
    pollIntervalMs = 5000,
    reconnectDelayMs = 1000,
    maxReconnectDelayMs = 30000,
    maxFailedConnections = 3,
  } = options;
  const [status, setStatus] = useState<CustomerEventsStatus>('idle');
  // Where no stream can be had, TanStack Query reads the customer on an interval.
  useRefreshWhileVerifying(enabled && status === 'polling', pollIntervalMs);

  useEffect(() => {
    if (!enabled) {
      setStatus('idle');
      return;
    }
    let stopped = false;
    let source: EventSource | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    const queryKey = kycKitQueryKeys.customer();

    // Read directly rather than invalidate: it works when no component observes the customer right now.
    const refresh = () => {
      if (!stopped)
        queryClient.fetchQuery({ ...customerQueryOptions(client), staleTime: 0 }).catch(() => undefined);
    };
    // A pushed customer is newer than the answer of any read in flight: cancelling that read keeps this one.
    const write = (customer: Customer | null) => {
      queryClient.setQueryData(queryKey, customer);
      void queryClient.cancelQueries({ queryKey, exact: true });
    };

    const connect = () => {
      if (stopped) return;
      setStatus(failures === 0 ? 'connecting' : 'reconnecting');
      const EventSourceConstructor = globalThis.EventSource;
      source = new EventSourceConstructor(client.eventsUrl());
      source.addEventListener('open', () => {
        failures = 0;
        setStatus('open');
        // Events sent while disconnected are lost: read the customer once to catch up.
        refresh();
      });
      // An event whose data is not what the proxy sends is read as "something changed": read the customer.
      source.addEventListener('customer', (event) => {
        const parsed = customerResponseSchema.safeParse(dataOf(event));
        if (parsed.success) write(parsed.data.customer);
        else refresh();
      });
      source.addEventListener('customer_deleted', (event) => {
        const customerId = (dataOf(event) as { customerId?: unknown } | null | undefined)?.customerId;
        if (typeof customerId !== 'string' || customerId === '') {
          refresh();
          return;
        }
        draftStorage.clear(customerId);
        const cached = queryClient.getQueryData<Customer | null>(queryKey);
        // A fresh connection replays the latest event, which may be the deletion of a customer the user has since replaced:
        // only the customer the event names is dropped. With nothing cached yet, the catch-up read decides.
        if (cached === undefined) refresh();
        else if (cached?.id === customerId) write(null);
      });
      source.addEventListener('error', () => {
        // EventSource retries by itself while CONNECTING; once CLOSED (an HTTP error, a wrong content type) it gives up, so we take over.
        if (source === undefined || source.readyState !== EventSourceConstructor.CLOSED) return;
        source.close();
        source = undefined;
        failures += 1;
        if (failures >= maxFailedConnections) {
          setStatus('polling');
          return;
        }
        setStatus('reconnecting');
        const delay = Math.min(maxReconnectDelayMs, reconnectDelayMs * 2 ** (failures - 1));
        timer = setTimeout(connect, delay);
      });
    };

    if (typeof globalThis.EventSource === 'function') connect();
    else setStatus('polling');

    return () => {
      stopped = true;
      source?.close();
      clearTimeout(timer);
    };
  }, [enabled, client, queryClient, reconnectDelayMs, maxReconnectDelayMs, maxFailedConnections]);

  return { status };
}

/** An event's data as JSON, or `undefined` when it is not JSON. */
function dataOf(event: Event): unknown {
  try {
    return JSON.parse((event as MessageEvent<string>).data) as unknown;
  } catch {
    return undefined;
  }
}
