import type { Upstream } from '@kyc-kit/proxy';

/** Core's customer, as the proxy's upstreams hand it out (the workspace root depends on the proxy, not on core). */
type Customer = Awaited<ReturnType<Upstream['getCustomer']>>;

/** The customer the benchmarks' in-memory upstreams answer: enough of one for GET and PATCH /customer. */
export const benchCustomer: Customer = {
  id: 'customer_1',
  provider: 'coinbase',
  capabilities: {},
  requirements: {},
  tosAcceptances: [],
  profile: { firstName: 'Bench' },
};

/** What the in-memory upstreams answer; everything else a benchmark never calls. */
export interface MemoryUpstreamAnswers {
  getCustomer: () => Promise<Customer>;
  updateCustomer: () => Promise<Customer>;
}

/** A Coinbase-flavoured upstream answering from memory: only GET and PATCH /customer are benchmarked. */
export function memoryUpstream(answers: MemoryUpstreamAnswers): Upstream {
  const notBenchmarked = (): never => {
    throw new Error('not called by the benchmark');
  };
  return {
    provider: 'coinbase',
    getCustomer: answers.getCustomer,
    updateCustomer: answers.updateCustomer,
    createCustomer: notBenchmarked,
    readWebhookEvent: notBenchmarked,
    fetchDocument: notBenchmarked,
  };
}
