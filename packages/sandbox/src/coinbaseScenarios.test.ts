import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { COINBASE_CAPABILITIES } from './requirementRules';
import { SANDBOX_DIALECTS } from './sandboxDialect';
import { DEFAULT_TOS_VERSION_ID } from './termsOfService';
import {
  createSandboxTestClient,
  PASSING_INDIVIDUAL,
  TEST_ORIGIN,
  TRADE_CRYPTO_EXTRAS,
} from './sandboxTestClient';
import type { SandboxTestClient } from './sandboxTestClient';

// The contract scenarios run in each dialect: the same behaviour behind the
// spec's shapes and behind the guides'.
describe.each(SANDBOX_DIALECTS)('%s dialect', (dialect) => {
  const updateMethod = dialect === 'guides' ? 'POST' : 'PUT';
  let client: SandboxTestClient;

  beforeEach(() => {
    client = createSandboxTestClient({ dialect });
  });

  afterEach(async () => {
    await client.close();
  });

  const acceptedAt = '2026-04-10T12:00:00Z';
  const tosAcceptance = { versionId: DEFAULT_TOS_VERSION_ID, language: 'en', acceptedAt };
  const w9 = { form: 'us_w9', isExemptBackupWithholding: false, edeliveryConsent: true, acceptedAt };

  type Requirements = Record<
    string,
    { status: string; impact?: string[]; deadline?: string; tosVersions?: unknown[]; taxForms?: string[] }
  >;
  type Capabilities = Record<string, { requested: boolean; status: string }>;

  async function createFor(
    capability: string,
    individual: Record<string, unknown> = {},
  ): Promise<{ id: string; path: string; body: Record<string, unknown> }> {
    const created = await client.coinbase('POST', '/platform/v2/customers', {
      type: 'individual',
      individual,
      capabilities: { [capability]: { requested: true } },
    });
    const id = String(created.body.customerId);
    return { id, path: `/platform/v2/customers/${id}`, body: created.body };
  }

  async function read(path: string): Promise<{ requirements: Requirements; capabilities: Capabilities }> {
    const response = await client.coinbase('GET', path);
    return {
      requirements: response.body.requirements as Requirements,
      capabilities: response.body.capabilities as Capabilities,
    };
  }

  describe('each capability walks unrequested -> pending -> active', () => {
    it.each(COINBASE_CAPABILITIES)('%s', async (capability) => {
      const created = await client.coinbase('POST', '/platform/v2/customers', { type: 'individual' });
      const path = `/platform/v2/customers/${String(created.body.customerId)}`;
      expect((created.body.capabilities as Capabilities)[capability]).toEqual({
        requested: false,
        status: 'unrequested',
      });

      const requested = await client.coinbase(updateMethod, path, {
        capabilities: { [capability]: { requested: true } },
      });
      const requirements = requested.body.requirements as Requirements;
      expect((requested.body.capabilities as Capabilities)[capability]).toEqual({
        requested: true,
        status: 'pending',
      });
      // Only the requested capability produces requirements, each due and impacting it.
      for (const requirement of Object.values(requirements)) {
        expect(requirement.status).toBe('due');
        expect(requirement.impact).toEqual([capability]);
      }
      expect(Object.keys(requirements)).toEqual(
        expect.arrayContaining(['firstName', 'fullSsn', 'addressSubdivision', 'tos']),
      );
      expect(Object.hasOwn(requirements, 'citizenship')).toBe(capability === 'tradeCrypto');
      expect(Object.hasOwn(requirements, 'taxAttestation')).toBe(capability === 'transferFiat');

      const { email, phoneNumber, ...extras } = TRADE_CRYPTO_EXTRAS;
      const individual =
        capability === 'tradeCrypto' ? { ...PASSING_INDIVIDUAL, ...extras } : PASSING_INDIVIDUAL;
      // Contact fields where the dialect puts them: inside `individual` (spec) or at the top (guides).
      const contact =
        capability !== 'tradeCrypto'
          ? {}
          : dialect === 'guides'
            ? { email, phone: phoneNumber }
            : { individual: { ...individual, email, phoneNumber } };
      const submitted = await client.coinbase(updateMethod, path, {
        individual,
        ...contact,
        tosAcceptances: [tosAcceptance],
        ...(capability === 'transferFiat' ? { taxAttestations: [w9] } : {}),
      });
      const pending = submitted.body.requirements as Requirements;
      expect(Object.values(pending).every((requirement) => requirement.status === 'pending')).toBe(true);
      expect(pending).not.toHaveProperty('tos');
      expect((submitted.body.capabilities as Capabilities)[capability]?.status).toBe('pending');

      await client.control('POST', '/advance', { customerId: created.body.customerId });
      const verified = await read(path);
      expect(verified.requirements).toEqual({});
      expect(verified.capabilities[capability]).toEqual({ requested: true, status: 'active' });
    });
  });

  describe('verification is asynchronous', () => {
    it('verifies after verifyMs (default 2000 ms)', async () => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      const timed = createSandboxTestClient({ manual: false, verifyMs: undefined });
      try {
        const created = await timed.coinbase('POST', '/platform/v2/customers', {
          type: 'individual',
          individual: PASSING_INDIVIDUAL,
          tosAcceptances: [tosAcceptance],
          capabilities: { custodyCrypto: { requested: true } },
        });
        const path = `/platform/v2/customers/${String(created.body.customerId)}`;
        await vi.advanceTimersByTimeAsync(1999);
        expect(
          ((await timed.coinbase('GET', path)).body.capabilities as Capabilities).custodyCrypto?.status,
        ).toBe('pending');
        await vi.advanceTimersByTimeAsync(1);
        expect(
          ((await timed.coinbase('GET', path)).body.capabilities as Capabilities).custodyCrypto?.status,
        ).toBe('active');
      } finally {
        vi.useRealTimers();
        await timed.close();
      }
    });

    it('in manual mode waits for POST /sandbox/advance', async () => {
      const { id, path } = await createFor('custodyFiat', PASSING_INDIVIDUAL);
      expect((await read(path)).requirements.fullSsn?.status).toBe('pending');
      const advanced = await client.control('POST', '/advance', {});
      expect(advanced.body.advanced).toEqual([id]);
      expect((await read(path)).requirements).not.toHaveProperty('fullSsn');
    });
  });

  describe('magic values', () => {
    it('SSN 000-00-0000 is rejected, and a resubmission goes back to pending', async () => {
      const { id, path } = await createFor('custodyFiat', { ...PASSING_INDIVIDUAL, fullSsn: '000-00-0000' });
      await client.control('POST', '/advance', { customerId: id });
      const after = await read(path);
      expect(after.requirements.fullSsn).toEqual({ status: 'rejected', impact: ['custodyFiat'] });
      expect(after.capabilities.custodyFiat?.status).toBe('pending');
      await client.coinbase(updateMethod, path, { individual: { fullSsn: '123-45-6789' } });
      expect((await read(path)).requirements.fullSsn?.status).toBe('pending');
    });

    it('ZIP 00000 is rejected', async () => {
      const { id, path } = await createFor('custodyFiat', {
        ...PASSING_INDIVIDUAL,
        address: { ...PASSING_INDIVIDUAL.address, postCode: '00000' },
      });
      await client.control('POST', '/advance', { customerId: id });
      expect((await read(path)).requirements.addressPostalCode?.status).toBe('rejected');
    });

    it('a birth year of 1900 is rejected', async () => {
      const { id, path } = await createFor('custodyFiat', {
        ...PASSING_INDIVIDUAL,
        dateOfBirth: { day: '1', month: '1', year: '1900' },
      });
      await client.control('POST', '/advance', { customerId: id });
      expect((await read(path)).requirements.dateOfBirth?.status).toBe('rejected');
    });

    it('last name "Sanctioned" makes every requested capability inactive and the customer unmodifiable', async () => {
      const created = await client.coinbase('POST', '/platform/v2/customers', {
        type: 'individual',
        individual: { ...PASSING_INDIVIDUAL, lastName: 'Sanctioned' },
        tosAcceptances: [tosAcceptance],
        capabilities: { custodyFiat: { requested: true }, transferCrypto: { requested: true } },
      });
      const path = `/platform/v2/customers/${String(created.body.customerId)}`;
      await client.control('POST', '/advance', { customerId: created.body.customerId });
      const after = await read(path);
      expect(after.capabilities.custodyFiat?.status).toBe('inactive');
      expect(after.capabilities.transferCrypto?.status).toBe('inactive');
      expect(after.capabilities.tradeCrypto?.status).toBe('unrequested');
      const update = await client.coinbase(updateMethod, path, { individual: { firstName: 'Janet' } });
      // The published spec's 403 of PUT /v2/customers/{customerId}, verbatim (its only 403 on customers).
      // `unauthorizedCapabilities` belongs to `customer_not_authorized` alone, so it is absent here.
      expect(update.status).toBe(403);
      expect(update.body).toMatchObject({
        errorType: 'forbidden',
        errorMessage: 'This customer cannot be modified at this time.',
      });
      expect(update.body).not.toHaveProperty('unauthorizedCapabilities');
    });

    it('first name "Slow" stays pending through automatic verification until advanced', async () => {
      const automatic = createSandboxTestClient({ manual: false, verifyMs: 0 });
      try {
        const created = await automatic.coinbase('POST', '/platform/v2/customers', {
          type: 'individual',
          individual: { ...PASSING_INDIVIDUAL, firstName: 'Slow' },
          tosAcceptances: [tosAcceptance],
          capabilities: { custodyFiat: { requested: true } },
        });
        const path = `/platform/v2/customers/${String(created.body.customerId)}`;
        // verifyMs 0 runs on the next timer turn; this timer is queued after it.
        await new Promise((resolve) => setTimeout(resolve, 0));
        expect(
          ((await automatic.coinbase('GET', path)).body.capabilities as Capabilities).custodyFiat?.status,
        ).toBe('pending');
        await automatic.control('POST', '/advance', { customerId: created.body.customerId });
        expect(
          ((await automatic.coinbase('GET', path)).body.capabilities as Capabilities).custodyFiat?.status,
        ).toBe('active');
      } finally {
        await automatic.close();
      }
    });
  });

  describe('every requirement status can be produced', () => {
    it('eventually_due (control) does not block the capability', async () => {
      const { id, path } = await createFor('custodyFiat', PASSING_INDIVIDUAL);
      await client.coinbase(updateMethod, path, { tosAcceptances: [tosAcceptance] });
      await client.control('POST', '/advance', { customerId: id });
      const set = await client.control('POST', `/customers/${id}/requirements/phoneNumber`, {
        status: 'eventually_due',
      });
      expect(set.status).toBe(200);
      const after = await read(path);
      expect(after.requirements.phoneNumber).toEqual({ status: 'eventually_due', impact: ['custodyFiat'] });
      expect(after.capabilities.custodyFiat?.status).toBe('active');
    });

    it('due with a deadline, then overdue once the deadline has passed', async () => {
      const { id, path } = await createFor('custodyFiat');
      const future = new Date(Date.now() + 86_400_000).toISOString();
      await client.control('POST', `/customers/${id}/requirements/fullSsn`, {
        status: 'due',
        deadline: future,
      });
      expect((await read(path)).requirements.fullSsn).toMatchObject({ status: 'due', deadline: future });
      const past = new Date(Date.now() - 60_000).toISOString();
      await client.control('POST', `/customers/${id}/requirements/fullSsn`, {
        status: 'due',
        deadline: past,
      });
      expect((await read(path)).requirements.fullSsn).toMatchObject({ status: 'overdue', deadline: past });
    });

    it('overdue directly, with a deadline the sandbox fills in', async () => {
      const { id, path } = await createFor('custodyFiat');
      await client.control('POST', `/customers/${id}/requirements/addressLine1`, { status: 'overdue' });
      const requirement = (await read(path)).requirements.addressLine1;
      expect(requirement?.status).toBe('overdue');
      expect(Date.parse(requirement?.deadline ?? '')).toBeLessThanOrEqual(Date.now());
    });

    it('pending and rejected through the control API, cleared again by DELETE', async () => {
      const { id, path } = await createFor('custodyFiat');
      await client.control('POST', `/customers/${id}/requirements/sourceOfFunds`, { status: 'rejected' });
      expect((await read(path)).requirements.sourceOfFunds?.status).toBe('rejected');
      await client.control('POST', `/customers/${id}/requirements/sourceOfFunds`, { status: 'pending' });
      expect((await read(path)).requirements.sourceOfFunds?.status).toBe('pending');
      await client.control('DELETE', `/customers/${id}/requirements/sourceOfFunds`);
      expect((await read(path)).requirements.sourceOfFunds?.status).toBe('due');
    });

    it('refuses a status the provider does not have', async () => {
      const { id } = await createFor('custodyFiat');
      expect(
        (await client.control('POST', `/customers/${id}/requirements/fullSsn`, { status: 'ISSUES' })).status,
      ).toBe(400);
    });
  });

  describe('forced capability statuses', () => {
    it('forces inactive and active, and clears the force', async () => {
      const { id, path } = await createFor('custodyFiat');
      await client.control('POST', `/customers/${id}/capabilities/custodyFiat`, { status: 'inactive' });
      expect((await read(path)).capabilities.custodyFiat?.status).toBe('inactive');
      await client.control('POST', `/customers/${id}/capabilities/tradeCrypto`, { status: 'active' });
      expect((await read(path)).capabilities.tradeCrypto).toEqual({ requested: true, status: 'active' });
      await client.control('DELETE', `/customers/${id}/capabilities/custodyFiat`);
      expect((await read(path)).capabilities.custodyFiat?.status).toBe('pending');
    });

    it('refuses an unknown capability name', async () => {
      const { id } = await createFor('custodyFiat');
      expect(
        (await client.control('POST', `/customers/${id}/capabilities/teleport`, { status: 'active' })).status,
      ).toBe(400);
    });
  });

  describe('Terms of Service', () => {
    it("carries the dialect's ToS shape, with a url that serves the document in English and Spanish", async () => {
      const { path } = await createFor('custodyCrypto');
      const tos = (await read(path)).requirements.tos as {
        tosVersions?: { versionId: string; languages: string[]; url: string }[];
        url?: string;
      };
      const documentUrl = `${TEST_ORIGIN}/tos/${DEFAULT_TOS_VERSION_ID}`;
      if (dialect === 'guides') {
        // The guides' bare link, and nothing of the spec's shape.
        expect(tos.url).toBe(documentUrl);
        expect(tos).not.toHaveProperty('tosVersions');
      } else {
        expect(tos.tosVersions).toEqual([
          { versionId: DEFAULT_TOS_VERSION_ID, languages: ['en', 'es'], url: documentUrl },
        ]);
        expect(tos).not.toHaveProperty('url');
      }
      const url = tos.tosVersions?.[0]?.url ?? tos.url ?? '';
      const english = await client.sandbox.fetch(new Request(url));
      expect(english.headers.get('content-type')).toContain('text/html');
      const englishHtml = await english.text();
      expect(englishHtml).toContain('<html lang="en">');
      expect(englishHtml.match(/<p>/g)?.length).toBeGreaterThan(5);
      const spanish = await (await client.sandbox.fetch(new Request(`${url}?lang=es`))).text();
      expect(spanish).toContain('Términos de servicio');
      const byPath = await client.sandbox.fetch(new Request(`${url}/es`));
      expect(await byPath.text()).toBe(spanish);
    });

    it('serves nothing for an unpublished version or language', async () => {
      expect(
        (await client.sandbox.fetch(new Request(`${TEST_ORIGIN}/tos/us_individual_1999-01-01`))).status,
      ).toBe(404);
      expect(
        (await client.sandbox.fetch(new Request(`${TEST_ORIGIN}/tos/${DEFAULT_TOS_VERSION_ID}?lang=fr`)))
          .status,
      ).toBe(404);
    });

    it('publishing a new version adds a tos requirement to customers who accepted the old one', async () => {
      const { id, path } = await createFor('custodyCrypto', PASSING_INDIVIDUAL);
      await client.coinbase(updateMethod, path, { tosAcceptances: [tosAcceptance] });
      await client.control('POST', '/advance', { customerId: id });
      expect((await read(path)).capabilities.custodyCrypto?.status).toBe('active');

      const published = await client.control('POST', '/tos', { versionId: 'us_individual_2026-12-01' });
      expect(published.status).toBe(201);
      const after = await read(path);
      expect(after.requirements.tos).toMatchObject({
        status: 'due',
        impact: ['custodyCrypto'],
        ...(dialect === 'guides'
          ? { url: `${TEST_ORIGIN}/tos/us_individual_2026-12-01` }
          : { tosVersions: [{ versionId: 'us_individual_2026-12-01', languages: ['en', 'es'] }] }),
      });
      expect(after.capabilities.custodyCrypto?.status).toBe('pending');
      const accepted = await client.coinbase(updateMethod, path, {
        tosAcceptances: [{ versionId: 'us_individual_2026-12-01', language: 'es', acceptedAt }],
      });
      expect(accepted.body.requirements).toEqual({});
      expect(accepted.body.tosAcceptances).toHaveLength(2);
    });

    it('a new version with a future deadline leaves earlier acceptors active until then', async () => {
      const { id, path } = await createFor('custodyCrypto', PASSING_INDIVIDUAL);
      await client.coinbase(updateMethod, path, { tosAcceptances: [tosAcceptance] });
      await client.control('POST', '/advance', { customerId: id });
      const deadline = new Date(Date.now() + 7 * 86_400_000).toISOString();
      await client.control('POST', '/tos', { versionId: 'us_individual_2027-01-01', deadline });
      const after = await read(path);
      expect(after.requirements.tos).toMatchObject({ status: 'due', deadline });
      expect(after.capabilities.custodyCrypto?.status).toBe('active');
    });
  });

  describe('taxAttestation (transferFiat)', () => {
    it('lists us_w9 and clears once the W-9 is attested', async () => {
      const { path } = await createFor('transferFiat');
      expect((await read(path)).requirements.taxAttestation).toEqual({
        status: 'due',
        impact: ['transferFiat'],
        taxForms: ['us_w9'],
      });
      const attested = await client.coinbase(updateMethod, path, { taxAttestations: [w9] });
      expect(attested.body.requirements).not.toHaveProperty('taxAttestation');
      expect(JSON.stringify(attested.body)).not.toContain('isExemptBackupWithholding');
    });

    it('refuses an empty taxAttestations', async () => {
      const { path } = await createFor('transferFiat');
      const response = await client.coinbase(updateMethod, path, { taxAttestations: [] });
      expect(response.status).toBe(400);
      expect(response.body.errorType).toBe('invalid_request');
    });
  });
});
