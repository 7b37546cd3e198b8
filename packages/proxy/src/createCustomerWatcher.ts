import { randomUUID } from 'node:crypto';
import type { Customer } from '@kyc-kit/core/server';
import type { EventHub } from './createEventHub';
import type { OnboardingStore } from './OnboardingStore';

/** How the server re-reads a customer in verification. */
export interface WatchOptions {
  /** First wait between re-reads, and the wait again after a change. @default 3000 */
  baseMs?: number;
  /** Longest wait: unchanged re-reads double it up to this. @default 60000 */
  maxMs?: number;
}

/** Server-side watching of customers in verification, for users with an open stream. */
export interface CustomerWatcher {
  /** Watches the user's customer while the returned release has not been called (one per open stream). */
  watch(userId: string): () => void;
  /** Stops every loop and gives up the leases held. */
  close(): Promise<void>;
}

/** Whether the provider is still verifying something the customer submitted. */
export function isVerifying(customer: Customer): boolean {
  return Object.values(customer.requirements).some((requirement) => requirement.status === 'pending');
}

/** Objects with their keys sorted: the same customer compares equal whatever order its keys come in. */
function sortedKeys(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * What a browser would show differently: a re-read with only a new
 * `updatedAt` is no change, nor is one whose keys come in another order (a
 * stored event read back from Postgres `jsonb`, which reorders keys).
 */
function stateOf(customer: Customer): string {
  return JSON.stringify(
    [customer.capabilities, customer.requirements, customer.tosAcceptances, customer.profile],
    sortedKeys,
  );
}

/**
 * Re-reads, with backoff, the customer of each user who has a stream open
 * while it has requirements in verification, and publishes it when it
 * changed: a rejected field sends no capability webhook, and the browser no
 * longer polls while its stream is open. One watcher per customer across all
 * instances: the loop re-reads only while it holds the store's lease
 * `watch:<customerId>` (renewed while a read is slow, checked again before
 * a change is published, given back when the watch ends, even mid-step);
 * the other instances' loops wait.
 */
export function createCustomerWatcher(input: {
  store: OnboardingStore;
  hub: EventHub;
  readCustomer(customerId: string): Promise<Customer>;
  onError(error: unknown): void;
  options?: WatchOptions;
}): CustomerWatcher {
  const { store, hub } = input;
  const baseMs = input.options?.baseMs ?? 3000;
  const maxMs = Math.max(baseMs, input.options?.maxMs ?? 60_000);
  const holder = randomUUID();
  interface WatchState {
    count: number;
    timer?: NodeJS.Timeout;
    lease?: string | undefined;
  }
  const watchers = new Map<string, WatchState>();
  let closed = false;

  /** Whether this watch has ended (its stream closed, or the watcher closed) while a step waited. */
  function ended(userId: string, state: WatchState): boolean {
    return closed || watchers.get(userId) !== state;
  }

  async function step(userId: string, state: WatchState, delayMs: number): Promise<number> {
    const latest = await store.latestEvent(userId);
    if (ended(userId, state)) return delayMs;
    if (!latest || latest.type !== 'customer' || !isVerifying(latest.customer)) {
      if (state.lease) {
        await store.releaseLease(state.lease, holder);
        state.lease = undefined;
      }
      return baseMs;
    }
    const lease = `watch:${latest.customer.id}`;
    // Held for a little longer than the next wait, so it lapses soon after this instance stops renewing it.
    const ttlMs = Math.min(delayMs * 2, maxMs) + 5000;
    if (!(await holdLease(userId, state, lease, ttlMs))) return baseMs;
    const fresh = await readHoldingLease(lease, ttlMs, latest.customer.id);
    if (ended(userId, state)) {
      // A renewal during the read may have taken back what stop() gave up.
      await store.releaseLease(lease, holder);
      return baseMs;
    }
    if (stateOf(fresh) === stateOf(latest.customer)) return Math.min(delayMs * 2, maxMs);
    // A change. Another instance may have taken over meanwhile (the read outlasted the lease despite the
    // renewals) and sent it already: only the holder publishes, and only what the stored events do not say.
    if (!(await holdLease(userId, state, lease, ttlMs))) return baseMs;
    const newest = await store.latestEvent(userId);
    if (newest?.type === 'customer' && stateOf(fresh) === stateOf(newest.customer)) return baseMs;
    await hub.publish(userId, fresh);
    return baseMs;
  }

  /**
   * Takes or renews the lease; false when another instance holds it, or when
   * the watch ended meanwhile (close() ran, the last stream closed), in
   * which case the lease, perhaps taken back after stop() gave it up, is
   * given up again.
   */
  async function holdLease(
    userId: string,
    state: WatchState,
    lease: string,
    ttlMs: number,
  ): Promise<boolean> {
    const held = await store.acquireLease(lease, holder, Date.now(), ttlMs);
    if (ended(userId, state)) {
      if (held) await store.releaseLease(lease, holder);
      return false;
    }
    state.lease = held ? lease : undefined;
    return held;
  }

  /** The upstream read, renewing the lease every third of its time while the read is slow. */
  async function readHoldingLease(lease: string, ttlMs: number, customerId: string): Promise<Customer> {
    let renewing: Promise<unknown> = Promise.resolve();
    const renew = setInterval(() => {
      renewing = store.acquireLease(lease, holder, Date.now(), ttlMs).catch(input.onError);
    }, ttlMs / 3);
    renew.unref?.();
    try {
      return await input.readCustomer(customerId);
    } finally {
      clearInterval(renew);
      // Settled before the step goes on, so a renewal cannot take the lease back after it is given up.
      await renewing;
    }
  }

  function schedule(userId: string, state: WatchState, delayMs: number): void {
    // A loop whose watch ended (or was replaced by a new one) ends here.
    if (ended(userId, state)) return;
    state.timer = setTimeout(() => {
      step(userId, state, delayMs)
        .catch((error: unknown) => {
          input.onError(error);
          return Math.min(delayMs * 2, maxMs);
        })
        .then((next) => schedule(userId, state, next));
    }, delayMs);
    state.timer.unref?.();
  }

  async function stop(userId: string): Promise<void> {
    const state = watchers.get(userId);
    if (!state) return;
    watchers.delete(userId);
    clearTimeout(state.timer);
    if (state.lease) await store.releaseLease(state.lease, holder).catch(input.onError);
  }

  return {
    watch(userId) {
      const state = watchers.get(userId);
      if (state) state.count += 1;
      else {
        const created: WatchState = { count: 1 };
        watchers.set(userId, created);
        schedule(userId, created, baseMs);
      }
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const current = watchers.get(userId);
        if (!current) return;
        current.count -= 1;
        if (current.count === 0) void stop(userId);
      };
    },
    async close() {
      closed = true;
      await Promise.all([...watchers.keys()].map(stop));
    },
  };
}
