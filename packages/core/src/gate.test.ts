import { describe, expect, it } from 'vitest';
import { coinbaseAdapter } from './adapters/coinbaseAdapter';
import { omsAdapter } from './adapters/omsAdapter';
import { gate } from './gate';
import { es } from './locales/es';
import { createTranslator, messages } from './messages/messages';
import { KNOWN_CAPABILITIES } from './model';

// Spanish ships as its own entry point; this is how a partner's app reads it.
const spanish = createTranslator('es', es);

const customerId = 'customer_af2937b0-9846-4fe7-bfe9-ccc22d935114';

function coinbaseCustomer(status: string, requirements: Record<string, unknown> = {}) {
  return coinbaseAdapter.parseCustomer({
    customerId,
    capabilities: Object.fromEntries(
      KNOWN_CAPABILITIES.map((name) => [name, { requested: status !== 'unrequested', status }]),
    ),
    requirements,
  });
}

describe('gate on a Coinbase customer', () => {
  const table = [
    ['active', {}, true, 'active', []],
    ['active', { occupation: { status: 'eventually_due' } }, true, 'active', []],
    ['inactive', { fullSsn: { status: 'rejected' } }, false, 'unavailable', []],
    ['unrequested', {}, false, 'not_requested', []],
    ['pending', { fullSsn: { status: 'due' } }, false, 'needs_input', ['fullSsn']],
    ['pending', { fullSsn: { status: 'rejected' } }, false, 'needs_input', ['fullSsn']],
    ['pending', { fullSsn: { status: 'overdue' } }, false, 'needs_input', ['fullSsn']],
    ['pending', { fullSsn: { status: 'pending' }, tos: { status: 'due' } }, false, 'needs_input', ['tos']],
    ['pending', { fullSsn: { status: 'pending' } }, false, 'verifying', ['fullSsn']],
    ['pending', { fullSsn: { status: 'eventually_due' } }, false, 'verifying', []],
    ['pending', {}, false, 'verifying', []],
    ['paused', {}, false, 'verifying', []],
    ['paused', { email: { status: 'due' } }, false, 'needs_input', ['email']],
  ] as const;
  for (const capability of KNOWN_CAPABILITIES) {
    for (const [status, requirements, allowed, reason, blocking] of table) {
      it(`${capability} ${status} with ${JSON.stringify(requirements)}: ${reason}`, () => {
        const result = gate(coinbaseCustomer(status, requirements), capability);
        expect(result).toMatchObject({ allowed, capability, reason, messageId: `gate.reason.${reason}` });
        expect(result.blocking.map((requirement) => requirement.key)).toEqual(blocking);
      });
    }
  }

  it('only counts requirements that block the capability', () => {
    const customer = coinbaseCustomer('pending', { occupation: { status: 'due', impact: ['tradeCrypto'] } });
    expect(gate(customer, 'custodyFiat').reason).toBe('verifying');
    expect(gate(customer, 'tradeCrypto').reason).toBe('needs_input');
  });

  it('answers not_requested with no customer or an absent capability', () => {
    expect(gate(null, 'custodyFiat')).toEqual({
      allowed: false,
      capability: 'custodyFiat',
      status: 'unrequested',
      reason: 'not_requested',
      blocking: [],
      messageId: 'gate.reason.not_requested',
    });
    expect(gate(coinbaseCustomer('active'), 'lendCrypto').reason).toBe('not_requested');
    expect(gate(coinbaseCustomer('active'), 'toString').reason).toBe('not_requested');
  });

  it('shows only the generic support message for an inactive capability', () => {
    const result = gate(coinbaseCustomer('inactive'), 'custodyFiat');
    expect(messages.en[result.messageId]).toBe(
      "We're unable to complete this request. Please contact support.",
    );
    expect(spanish(result.messageId)).toBe(
      'No podemos completar esta solicitud. Comuníquese con el servicio de asistencia.',
    );
  });
});

describe('gate on an OMS customer', () => {
  const table = [
    ['ACTIVE', {}, 'active'],
    ['PENDING', { pending: ['birthDate'] }, 'verifying'],
    ['ISSUES', { issues: ['identifyingInformation'] }, 'needs_input'],
    ['INACTIVE', { missing: ['residentialAddress'] }, 'needs_input'],
    ['INACTIVE', {}, 'not_requested'],
    ['REJECTED', {}, 'unavailable'],
    ['REVOKED_ISSUES', {}, 'unavailable'],
    ['OFFBOARDED', {}, 'unavailable'],
    ['ON_HOLD', {}, 'verifying'],
  ] as const;
  for (const [status, requirements, reason] of table) {
    for (const capability of ['usd', 'custodyFiat', 'transferFiat']) {
      it(`${capability} when usd is ${status}: ${reason}`, () => {
        const customer = omsAdapter.parseCustomer({
          id: 'cst_1',
          signedAgreement: true,
          endorsements: [
            {
              name: 'usd',
              status,
              requirements: { complete: [], pending: [], missing: [], issues: [], ...requirements },
            },
          ],
        });
        expect(gate(customer, capability).reason).toBe(reason);
      });
    }
  }

  it('names the blocking requirements and allows only an ACTIVE endorsement', () => {
    const endorsement = (status: string, requirements: Record<string, string[]>) =>
      omsAdapter.parseCustomer({
        id: 'cst_1',
        signedAgreement: true,
        endorsements: [
          {
            name: 'usd',
            status,
            requirements: { complete: [], pending: [], missing: [], issues: [], ...requirements },
          },
        ],
      });
    const issues = gate(endorsement('ISSUES', { issues: ['identifyingInformation'] }), 'usd');
    expect(issues).toMatchObject({
      allowed: false,
      reason: 'needs_input',
      messageId: 'gate.reason.needs_input',
    });
    expect(issues.blocking.map((requirement) => requirement.key)).toEqual(['fullSsn']);
    const active = gate(endorsement('ACTIVE', { complete: ['identifyingInformation'] }), 'usd');
    expect(active).toMatchObject({ allowed: true, status: 'active', reason: 'active', blocking: [] });
  });

  it('asks for the terms when the agreement is not signed', () => {
    const customer = omsAdapter.parseCustomer({
      id: 'cst_1',
      signedAgreement: false,
      endorsements: [
        {
          name: 'usd',
          status: 'INACTIVE',
          requirements: { complete: [], pending: [], missing: ['signedAgreement'], issues: [] },
        },
      ],
    });
    const result = gate(customer, 'usd');
    expect(result).toMatchObject({ allowed: false, reason: 'needs_input' });
    expect(result.blocking.map((requirement) => requirement.key)).toContain('tos');
  });
});
