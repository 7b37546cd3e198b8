import type { Customer } from '@kyc-kit/core';

/**
 * One server-sent event. `customer` carries the whole customer, so a client
 * only ever needs the latest; `customer_deleted` says the user's customer is
 * gone (deleted upstream) and they have none until they onboard again.
 */
export type CustomerEvent =
  | { id: number; type: 'customer'; customer: Customer }
  | { id: number; type: 'customer_deleted'; customerId: string };

/** Fan-out of customer changes to each user's open event streams. */
export interface EventHub {
  /** Sends the customer to every stream of the user and remembers it for resumes. */
  publish(userId: string, customer: Customer): CustomerEvent;
  /** Tells every stream of the user that their customer was deleted; remembered for resumes like any event. */
  publishDeleted(userId: string, customerId: string): CustomerEvent;
  /** Registers a listener; returns its removal. */
  subscribe(userId: string, listener: (event: CustomerEvent) => void): () => void;
  /** The last event published for the user in this process, if any. */
  latest(userId: string): CustomerEvent | undefined;
  /** How many streams the user has open. */
  streamCount(userId: string): number;
}

/** Users whose last event is remembered; the oldest are forgotten first. */
const REMEMBERED_USERS = 10_000;

/**
 * An in-process event hub. Each event carries the full customer, so resuming
 * after `Last-Event-ID` means sending the latest event when it is newer than
 * the client's, not replaying a log. Ids start from the clock and only grow,
 * so an id a browser kept from before a restart is still older than new ones.
 */
export function createEventHub(): EventHub {
  const listeners = new Map<string, Set<(event: CustomerEvent) => void>>();
  const latestByUser = new Map<string, CustomerEvent>();
  let lastId = 0;

  function dispatch(userId: string, event: CustomerEvent): CustomerEvent {
    latestByUser.delete(userId);
    latestByUser.set(userId, event);
    if (latestByUser.size > REMEMBERED_USERS) {
      const oldest = latestByUser.keys().next().value;
      if (oldest !== undefined) latestByUser.delete(oldest);
    }
    for (const listener of listeners.get(userId) ?? []) listener(event);
    return event;
  }

  function nextId(): number {
    lastId = Math.max(lastId + 1, Date.now());
    return lastId;
  }

  return {
    publish(userId, customer) {
      return dispatch(userId, { id: nextId(), type: 'customer', customer });
    },
    publishDeleted(userId, customerId) {
      return dispatch(userId, { id: nextId(), type: 'customer_deleted', customerId });
    },
    subscribe(userId, listener) {
      let set = listeners.get(userId);
      if (!set) {
        set = new Set();
        listeners.set(userId, set);
      }
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0 && listeners.get(userId) === set) listeners.delete(userId);
      };
    },
    latest(userId) {
      return latestByUser.get(userId);
    },
    streamCount(userId) {
      return listeners.get(userId)?.size ?? 0;
    },
  };
}
