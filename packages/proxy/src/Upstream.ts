import type { Customer, ProviderName } from '@kyc-kit/core/server';

/** Per-call settings the handler passes down to an upstream client. */
export interface UpstreamCallContext {
  /** Overrides the client's own timeout for this call. */
  timeoutMs?: number;
  /** Aborts the call, e.g. when the browser disconnects. */
  signal?: AbortSignal;
}

/** What every write carries: the scoped idempotency key and the end-user's IP. */
export interface UpstreamWriteContext extends UpstreamCallContext {
  /** Sent as the provider's idempotency header; reused by retries. */
  idempotencyKey: string;
  /** The end-user's address (never the server's), added to the body at the provider's path. */
  requesterIpAddress: string;
}

/** The parts of a provider webhook event the proxy acts on. */
export interface UpstreamWebhookEvent {
  /** The provider's event id, when it sends one; the proxy falls back to a digest of the body. */
  eventId: string | undefined;
  eventType: string;
  /**
   * What happened: `customer_deleted` (Coinbase `customers.customer.deleted`)
   * unlinks the customer from its user; anything else has the customer re-read.
   * @default 'customer_changed'
   */
  kind?: 'customer_changed' | 'customer_deleted';
  /** Customers the event is about; each one is re-read and published (or, when deleted, unlinked). */
  customerIds: string[];
}

/**
 * A provider client. The handler speaks only this interface, so the same
 * routes serve Coinbase and OMS. Clients sign every request themselves
 * and return customers already normalized by `@kyc-kit/core`'s adapters.
 * The kit's own clients hand out frozen customers: an answer identical to
 * the last one of that customer returns the very customer read from it.
 */
export interface Upstream {
  readonly provider: ProviderName;
  /** Creates a customer from a body built by core's `buildCreateRequest`. */
  createCustomer(body: Record<string, unknown>, context: UpstreamWriteContext): Promise<Customer>;
  /** Reads a customer. */
  getCustomer(customerId: string, context?: UpstreamCallContext): Promise<Customer>;
  /** Updates a customer from a body built by core's `buildPatch` / `buildTosPatch`. */
  updateCustomer(
    customerId: string,
    body: Record<string, unknown>,
    context: UpstreamWriteContext,
  ): Promise<Customer>;
  /** Reads a verified webhook payload; null when it is not an event this client knows. */
  readWebhookEvent(payload: unknown): UpstreamWebhookEvent | null;
  /**
   * Fetches a Terms of Service document, unsigned (provider credentials never
   * go to a documentation host) and without following redirects.
   */
  fetchDocument(url: URL, context?: UpstreamCallContext): Promise<Response>;
}
