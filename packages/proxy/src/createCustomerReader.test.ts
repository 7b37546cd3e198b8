import { coinbaseAdapter, type ProviderAdapter } from '@kyc-kit/core/server';
import { describe, expect, it } from 'vitest';
import { createCustomerReader } from './createCustomerReader';
import { UpstreamError } from './UpstreamError';

const id = 'customer_0b8a2f4e-6f1d-4c3a-9e57-2d7c1b3a4f60';

function answer(status: string, customerId = id): string {
  return JSON.stringify({
    customerId,
    type: 'individual',
    capabilities: { custodyFiat: { requested: true, status } },
    requirements: { firstName: { status: 'satisfied' }, ssnLast4: { status: 'currently_due' } },
    individual: { firstName: 'Ada', lastName: 'Lovelace' },
    createdAt: '2026-12-01T10:00:00Z',
    updatedAt: '2026-12-01T10:00:00Z',
  });
}

/** Core's adapter, counting how often it reads an answer in full. */
function countingAdapter(): { adapter: ProviderAdapter; reads: () => number } {
  let reads = 0;
  return {
    adapter: {
      ...coinbaseAdapter,
      parseCustomer: (raw, options) => {
        reads += 1;
        return coinbaseAdapter.parseCustomer(raw, options);
      },
    },
    reads: () => reads,
  };
}

describe('createCustomerReader', () => {
  it('reads an answer identical to the last one of that customer only once, and hands out a frozen customer', () => {
    const { adapter, reads } = countingAdapter();
    const reader = createCustomerReader(adapter);
    const first = reader.read(answer('pending'), id);
    const second = reader.read(answer('pending'), id);
    expect(second).toEqual(first);
    expect(second.capabilities.custodyFiat?.status).toBe('pending');
    expect(reads()).toBe(1);
    expect(() => {
      (second.profile as { firstName?: string }).firstName = 'Eve';
    }).toThrow(TypeError);
    expect(() => second.requirements.ssnLast4?.impact.push('custodyFiat')).toThrow(TypeError);
  });

  it('reads a changed answer in full', () => {
    const reader = createCustomerReader(coinbaseAdapter);
    reader.read(answer('pending'), id);
    expect(reader.read(answer('active'), id).capabilities.custodyFiat?.status).toBe('active');
    expect(reader.read(answer('pending'), id).capabilities.custodyFiat?.status).toBe('pending');
  });

  it('still refuses a broken answer after a good one', () => {
    const reader = createCustomerReader(coinbaseAdapter);
    reader.read(answer('pending'), id);
    expect(() => reader.read('{"customerId":', id)).toThrow(UpstreamError);
    expect(() => reader.read(JSON.stringify({ customerId: id, capabilities: 7 }), id)).toThrow(
      expect.objectContaining({ failure: 'malformed' }),
    );
  });

  it('remembers a bounded number of customers, and nothing when told not to', () => {
    const bounded = countingAdapter();
    const reader = createCustomerReader(bounded.adapter, { capacity: 2 });
    const ids = ['a', 'b', 'c'].map((letter) => id.replace('0b8a', `0b8${letter}`));
    for (const customerId of ids) reader.read(answer('pending', customerId), customerId);
    // The least recently used (the first) was dropped; the two others are still remembered.
    reader.read(answer('pending', ids[2]), ids[2]);
    reader.read(answer('pending', ids[1]), ids[1]);
    expect(bounded.reads()).toBe(3);
    reader.read(answer('pending', ids[0]), ids[0]);
    expect(bounded.reads()).toBe(4);

    const off = countingAdapter();
    const forgetful = createCustomerReader(off.adapter, { remember: false });
    forgetful.read(answer('pending'), id);
    forgetful.read(answer('pending'), id);
    expect(off.reads()).toBe(2);
  });
});
