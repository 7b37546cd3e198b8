import type { ProviderAdapter } from '@kyc-kit/core/server';
import type { UpstreamWebhookEvent } from './Upstream';

/**
 * Reads a verified webhook body with the provider's core adapter. Only the
 * event id and the customer id are kept: the proxy re-reads the customer
 * instead of trusting the partial state an event carries. Null when the body
 * is not a customer event.
 */
export function readAdapterEvent(adapter: ProviderAdapter, payload: unknown): UpstreamWebhookEvent | null {
  let event;
  try {
    event = adapter.parseWebhookEvent(payload);
  } catch {
    return null;
  }
  if (event.customerId === undefined) return null;
  return {
    eventId: event.eventId,
    eventType: event.eventType,
    kind: event.type === 'customer_deleted' ? 'customer_deleted' : 'customer_changed',
    customerIds: [event.customerId],
  };
}
