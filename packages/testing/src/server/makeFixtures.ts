/**
 * Makes the story and test fixtures from the sandbox's real answers: it runs
 * @kyc-kit/sandbox and @kyc-kit/proxy in this process (no port, no network),
 * walks one user per scenario through the proxy's routes with the hooks'
 * own client, and returns each normalized customer the proxy returned, plus
 * the Terms of Service documents. `fixtures.test.ts` checks the committed
 * JSON files still match; `pnpm --filter @kyc-kit/testing run fixtures`
 * rewrites them.
 */
import type { Customer } from '@kyc-kit/core/server';
import { createProxyClient } from '@kyc-kit/hooks';
import type { ProxyClient, TermsOfServiceDocument } from '@kyc-kit/hooks';
import { createCoinbaseUpstream, createOmsUpstream, createOnboardingHandler } from '@kyc-kit/proxy';
import { createSandbox, MAGIC_VALUES } from '@kyc-kit/sandbox';

const sandboxOrigin = 'http://sandbox.test';
const proxyOrigin = 'http://partner.test';

/** Every fixture file by name (`active.json`, ..., `tos-documents.json`) with its content. */
export type FixtureFiles = Record<string, unknown>;

/** Runs every scenario against a fresh in-process sandbox and proxy; see the file's comment. */
export async function makeFixtures(): Promise<FixtureFiles> {
  const sandbox = createSandbox({ manual: true, publicUrl: sandboxOrigin });
  const sandboxFetch = (request: Request) => sandbox.fetch(request);
  const handler = createOnboardingHandler({
    upstream: createCoinbaseUpstream({
      baseUrl: `${sandboxOrigin}/platform`,
      apiKeyId: sandbox.credentials.coinbase.apiKeyId,
      apiKeySecret: sandbox.credentials.coinbase.apiKeySecret,
      fetch: sandboxFetch,
    }),
    // Each scenario is its own signed-in user, named by a header only this script sets.
    resolveUser: (request) => ({ id: request.headers.get('x-fixture-user') ?? 'anonymous' }),
    webhookSecret: 'fixture-webhook-secret',
    tosOrigins: [sandboxOrigin],
  });

  // The same proxy in front of the sandbox's Polygon OMS API: one fixture shows the model is provider-neutral.
  const omsHandler = createOnboardingHandler({
    upstream: createOmsUpstream({
      baseUrl: `${sandboxOrigin}/v0.9`,
      apiKey: sandbox.credentials.oms.apiKey,
      apiSecret: sandbox.credentials.oms.apiSecret,
      fetch: sandboxFetch,
    }),
    resolveUser: (request) => ({ id: request.headers.get('x-fixture-user') ?? 'anonymous' }),
    webhookSecret: 'fixture-webhook-secret',
    tosOrigins: [sandboxOrigin],
  });

  function clientFor(user: string, provider: 'coinbase' | 'oms' = 'coinbase'): ProxyClient {
    const providerHandler = provider === 'oms' ? omsHandler : handler;
    return createProxyClient({
      baseUrl: `${proxyOrigin}/api/onboarding`,
      fetch: (input, init) => {
        const request = new Request(input, init);
        request.headers.set('x-fixture-user', user);
        request.headers.set('origin', proxyOrigin);
        return providerHandler(request, { clientAddress: '203.0.113.7' });
      },
    });
  }

  let keyCounter = 0;
  const write = () => ({ idempotencyKey: `fixture-${(keyCounter += 1)}` });

  async function control(pathname: string, body: unknown = {}): Promise<unknown> {
    const response = await sandbox.fetch(
      new Request(`${sandboxOrigin}/sandbox${pathname}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    );
    if (!response.ok)
      throw new Error(`sandbox control ${pathname}: ${response.status} ${await response.text()}`);
    return response.json();
  }

  const personal = {
    firstName: 'Ada',
    lastName: 'Lovelace',
    dateOfBirth: { day: '10', month: '12', year: '1985' },
  };
  const address = {
    addressLine1: '1 Main Street',
    addressCity: 'Springfield',
    addressSubdivision: 'IL',
    addressPostalCode: '62701',
    addressCountryCode: 'US',
  };
  const financial = { purposeOfAccount: 'investing', sourceOfFunds: 'salary' };

  async function reload(client: ProxyClient): Promise<Customer> {
    const customer = await client.getCustomer();
    if (customer === null) throw new Error('the proxy lost the customer');
    return customer;
  }

  async function acceptTerms(client: ProxyClient, customer: Customer): Promise<Customer> {
    const version = customer.requirements.tos?.tos?.versions[0];
    if (version === undefined) return customer;
    await client.getTermsOfServiceDocument({ versionId: version.versionId, language: 'en' });
    return client.acceptTermsOfService({ versionId: version.versionId, language: 'en' }, write());
  }

  const scenarios: Record<string, () => Promise<Customer>> = {
    /** Just created for custodyFiat: every base field and the terms are due. */
    async 'pending-new'() {
      return clientFor('new').createCustomer({ capabilities: ['custodyFiat'] }, write());
    },
    /** Name and date of birth sent; address, tax id, financial profile and terms still due. */
    async 'pending-partial'() {
      const client = clientFor('partial');
      return client.createCustomer({ capabilities: ['custodyFiat'], fields: personal }, write());
    },
    /** tradeCrypto asks for every input kind: contact, citizenship, employment, volume. */
    async 'pending-trade-crypto'() {
      return clientFor('trade').createCustomer({ capabilities: ['tradeCrypto'] }, write());
    },
    /** Everything sent with the sandbox's rejected SSN: verification rejects fullSsn. */
    async 'pending-rejected'() {
      const client = clientFor('rejected');
      const created = await client.createCustomer(
        {
          capabilities: ['custodyFiat'],
          fields: { ...personal, ...address, ...financial, fullSsn: MAGIC_VALUES.rejectedSsn },
        },
        write(),
      );
      await acceptTerms(client, created);
      await control('/advance', { customerId: created.id });
      return reload(client);
    },
    /** The address is overdue (its deadline has passed), the SSN is due by a date, citizenship will be needed later. */
    async 'pending-overdue'() {
      const client = clientFor('overdue');
      const created = await client.createCustomer(
        { capabilities: ['custodyFiat'], fields: personal },
        write(),
      );
      await control(`/customers/${created.id}/requirements/addressLine1`, {
        status: 'overdue',
        deadline: '2026-03-01T00:00:00Z',
      });
      await control(`/customers/${created.id}/requirements/fullSsn`, {
        status: 'due',
        deadline: '2030-06-30T00:00:00Z',
      });
      await control(`/customers/${created.id}/requirements/citizenship`, { status: 'eventually_due' });
      return reload(client);
    },
    /** A requirement key the kit does not know: the form shows a generic text field. */
    async 'pending-unknown-key'() {
      const client = clientFor('unknown-key');
      const created = await client.createCustomer(
        {
          capabilities: ['custodyFiat'],
          fields: { ...personal, ...address, ...financial, fullSsn: '123-45-6789' },
        },
        write(),
      );
      await acceptTerms(client, created);
      await control(`/customers/${created.id}/requirements/employerName`, { status: 'due' });
      return reload(client);
    },
    /** The W-9 certification and the last four SSN digits, forced due through the control API. */
    async 'pending-tax'() {
      const client = clientFor('tax');
      const created = await client.createCustomer(
        {
          capabilities: ['custodyFiat'],
          fields: { ...personal, ...address, ...financial, fullSsn: '123-45-6789' },
        },
        write(),
      );
      await acceptTerms(client, created);
      await control(`/customers/${created.id}/requirements/ssnLast4`, { status: 'due' });
      await control(`/customers/${created.id}/requirements/taxAttestation`, { status: 'due' });
      return reload(client);
    },
    /** Only the terms are left. */
    async 'pending-terms'() {
      const client = clientFor('terms');
      return client.createCustomer(
        {
          capabilities: ['custodyFiat'],
          fields: { ...personal, ...address, ...financial, fullSsn: '123-45-6789' },
        },
        write(),
      );
    },
    /** Everything sent, terms accepted: the provider is verifying. */
    async 'pending-verifying'() {
      const client = clientFor('verifying');
      const created = await client.createCustomer(
        {
          capabilities: ['custodyFiat'],
          fields: { ...personal, ...address, ...financial, fullSsn: '123-45-6789' },
        },
        write(),
      );
      return acceptTerms(client, created);
    },
    /** A new Polygon OMS customer for custodyFiat (the usd endorsement), normalized like any other. */
    async 'oms-pending-new'() {
      return clientFor('oms-new', 'oms').createCustomer(
        { capabilities: ['custodyFiat'], fields: { firstName: 'Ada', lastName: 'Lovelace' } },
        write(),
      );
    },
    /** Verified: custodyFiat is active. */
    async active() {
      const client = clientFor('active');
      const created = await client.createCustomer(
        {
          capabilities: ['custodyFiat'],
          fields: { ...personal, ...address, ...financial, fullSsn: '123-45-6789' },
        },
        write(),
      );
      await acceptTerms(client, created);
      await control('/advance', { customerId: created.id });
      return reload(client);
    },
    /** The sandbox's sanctioned name: a compliance decision, capability inactive. */
    async inactive() {
      const client = clientFor('inactive');
      const created = await client.createCustomer(
        {
          capabilities: ['custodyFiat'],
          fields: {
            ...personal,
            lastName: MAGIC_VALUES.sanctionedLastName,
            ...address,
            ...financial,
            fullSsn: '123-45-6789',
          },
        },
        write(),
      );
      await acceptTerms(client, created);
      await control('/advance', { customerId: created.id });
      return reload(client);
    },
  };

  const files: FixtureFiles = {};
  const customers: Record<string, Customer> = {};
  for (const [name, run] of Object.entries(scenarios)) {
    customers[name] = await run();
    files[`${name}.json`] = customers[name];
  }
  const documents: Record<string, TermsOfServiceDocument> = {};
  const client = clientFor('terms');
  const collectDocuments = async (customer: Customer | undefined) => {
    for (const version of customer?.requirements.tos?.tos?.versions ?? []) {
      for (const language of version.languages) {
        documents[`${version.versionId}:${language}`] = await client.getTermsOfServiceDocument({
          versionId: version.versionId,
          language,
        });
      }
    }
  };
  // Documents first: publishing a new version withdraws the current one.
  await collectDocuments(customers['pending-terms']);
  // A version published in English only, for the one-language story; the default has two.
  await control('/tos', { versionId: 'us_individual_english_only', languages: ['en'] });
  const englishOnly = await reload(client);
  files['pending-terms-one-language.json'] = englishOnly;
  await collectDocuments(englishOnly);
  files['tos-documents.json'] = documents;
  await sandbox.close();
  return files;
}
