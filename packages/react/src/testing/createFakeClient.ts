import type { Customer } from '@kyc-kit/core';
import { KycKitApiError } from '@kyc-kit/hooks';
import type { ProxyClient, TermsOfServiceDocument } from '@kyc-kit/hooks';

/** One write the fake client received: keys only are kept, like the real proxy's logs. */
export interface FakeWrite {
  method: 'createCustomer' | 'updateCustomer' | 'acceptTermsOfService';
  fieldKeys: string[];
  body: Record<string, unknown>;
}

/** Options of {@link createFakeClient}. */
export interface FakeClientOptions {
  /** What `GET /customer` answers; `null` for a user without a customer. */
  customer: Customer | null;
  /** Terms of Service documents, by `versionId:language`. */
  documents?: Record<string, TermsOfServiceDocument>;
  /**
   * `loading`: reads never answer; `network-error`: reads fail as if offline;
   * `signed-out`: reads fail as the proxy answers when the session has ended (401 `unauthorized`).
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
}

/** A {@link ProxyClient} in memory, for stories and component tests. */
export interface FakeClient extends ProxyClient {
  /** The current customer. */
  customer: Customer | null;
  /** Every write, in order. */
  writes: FakeWrite[];
  /** Makes every requested capability active, as the provider's verification would. */
  completeVerification(): Customer;
}

function clone<Value>(value: Value): Value {
  return JSON.parse(JSON.stringify(value)) as Value;
}

/**
 * A fake of @kyc-kit/proxy's client: answers with a fixture customer, and a
 * write turns the submitted keys pending (accepted terms leave the map), as
 * the sandbox does until verification runs. It never touches the network, so stories and tests
 * are deterministic.
 */
export function createFakeClient(options: FakeClientOptions): FakeClient {
  const mode = options.mode ?? 'normal';
  let rejectNext = options.rejectNextWrite;

  function settle(customer: Customer): Customer {
    // Like the sandbox, submitted fields stay in the map as pending until verified: only the rest needs the person.
    const left = Object.values(customer.requirements).filter(
      (requirement) => requirement.status !== 'pending',
    ).length;
    if (left === 0 && options.afterLastRequirement === 'active') return activate(customer);
    return customer;
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

  async function write(
    method: FakeWrite['method'],
    body: Record<string, unknown>,
    keys: string[],
  ): Promise<Customer> {
    client.writes.push({ method, fieldKeys: keys, body });
    await Promise.resolve();
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
    const current = client.customer ?? {
      id: 'customer_00000000-0000-4000-8000-000000000000',
      provider: 'coinbase' as const,
      capabilities: {},
      requirements: {},
      tosAcceptances: [],
      profile: {},
    };
    const requirements = { ...current.requirements };
    for (const key of keys) {
      const requirement = requirements[key];
      if (key === 'tos' || requirement === undefined) delete requirements[key];
      else requirements[key] = { ...requirement, status: 'pending', rawStatus: 'pending' };
    }
    const requested = Array.isArray(body.capabilities) ? (body.capabilities as string[]) : [];
    const capabilities = { ...current.capabilities };
    for (const name of requested)
      capabilities[name] = { requested: true, status: 'pending', rawStatus: 'pending' };
    client.customer = settle({ ...current, capabilities, requirements });
    return clone(client.customer);
  }

  const client: FakeClient = {
    baseUrl: '/api/onboarding',
    customer: options.customer === null ? null : clone(options.customer),
    writes: [],
    completeVerification() {
      if (client.customer === null) throw new Error('No customer to verify');
      client.customer = activate(client.customer);
      return clone(client.customer);
    },
    async getCustomer() {
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
    createCustomer: (body) => write('createCustomer', { ...body }, Object.keys(body.fields ?? {})),
    updateCustomer: (body) => write('updateCustomer', { ...body }, Object.keys(body.fields ?? {})),
    acceptTermsOfService: (body) => write('acceptTermsOfService', { ...body }, ['tos']),
    async getTermsOfServiceDocument({ versionId, language }) {
      await Promise.resolve();
      const document = options.documents?.[`${versionId}:${language}`];
      if (document === undefined) {
        throw new KycKitApiError({
          code: 'tos_document_unavailable',
          message: 'Unavailable',
          status: 502,
          retryable: true,
        });
      }
      return document;
    },
    eventsUrl: () => {
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
