import { describe, expect, it } from 'vitest';
import { coinbaseAdapter } from './adapters/coinbaseAdapter';
import { OMS_TOS_VERSION, omsAdapter } from './adapters/omsAdapter';
import { FIELD_KEYS } from './fields/fieldSpecFor';
import type { Customer, Requirement, RequirementStatus } from './model';
import { planSteps } from './planSteps';

const customerId = 'customer_af2937b0-9846-4fe7-bfe9-ccc22d935114';

function coinbaseCustomer(
  requirements: Record<string, unknown>,
  capabilities: Record<string, unknown> = {},
): Customer {
  return coinbaseAdapter.parseCustomer({
    customerId,
    capabilities: { custodyFiat: { requested: true, status: 'pending' }, ...capabilities },
    requirements,
  });
}

const summary = (customer: Customer | null, capabilities: string[], include?: 'due' | 'eventually_due') => {
  const plan = planSteps(customer, include === undefined ? { capabilities } : { capabilities, include });
  return {
    steps: plan.steps.map((step) => [step.id, step.fields.map((field) => field.key)]),
    waiting: plan.waiting.map((field) => field.key),
    complete: plan.complete,
  };
};

describe('planSteps before the customer exists', () => {
  it('asks the base fields of seed 003, grouped and ordered, with a terms step', () => {
    expect(summary(null, ['custodyFiat'])).toEqual({
      steps: [
        ['personal', ['firstName', 'lastName', 'dateOfBirth']],
        [
          'address',
          ['addressLine1', 'addressCity', 'addressSubdivision', 'addressPostalCode', 'addressCountryCode'],
        ],
        ['taxId', ['fullSsn']],
        ['financial', ['purposeOfAccount', 'sourceOfFunds']],
        ['terms', ['tos']],
      ],
      waiting: [],
      complete: false,
    });
  });

  it('adds the tradeCrypto extras: citizenship, employment, occupation, volume, email, phone', () => {
    expect(summary(null, ['custodyFiat', 'tradeCrypto']).steps).toEqual([
      ['personal', ['firstName', 'lastName', 'dateOfBirth', 'citizenship']],
      [
        'address',
        ['addressLine1', 'addressCity', 'addressSubdivision', 'addressPostalCode', 'addressCountryCode'],
      ],
      ['taxId', ['fullSsn']],
      [
        'financial',
        ['purposeOfAccount', 'sourceOfFunds', 'employmentStatus', 'occupation', 'expectedVolume'],
      ],
      ['contact', ['email', 'phoneNumber']],
      ['terms', ['tos']],
    ]);
  });

  it('plans for every capability when none is named', () => {
    expect(summary(null, [])).toEqual(summary(null, ['custodyFiat', 'tradeCrypto']));
  });

  it('marks every field not_submitted and, for OMS, offers its terms version', () => {
    const plan = planSteps(null, { capabilities: ['custodyFiat'], provider: 'oms' });
    expect(plan.steps.flatMap((step) => step.fields).every((field) => field.status === 'not_submitted')).toBe(
      true,
    );
    expect(plan.steps.find((step) => step.id === 'financial')).toBeUndefined();
    expect(plan.steps.at(-1)?.tos).toEqual({ versions: [OMS_TOS_VERSION] });
  });
});

describe('planSteps from a customer', () => {
  const statuses: [
    RequirementStatus | 'under_review',
    'step' | 'waiting' | 'none',
    'step' | 'waiting' | 'none',
  ][] = [
    ['due', 'step', 'step'],
    ['rejected', 'step', 'step'],
    ['overdue', 'step', 'step'],
    ['pending', 'waiting', 'waiting'],
    ['eventually_due', 'none', 'step'],
    ['under_review', 'waiting', 'waiting'],
  ];
  for (const key of [...FIELD_KEYS, 'proofOfAddress']) {
    for (const [status, withDue, withEventually] of statuses) {
      it(`${key} ${status}: ${withDue} (include due), ${withEventually} (include eventually_due)`, () => {
        const customer = coinbaseCustomer({ [key]: { status, impact: ['custodyFiat'] } });
        for (const [include, expected] of [
          ['due', withDue],
          ['eventually_due', withEventually],
        ] as const) {
          const plan = planSteps(customer, { capabilities: ['custodyFiat'], include });
          const inSteps = plan.steps.flatMap((step) => step.fields).map((field) => field.key);
          const waiting = plan.waiting.map((field) => field.key);
          const unsupported = plan.unsupported.map((field) => field.key);
          // A key no spec describes is asked as "contact support", never as a field nobody can submit.
          const supported = key !== 'proofOfAddress';
          expect(inSteps.includes(key)).toBe(expected === 'step' && supported);
          expect(unsupported.includes(key)).toBe(expected === 'step' && !supported);
          expect(waiting.includes(key)).toBe(expected === 'waiting');
          expect(plan.complete).toBe(expected === 'none');
        }
      });
    }
  }

  it('marks a rejected field so the UI asks to check it and enter it again', () => {
    const plan = planSteps(coinbaseCustomer({ fullSsn: { status: 'rejected', impact: ['custodyFiat'] } }), {
      capabilities: ['custodyFiat'],
    });
    expect(plan.steps[0]?.fields[0]).toMatchObject({ key: 'fullSsn', status: 'rejected', rejected: true });
  });

  it('passes deadlines through', () => {
    const plan = planSteps(
      coinbaseCustomer({
        addressSubdivision: { status: 'overdue', impact: ['custodyFiat'], deadline: '2026-06-01T00:00:00Z' },
      }),
      { capabilities: ['custodyFiat'] },
    );
    expect(plan.steps[0]?.fields[0]).toMatchObject({
      status: 'overdue',
      rejected: false,
      deadline: '2026-06-01T00:00:00Z',
    });
  });

  it('only plans requirements that block the named capabilities (or that name no capability)', () => {
    const customer = coinbaseCustomer({
      firstName: { status: 'due', impact: ['custodyFiat'] },
      occupation: { status: 'due', impact: ['tradeCrypto'] },
      sourceOfFunds: { status: 'due' },
    });
    expect(summary(customer, ['custodyFiat']).steps).toEqual([
      ['personal', ['firstName']],
      ['financial', ['sourceOfFunds']],
    ]);
    expect(summary(customer, []).steps).toEqual([
      ['personal', ['firstName']],
      ['financial', ['sourceOfFunds', 'occupation']],
    ]);
  });

  it('carries the ToS versions on the terms step', () => {
    const versions = [
      {
        versionId: 'us_individual_2026-05-29',
        languages: ['en', 'es'],
        url: 'https://docs.cdp.coinbase.com/legal/terms/us_individual',
      },
    ];
    const plan = planSteps(
      coinbaseCustomer({ tos: { status: 'due', impact: ['custodyFiat'], tosVersions: versions } }),
      {
        capabilities: ['custodyFiat'],
      },
    );
    expect(plan.steps).toHaveLength(1);
    expect(plan.steps[0]).toMatchObject({ id: 'terms', titleId: 'step.terms.title', tos: { versions } });
  });

  it('asks again only the fields that came back after a submit', () => {
    const before = coinbaseCustomer({
      firstName: { status: 'due', impact: ['custodyFiat'] },
      fullSsn: { status: 'due', impact: ['custodyFiat'] },
      addressPostalCode: { status: 'due', impact: ['custodyFiat'] },
    });
    expect(summary(before, ['custodyFiat']).steps.flatMap(([, keys]) => keys)).toHaveLength(3);
    // The provider verified the name, is checking the SSN and rejected the ZIP code.
    const after = coinbaseCustomer({
      fullSsn: { status: 'pending', impact: ['custodyFiat'] },
      addressPostalCode: { status: 'rejected', impact: ['custodyFiat'] },
    });
    expect(summary(after, ['custodyFiat'])).toEqual({
      steps: [['address', ['addressPostalCode']]],
      waiting: ['fullSsn'],
      complete: false,
    });
  });

  it('is complete when nothing is outstanding', () => {
    expect(
      summary(coinbaseCustomer({}, { custodyFiat: { requested: true, status: 'active' } }), ['custodyFiat']),
    ).toEqual({
      steps: [],
      waiting: [],
      complete: true,
    });
  });

  it('plans an OMS customer through its endorsement requirements and the unsigned agreement', () => {
    const customer = omsAdapter.parseCustomer({
      id: 'cst_1',
      signedAgreement: false,
      endorsements: [
        {
          name: 'usd',
          status: 'ISSUES',
          requirements: {
            complete: ['firstName'],
            pending: ['birthDate'],
            missing: ['residentialAddress'],
            issues: ['identifyingInformation'],
          },
        },
      ],
    });
    const plan = planSteps(customer, { capabilities: ['custodyFiat'] });
    expect(plan.steps.map((step) => [step.id, step.fields.map((field) => field.key)])).toEqual([
      [
        'address',
        ['addressLine1', 'addressCity', 'addressSubdivision', 'addressPostalCode', 'addressCountryCode'],
      ],
      ['taxId', ['fullSsn']],
      ['terms', ['tos']],
    ]);
    expect(plan.steps[1]?.fields[0]?.rejected).toBe(true);
    expect(plan.waiting.map((field) => field.key)).toEqual(['dateOfBirth']);
    expect(plan.steps[2]?.tos?.versions).toEqual([OMS_TOS_VERSION]);
  });

  it('does not change the customer it plans from', () => {
    const customer = coinbaseCustomer({
      tos: {
        status: 'due',
        tosVersions: [{ versionId: 'v', languages: ['en'], url: 'https://x.example/t' }],
      },
    });
    const snapshot = structuredClone(customer);
    const plan = planSteps(customer, { capabilities: [] });
    plan.steps[0]?.tos?.versions[0]?.languages.push('fr');
    expect(customer).toEqual(snapshot);
    const requirement: Requirement | undefined = customer.requirements.tos;
    expect(requirement?.tos?.versions[0]?.languages).toEqual(['en']);
  });
});
