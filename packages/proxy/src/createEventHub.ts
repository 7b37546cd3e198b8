import type { Customer } from '@kyc-kit/core/server';
import type { CustomerEvent, OnboardingStore } from './OnboardingStore';

export type { CustomerEvent } from './OnboardingStore';

/** Fan-out of customer changes to each user's open event streams, on every instance sharing the store. */
export interface EventHub {
  /** Stores the customer as the user's next event; every stream of the user, on any instance, receives it. */
  publish(userId: string, customer: Customer): Promise<CustomerEvent>;
  /** Tells every stream of the user that their customer was deleted; stored for resumes like any event. */
  publishDeleted(userId: string, customerId: string): Promise<CustomerEvent>;
  /**
   * Registers a stream: `listener` receives, in order, every event of the
   * user with an id above `afterId` (the stored ones first: a resume), and
   * every later one. Returns its removal.
   */
  subscribe(userId: string, afterId: number, listener: (event: CustomerEvent) => void): () => void;
  /** The user's newest stored event, if any. */
  latest(userId: string): Promise<CustomerEvent | null>;
  /** How many streams the user has open on this instance. */
  streamCount(userId: string): number;
  /** The users with a stream open on this instance. */
  watchedUsers(): string[];
  /** Stops listening to the store. */
  close(): void;
}

/** Events sent on a resume at most: each carries the whole customer, so the newest ones are enough. */
const REPLAY_LIMIT = 50;

interface Subscriber {
  cursor: number;
  listener: (event: CustomerEvent) => void;
}

/**
 * The event hub over a store's event log: events are stored first, then the
 * store's notification (in-process for SQLite, NOTIFY for Postgres) makes
 * every instance read the new rows for its subscribers. Each stream keeps a
 * cursor, so it gets every event once and in order, also across a resume on
 * another instance with `Last-Event-ID`.
 */
export function createEventHub(
  store: OnboardingStore,
  onError: (error: unknown) => void = () => undefined,
): EventHub {
  const subscribers = new Map<string, Set<Subscriber>>();
  /** Users whose rows are being read; a notification meanwhile asks for one more read. */
  const pumping = new Map<string, boolean>();

  async function pump(userId: string): Promise<void> {
    if (pumping.has(userId)) {
      pumping.set(userId, true);
      return;
    }
    pumping.set(userId, false);
    try {
      for (;;) {
        const set = subscribers.get(userId);
        if (!set || set.size === 0) break;
        const from = Math.min(...[...set].map((subscriber) => subscriber.cursor));
        const events = await store.eventsAfter(userId, from, REPLAY_LIMIT);
        for (const event of events) {
          for (const subscriber of subscribers.get(userId) ?? []) {
            if (event.id <= subscriber.cursor) continue;
            subscriber.cursor = event.id;
            subscriber.listener(event);
          }
        }
        if (events.length === REPLAY_LIMIT) continue;
        if (pumping.get(userId) !== true) break;
        pumping.set(userId, false);
      }
    } catch (error) {
      onError(error);
    } finally {
      pumping.delete(userId);
    }
  }

  /** Users whose new rows are read once the answers now on their way are written. */
  const due = new Set<string>();
  let scheduled = false;
  let closed = false;

  function pumpDue(): void {
    scheduled = false;
    if (closed) return;
    const users = [...due];
    due.clear();
    for (const user of users) if (subscribers.has(user)) void pump(user);
  }

  /**
   * Reads the user's new rows for this instance's streams once the promise
   * jobs now queued have run, not in the middle of the write that stored
   * them: the event is already stored (so no stream on any instance can miss
   * it, and each stream's cursor keeps the order), and the writer's answer,
   * which those jobs carry to the socket, does not wait for the read and the
   * stream writes. A tick, not a timer: node runs it after the whole promise
   * queue, and fake timers in a partner's tests do not hold it back.
   */
  function pumpSoon(userId: string): void {
    due.add(userId);
    if (scheduled) return;
    scheduled = true;
    process.nextTick(pumpDue);
  }

  const stopListening = store.onEvents((userId) => {
    // A user with no stream open on this instance has nothing to read (a stream opened later reads the
    // stored events itself, from its cursor), so an update with no stream open starts no read.
    if (userId === null) for (const user of subscribers.keys()) pumpSoon(user);
    else if (subscribers.has(userId)) pumpSoon(userId);
  });

  async function store1(event: Parameters<OnboardingStore['appendEvents']>[0]['events'][number]) {
    const stored = await store.appendEvents({ events: [event], now: Date.now() });
    const first = stored?.[0];
    if (!first) throw new Error('event hub: the store kept no event');
    return first;
  }

  return {
    publish(userId, customer) {
      return store1({ userId, type: 'customer', customer });
    },
    publishDeleted(userId, customerId) {
      return store1({ userId, type: 'customer_deleted', customerId });
    },
    subscribe(userId, afterId, listener) {
      let set = subscribers.get(userId);
      if (!set) {
        set = new Set();
        subscribers.set(userId, set);
      }
      const subscriber: Subscriber = { cursor: afterId, listener };
      set.add(subscriber);
      void pump(userId);
      return () => {
        set.delete(subscriber);
        if (set.size === 0 && subscribers.get(userId) === set) subscribers.delete(userId);
      };
    },
    latest(userId) {
      return store.latestEvent(userId);
    },
    streamCount(userId) {
      return subscribers.get(userId)?.size ?? 0;
    },
    watchedUsers() {
      return [...subscribers.keys()];
    },
    close() {
      closed = true;
      stopListening();
    },
  };
}
