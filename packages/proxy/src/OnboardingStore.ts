import type { Customer } from '@kyc-kit/core/server';

/**
 * What one server-sent event of a user's stream says. `customer` carries the
 * whole customer, so a client only ever needs the latest; `customer_deleted`
 * says the user's customer is gone (deleted upstream) and they have none
 * until they onboard again.
 */
export type CustomerEventBody =
  { type: 'customer'; customer: Customer } | { type: 'customer_deleted'; customerId: string };

/** A stored event; ids grow per user in the order events were stored. */
export type CustomerEvent = { id: number } & CustomerEventBody;

/** An event to store, before it has an id. */
export type NewCustomerEvent = { userId: string } & CustomerEventBody;

/** The answer to {@link OnboardingStore.claimCustomerCreation}. */
export type CreationClaim =
  /** This caller may create the customer and must then link or release. */
  | { status: 'claimed' }
  /** The user already has a customer. */
  | { status: 'linked'; customerId: string }
  /** Another caller (perhaps another proxy instance) is creating it right now. */
  | { status: 'busy' };

/**
 * Where the proxy keeps what only the server may know. Every method is async
 * and every rule that must hold across proxy instances (one customer per
 * user, one delivery per event) is stated as a uniqueness rule the database
 * enforces, so a Postgres store for several instances can implement the same
 * interface without changing the handler.
 */
export interface OnboardingStore {
  /** The customer id linked to a user, or null. */
  getCustomerId(userId: string): Promise<string | null>;
  /** The user a customer belongs to, or null (webhooks for customers of other apps). */
  getUserId(customerId: string): Promise<string | null>;
  /**
   * Reserves the right to create the user's customer. A reservation older
   * than `staleAfterMs` (a crashed creator) may be taken over.
   */
  claimCustomerCreation(
    userId: string,
    options: { now: number; staleAfterMs: number },
  ): Promise<CreationClaim>;
  /** Completes a claim: links the user to the created customer; a customer id belongs to one user only. */
  linkCustomer(userId: string, customerId: string): Promise<void>;
  /**
   * Removes the link of a customer that no longer exists upstream (deleted),
   * so the user may onboard again; returns the user it belonged to, or null
   * when no user was linked to it. One statement in SQL:
   * `DELETE FROM customer_links WHERE customer_id = $1 RETURNING user_id`.
   */
  unlinkCustomer(customerId: string): Promise<string | null>;
  /** Gives a claim up after a failed create, so the next attempt may try again. */
  releaseCustomerCreation(userId: string): Promise<void>;
  /** Whether a provider webhook event was already processed (a cheap check before re-reading upstream). */
  isEventProcessed(eventKey: string): Promise<boolean>;
  /**
   * Stores events and, with `processedEventKey`, marks that webhook event
   * processed in the same transaction, so a crash can never leave an event
   * marked but not stored. Returns the stored events with their ids, or null
   * (and stores nothing) when the webhook event was already processed.
   * Events of one user get ids in the order they are stored.
   */
  appendEvents(input: {
    events: NewCustomerEvent[];
    processedEventKey?: string;
    now: number;
  }): Promise<CustomerEvent[] | null>;
  /** The user's stored events with an id above `afterId`, oldest first, at most `limit` (the newest ones). */
  eventsAfter(userId: string, afterId: number, limit: number): Promise<CustomerEvent[]>;
  /** The user's newest stored event, or null. */
  latestEvent(userId: string): Promise<CustomerEvent | null>;
  /**
   * Calls `listener` with a user id whenever events of that user were stored
   * by any proxy instance sharing this store (in-process for SQLite, LISTEN
   * and NOTIFY for Postgres). With null, notifications may have been missed
   * (a lost connection): every user's streams should re-read. Returns its removal.
   */
  onEvents(listener: (userId: string | null) => void): () => void;
  /**
   * Takes or renews the lease `name` for `holder` until `now + ttlMs`; false
   * when another holder's lease is still running. One watcher per customer
   * across instances relies on it.
   */
  acquireLease(name: string, holder: string, now: number, ttlMs: number): Promise<boolean>;
  /** Gives a lease up, if `holder` still has it. */
  releaseLease(name: string, holder: string): Promise<void>;
  /**
   * The provider idempotency key for a browser's key, scoped to the user and
   * the operation: the same triple always maps to the same upstream key, and
   * two users sending the same key never share one.
   */
  scopeIdempotencyKey(input: {
    userId: string;
    operation: string;
    key: string;
    now: number;
  }): Promise<string>;
  /** Deletes processed webhook events, stored stream events and idempotency scopes older than `olderThan` (epoch ms). */
  prune(olderThan: number): Promise<void>;
  close(): Promise<void>;
}
