import type { Customer } from '@kyc-kit/core';

/** The customer the benchmarks' in-memory upstreams answer: enough of one for GET and PATCH /customer. */
export const benchCustomer: Customer = {
  id: 'customer_1',
  provider: 'coinbase',
  capabilities: [],
  requirements: [],
  profile: { firstName: 'Bench' },
} as unknown as Customer;
