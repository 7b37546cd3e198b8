import type { Capability, CapabilityStatus, Customer, Requirement, RequirementStatus } from '@kyc-kit/core';
import type { ProxyClient, TermsOfServiceDocument } from '../createProxyClient';
import { KycKitApiError } from '../KycKitApiError';

/** One write the fake client received. */
export interface RecordedWrite {
  method: 'createCustomer' | 'updateCustomer' | 'acceptTermsOfService';
  body: Record<string, unknown>;
  idempotencyKey: string;
}

/** What a fake customer is made of, in short. */
export interface FakeCustomerInput {
  id?: string;
  capabilities?: Record<string, CapabilityStatus>;
  requirements?: Record<string, RequirementStatus>;
  impact?: string[];
  tosVersions?: { versionId: string; languages: string[]; url: string }[];
}

/** A normalized customer for tests, with every requirement impacting `impact`. */
export function fakeCustomer(input: FakeCustomerInput = {}): Customer {
  const impact = input.impact ?? Object.keys(input.capabilities ?? { custodyFiat: 'pending' });
  const requirements: Record<string, Requirement> = {};
  for (const [key, status] of Object.entries(input.requirements ?? {})) {
    requirements[key] = {
      key,
      known: true,
      status,
      rawStatus: status,
      impact,
      ...(key === 'tos' ? { tos: { versions: input.tosVersions ?? [] } } : {}),
    };
  }
  return {
    id: input.id ?? 'customer_00000000-0000-0000-0000-000000000001',
    provider: 'coinbase',
    capabilities: Object.fromEntries(
      (Object.entries(input.capabilities ?? { custodyFiat: 'pending' }) as [string, CapabilityStatus][]).map(
        ([name, status]): [string, Capability] => [
          name,
          { requested: status !== 'unrequested', status, rawStatus: status },
        ],
      ),
    ),
    requirements,
    tosAcceptances: [],
    profile: {},
  };
}

/** Options of {@link createFakeProxyClient}. */
export interface FakeProxyClientOptions {
  /** The customer `getCustomer` answers; `null` for none. */
  customer?: Customer | null;
  /** What a write turns the customer into; by default the submitted keys leave the requirements. */
  onWrite?: (write: RecordedWrite, current: Customer | null) => Customer;
  /** Terms of Service documents by `versionId:language`. */
  documents?: Record<string, TermsOfServiceDocument>;
}

/** A {@link ProxyClient} in memory that records every write, for hook tests without a server. */
export interface FakeProxyClient extends ProxyClient {
  writes: RecordedWrite[];
  customer: Customer | null;
  /** Makes the next write (or the next `count` writes) fail with `error`. */
  failNextWrite: (error: KycKitApiError, count?: number) => void;
  /** Makes document reads fail. */
  failDocuments: boolean;
  reads: number;
}

function defaultWrite(write: RecordedWrite, current: Customer | null): Customer {
  const base = current ?? fakeCustomer({ requirements: {} });
  const requirements = { ...base.requirements };
  if (write.method === 'acceptTermsOfService') delete requirements.tos;
  const fields = (write.body.fields ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(fields)) delete requirements[key];
  return { ...base, requirements };
}

/** Creates a {@link FakeProxyClient}. */
export function createFakeProxyClient(options: FakeProxyClientOptions = {}): FakeProxyClient {
  const failures: KycKitApiError[] = [];
  const onWrite = options.onWrite ?? defaultWrite;
  const record = async (write: RecordedWrite): Promise<Customer> => {
    client.writes.push(write);
    await Promise.resolve();
    const failure = failures.shift();
    if (failure !== undefined) throw failure;
    client.customer = onWrite(write, client.customer);
    return client.customer;
  };
  const client: FakeProxyClient = {
    baseUrl: '/api/onboarding',
    writes: [],
    customer: options.customer === undefined ? null : options.customer,
    failDocuments: false,
    reads: 0,
    failNextWrite(error, count = 1) {
      for (let index = 0; index < count; index += 1) failures.push(error);
    },
    async getCustomer() {
      client.reads += 1;
      await Promise.resolve();
      return client.customer;
    },
    createCustomer: (body, { idempotencyKey }) =>
      record({ method: 'createCustomer', body: { ...body }, idempotencyKey }),
    updateCustomer: (body, { idempotencyKey }) =>
      record({ method: 'updateCustomer', body: { ...body }, idempotencyKey }),
    acceptTermsOfService: (body, { idempotencyKey }) =>
      record({ method: 'acceptTermsOfService', body: { ...body }, idempotencyKey }),
    async getTermsOfServiceDocument({ versionId, language }) {
      await Promise.resolve();
      const document = options.documents?.[`${versionId}:${language}`];
      if (client.failDocuments || document === undefined) {
        throw new KycKitApiError({
          code: 'tos_document_unavailable',
          message: 'Unavailable',
          status: 502,
          retryable: false,
        });
      }
      return document;
    },
    eventsUrl: () => '/api/onboarding/events',
  };
  return client;
}
