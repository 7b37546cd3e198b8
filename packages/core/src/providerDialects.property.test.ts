import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coinbaseAdapter } from './adapters/coinbaseAdapter';
import { isIsoDateTime } from './adapters/isIsoDateTime';
import { omsAdapter } from './adapters/omsAdapter';
import { FIELD_KEYS } from './fields/fieldSpecFor';
import { gate } from './gate';
import { es } from './locales/es';
import {
  capabilityNameId,
  capabilityStatusDescriptionId,
  capabilityStatusId,
  createTranslator,
  hasMessage,
  messages,
  requirementStatusId,
} from './messages/messages';
import { KNOWN_CAPABILITIES, type Customer } from './model';
import { planSteps } from './planSteps';
import { OMS_ENDORSEMENT_STATUSES } from './providers/omsSchemas';

// Issue #14, case 8: 1,000 random provider payloads of each published
// dialect (the Coinbase guides', the Coinbase spec's, OMS's documented
// shapes), unknown keys and statuses included, never crash the adapters, the
// planner or the gate, and every user-facing text is a catalogue message.
// Provider text is marked so that any leak shows.

const RUNS = 1000;
// Generous: the machine is shared; speed is not what these tests assert.
const TIMEOUT_MS = 120_000;

const marker = fc.string({ minLength: 1, maxLength: 10 }).map((text) => `⟦provider:${text}⟧`);
const text = fc.oneof(marker, fc.string({ maxLength: 12 }));
const capabilityName = fc.oneof(fc.constantFrom(...KNOWN_CAPABILITIES), marker);
const requirementKey = fc.oneof(fc.constantFrom(...FIELD_KEYS), fc.constant('tos'), marker);
const capabilityStatus = fc.oneof(fc.constantFrom('unrequested', 'pending', 'active', 'inactive'), marker);
const requirementStatus = fc.oneof(
  fc.constantFrom('eventually_due', 'due', 'pending', 'rejected', 'overdue'),
  marker,
);
const deadline = fc.oneof(
  fc.constantFrom('2026-09-01T00:00:00Z', '2026-09-01', '2026-02-31', 'soon'),
  marker,
);
const tosUrl = fc.oneof(
  fc.constantFrom(
    'https://docs.cdp.coinbase.com/legal/terms/us_individual_2026-05-29',
    'https://docs.cdp.coinbase.com/legal/terms/',
    'http://localhost:4010/tos/us_individual_2026-05-29?lang=es',
  ),
  fc.webUrl(),
  marker,
);
const extraKeys = fc.dictionary(
  fc.string({ minLength: 1, maxLength: 6 }).map((key) => `x_${key}`),
  fc.oneof(text, fc.jsonValue()),
  { maxKeys: 2 },
);
const withExtras = <T extends object>(arbitrary: fc.Arbitrary<T>) =>
  arbitrary.chain((value) => extraKeys.map((extra) => ({ ...extra, ...value })));

const capabilities = fc.dictionary(
  capabilityName,
  fc.record({ requested: fc.boolean(), status: capabilityStatus }, { requiredKeys: ['status'] }),
  { maxKeys: 8 },
);

/** The guides: `tos = { status, url }`, contact fields at the top. */
const guidesCustomer = withExtras(
  fc.record(
    {
      customerId: fc.constant('customer_af2937b0-9846-4fe7-bfe9-ccc22d935114'),
      email: text,
      phone: text,
      individual: fc.record({ firstName: text, lastName: text }, { requiredKeys: [] }),
      capabilities,
      requirements: fc.dictionary(
        requirementKey,
        withExtras(
          fc.record(
            {
              status: requirementStatus,
              deadline,
              impact: fc.array(capabilityName, { maxLength: 3 }),
              url: tosUrl,
            },
            { requiredKeys: ['status'] },
          ),
        ),
        { maxKeys: 8 },
      ),
    },
    { requiredKeys: ['customerId'] },
  ),
);

/** The spec: `tos.tosVersions[]`, contact fields in `individual`. */
const specCustomer = withExtras(
  fc.record(
    {
      customerId: fc.constant('customer_af2937b0-9846-4fe7-bfe9-ccc22d935114'),
      type: fc.constant('individual'),
      individual: fc.record({ firstName: text, lastName: text, email: text }, { requiredKeys: [] }),
      capabilities,
      requirements: fc.dictionary(
        requirementKey,
        withExtras(
          fc.record(
            {
              status: requirementStatus,
              deadline,
              impact: fc.array(capabilityName, { maxLength: 3 }),
              tosVersions: fc.array(
                fc.record({
                  versionId: fc.oneof(fc.constant('us_individual_2026-05-29'), marker),
                  languages: fc.array(fc.constantFrom('en', 'es'), { minLength: 1, maxLength: 2 }),
                  url: tosUrl,
                }),
                { maxLength: 2 },
              ),
            },
            { requiredKeys: ['status'] },
          ),
        ),
        { maxKeys: 8 },
      ),
      tosAcceptances: fc.array(
        fc.record({
          versionId: fc.oneof(marker, fc.string({ minLength: 1, maxLength: 64 })),
          language: fc.constantFrom('en', 'es'),
          acceptedAt: text,
        }),
        { maxLength: 2 },
      ),
    },
    { requiredKeys: ['customerId'] },
  ),
);

const omsName = fc.oneof(
  fc.constantFrom(
    'birthDate',
    'phone',
    'residentialAddress',
    'ssn',
    'itin',
    'passport',
    'driversLicense',
    'identifyingInformation.ssn',
    'signedAgreement',
  ),
  marker,
);
/** A requirement list in each documented form: names, objects with a message, nested trees with text leaves. */
const omsList = fc.oneof(
  fc.array(omsName, { maxLength: 3 }),
  fc.array(fc.record({ field: omsName, message: marker }), { maxLength: 3 }),
  fc.record({
    all_of: fc.array(fc.oneof(omsName, fc.record({ any_of: fc.array(omsName), description: marker })), {
      maxLength: 3,
    }),
    message: marker,
  }),
);
const endorsementName = fc.oneof(fc.constantFrom('basic', 'cryptoCustody', 'usd'), marker);
const endorsementStatus = fc.oneof(
  fc.constantFrom(...OMS_ENDORSEMENT_STATUSES),
  fc.constantFrom('active', 'pending'),
  marker,
);
const endorsementBody = fc.record(
  {
    status: endorsementStatus,
    requirements: fc.record(
      { complete: omsList, pending: omsList, missing: omsList, issues: omsList },
      { requiredKeys: [] },
    ),
    rejectionReasons: fc.array(fc.record({ developerReason: marker, reason: marker }), { maxLength: 2 }),
  },
  { requiredKeys: [] },
);
/** Endorsements as objects with `name`, with `type`, as bare names, or as a map keyed by name. */
const endorsements = fc.oneof(
  fc.array(
    fc.tuple(endorsementName, endorsementBody).map(([name, body]) => ({ name, ...body })),
    { maxLength: 4 },
  ),
  fc.array(
    fc.tuple(endorsementName, endorsementBody).map(([type, body]) => ({ type, ...body })),
    { maxLength: 4 },
  ),
  fc.array(endorsementName, { maxLength: 3 }),
  fc.dictionary(endorsementName, endorsementBody, { maxKeys: 3 }),
);
const omsCustomer = withExtras(
  fc.record(
    {
      id: fc.constant('cst_01H9Xa8F5dN6mP3q'),
      firstName: fc.option(text, { nil: null }),
      status: fc.oneof(fc.constantFrom('active', 'inactive'), marker),
      signedAgreement: fc.boolean(),
      endorsements,
    },
    { requiredKeys: ['id'] },
  ),
);

const guidesEvent = fc.record({
  type: fc.constant('customer.capability.status_changed'),
  data: fc.record({
    customerId: fc.constant('customer_af2937b0-9846-4fe7-bfe9-ccc22d935114'),
    capability: capabilityName,
    previousStatus: capabilityStatus,
    status: capabilityStatus,
    requirements: fc.dictionary(
      requirementKey,
      fc.record({ status: requirementStatus, url: tosUrl, deadline }, { requiredKeys: ['status'] }),
      { maxKeys: 3 },
    ),
  }),
});
const specEvent = fc.record({
  eventId: fc.uuid(),
  eventType: fc.constantFrom('customers.capability.changed', 'customers.customer.deleted'),
  timestamp: fc.constant('2026-05-01T10:00:00Z'),
  data: fc.record({
    customerId: fc.constant('customer_af2937b0-9846-4fe7-bfe9-ccc22d935114'),
    capabilities: fc.array(fc.record({ code: capabilityName, status: capabilityStatus }), {
      minLength: 1,
      maxLength: 3,
    }),
  }),
});
const omsEvent = fc.record({
  id: fc.constant('evt_1'),
  type: fc.constantFrom('customer.endorsement.granted', 'customer.endorsement.updated'),
  data: fc.record({
    customerId: fc.constant('cst_1'),
    endorsement: fc.oneof(
      fc.tuple(endorsementName, endorsementBody).map(([name, body]) => ({ name, ...body })),
      fc.tuple(endorsementName, endorsementBody).map(([type, body]) => ({ type, ...body })),
      endorsementName,
    ),
  }),
});

const catalogueTexts = new Set([...Object.values(messages.en), ...Object.values(es)]);
const translators = [createTranslator('en'), createTranslator('es', es)];

/** Every text a screen would show for this customer, and whatever broke the rules. */
function violations(customer: Customer): string[] {
  const found: string[] = [];
  const ids: string[] = [];
  for (const capabilities of [[], ['custodyFiat'], ['usd']]) {
    const plan = planSteps(customer, { capabilities, include: 'eventually_due' });
    for (const step of plan.steps) {
      ids.push(step.titleId);
      for (const field of step.fields) {
        ids.push(field.spec.labelId, requirementStatusId(field.status));
        if (field.spec.hintId !== undefined) ids.push(field.spec.hintId);
        if (field.deadline !== undefined && !isIsoDateTime(field.deadline))
          found.push(`deadline ${field.deadline}`);
      }
      for (const version of step.tos?.versions ?? []) {
        if (version.languages.some((language) => !/^[A-Za-z-]{2,12}$/.test(language)))
          found.push(`language ${version.languages.join()}`);
      }
    }
    for (const field of plan.waiting) ids.push(field.spec.labelId, requirementStatusId(field.status));
  }
  for (const name of [...Object.keys(customer.capabilities), ...KNOWN_CAPABILITIES]) {
    const result = gate(customer, name);
    ids.push(result.messageId, capabilityNameId(result.capability));
    ids.push(capabilityStatusId(result.status), capabilityStatusDescriptionId(result.status));
  }
  for (const id of ids) {
    if (!hasMessage(id)) found.push(`not a catalogue id: ${id}`);
    for (const translate of translators) {
      const shown = translate(id);
      if (!catalogueTexts.has(shown)) found.push(`not a catalogue text: ${shown}`);
    }
  }
  // Deadlines reach the screen only through formatting, which takes ISO dates only.
  for (const requirement of Object.values(customer.requirements)) {
    if (requirement.deadline !== undefined && !isIsoDateTime(requirement.deadline))
      found.push(`requirement deadline ${requirement.deadline}`);
  }
  return found;
}

function omsLeaks(customer: Customer): string[] {
  // OMS keys come from field names only: never a message, a description or a rejection reason.
  return Object.keys(customer.requirements).filter((key) => key.includes('⟦') || /\s/.test(key));
}

describe('random payloads of every published dialect', () => {
  it(
    `Coinbase guides: ${RUNS} customers parse, plan and gate with catalogue texts only`,
    () => {
      fc.assert(
        fc.property(guidesCustomer, (payload) => {
          const customer = coinbaseAdapter.parseCustomer(payload);
          expect(violations(customer)).toEqual([]);
          // Any version a guides url yields is a plain version id, never provider text.
          for (const version of customer.requirements.tos?.tos?.versions ?? [])
            expect(version.versionId).toMatch(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/);
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT_MS,
  );

  it(
    `Coinbase spec: ${RUNS} customers parse, plan and gate with catalogue texts only`,
    () => {
      fc.assert(
        fc.property(specCustomer, (payload) => {
          expect(violations(coinbaseAdapter.parseCustomer(payload))).toEqual([]);
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT_MS,
  );

  it(
    `OMS: ${RUNS} customers in every documented endorsement shape parse without a shape error or a leak`,
    () => {
      fc.assert(
        fc.property(omsCustomer, (payload) => {
          const customer = omsAdapter.parseCustomer(payload);
          expect(violations(customer)).toEqual([]);
          expect(omsLeaks(customer)).toEqual([]);
          expect(JSON.stringify(customer.requirements)).not.toMatch(/⟦provider:[^⟧]*⟧\W*(?:could|message)/);
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT_MS,
  );

  it(
    `webhooks: ${RUNS} events of each provider normalize without a crash`,
    () => {
      fc.assert(
        fc.property(guidesEvent, specEvent, omsEvent, (guides, spec, omsBody) => {
          const events = [
            coinbaseAdapter.parseWebhookEvent(guides),
            coinbaseAdapter.parseWebhookEvent(spec),
            omsAdapter.parseWebhookEvent(omsBody),
          ];
          expect(events.map((event) => event.type)).not.toContain(undefined);
          for (const requirement of Object.values(
            events[0]?.type === 'capability_changed' ? (events[0].requirements ?? {}) : {},
          )) {
            if (requirement.deadline !== undefined) expect(isIsoDateTime(requirement.deadline)).toBe(true);
          }
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT_MS,
  );
});
