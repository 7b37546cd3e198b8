import type { CapabilityStatus, ProviderName, Requirement } from '../model';

/** One capability whose status changed. */
export interface CapabilityChange {
  capability: string;
  status: CapabilityStatus;
  rawStatus: string;
  /** Only the guides' event carries the previous status. */
  previousStatus?: CapabilityStatus;
}

/**
 * A provider webhook event, normalized. The proxy de-duplicates on `eventId`
 * when the provider sends one and refetches the customer on any event: events
 * carry only partial state.
 */
export type CustomerEvent =
  | {
      type: 'capability_changed';
      provider: ProviderName;
      /** The provider's event name, e.g. `customers.capability.changed`. */
      eventType: string;
      eventId?: string;
      customerId: string;
      occurredAt?: string;
      changes: CapabilityChange[];
      /** The guides' event may carry the requirements map. */
      requirements?: Record<string, Requirement>;
    }
  | {
      type: 'customer_deleted';
      provider: ProviderName;
      eventType: string;
      eventId?: string;
      customerId: string;
      occurredAt?: string;
    }
  | {
      type: 'unknown';
      provider: ProviderName;
      eventType: string;
      eventId?: string;
      customerId?: string;
      occurredAt?: string;
    };
