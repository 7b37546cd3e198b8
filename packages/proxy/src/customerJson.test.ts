import { coinbaseAdapter, type Customer } from '@kyc-kit/core/server';
import { describe, expect, it } from 'vitest';
import { customerEnvelopeJson, customerEventBodyJson, customerJson, freezeCustomer } from './customerJson';

function aCustomer(): Customer {
  return coinbaseAdapter.parseCustomer({
    customerId: 'customer_0b8a2f4e-6f1d-4c3a-9e57-2d7c1b3a4f60',
    type: 'individual',
    capabilities: { custodyFiat: { requested: true, status: 'pending' } },
    requirements: { firstName: { status: 'satisfied' }, ssnLast4: { status: 'currently_due' } },
    individual: { firstName: 'Ada', lastName: 'Lovelace' },
    createdAt: '2026-12-01T10:00:00Z',
    updatedAt: '2026-12-01T10:00:00Z',
  });
}

describe('customerJson', () => {
  it('gives the very text JSON.stringify gives, in answers and event rows alike', () => {
    const customer = freezeCustomer(aCustomer());
    expect(customerJson(customer)).toBe(JSON.stringify(customer));
    expect(customerJson(customer)).toBe(JSON.stringify(customer));
    expect(customerEnvelopeJson(customer)).toBe(JSON.stringify({ customer }));
    expect(customerEnvelopeJson(null)).toBe(JSON.stringify({ customer: null }));
    expect(customerEventBodyJson({ userId: 'u', type: 'customer', customer })).toBe(
      JSON.stringify({ type: 'customer', customer }),
    );
    expect(customerEventBodyJson({ userId: 'u', type: 'customer_deleted', customerId: 'c' })).toBe(
      JSON.stringify({ type: 'customer_deleted', customerId: 'c' }),
    );
  });

  it('freezes a customer all the way down, and serializes one it did not freeze afresh each time', () => {
    const frozen = freezeCustomer(aCustomer());
    expect(Object.isFrozen(frozen.capabilities)).toBe(true);
    const open = aCustomer();
    const before = customerJson(open);
    open.id = 'customer_changed';
    expect(customerJson(open)).not.toBe(before);
    expect(customerJson(open)).toBe(JSON.stringify(open));
  });
});
