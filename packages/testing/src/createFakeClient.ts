import type { Capability, CapabilityStatus, Customer, Requirement, RequirementStatus } from '@kyc-kit/core';
import { KycKitApiError } from '@kyc-kit/hooks';
import type { ProxyClient, TermsOfServiceDocument } from '@kyc-kit/hooks';

/** One write the fake client received; `fieldKeys` are the submitted keys (`tos` for an acceptance). */
export interface FakeWrite {
  method: 'createCustomer' | 'updateCustomer' | 'acceptTermsOfService';
  fieldKeys: string[];
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

/** Options of {@link createFakeClient}. */
export interface FakeClientOptions {
  /** What `GET /customer` answers; `null` (the default) for a user without a customer. */
  customer?: Customer | null;
  /** Terms of Service documents, by `versionId:language`. */
  documents?: Record<string, TermsOfServiceDocument>;
  /**
   * `loading`: reads never answer; `network-error`: reads fail as if offline;
   * `signed-out`: reads fail as the proxy answers when the session has ended (401 `unauthorized`).
   * @default 'normal'
   */
  mode?: 'normal' | 'loading' | 'network-error' | 'signed-out';
  /** Per-field errors the next write answers with (a proxy `invalid_fields` 400). */
  rejectNextWrite?: Record<string, { code: string; message: string }>;
  /**
   * What the provider decides once nothing is left to submit: `verifying`
   * keeps capabilities pending, `active` makes the requested ones active.
   * @default 'verifying'
   */
  afterLastRequirement?: 'verifying' | 'active';
  /**
   * `complete`: the event stream announces the customer verified (every
   * requested capability active), as the proxy's server-sent events do once
   * the provider decides. The stream is a `data:` URL, so nothing leaves the page.
   * @default 'none'
   */
  liveUpdate?: 'none' | 'complete';
  /** What `eventsUrl()` answers, for tests that drive a fake EventSource; wins over `liveUpdate`. */
  eventsUrl?: string;
  /**
   * What a write turns the customer into. By default the submitted keys turn
   * pending (accepted terms leave the map) and requested capabilities are
   * added as pending, as the sandbox does until verification runs.
   */
  onWrite?: (write: FakeWrite, current: Customer | null) => Customer;
}

/** A {@link ProxyClient} in memory that records every write, for hook and component tests and stories. */
export interface FakeClient extends ProxyClient {
  /** The current customer; a test may replace it to simulate the provider. */
  customer: Customer | null;
  /** Every write, in order. */
  writes: FakeWrite[];
  /** How many times `getCustomer` was called. */
  reads: number;
  /** Makes document reads fail. */
  failDocuments: boolean;
  /** Makes the next write (or the next `count` writes) fail with `error`. */
  failNextWrite(error: KycKitApiError, count?: number): void;
  /** Makes every requested capability active, as the provider's verification would. */
  completeVerification(): Customer;
}

function clone<Value>(value: Value): Value {
  return JSON.parse(JSON.stringify(value)) as Value;
}

function activate(customer: Customer): Customer {
  const capabilities = Object.fromEntries(
    Object.entries(customer.capabilities).map(([name, capability]) => [
      name,
      capability.requested ? { ...capability, status: 'active' as const, rawStatus: 'active' } : capability,
    ]),
  );
  return { ...customer, capabilities, requirements: {} };
}

function sandboxLikeWrite(write: FakeWrite, current: Customer | null): Customer {
  const base = current ?? {
    id: 'customer_00000000-0000-4000-8000-000000000000',
    provider: 'coinbase' as const,
    capabilities: {},
    requirements: {},
    tosAcceptances: [],
    profile: {},
  };
  const requirements = { ...base.requirements };
  // Like the sandbox, submitted fields stay in the map as pending until verified.
  for (const key of write.fieldKeys) {
    const requirement = requirements[key];
    if (key === 'tos' || requirement === undefined) delete requirements[key];
    else requirements[key] = { ...requirement, status: 'pending', rawStatus: 'pending' };
  }
  const requested = Array.isArray(write.body.capabilities) ? (write.body.capabilities as string[]) : [];
  const capabilities = { ...base.capabilities };
  for (const name of requested) {
    capabilities[name] = { requested: true, status: 'pending', rawStatus: 'pending' };
  }
  return { ...base, capabilities, requirements };
}

/**
 * A fake of the hooks' {@link ProxyClient} (the proxy's routes as the browser
 * sees them): answers with a fixture customer, records every write with its
 * idempotency key, and never touches the network, so stories and tests are
 * deterministic.
 */
export function createFakeClient(options: FakeClientOptions = {}): FakeClient {
  const mode = options.mode ?? 'normal';
  const onWrite = options.onWrite ?? sandboxLikeWrite;
  const failures: KycKitApiError[] = [];
  let rejectNext = options.rejectNextWrite;

  function settle(customer: Customer): Customer {
    if (options.afterLastRequirement !== 'active') return customer;
    const left = Object.values(customer.requirements).filter(
      (requirement) => requirement.status !== 'pending',
    ).length;
    return left === 0 ? activate(customer) : customer;
  }

  async function write(
    method: FakeWrite['method'],
    body: Record<string, unknown>,
    fieldKeys: string[],
    idempotencyKey: string,
  ): Promise<Customer> {
    const recorded: FakeWrite = { method, fieldKeys, body, idempotencyKey };
    client.writes.push(recorded);
    await Promise.resolve();
    const failure = failures.shift();
    if (failure !== undefined) throw failure;
    if (rejectNext !== undefined) {
      const fields = rejectNext;
      rejectNext = undefined;
      throw new KycKitApiError({
        code: 'invalid_fields',
        message: 'Check the highlighted fields.',
        status: 400,
        fields,
        retryable: false,
      });
    }
    client.customer = settle(onWrite(recorded, client.customer));
    return clone(client.customer);
  }

  const client: FakeClient = {
    baseUrl: '/api/onboarding',
    customer: options.customer === undefined || options.customer === null ? null : clone(options.customer),
    writes: [],
    reads: 0,
    failDocuments: false,
    failNextWrite(error, count = 1) {
      for (let index = 0; index < count; index += 1) failures.push(error);
    },
    completeVerification() {
      if (client.customer === null) throw new Error('No customer to verify');
      client.customer = activate(client.customer);
      return clone(client.customer);
    },
    async getCustomer() {
      client.reads += 1;
      if (mode === 'loading') return new Promise<never>(() => undefined);
      await Promise.resolve();
      if (mode === 'network-error') {
        throw new KycKitApiError({
          code: 'network_error',
          message: 'The connection failed.',
          status: 0,
          retryable: true,
        });
      }
      if (mode === 'signed-out') {
        throw new KycKitApiError({
          code: 'unauthorized',
          message: 'Sign in again.',
          status: 401,
          retryable: false,
        });
      }
      return client.customer === null ? null : clone(client.customer);
    },
    createCustomer: (body, { idempotencyKey }) =>
      write('createCustomer', { ...body }, Object.keys(body.fields ?? {}), idempotencyKey),
    updateCustomer: (body, { idempotencyKey }) =>
      write('updateCustomer', { ...body }, Object.keys(body.fields ?? {}), idempotencyKey),
    acceptTermsOfService: (body, { idempotencyKey }) =>
      write('acceptTermsOfService', { ...body }, ['tos'], idempotencyKey),
    async getTermsOfServiceDocument({ versionId, language }) {
      await Promise.resolve();
      const document = options.documents?.[`${versionId}:${language}`];
      if (client.failDocuments || document === undefined) {
        throw new KycKitApiError({
          code: 'tos_document_unavailable',
          message: 'Unavailable',
          status: 502,
          retryable: !client.failDocuments,
        });
      }
      return document;
    },
    eventsUrl: () => {
      if (options.eventsUrl !== undefined) return options.eventsUrl;
      // A data: URL is a whole event stream in itself: EventSource reads it without any request.
      if (options.liveUpdate !== 'complete' || client.customer === null)
        return 'data:text/event-stream,%3A%20idle%0A%0A';
      client.customer = activate(client.customer);
      const event = `event: customer\ndata: ${JSON.stringify({ customer: client.customer })}\n\n`;
      return `data:text/event-stream,${encodeURIComponent(event)}`;
    },
  };
  return client;
}
