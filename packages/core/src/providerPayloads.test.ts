import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coinbaseAdapter } from './adapters/coinbaseAdapter';
import { isActionable } from './adapters/normalizeStatus';
import { omsAdapter } from './adapters/omsAdapter';
import { parseCoinbaseError, parseOmsError } from './adapters/providerError';
import { ProviderShapeError } from './adapters/ProviderShapeError';
import { FIELD_KEYS, FIELD_SECTIONS } from './fields/fieldSpecFor';
import { gate } from './gate';
import {
  capabilityNameId,
  capabilityStatusDescriptionId,
  capabilityStatusId,
  createTranslator,
  requirementStatusId,
} from './messages/messages';
import { KNOWN_CAPABILITIES, type Customer } from './model';
import { planSteps, type StepPlan } from './planSteps';
import { OMS_ENDORSEMENT_STATUSES } from './providers/omsSchemas';

// Property tests: random provider payloads, unknown names and statuses
// included, must parse, plan and gate without throwing; broken shapes must
// throw an error naming the path; and no provider text may reach a screen.

const RUNS = 1000;
// Generous: the machine is shared; speed is not what these tests assert.
const PROPERTY_TIMEOUT_MS = 60_000;

const capabilityName = fc.oneof(
  fc.constantFrom(...KNOWN_CAPABILITIES),
  fc.string({ minLength: 1, maxLength: 12 }),
);
const requirementKey = fc.oneof(fc.constantFrom(...FIELD_KEYS), fc.string({ minLength: 1, maxLength: 12 }));
const capabilityStatus = fc.oneof(
  fc.constantFrom('unrequested', 'pending', 'active', 'inactive'),
  fc.string(),
);
const requirementStatus = fc.oneof(
  fc.constantFrom('eventually_due', 'due', 'pending', 'rejected', 'overdue'),
  fc.string(),
);
const extraKeys = fc.dictionary(
  fc.string({ minLength: 1, maxLength: 8 }).map((key) => `x_${key}`),
  fc.jsonValue(),
  {
    maxKeys: 2,
  },
);

const coinbaseRequirement = fc
  .record(
    {
      status: requirementStatus,
      deadline: fc.constantFrom('2026-09-01T00:00:00Z', 'soon'),
      impact: fc.array(capabilityName, { maxLength: 4 }),
      tosVersions: fc.array(
        fc.record({
          versionId: fc.string({ minLength: 1, maxLength: 64 }),
          languages: fc.array(fc.constantFrom('en', 'es', 'fr'), { minLength: 1, maxLength: 3 }),
          url: fc.webUrl(),
        }),
        { maxLength: 2 },
      ),
      taxForms: fc.array(fc.constantFrom('us_w9', 'us_w8ben'), { maxLength: 2 }),
      url: fc.webUrl(),
    },
    { requiredKeys: ['status'] },
  )
  .chain((requirement) => extraKeys.map((extra) => ({ ...extra, ...requirement })));

const coinbaseCustomerPayload = fc
  .record(
    {
      customerId: fc.string({ minLength: 1, maxLength: 50 }),
      type: fc.constantFrom('individual', 'business'),
      capabilities: fc.dictionary(
        capabilityName,
        fc.record({ requested: fc.boolean(), status: capabilityStatus }, { requiredKeys: ['status'] }),
        { maxKeys: 10 },
      ),
      requirements: fc.dictionary(requirementKey, coinbaseRequirement, { maxKeys: 10 }),
      individual: fc.record(
        { firstName: fc.string(), lastName: fc.string(), email: fc.string() },
        { requiredKeys: [] },
      ),
      email: fc.string(),
      tosAcceptances: fc.array(
        fc.record({
          versionId: fc.string({ minLength: 1, maxLength: 64 }),
          language: fc.constantFrom('en', 'es'),
          acceptedAt: fc.string(),
        }),
        { maxLength: 2 },
      ),
      createdAt: fc.string(),
    },
    { requiredKeys: ['customerId'] },
  )
  .chain((customer) => extraKeys.map((extra) => ({ ...extra, ...customer })));

const omsRequirementName = fc.oneof(
  fc.constantFrom(
    'firstName',
    'lastName',
    'email',
    'birthDate',
    'phone',
    'nationality',
    'residentialAddress',
    'residentialAddress.zipCode',
    'identifyingInformation',
    'signedAgreement',
  ),
  fc.string({ minLength: 1, maxLength: 12 }),
);
const nameList = fc.array(omsRequirementName, { maxLength: 4 });

function omsCustomerPayload(reasonText: fc.Arbitrary<string>) {
  return fc
    .record(
      {
        id: fc.string({ minLength: 1, maxLength: 30 }),
        firstName: fc.option(fc.string(), { nil: null }),
        lastName: fc.option(fc.string(), { nil: null }),
        email: fc.option(fc.string(), { nil: null }),
        status: fc.constantFrom('active', 'inactive', 'frozen'),
        signedAgreement: fc.boolean(),
        signedAgreementAt: fc.option(fc.constant('2026-03-20T14:15:22Z'), { nil: null }),
        endorsements: fc.array(
          fc.record(
            {
              name: fc.oneof(
                fc.constantFrom('basic', 'cryptoCustody', 'usd'),
                fc.string({ minLength: 1, maxLength: 10 }),
              ),
              status: fc.oneof(fc.constantFrom(...OMS_ENDORSEMENT_STATUSES), fc.string()),
              requirements: fc.record(
                { complete: nameList, pending: nameList, missing: nameList, issues: nameList },
                { requiredKeys: [] },
              ),
              rejectionReasons: fc.array(fc.record({ developerReason: reasonText, reason: reasonText }), {
                maxLength: 2,
              }),
            },
            { requiredKeys: ['name', 'status'] },
          ),
          { maxLength: 5 },
        ),
      },
      { requiredKeys: ['id'] },
    )
    .chain((customer) => extraKeys.map((extra) => ({ ...extra, ...customer })));
}

const planOptions = fc.record({
  capabilities: fc.array(capabilityName, { maxLength: 4 }),
  include: fc.constantFrom('due' as const, 'eventually_due' as const),
});

/** The plan's invariants, as a list of violations (one `expect` per run keeps 1,000 runs fast). */
function planViolations(plan: StepPlan): string[] {
  const violations: string[] = [];
  const order = plan.steps.map((step) => FIELD_SECTIONS.indexOf(step.id));
  if (order.some((position, index) => index > 0 && position <= (order[index - 1] ?? -1)))
    violations.push('step order');
  for (const step of plan.steps) {
    if (step.fields.length === 0) violations.push(`empty step ${step.id}`);
    for (const field of step.fields) {
      const askable =
        field.status === 'not_submitted' || isActionable(field.status) || field.status === 'eventually_due';
      if (!askable) violations.push(`${field.key} asked while ${field.status}`);
      if (field.rejected !== (field.status === 'rejected')) violations.push(`${field.key} rejected flag`);
      if (field.spec.section !== step.id) violations.push(`${field.key} in step ${step.id}`);
    }
  }
  for (const field of plan.waiting) {
    if (field.status !== 'pending' && field.status !== 'unknown')
      violations.push(`${field.key} waiting while ${field.status}`);
  }
  return violations;
}

function planAndGateEverything(
  customer: Customer,
  options: { capabilities: string[]; include: 'due' | 'eventually_due' },
) {
  const plan = planSteps(customer, options);
  const gates = [...Object.keys(customer.capabilities), ...options.capabilities].map((name) =>
    gate(customer, name),
  );
  return { plan, gates };
}

describe('random Coinbase payloads', () => {
  it(
    `parse, plan and gate without throwing (${RUNS} payloads)`,
    () => {
      fc.assert(
        fc.property(coinbaseCustomerPayload, planOptions, (payload, options) => {
          const customer = coinbaseAdapter.parseCustomer(payload);
          // Unknown names and statuses are kept, never dropped; only a `__proto__`
          // key is (zod's records skip it, which closes prototype pollution).
          const keysOf = (record: object | undefined) =>
            Object.keys(record ?? {})
              .filter((key) => key !== '__proto__')
              .sort();
          expect(Object.keys(customer.capabilities).sort()).toEqual(keysOf(payload.capabilities));
          expect(Object.keys(customer.requirements).sort()).toEqual(keysOf(payload.requirements));
          const { plan, gates } = planAndGateEverything(customer, options);
          expect(planViolations(plan)).toEqual([]);
          expect(gates.filter((result) => result.allowed !== (result.status === 'active'))).toEqual([]);
        }),
        { numRuns: RUNS },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  const corruptions: [string, (payload: Record<string, unknown>) => void][] = [
    ['capabilities', (payload) => (payload.capabilities = 42)],
    [
      'capabilities.custodyFiat.status',
      (payload) => (payload.capabilities = { custodyFiat: { requested: true, status: 1 } }),
    ],
    [
      'requirements.fullSsn.impact',
      (payload) => (payload.requirements = { fullSsn: { status: 'due', impact: 'custodyFiat' } }),
    ],
    [
      'requirements.tos.tosVersions.0.languages',
      (payload) =>
        (payload.requirements = {
          tos: { status: 'due', tosVersions: [{ versionId: 'v', languages: [], url: 'https://x.example' }] },
        }),
    ],
    ['customerId', (payload) => delete payload.customerId],
    ['tosAcceptances', (payload) => (payload.tosAcceptances = {})],
  ];
  it(
    'throw a ProviderShapeError naming the path of any broken shape',
    () => {
      fc.assert(
        fc.property(coinbaseCustomerPayload, fc.constantFrom(...corruptions), (payload, [path, corrupt]) => {
          const broken: Record<string, unknown> = structuredClone(payload);
          corrupt(broken);
          try {
            coinbaseAdapter.parseCustomer(broken);
            expect.unreachable();
          } catch (error) {
            expect(error).toBeInstanceOf(ProviderShapeError);
            expect((error as ProviderShapeError).issues.map((issue) => issue.path)).toContain(path);
            expect((error as Error).message).toContain(path);
          }
        }),
        { numRuns: 200 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});

describe('random OMS payloads', () => {
  it(
    `parse, plan and gate without throwing (${RUNS} payloads)`,
    () => {
      fc.assert(
        fc.property(omsCustomerPayload(fc.string()), planOptions, (payload, options) => {
          const customer = omsAdapter.parseCustomer(payload);
          const names = [
            ...(payload.endorsements ?? []).map((endorsement) => endorsement.name),
            ...KNOWN_CAPABILITIES,
          ];
          expect(names.filter((name) => !Object.hasOwn(customer.capabilities, name))).toEqual([]);
          const { plan, gates } = planAndGateEverything(customer, options);
          expect(planViolations(plan)).toEqual([]);
          expect(gates.filter((result) => result.allowed !== (result.status === 'active'))).toEqual([]);
        }),
        { numRuns: RUNS },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  const corruptions: [string, (payload: Record<string, unknown>) => void][] = [
    ['endorsements', (payload) => (payload.endorsements = 'usd')],
    ['endorsements.0.status', (payload) => (payload.endorsements = [{ name: 'usd', status: 3 }])],
    [
      'endorsements.0.requirements.issues.0',
      (payload) =>
        (payload.endorsements = [{ name: 'usd', status: 'ISSUES', requirements: { issues: [1] } }]),
    ],
    ['signedAgreement', (payload) => (payload.signedAgreement = 'yes')],
    ['id', (payload) => delete payload.id],
  ];
  it(
    'throw a ProviderShapeError naming the path of any broken shape',
    () => {
      fc.assert(
        fc.property(
          omsCustomerPayload(fc.string()),
          fc.constantFrom(...corruptions),
          (payload, [path, corrupt]) => {
            const broken: Record<string, unknown> = structuredClone(payload);
            corrupt(broken);
            expect(() => omsAdapter.parseCustomer(broken)).toThrow(ProviderShapeError);
            try {
              omsAdapter.parseCustomer(broken);
            } catch (error) {
              expect((error as ProviderShapeError).issues.map((issue) => issue.path)).toContain(path);
            }
          },
        ),
        { numRuns: 200 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});

describe('no upstream text reaches a screen', () => {
  // A marker that no catalogue text contains, wrapped around random text.
  const marker = fc.string({ minLength: 1, maxLength: 12 }).map((text) => `⟦upstream:${text}⟧`);
  const translators = [createTranslator('en'), createTranslator('es')];

  function renderedTexts(plan: StepPlan, gates: ReturnType<typeof gate>[]): string[] {
    const ids: string[] = [];
    for (const step of plan.steps) {
      ids.push(step.titleId);
      for (const field of [...step.fields]) {
        ids.push(field.spec.labelId, requirementStatusId(field.status));
        if (field.spec.hintId !== undefined) ids.push(field.spec.hintId);
        if (field.rejected) ids.push('field.rejected');
      }
    }
    for (const field of plan.waiting) ids.push(field.spec.labelId, requirementStatusId(field.status));
    for (const result of gates) {
      ids.push(result.messageId, capabilityNameId(result.capability));
      ids.push(capabilityStatusId(result.status), capabilityStatusDescriptionId(result.status));
    }
    return translators.flatMap((translate) => ids.map((id) => translate(id)));
  }

  it(
    'OMS rejectionReasons and developerReason never appear in plans, gates or messages',
    () => {
      fc.assert(
        fc.property(omsCustomerPayload(marker), planOptions, (payload, options) => {
          const customer = omsAdapter.parseCustomer(payload);
          const { plan, gates } = planAndGateEverything(customer, options);
          const serialized = JSON.stringify({ customer, plan, gates });
          expect(serialized).not.toContain('⟦upstream:');
          expect(renderedTexts(plan, gates).filter((text) => text.includes('⟦upstream:'))).toEqual([]);
        }),
        { numRuns: RUNS },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'unknown capability names, requirement keys and statuses are never interpolated into messages',
    () => {
      const markedPayload = fc.record({
        customerId: fc.constant('customer_af2937b0-9846-4fe7-bfe9-ccc22d935114'),
        capabilities: fc.dictionary(marker, fc.record({ requested: fc.boolean(), status: marker }), {
          minKeys: 1,
          maxKeys: 3,
        }),
        requirements: fc.dictionary(
          marker,
          fc.record({ status: marker, impact: fc.array(marker, { maxLength: 2 }) }),
          {
            maxKeys: 3,
          },
        ),
      });
      fc.assert(
        fc.property(markedPayload, (payload) => {
          const customer = coinbaseAdapter.parseCustomer(payload);
          const { plan, gates } = planAndGateEverything(customer, {
            capabilities: [],
            include: 'eventually_due',
          });
          expect(gates.every((result) => !result.allowed)).toBe(true);
          expect(renderedTexts(plan, gates).filter((text) => text.includes('⟦upstream:'))).toEqual([]);
        }),
        { numRuns: 300 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'provider error messages never reach the normalized error',
    () => {
      fc.assert(
        fc.property(marker, fc.string(), fc.integer({ min: 400, max: 599 }), (message, errorType, status) => {
          for (const error of [
            parseCoinbaseError({ errorType: errorType || 'x', errorMessage: message }, status),
            parseOmsError({ code: errorType, message, error: message }, status),
          ]) {
            expect(JSON.stringify(error)).not.toContain('⟦upstream:');
            for (const translate of translators) expect(translate(error.messageId)).not.toBe('');
          }
        }),
        { numRuns: 300 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
