import { describe, expect, it } from 'vitest';
import { FIELD_KEYS } from '../fields/fieldSpecFor';
import { KNOWN_CAPABILITIES } from '../model';
import { coinbaseAdapter, parseCoinbaseWebhookEvent } from './coinbaseAdapter';
import { ProviderShapeError } from './ProviderShapeError';

const customerId = 'customer_af2937b0-9846-4fe7-bfe9-ccc22d935114';

// The guides' customer object (seed 000), verbatim apart from the id.
const guidesCustomer = {
  customerId,
  email: 'jane.smith@example.com',
  phone: '+14155550100',
  individual: {
    firstName: 'Jane',
    lastName: 'Smith',
    dateOfBirth: { day: '15', month: '01', year: '1990' },
    address: {
      line1: '123 Main St',
      city: 'San Francisco',
      state: 'CA',
      postCode: '94105',
      countryCode: 'US',
    },
    purposeOfAccount: 'investing',
    sourceOfFunds: 'employment',
  },
  capabilities: {
    custodyFiat: { requested: true, status: 'active' },
    custodyStablecoin: { requested: true, status: 'active' },
    transferFiat: { requested: true, status: 'active' },
    transferCrypto: { requested: true, status: 'pending' },
    custodyCrypto: { requested: false, status: 'unrequested' },
    transferStablecoin: { requested: false, status: 'unrequested' },
    tradeStablecoin: { requested: false, status: 'unrequested' },
    tradeCrypto: { requested: false, status: 'unrequested' },
  },
  requirements: {
    tos: {
      status: 'due',
      impact: ['custodyFiat'],
      url: 'https://docs.cdp.coinbase.com/legal/terms/us_individual',
    },
  },
  tosAcceptances: [
    { versionId: 'us_individual_2026-05-29', language: 'en', acceptedAt: '2026-05-01T10:01:00Z' },
  ],
  createdAt: '2026-05-01T10:00:00Z',
  updatedAt: '2026-05-01T10:02:00Z',
};

// The published spec's shape: contact fields inside `individual`, ToS versions, tax forms.
const specCustomer = {
  customerId,
  type: 'individual',
  capabilities: {
    custodyCrypto: { requested: true, status: 'pending' },
    transferFiat: { requested: true, status: 'pending' },
  },
  requirements: {
    firstName: { status: 'due', impact: ['custodyCrypto', 'transferCrypto'] },
    fullSsn: { status: 'rejected', impact: ['custodyCrypto'] },
    sourceOfFunds: { status: 'due' },
    tos: {
      status: 'due',
      impact: ['transferFiat'],
      deadline: '2026-09-01T00:00:00Z',
      tosVersions: [
        {
          versionId: 'us_individual_2026-05-29',
          languages: ['en', 'es'],
          url: 'https://docs.cdp.coinbase.com/legal/terms/us_individual',
        },
      ],
    },
    taxAttestation: { status: 'due', impact: ['transferFiat'], taxForms: ['us_w9'] },
  },
  individual: { firstName: 'Jane', lastName: 'Doe', email: 'jane.doe@example.com' },
  tosAcceptances: [],
  createdAt: '2026-01-10T14:25:00Z',
  updatedAt: '2026-01-10T14:30:00Z',
};

describe('coinbaseAdapter.parseCustomer', () => {
  it('reads the guides customer: capabilities, the ToS link and the top-level email', () => {
    const customer = coinbaseAdapter.parseCustomer(guidesCustomer);
    expect(customer.id).toBe(customerId);
    expect(customer.provider).toBe('coinbase');
    expect(customer.capabilities.transferCrypto).toEqual({
      requested: true,
      status: 'pending',
      rawStatus: 'pending',
    });
    // The guides' bare url; its version by the documented rule (the last path segment).
    expect(customer.requirements.tos?.tos).toEqual({
      versions: [
        {
          versionId: 'us_individual',
          languages: ['en'],
          url: 'https://docs.cdp.coinbase.com/legal/terms/us_individual',
        },
      ],
      url: 'https://docs.cdp.coinbase.com/legal/terms/us_individual',
    });
    expect(customer.profile).toEqual({
      firstName: 'Jane',
      lastName: 'Smith',
      email: 'jane.smith@example.com',
    });
    expect(customer.tosAcceptances).toHaveLength(1);
  });

  it('never copies write-only identity data into the normalized customer', () => {
    const serialized = JSON.stringify(coinbaseAdapter.parseCustomer(guidesCustomer));
    for (const secret of ['123 Main St', '94105', '1990', 'San Francisco', '+14155550100']) {
      expect(serialized).not.toContain(secret);
    }
  });

  it('reads the spec customer: ToS versions, tax forms, deadlines and missing impact', () => {
    const customer = coinbaseAdapter.parseCustomer(specCustomer);
    expect(customer.requirements.tos).toEqual({
      key: 'tos',
      known: true,
      status: 'due',
      rawStatus: 'due',
      deadline: '2026-09-01T00:00:00Z',
      impact: ['transferFiat'],
      tos: {
        versions: [
          {
            versionId: 'us_individual_2026-05-29',
            languages: ['en', 'es'],
            url: 'https://docs.cdp.coinbase.com/legal/terms/us_individual',
          },
        ],
      },
    });
    expect(customer.requirements.taxAttestation?.taxForms).toEqual(['us_w9']);
    expect(customer.requirements.sourceOfFunds?.impact).toEqual([]);
    expect(customer.profile.email).toBe('jane.doe@example.com');
  });

  it('passes the strict (spec) schema for the spec customer', () => {
    expect(() => coinbaseAdapter.parseCustomer(specCustomer, { strict: true })).not.toThrow();
  });

  it('rejects the guides shape under the strict schema, naming the path', () => {
    expect(() => coinbaseAdapter.parseCustomer(guidesCustomer, { strict: true })).toThrow(ProviderShapeError);
  });

  const capabilityStatuses = [
    ['unrequested', 'unrequested'],
    ['pending', 'pending'],
    ['active', 'active'],
    ['inactive', 'inactive'],
    ['suspended', 'unknown'],
    ['', 'unknown'],
  ] as const;
  for (const capability of [...KNOWN_CAPABILITIES, 'payoutCrypto']) {
    for (const [raw, normalized] of capabilityStatuses) {
      it(`maps capability ${capability} with status "${raw}" to ${normalized}, keeping the raw status`, () => {
        const customer = coinbaseAdapter.parseCustomer({
          customerId,
          capabilities: { [capability]: { requested: raw !== 'unrequested', status: raw } },
          requirements: {},
        });
        expect(customer.capabilities[capability]).toEqual({
          requested: raw !== 'unrequested',
          status: normalized,
          rawStatus: raw,
        });
      });
    }
  }

  it('derives `requested` from the status when a lenient payload omits it', () => {
    const customer = coinbaseAdapter.parseCustomer({
      customerId,
      capabilities: { custodyFiat: { status: 'active' }, tradeCrypto: { status: 'unrequested' } },
    });
    expect(customer.capabilities.custodyFiat?.requested).toBe(true);
    expect(customer.capabilities.tradeCrypto?.requested).toBe(false);
    expect(customer.requirements).toEqual({});
  });

  const requirementStatuses = [
    ['eventually_due', 'eventually_due'],
    ['due', 'due'],
    ['pending', 'pending'],
    ['rejected', 'rejected'],
    ['overdue', 'overdue'],
    ['under_review', 'unknown'],
  ] as const;
  for (const key of [...FIELD_KEYS, 'passportNumber']) {
    for (const [raw, normalized] of requirementStatuses) {
      it(`maps requirement ${key} with status ${raw} to ${normalized}`, () => {
        const customer = coinbaseAdapter.parseCustomer({
          customerId,
          capabilities: {},
          requirements: { [key]: { status: raw, impact: ['custodyFiat'] } },
        });
        expect(customer.requirements[key]).toMatchObject({
          key,
          known: key !== 'passportNumber',
          status: normalized,
          rawStatus: raw,
          impact: ['custodyFiat'],
        });
      });
    }
  }

  it('throws a ProviderShapeError naming the path of a broken field', () => {
    const broken = {
      customerId,
      capabilities: { custodyFiat: { requested: true, status: 7 } },
      requirements: {},
    };
    expect(() => coinbaseAdapter.parseCustomer(broken)).toThrow(/capabilities\.custodyFiat\.status/);
    try {
      coinbaseAdapter.parseCustomer({
        customerId,
        requirements: { fullSsn: { status: 'due', impact: 'all' } },
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ProviderShapeError);
      expect((error as ProviderShapeError).path).toBe('requirements.fullSsn.impact');
    }
  });

  it('throws on a customer without an id, and never puts values in the message', () => {
    expect(() => coinbaseAdapter.parseCustomer({ capabilities: {} })).toThrow(/customerId/);
    expect(() => coinbaseAdapter.parseCustomer(null)).toThrow(ProviderShapeError);
    try {
      coinbaseAdapter.parseCustomer({ customerId: 123456789, individual: { firstName: 'Jane' } });
    } catch (error) {
      expect(String(error)).not.toContain('123456789');
    }
  });
});

describe('coinbase webhook events', () => {
  it('reads the spec event customers.capability.changed with several changes', () => {
    const event = parseCoinbaseWebhookEvent({
      eventId: '3a7f8b2e-1c4d-4e9a-b5f6-d8a2c0e7f194',
      eventType: 'customers.capability.changed',
      timestamp: '2026-04-01T12:00:02Z',
      data: {
        customerId,
        capabilities: [
          { code: 'custodyFiat', status: 'inactive' },
          { code: 'transferFiat', status: 'active' },
        ],
      },
    });
    expect(event).toEqual({
      type: 'capability_changed',
      provider: 'coinbase',
      eventType: 'customers.capability.changed',
      eventId: '3a7f8b2e-1c4d-4e9a-b5f6-d8a2c0e7f194',
      customerId,
      occurredAt: '2026-04-01T12:00:02Z',
      changes: [
        { capability: 'custodyFiat', status: 'inactive', rawStatus: 'inactive' },
        { capability: 'transferFiat', status: 'active', rawStatus: 'active' },
      ],
    });
  });

  it('reads the spec event customers.customer.deleted', () => {
    expect(
      parseCoinbaseWebhookEvent({
        eventId: 'e1',
        eventType: 'customers.customer.deleted',
        timestamp: '2026-04-01T12:00:02Z',
        data: { customerId },
      }),
    ).toEqual({
      type: 'customer_deleted',
      provider: 'coinbase',
      eventType: 'customers.customer.deleted',
      eventId: 'e1',
      customerId,
      occurredAt: '2026-04-01T12:00:02Z',
    });
  });

  it("reads the guides' customer.capability.status_changed with its requirements", () => {
    const event = parseCoinbaseWebhookEvent({
      type: 'customer.capability.status_changed',
      data: {
        customerId,
        capability: 'custodyFiat',
        previousStatus: 'pending',
        status: 'active',
        requirements: { tos: { status: 'due', impact: ['custodyFiat'] } },
      },
    });
    expect(event.type).toBe('capability_changed');
    if (event.type !== 'capability_changed') return;
    expect(event.changes).toEqual([
      { capability: 'custodyFiat', status: 'active', rawStatus: 'active', previousStatus: 'pending' },
    ]);
    expect(event.requirements?.tos?.status).toBe('due');
  });

  it('keeps an unknown event type as unknown instead of failing', () => {
    expect(
      parseCoinbaseWebhookEvent({
        eventId: 'e2',
        eventType: 'customers.wallet.created',
        data: { customerId },
      }),
    ).toEqual({
      type: 'unknown',
      provider: 'coinbase',
      eventType: 'customers.wallet.created',
      eventId: 'e2',
      customerId,
    });
  });

  it('throws on a body without an event type, or a known event with a broken body', () => {
    expect(() => parseCoinbaseWebhookEvent({ data: {} })).toThrow(/eventType/);
    expect(() =>
      parseCoinbaseWebhookEvent({
        eventId: 'e3',
        eventType: 'customers.capability.changed',
        timestamp: '2026-04-01T12:00:02Z',
        data: { customerId, capabilities: 'custodyFiat' },
      }),
    ).toThrow(/data\.capabilities/);
  });
});
