import { describe, expect, it } from 'vitest';
import { FIELD_KEYS } from '../fields/fieldSpecFor';
import { KNOWN_CAPABILITIES } from '../model';
import {
  createOmsAdapter,
  OMS_TOS_VERSION,
  omsAdapter,
  omsEndorsementsFor,
  omsRequirementKeys,
  parseOmsWebhookEvent,
} from './omsAdapter';
import { ProviderShapeError } from './ProviderShapeError';

function omsCustomer(overrides: Record<string, unknown> = {}) {
  return {
    id: 'cst_01H9Xa8F5dN6mP3q',
    object: 'customer',
    type: 'individual',
    firstName: 'Jane',
    middleName: null,
    lastName: 'Smith',
    email: 'jane@example.com',
    phone: '+12125551234',
    countryCode: 'US',
    externalId: 'usr_12345',
    status: 'active',
    signedAgreement: true,
    signedAgreementAt: '2026-03-20T14:15:22Z',
    wallets: [],
    endorsements: [],
    metadata: null,
    createdAt: '2026-03-20T14:00:00Z',
    updatedAt: '2026-03-20T14:15:22Z',
    ...overrides,
  };
}

function endorsement(
  name: string,
  status: string,
  requirements: Partial<Record<string, readonly string[]>> = {},
) {
  return {
    name,
    status,
    requirements: { complete: [], pending: [], missing: [], issues: [], ...requirements },
    rejectionReasons: [],
  };
}

describe('omsAdapter.parseCustomer: endorsement statuses', () => {
  const table = [
    ['ACTIVE', {}, 'active', true],
    ['PENDING', {}, 'pending', true],
    ['ISSUES', { issues: ['birthDate'] }, 'pending', true],
    ['REJECTED', {}, 'inactive', true],
    ['REVOKED_ISSUES', {}, 'inactive', true],
    ['OFFBOARDED', {}, 'inactive', true],
    ['INACTIVE', {}, 'unrequested', false],
    ['INACTIVE', { missing: ['birthDate'] }, 'pending', true],
    ['FROZEN', {}, 'unknown', true],
  ] as const;
  for (const [status, requirements, expected, requested] of table) {
    for (const name of ['basic', 'cryptoCustody', 'usd']) {
      it(`maps ${name} ${status} ${JSON.stringify(requirements)} to ${expected}, keeping the raw status`, () => {
        const customer = omsAdapter.parseCustomer(
          omsCustomer({ endorsements: [endorsement(name, status, requirements)] }),
        );
        expect(customer.capabilities[name]).toEqual({ requested, status: expected, rawStatus: status });
      });
    }
  }

  it('exposes the eight kit capabilities derived from usd and cryptoCustody', () => {
    const customer = omsAdapter.parseCustomer(
      omsCustomer({
        endorsements: [
          endorsement('basic', 'ACTIVE'),
          endorsement('usd', 'ACTIVE'),
          endorsement('cryptoCustody', 'PENDING'),
        ],
      }),
    );
    expect(customer.capabilities.custodyFiat?.status).toBe('active');
    expect(customer.capabilities.transferFiat?.status).toBe('active');
    for (const name of [
      'custodyCrypto',
      'transferCrypto',
      'tradeCrypto',
      'custodyStablecoin',
      'transferStablecoin',
      'tradeStablecoin',
    ]) {
      expect(customer.capabilities[name]).toEqual({
        requested: true,
        status: 'pending',
        rawStatus: 'PENDING',
      });
    }
  });

  it('lists every endorsement and kit capability as unrequested when none is present', () => {
    const customer = omsAdapter.parseCustomer(omsCustomer());
    for (const name of ['basic', 'cryptoCustody', 'usd', ...KNOWN_CAPABILITIES]) {
      expect(customer.capabilities[name]).toEqual({ requested: false, status: 'unrequested', rawStatus: '' });
    }
  });

  it('makes every requested capability inactive when the customer itself is inactive', () => {
    const customer = omsAdapter.parseCustomer(
      omsCustomer({
        status: 'inactive',
        endorsements: [endorsement('basic', 'ACTIVE'), endorsement('usd', 'ACTIVE')],
      }),
    );
    expect(customer.capabilities.usd).toEqual({ requested: true, status: 'inactive', rawStatus: 'ACTIVE' });
    expect(customer.capabilities.custodyFiat?.status).toBe('inactive');
    expect(customer.capabilities.cryptoCustody?.status).toBe('unrequested');
  });

  it('keeps an unknown endorsement under its own name', () => {
    const customer = omsAdapter.parseCustomer(omsCustomer({ endorsements: [endorsement('eur', 'ACTIVE')] }));
    expect(customer.capabilities.eur).toEqual({ requested: true, status: 'active', rawStatus: 'ACTIVE' });
  });
});

describe('omsAdapter.parseCustomer: requirements', () => {
  const names = [
    ['firstName', ['firstName']],
    ['lastName', ['lastName']],
    ['email', ['email']],
    ['birthDate', ['dateOfBirth']],
    ['phone', ['phoneNumber']],
    ['nationality', ['citizenship']],
    [
      'residentialAddress',
      ['addressLine1', 'addressCity', 'addressSubdivision', 'addressPostalCode', 'addressCountryCode'],
    ],
    ['residentialAddress.zipCode', ['addressPostalCode']],
    ['identifyingInformation', ['fullSsn']],
    ['signedAgreement', ['tos']],
    ['proofOfAddress', ['proofOfAddress']],
  ] as const;
  for (const [name, keys] of names) {
    it(`maps the OMS name ${name} to ${keys.join(', ')}`, () => {
      expect(omsRequirementKeys(name)).toEqual(keys);
    });
    for (const [bucket, status] of [
      ['missing', 'due'],
      ['issues', 'rejected'],
      ['pending', 'pending'],
    ] as const) {
      it(`turns ${name} in ${bucket} into ${status} requirements`, () => {
        const customer = omsAdapter.parseCustomer(
          omsCustomer({ endorsements: [endorsement('usd', 'ISSUES', { [bucket]: [name] })] }),
        );
        for (const key of keys) {
          expect(customer.requirements[key]).toMatchObject({ key, status, rawStatus: bucket });
          expect(customer.requirements[key]?.impact).toEqual(['custodyFiat', 'transferFiat', 'usd']);
          expect(customer.requirements[key]?.known).toBe(name !== 'proofOfAddress');
        }
      });
    }
  }

  it('ignores complete requirements', () => {
    const customer = omsAdapter.parseCustomer(
      omsCustomer({ endorsements: [endorsement('usd', 'ACTIVE', { complete: ['birthDate', 'phone'] })] }),
    );
    expect(customer.requirements).toEqual({});
  });

  it('merges one key listed by two endorsements: the most urgent status wins, impacts are joined', () => {
    const customer = omsAdapter.parseCustomer(
      omsCustomer({
        endorsements: [
          endorsement('usd', 'PENDING', { pending: ['birthDate'] }),
          endorsement('cryptoCustody', 'ISSUES', { issues: ['birthDate'] }),
        ],
      }),
    );
    expect(customer.requirements.dateOfBirth?.status).toBe('rejected');
    expect(customer.requirements.dateOfBirth?.impact).toEqual(
      expect.arrayContaining(['usd', 'cryptoCustody', 'custodyFiat', 'tradeCrypto']),
    );
  });

  it('turns signedAgreement: false into a due tos requirement with the OMS terms version', () => {
    const customer = omsAdapter.parseCustomer(
      omsCustomer({
        signedAgreement: false,
        signedAgreementAt: null,
        endorsements: [endorsement('usd', 'INACTIVE', { missing: ['birthDate'] })],
      }),
    );
    expect(customer.requirements.tos).toMatchObject({
      key: 'tos',
      status: 'due',
      tos: { versions: [OMS_TOS_VERSION] },
    });
    expect(customer.requirements.tos?.impact).toEqual(expect.arrayContaining(['usd', 'custodyFiat']));
    expect(customer.tosAcceptances).toEqual([]);
  });

  it('records a signed agreement as an acceptance of the OMS terms version', () => {
    const customer = omsAdapter.parseCustomer(omsCustomer());
    expect(customer.tosAcceptances).toEqual([
      { versionId: OMS_TOS_VERSION.versionId, language: 'en', acceptedAt: '2026-03-20T14:15:22Z' },
    ]);
    expect(customer.requirements.tos).toBeUndefined();
  });

  it('uses the partner-configured ToS version', () => {
    const version = {
      versionId: 'partner_terms_v2',
      languages: ['en', 'es'],
      url: 'https://partner.example/terms',
    };
    const customer = createOmsAdapter({ tosVersion: version }).parseCustomer(
      omsCustomer({ signedAgreement: false }),
    );
    expect(customer.requirements.tos?.tos?.versions).toEqual([version]);
  });

  it('never carries rejectionReasons into the normalized customer', () => {
    const customer = omsAdapter.parseCustomer(
      omsCustomer({
        endorsements: [
          {
            ...endorsement('usd', 'REJECTED'),
            rejectionReasons: [{ developerReason: 'OFAC list hit 0x1', reason: 'Sanctions screening match' }],
          },
        ],
      }),
    );
    const serialized = JSON.stringify(customer);
    expect(serialized).not.toContain('OFAC');
    expect(serialized).not.toContain('Sanctions');
    expect(customer.capabilities.usd?.status).toBe('inactive');
  });

  it('reads the profile and passes the strict schema for a spec-shaped customer', () => {
    const customer = omsAdapter.parseCustomer(omsCustomer({ endorsements: [endorsement('usd', 'ACTIVE')] }), {
      strict: true,
    });
    expect(customer.profile).toEqual({ firstName: 'Jane', lastName: 'Smith', email: 'jane@example.com' });
    expect(customer.provider).toBe('oms');
  });

  it('throws a ProviderShapeError naming the path of a broken endorsement', () => {
    expect(() =>
      omsAdapter.parseCustomer(
        omsCustomer({
          endorsements: [{ name: 'usd', status: 'ACTIVE', requirements: { missing: 'birthDate' } }],
        }),
      ),
    ).toThrow(/endorsements\.0\.requirements\.missing/);
    expect(() => omsAdapter.parseCustomer({ endorsements: [] })).toThrow(ProviderShapeError);
  });

  it('rejects unknown keys and statuses under the strict schema only', () => {
    const odd = omsCustomer({ endorsements: [endorsement('usd', 'FROZEN')], loyaltyTier: 'gold' });
    expect(() => omsAdapter.parseCustomer(odd)).not.toThrow();
    expect(() => omsAdapter.parseCustomer(odd, { strict: true })).toThrow(ProviderShapeError);
  });
});

describe('omsEndorsementsFor', () => {
  const table = [
    [['custodyFiat'], ['usd']],
    [['transferFiat', 'custodyFiat'], ['usd']],
    [['custodyCrypto'], ['cryptoCustody']],
    [
      ['tradeStablecoin', 'custodyFiat'],
      ['cryptoCustody', 'usd'],
    ],
    [['basic'], ['basic']],
    [
      ['usd', 'basic'],
      ['basic', 'usd'],
    ],
    [['somethingNew'], []],
  ] as const;
  for (const [capabilities, endorsements] of table) {
    it(`requests ${JSON.stringify(endorsements)} for ${capabilities.join(', ')}`, () => {
      expect(omsEndorsementsFor(capabilities)).toEqual(endorsements);
    });
  }
});

describe('OMS webhook events', () => {
  it('reads customer.endorsement.granted as a change of the endorsement and its kit capabilities', () => {
    const event = parseOmsWebhookEvent({
      id: 'evt_1',
      type: 'customer.endorsement.granted',
      createdAt: '2026-03-20T14:20:00Z',
      data: { customerId: 'cst_01H9Xa8F5dN6mP3q', endorsement: endorsement('usd', 'ACTIVE') },
    });
    expect(event).toEqual({
      type: 'capability_changed',
      provider: 'oms',
      eventType: 'customer.endorsement.granted',
      eventId: 'evt_1',
      customerId: 'cst_01H9Xa8F5dN6mP3q',
      occurredAt: '2026-03-20T14:20:00Z',
      changes: [
        { capability: 'usd', status: 'active', rawStatus: 'ACTIVE' },
        { capability: 'custodyFiat', status: 'active', rawStatus: 'ACTIVE' },
        { capability: 'transferFiat', status: 'active', rawStatus: 'ACTIVE' },
      ],
    });
  });

  it('reads other customer.endorsement.* events and keeps other event types as unknown', () => {
    const event = parseOmsWebhookEvent({
      type: 'customer.endorsement.rejected',
      data: { customerId: 'cst_1', endorsement: { name: 'basic', status: 'REJECTED' } },
    });
    expect(event.type === 'capability_changed' && event.changes).toEqual([
      { capability: 'basic', status: 'inactive', rawStatus: 'REJECTED' },
    ]);
    expect(
      parseOmsWebhookEvent({ id: 'evt_2', type: 'wallet.created', data: { customerId: 'cst_1' } }),
    ).toEqual({
      type: 'unknown',
      provider: 'oms',
      eventType: 'wallet.created',
      eventId: 'evt_2',
      customerId: 'cst_1',
    });
    expect(() => parseOmsWebhookEvent({ data: {} })).toThrow(/type/);
    expect(() =>
      parseOmsWebhookEvent({ type: 'customer.endorsement.granted', data: { customerId: 'cst_1' } }),
    ).toThrow(/data\.endorsement/);
  });
});

describe('omsAdapter.parseCustomer: nested requirement lists', () => {
  it('flattens a nested requirement object to the field names it mentions', () => {
    const customer = omsAdapter.parseCustomer(
      omsCustomer({
        endorsements: [
          {
            name: 'usd',
            status: 'INACTIVE',
            requirements: {
              complete: [],
              pending: [],
              issues: [],
              missing: { all_of: ['birthDate', { any_of: ['identifyingInformation'] }] },
            },
          },
        ],
      }),
    );
    expect(Object.keys(customer.requirements).sort()).toEqual(['dateOfBirth', 'fullSsn']);
    expect(customer.capabilities.usd?.status).toBe('pending');
  });
});

describe('omsAdapter.parseCustomer: every kit key named directly', () => {
  for (const key of FIELD_KEYS) {
    for (const [bucket, status] of [
      ['missing', 'due'],
      ['issues', 'rejected'],
      ['pending', 'pending'],
    ] as const) {
      it(`keeps ${key} listed in ${bucket} as a known ${status} requirement`, () => {
        const customer = omsAdapter.parseCustomer(
          omsCustomer({ endorsements: [endorsement('cryptoCustody', 'INACTIVE', { [bucket]: [key] })] }),
        );
        expect(customer.requirements[key]).toMatchObject({ key, known: true, status, rawStatus: bucket });
        expect(customer.capabilities.cryptoCustody?.status).toBe('pending');
      });
    }
  }
});
