import type { Customer, ProviderName } from '@kyc-kit/core/server';
import type { NewCustomerEvent } from './OnboardingStore';

/**
 * The JSON text of customers frozen all the way down by {@link freezeCustomer}:
 * such a value can never change, so its text is made once (on first use) and
 * shared by every answer and event row that carries it. `''` marks a frozen
 * customer whose text is not made yet. Customers not frozen here are never
 * remembered: they are serialized each time.
 */
const texts = new WeakMap<object, string>();

function deepFreeze(value: unknown): void {
  Object.freeze(value);
  for (const key in value as Record<string, unknown>) {
    const child: unknown = (value as Record<string, unknown>)[key];
    if (typeof child === 'object' && child !== null) deepFreeze(child);
  }
}

/** Freezes a customer all the way down (plain objects and arrays), so one value can be handed out twice. */
export function freezeCustomer(customer: Customer): Customer {
  deepFreeze(customer);
  texts.set(customer, '');
  return customer;
}

/** `JSON.stringify(customer)`, made once per customer frozen by {@link freezeCustomer}. */
export function customerJson(customer: Customer): string {
  const known = texts.get(customer);
  if (known === undefined) return JSON.stringify(customer);
  if (known !== '') return known;
  const text = JSON.stringify(customer);
  texts.set(customer, text);
  return text;
}

/** `JSON.stringify({ customer })`, with the customer's text shared (see {@link customerJson}); `null` when there is none. */
export function customerEnvelopeJson(customer: Customer | null, provider?: ProviderName): string {
  if (customer !== null) return `{"customer":${customerJson(customer)}}`;
  return provider === undefined ? '{"customer":null}' : `{"customer":null,"provider":"${provider}"}`;
}

/** The JSON of an event's body as the stores keep it: `{ type, customer }` or `{ type, customerId }`. */
export function customerEventBodyJson(event: NewCustomerEvent): string {
  return event.type === 'customer'
    ? `{"type":"customer","customer":${customerJson(event.customer)}}`
    : JSON.stringify({ type: event.type, customerId: event.customerId });
}
