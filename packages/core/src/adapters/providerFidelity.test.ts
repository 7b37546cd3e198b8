import { describe, expect, it } from 'vitest';
import { buildTosAcceptance, TosAcceptanceError } from '../buildTosAcceptance';
import { planSteps } from '../planSteps';
import { coinbaseAdapter, createCoinbaseAdapter } from './coinbaseAdapter';
import { isIsoDateTime } from './isIsoDateTime';
import { omsAdapter, omsRequirementKeys, parseOmsWebhookEvent } from './omsAdapter';
import { tosVersionFromUrl } from './tosVersionFromUrl';

// Every documented shape of both providers, fed through the adapters as a
// partner going live would meet them (issue #14).

const customerId = 'customer_af2937b0-9846-4fe7-bfe9-ccc22d935114';

function guidesCustomer(requirements: Record<string, unknown>) {
  return {
    customerId,
    email: 'jane.smith@example.com',
    phone: '+14155550100',
    individual: { firstName: 'Jane', lastName: 'Smith' },
    capabilities: { custodyFiat: { requested: true, status: 'pending' } },
    requirements,
    tosAcceptances: [],
  };
}

const guidesTosUrl = 'https://docs.cdp.coinbase.com/legal/terms/us_individual_2026-05-29';

describe('Coinbase guides-shape Terms of Service (requirements.tos = { status, url })', () => {
  const customer = coinbaseAdapter.parseCustomer(
    guidesCustomer({ tos: { status: 'due', impact: ['custodyFiat'], url: guidesTosUrl } }),
  );

  it('plans a terms step that shows the document at the url', () => {
    const plan = planSteps(customer, { capabilities: ['custodyFiat'] });
    const terms = plan.steps.find((step) => step.id === 'terms');
    expect(terms?.tos?.versions).toEqual([
      { versionId: 'us_individual_2026-05-29', languages: ['en'], url: guidesTosUrl },
    ]);
  });

  it('records an acceptance of the version the url names, as the guides submit it', () => {
    const requirement = customer.requirements.tos;
    expect(requirement).toBeDefined();
    if (requirement === undefined) return;
    expect(
      buildTosAcceptance(requirement, {
        versionId: 'us_individual_2026-05-29',
        language: 'en',
        acceptedAt: '2026-05-01T10:01:00Z',
      }),
    ).toEqual({ versionId: 'us_individual_2026-05-29', language: 'en', acceptedAt: '2026-05-01T10:01:00Z' });
  });

  it('takes the version from a partner resolver when one is given', () => {
    const adapter = createCoinbaseAdapter({
      resolveTosVersion: ({ url }) =>
        url.startsWith('https://docs.cdp.coinbase.com/legal/terms/')
          ? { versionId: 'us_individual_2026-06-01', languages: ['en', 'es'] }
          : undefined,
    });
    const resolved = adapter.parseCustomer(
      guidesCustomer({
        tos: { status: 'due', url: 'https://docs.cdp.coinbase.com/legal/terms/us_individual' },
      }),
    );
    expect(resolved.requirements.tos?.tos?.versions).toEqual([
      {
        versionId: 'us_individual_2026-06-01',
        languages: ['en', 'es'],
        url: 'https://docs.cdp.coinbase.com/legal/terms/us_individual',
      },
    ]);
    const unresolved = adapter.parseCustomer(
      guidesCustomer({ tos: { status: 'due', url: 'https://elsewhere.example/terms/v1' } }),
    );
    expect(unresolved.requirements.tos?.tos?.versions).toEqual([]);
    const requirement = unresolved.requirements.tos;
    if (requirement === undefined) throw new Error('tos requirement expected');
    expect(() =>
      buildTosAcceptance(requirement, {
        versionId: 'v1',
        language: 'en',
        acceptedAt: '2026-05-01T10:01:00Z',
      }),
    ).toThrow(TosAcceptanceError);
  });

  it("keeps the spec's tosVersions when both shapes are sent", () => {
    const both = coinbaseAdapter.parseCustomer(
      guidesCustomer({
        tos: {
          status: 'due',
          url: guidesTosUrl,
          tosVersions: [{ versionId: 'spec_v', languages: ['en'], url: 'https://docs.cdp.coinbase.com/t' }],
        },
      }),
    );
    expect(both.requirements.tos?.tos?.versions.map((version) => version.versionId)).toEqual(['spec_v']);
  });

  it('derives versions by the documented url rule', () => {
    expect(tosVersionFromUrl('https://host.example/tos/us_2026-05-29?lang=es')).toEqual({
      versionId: 'us_2026-05-29',
      languages: ['es'],
      url: 'https://host.example/tos/us_2026-05-29',
    });
    expect(tosVersionFromUrl('https://host.example/terms?versionId=v7')?.versionId).toBe('v7');
    expect(tosVersionFromUrl('https://host.example/legal/terms.html')?.versionId).toBe('terms');
    expect(tosVersionFromUrl('https://host.example/')).toBeUndefined();
    expect(tosVersionFromUrl('https://host.example/a%20b')).toBeUndefined();
    expect(tosVersionFromUrl('javascript:alert(1)')).toBeUndefined();
    expect(tosVersionFromUrl('not a url')).toBeUndefined();
  });
});

describe('deadlines', () => {
  it('keeps an ISO deadline and drops provider text', () => {
    const customer = coinbaseAdapter.parseCustomer(
      guidesCustomer({
        fullSsn: { status: 'due', deadline: '2026-09-01T00:00:00Z' },
        addressLine1: { status: 'due', deadline: 'as soon as possible' },
        addressCity: { status: 'due', deadline: '2026-02-31' },
      }),
    );
    expect(customer.requirements.fullSsn?.deadline).toBe('2026-09-01T00:00:00Z');
    expect(customer.requirements.addressLine1).not.toHaveProperty('deadline');
    expect(customer.requirements.addressCity).not.toHaveProperty('deadline');
  });

  it('recognises ISO 8601 dates and date-times only', () => {
    expect(isIsoDateTime('2026-09-01')).toBe(true);
    expect(isIsoDateTime('2026-09-01T10:00:00.000+02:00')).toBe(true);
    expect(isIsoDateTime('Sep 1, 2026')).toBe(false);
    expect(isIsoDateTime('1756684800000')).toBe(false);
    expect(isIsoDateTime(undefined)).toBe(false);
  });
});

function omsCustomer(overrides: Record<string, unknown>) {
  return {
    id: 'cst_01H9Xa8F5dN6mP3q',
    object: 'customer',
    type: 'individual',
    status: 'active',
    signedAgreement: true,
    endorsements: [],
    ...overrides,
  };
}

describe('OMS requirement names', () => {
  it.each([
    ['ssn', 'fullSsn'],
    ['itin', 'itin'],
    ['passport', 'passport'],
    ['driversLicense', 'driversLicense'],
    ['identifyingInformation.ssn', 'fullSsn'],
    ['identifyingInformation.passport', 'passport'],
  ])('maps %s to the kit key %s', (name, key) => {
    expect(omsRequirementKeys(name)).toEqual([key]);
    const customer = omsAdapter.parseCustomer(
      omsCustomer({
        endorsements: [{ name: 'cryptoCustody', status: 'INACTIVE', requirements: { missing: [name] } }],
      }),
    );
    expect(Object.keys(customer.requirements)).toEqual([key]);
    expect(customer.requirements[key]?.status).toBe('due');
  });

  it('never turns a text leaf of a nested missing object into a requirement key', () => {
    const customer = omsAdapter.parseCustomer(
      omsCustomer({
        endorsements: [
          {
            name: 'usd',
            status: 'INACTIVE',
            requirements: {
              missing: {
                all_of: ['birthDate', { any_of: ['ssn', 'passport'], description: 'One identity document' }],
                message: 'Provide the missing information',
                hint: 'x',
              },
            },
          },
        ],
      }),
    );
    expect(Object.keys(customer.requirements).sort()).toEqual(['dateOfBirth', 'fullSsn', 'passport']);
  });
});

describe('lenient OMS parsing of documented shapes', () => {
  it('reads endorsements given as names, as in OMS create example', () => {
    const customer = omsAdapter.parseCustomer(omsCustomer({ endorsements: ['basic', 'usd'] }));
    expect(customer.capabilities.usd).toMatchObject({ requested: true, status: 'unknown' });
    expect(customer.capabilities.custodyFiat).toMatchObject({ requested: true });
    expect(customer.capabilities.cryptoCustody).toMatchObject({ requested: false, status: 'unrequested' });
  });

  it('reads `type` in place of `name`, a map keyed by name, and lower-case statuses', () => {
    const typed = omsAdapter.parseCustomer(
      omsCustomer({ endorsements: [{ type: 'usd', status: 'ACTIVE' }] }),
    );
    expect(typed.capabilities.custodyFiat?.status).toBe('active');
    const mapped = omsAdapter.parseCustomer(
      omsCustomer({ endorsements: { cryptoCustody: { status: 'active' } } }),
    );
    expect(mapped.capabilities.custodyCrypto?.status).toBe('active');
    expect(mapped.capabilities.custodyCrypto?.rawStatus).toBe('active');
  });

  it('reads issues given as objects, keeping the field and never the message', () => {
    const customer = omsAdapter.parseCustomer(
      omsCustomer({
        endorsements: [
          {
            name: 'usd',
            status: 'ISSUES',
            requirements: {
              issues: [
                { field: 'birthDate', message: 'Date of birth does not match records' },
                { name: 'ssn', reason: 'mismatch' },
              ],
            },
          },
        ],
      }),
    );
    expect(Object.keys(customer.requirements).sort()).toEqual(['dateOfBirth', 'fullSsn']);
    expect(customer.requirements.dateOfBirth?.status).toBe('rejected');
    expect(JSON.stringify(customer)).not.toContain('does not match');
  });

  it('reads a webhook whose endorsement carries `type` in place of `name`', () => {
    const event = parseOmsWebhookEvent({
      id: 'evt_1',
      type: 'customer.endorsement.granted',
      data: { customerId: 'cst_1', endorsement: { type: 'usd', status: 'ACTIVE' } },
    });
    expect(event.type === 'capability_changed' && event.changes.map((change) => change.capability)).toEqual([
      'usd',
      'custodyFiat',
      'transferFiat',
    ]);
  });
});

describe('OMS terms for endorsements that cannot be granted', () => {
  it('asks for no terms when every requested endorsement is rejected or offboarded', () => {
    const customer = omsAdapter.parseCustomer(
      omsCustomer({
        signedAgreement: false,
        endorsements: [
          { name: 'usd', status: 'REJECTED', requirements: { missing: ['signedAgreement'] } },
          { name: 'cryptoCustody', status: 'OFFBOARDED' },
        ],
      }),
    );
    expect(customer.requirements.tos).toBeUndefined();
    expect(planSteps(customer, { capabilities: [] }).steps.map((step) => step.id)).not.toContain('terms');
  });

  it('asks for terms only on behalf of the endorsements still open', () => {
    const customer = omsAdapter.parseCustomer(
      omsCustomer({
        signedAgreement: false,
        endorsements: [
          { name: 'usd', status: 'REJECTED' },
          { name: 'cryptoCustody', status: 'PENDING' },
        ],
      }),
    );
    const impact = customer.requirements.tos?.impact ?? [];
    expect(impact).toContain('cryptoCustody');
    expect(impact).not.toContain('usd');
    expect(impact).not.toContain('custodyFiat');
    expect(planSteps(customer, { capabilities: ['custodyFiat'] }).steps).toEqual([]);
  });
});
