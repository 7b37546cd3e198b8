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
  /** Records a webhook event as being processed; false when it was already recorded. */
  claimEvent(eventKey: string, now: number): Promise<boolean>;
  /** Forgets an event whose processing failed, so the provider's redelivery is handled. */
  releaseEvent(eventKey: string): Promise<void>;
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
  /** Deletes processed events and idempotency scopes older than `olderThan` (epoch ms). */
  prune(olderThan: number): Promise<void>;
  close(): Promise<void>;
}
