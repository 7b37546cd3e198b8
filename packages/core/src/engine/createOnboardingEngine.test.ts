import { describe, expect, it } from 'vitest';
import { validateFields } from '../fields/validateFields';
import type { Customer, RequirementStatus } from '../model';
import { createOnboardingEngine, emptyFormValues } from './createOnboardingEngine';
import { onboardingStatus } from './onboardingStatus';
import type {
  DraftStore,
  EngineError,
  EngineForm,
  EngineTransport,
  FlowPlanRecord,
} from './createOnboardingEngine';

// The engine with no React and no DOM: a plain object as the form, a Map as draft storage,
// and a transport that answers what the test says.

function customer(
  requirements: Record<string, RequirementStatus>,
  options: { id?: string; requested?: boolean; status?: 'pending' | 'inactive' } = {},
): Customer {
  return {
    id: options.id ?? 'customer_1',
    provider: 'coinbase',
    capabilities: {
      custodyFiat: {
        requested: options.requested ?? true,
        status: options.status ?? 'pending',
        rawStatus: options.status ?? 'pending',
      },
    },
    requirements: Object.fromEntries(
      Object.entries(requirements).map(([key, status]) => [
        key,
        { key, known: true, status, rawStatus: status, impact: ['custodyFiat'] },
      ]),
    ),
    tosAcceptances: [],
    profile: {},
  };
}

/** A form as react-hook-form behaves for the engine: values, dirtiness, validation by the specs, errors. */
function fakeForm(): EngineForm & {
  values: Record<string, unknown>;
  errors: Map<string, string>;
  type: (key: string, value: unknown) => void;
} {
  const dirty = new Set<string>();
  const form = {
    values: emptyFormValues(),
    errors: new Map<string, string>(),
    type(key: string, value: unknown) {
      form.values[key] = value;
      dirty.add(key);
    },
    getValues: () => ({ ...form.values }),
    setValue(key: string, value: unknown, options: { dirty: boolean }) {
      form.values[key] = value;
      if (options.dirty) dirty.add(key);
    },
    isDirty: (key: string) => dirty.has(key),
    reset(values: Record<string, unknown>) {
      form.values = { ...values };
      dirty.clear();
      form.errors.clear();
    },
    async validate(keys: readonly string[]) {
      const result = validateFields(form.values, keys);
      return result.ok ? [] : Object.keys(result.errors);
    },
    showServerErrors(errors: readonly { key: string; message: string }[]) {
      for (const { key, message } of errors) form.errors.set(key, message);
    },
    clearErrors(keys: readonly string[]) {
      for (const key of keys) form.errors.delete(key);
    },
  };
  return form;
}

function mapDrafts(): DraftStore & {
  entries: Map<string, Record<string, unknown>>;
  plans: Map<string, FlowPlanRecord>;
} {
  const entries = new Map<string, Record<string, unknown>>();
  const plans = new Map<string, FlowPlanRecord>();
  return {
    entries,
    plans,
    read: (scope) => entries.get(scope) ?? {},
    write: (scope, values) => {
      if (Object.values(values).every((value) => value === '' || value === undefined)) entries.delete(scope);
      else entries.set(scope, values);
    },
    clear: (scope) => {
      entries.delete(scope);
      plans.delete(scope);
    },
    readPlan: (scope) => plans.get(scope),
    writePlan: (scope, plan) => plans.set(scope, structuredClone(plan)),
  };
}

type Write = { method: 'create' | 'update'; body: unknown; idempotencyKey: string };

function fakeTransport(answers: (Customer | Error)[]): EngineTransport & { writes: Write[] } {
  const writes: Write[] = [];
  const answer = async (write: Write) => {
    writes.push(write);
    const next = answers.shift();
    if (next === undefined) throw new Error('no answer left');
    if (next instanceof Error) throw next;
    return next;
  };
  return {
    writes,
    createCustomer: (body, { idempotencyKey }) => answer({ method: 'create', body, idempotencyKey }),
    updateCustomer: (body, { idempotencyKey }) => answer({ method: 'update', body, idempotencyKey }),
  };
}

class ApiError extends Error implements EngineError {
  constructor(
    readonly code: string,
    readonly fields?: Record<string, { code: string; message: string }>,
  ) {
    super(code);
  }
}

function setup(
  options: {
    customer?: Customer | null;
    /** The customer is still being read (`customer` is `undefined` at start). */
    loading?: boolean;
    answers?: (Customer | Error)[];
    userKey?: string;
    drafts?: ReturnType<typeof mapDrafts>;
    review?: boolean;
    capabilities?: string[];
    /** Shared with an engine made before (the same proxy client on the page). */
    transport?: ReturnType<typeof fakeTransport>;
  } = {},
) {
  const form = fakeForm();
  const transport = options.transport ?? fakeTransport(options.answers ?? []);
  const drafts = options.drafts ?? mapDrafts();
  let keys = 0;
  const stale: number[] = [];
  const cached: Customer[] = [];
  const engine = createOnboardingEngine<ApiError>({
    customer: options.loading === true ? undefined : options.customer === undefined ? null : options.customer,
    capabilities: options.capabilities ?? ['custodyFiat'],
    form,
    transport,
    drafts,
    userKey: options.userKey,
    review: options.review,
    createIdempotencyKey: () => `key-${(keys += 1)}`,
    toError: (error) => (error instanceof ApiError ? error : new ApiError('internal_error')),
    onStale: () => stale.push(1),
    onCustomer: (saved) => cached.push(saved),
  });
  const disconnect = engine.connect();
  const stepId = () => engine.getSnapshot().step?.id;
  return { engine, form, transport, drafts, stale, cached, disconnect, stepId };
}

const about = {
  firstName: 'Ada',
  lastName: 'Lovelace',
  dateOfBirth: { day: '10', month: '12', year: '1990' },
};
function typeAbout(form: ReturnType<typeof fakeForm>) {
  for (const [key, value] of Object.entries(about)) form.type(key, value);
}

describe('the onboarding engine: steps', () => {
  it('plans the first step at once for a customer that does not exist yet', () => {
    const { engine } = setup();
    expect(engine.getSnapshot().step?.fields.map((field) => field.key)).toEqual([
      'firstName',
      'lastName',
      'dateOfBirth',
    ]);
  });

  it('creates the customer with the first step, then moves to the next step the answer asks for', async () => {
    const saved = customer({ addressLine1: 'due', email: 'due' });
    const { engine, form, transport, stepId } = setup({ answers: [saved] });
    typeAbout(form);
    const result = await engine.submitStep();
    expect(result).toMatchObject({ ok: true, stepId: 'personal' });
    expect(transport.writes[0]).toMatchObject({
      method: 'create',
      body: { capabilities: ['custodyFiat'], fields: about },
    });
    expect(stepId()).toBe('address');
    expect(engine.getSnapshot().customer).toBe(saved);
  });

  it('updates an existing customer, asking with the fields for capabilities a failed request did not get', async () => {
    const existing = customer({ firstName: 'due' }, { requested: false });
    const { engine, form, transport } = setup({
      customer: existing,
      answers: [new ApiError('internal_error'), customer({})],
    });
    await Promise.resolve();
    typeAbout(form);
    await engine.submitStep();
    expect(transport.writes[1]).toMatchObject({
      method: 'update',
      body: { fields: about, capabilities: ['custodyFiat'] },
    });
  });

  it('refuses an invalid step without a request and counts the failure', async () => {
    const { engine, transport } = setup();
    expect(await engine.submitStep()).toEqual({
      ok: false,
      stepId: 'personal',
      code: 'invalid_fields',
      fieldKeys: ['firstName', 'lastName', 'dateOfBirth'],
    });
    expect(transport.writes).toHaveLength(0);
    expect(engine.getSnapshot().failedSubmitCount).toBe(1);
  });

  it('sends one request when submit is called twice before the first answers', async () => {
    const { engine, form, transport } = setup({ answers: [customer({ email: 'due' })] });
    typeAbout(form);
    const [first, second] = await Promise.all([engine.submitStep(), engine.submitStep()]);
    expect(first.ok).toBe(true);
    expect(second).toMatchObject({ ok: false, code: 'busy' });
    expect(transport.writes).toHaveLength(1);
  });

  it('keeps saved steps reachable with back and goToStep, never forward past the current one', async () => {
    const { engine, form, stepId } = setup({ answers: [customer({ email: 'due' })] });
    typeAbout(form);
    await engine.submitStep();
    expect(engine.getSnapshot().steps.map((step) => step.id)).toEqual(['personal', 'contact']);
    expect(stepId()).toBe('contact');
    engine.back();
    expect(stepId()).toBe('personal');
    engine.goToStep(1);
    expect(stepId()).toBe('personal');
    expect(form.values.firstName).toBe('Ada');
  });

  it('asks only the field that came back rejected on a saved step', async () => {
    const { engine, form, stepId } = setup({ answers: [customer({ lastName: 'rejected' })] });
    typeAbout(form);
    await engine.submitStep();
    expect(stepId()).toBe('personal');
    expect(engine.getSnapshot().step?.fields.map((field) => [field.key, field.rejected])).toEqual([
      ['lastName', true],
    ]);
  });

  it('re-collects a value rejected after the Terms: only its step, no Back into verified steps, an error on it', async () => {
    const { engine, form, stepId } = setup({
      answers: [customer({ fullSsn: 'due' }), customer({ fullSsn: 'pending' })],
    });
    typeAbout(form);
    await engine.submitStep();
    expect(stepId()).toBe('taxId');
    form.type('fullSsn', '000-00-0000');
    await engine.submitStep();
    // The Terms are accepted elsewhere; then the provider rejects the SSN.
    engine.setCustomer(customer({ fullSsn: 'rejected' }));
    const snapshot = engine.getSnapshot();
    expect(snapshot.steps.map((step) => step.id)).toEqual(['taxId']);
    expect(snapshot.stepIndex).toBe(0);
    expect(snapshot.rejectedKeys).toEqual(['fullSsn']);
    engine.back();
    expect(stepId()).toBe('taxId');
    // The generic message (never why) sits on the field until its value changes.
    expect(form.errors.get('fullSsn')).toBe('field.rejected');
    expect(engine.serverErrorFor('fullSsn', '000-00-0000')).toBe('field.rejected');
    expect(engine.serverErrorFor('fullSsn', '123-45-6789')).toBeUndefined();
  });

  it('flags a rejection the customer already has when the form connects, once', () => {
    const { engine, form } = setup({ customer: customer({ fullSsn: 'rejected' }) });
    expect(engine.getSnapshot().rejectedKeys).toEqual(['fullSsn']);
    expect(form.errors.get('fullSsn')).toBe('field.rejected');
    form.errors.clear();
    engine.setCustomer(customer({ fullSsn: 'rejected', email: 'due' }));
    expect(form.errors.has('fullSsn')).toBe(false);
  });

  it('does not pull the user off their step when a live update arrives later', async () => {
    const { engine, form, stepId } = setup({ answers: [customer({ email: 'due', occupation: 'due' })] });
    typeAbout(form);
    await engine.submitStep();
    expect(stepId()).toBe('financial');
    engine.setCustomer(customer({ email: 'due', occupation: 'due', addressCity: 'due' }));
    expect(stepId()).toBe('financial');
  });
});

describe('the onboarding engine: idempotency', () => {
  it('reuses the key for a retry of the same body and takes a new one for a changed body', async () => {
    const failure = new ApiError('upstream_unavailable');
    const { engine, form, transport } = setup({
      answers: [failure, failure, customer({ email: 'due' })],
    });
    typeAbout(form);
    await engine.submitStep();
    await engine.submitStep();
    form.type('firstName', 'Augusta');
    await engine.submitStep();
    expect(transport.writes.map((write) => write.idempotencyKey)).toEqual(['key-1', 'key-1', 'key-2']);
  });

  it('takes a new key after a success, even for the same body', async () => {
    const existing = customer({ firstName: 'due' });
    const { engine, form, transport } = setup({
      customer: existing,
      // Still due after the save (a rejected value would be refused until it changes).
      answers: [customer({ firstName: 'due' }), customer({})],
    });
    form.type('firstName', 'Ada');
    await engine.submitStep();
    await engine.submitStep();
    expect(transport.writes.map((write) => write.idempotencyKey)).toEqual(['key-1', 'key-2']);
  });
});

describe('the onboarding engine: server errors', () => {
  it('puts field errors on their fields until the value changes, and shows the step they are on', async () => {
    const refusal = new ApiError('invalid_fields', {
      firstName: { code: 'field.error.characters', message: 'Remove the special characters you entered' },
    });
    const existing = customer({ firstName: 'due', email: 'due' });
    const { engine, form, stepId } = setup({
      customer: existing,
      answers: [customer({ email: 'due' }), refusal],
    });
    form.type('firstName', 'Ada');
    await engine.submitStep();
    expect(stepId()).toBe('contact');
    form.type('email', 'ada@example.com');
    const result = await engine.submitStep();
    expect(result).toEqual({
      ok: false,
      stepId: 'contact',
      code: 'invalid_fields',
      fieldKeys: ['firstName'],
    });
    expect(stepId()).toBe('personal');
    expect(form.errors.get('firstName')).toBe('field.error.characters');
    expect(engine.serverErrorFor('firstName', 'Ada')).toBe('field.error.characters');
    expect(engine.serverErrorFor('firstName', 'Ada L')).toBeUndefined();
    // Every typed value stays.
    expect(form.values.email).toBe('ada@example.com');
  });

  it('wraps any failure into the error type, and asks for a fresh read when no field is named', async () => {
    const { engine, form, stale } = setup({ answers: [new TypeError('Failed to fetch')] });
    typeAbout(form);
    expect(await engine.submitStep()).toMatchObject({ ok: false, code: 'internal_error' });
    expect(engine.getSnapshot().submitError?.code).toBe('internal_error');
    expect(stale).toHaveLength(1);
  });

  it('keeps a failed capability request as the submit error too', async () => {
    const existing = customer({}, { requested: false });
    const { engine } = setup({ customer: existing, answers: [new TypeError('offline')] });
    expect(await engine.requestCapabilities()).toBe(false);
    expect(engine.getSnapshot().submitError?.code).toBe('internal_error');
  });
});

describe('the onboarding engine: drafts', () => {
  it('keeps only draftable fields, never a date of birth, and restores them for the same scope', () => {
    const drafts = mapDrafts();
    const existing = customer({ firstName: 'due', lastName: 'due', dateOfBirth: 'due' });
    const first = setup({ drafts, customer: existing });
    typeAbout(first.form);
    first.engine.valuesChanged(first.form.getValues());
    expect(drafts.entries.get('customer_1')).toMatchObject({ firstName: 'Ada', lastName: 'Lovelace' });
    expect(Object.keys(drafts.entries.get('customer_1') ?? {})).not.toContain('dateOfBirth');
    first.disconnect();

    const again = setup({ drafts, customer: existing });
    expect(again.form.values).toMatchObject({ firstName: 'Ada', lastName: 'Lovelace' });
    expect(again.form.values.dateOfBirth).toEqual({ day: '', month: '', year: '' });
  });

  it("never shows one user another user's draft", () => {
    const drafts = mapDrafts();
    const ada = setup({ drafts, userKey: 'ada@example.com' });
    typeAbout(ada.form);
    ada.engine.valuesChanged(ada.form.getValues());
    ada.disconnect();
    // The scope names a hash of the user key, never the key itself.
    expect([...drafts.entries.keys()].some((scope) => scope.includes('ada@example.com'))).toBe(false);

    const grace = setup({ drafts, userKey: 'grace@example.com' });
    expect(grace.form.values.firstName).toBe('');
    expect(grace.form.values.lastName).toBe('');

    const adaAgain = setup({ drafts, userKey: 'ada@example.com' });
    expect(adaAgain.form.values.firstName).toBe('Ada');
  });

  it('moves a draft typed before the customer existed under the new customer, minus what was saved', async () => {
    const { engine, form, drafts } = setup({ userKey: 'ada', answers: [customer({ email: 'due' })] });
    typeAbout(form);
    form.type('email', 'ada@example.com');
    engine.valuesChanged(form.getValues());
    const scopes = () => [...drafts.entries.keys()];
    expect(scopes()).toEqual([expect.stringMatching(/^u\w+:new$/)]);
    await engine.submitStep();
    expect(scopes()).toEqual([expect.stringMatching(/^u\w+:customer_1$/)]);
    expect([...drafts.entries.values()]).toEqual([{ email: 'ada@example.com' }]);
  });

  it('leaves the cache and the drafts alone when a save answers after the form was disconnected', async () => {
    // Signed out (or another user signed in) while the save was on its way: its answer is nobody's here.
    const existing = customer({ firstName: 'due', lastName: 'due', dateOfBirth: 'due', email: 'due' });
    const { engine, form, drafts, cached, disconnect } = setup({
      customer: existing,
      answers: [customer({ email: 'due', firstName: 'rejected' })],
    });
    typeAbout(form);
    form.type('email', 'ada@example.com');
    const saving = engine.submitStep();
    disconnect();
    drafts.entries.clear();
    expect(await saving).toMatchObject({ ok: true });
    expect(cached).toEqual([]);
    expect(drafts.entries.size).toBe(0);
  });

  it('keeps no draft before the customer exists when no user key says whose it is', () => {
    // The next person on the tab may be someone else: only a customer id, or a user key, names the owner.
    const drafts = mapDrafts();
    const first = setup({ drafts });
    typeAbout(first.form);
    first.engine.valuesChanged(first.form.getValues());
    expect(drafts.entries.size).toBe(0);
    first.disconnect();
    expect(setup({ drafts }).form.values.firstName).toBe('');
  });

  it('leaves no draft once the flow is closed by a compliance decision', async () => {
    const existing = customer({ email: 'due' });
    const { engine, form, drafts } = setup({ customer: existing });
    form.type('email', 'ada@example.com');
    engine.valuesChanged(form.getValues());
    expect(drafts.entries.get('customer_1')).toEqual({ email: 'ada@example.com' });
    engine.setCustomer(customer({ email: 'due' }, { status: 'inactive' }));
    // Arriving mid-typing, the block waits for the person's next submit (complianceBlock.test.ts).
    await engine.submitStep();
    expect(engine.getSnapshot().isFormClosed).toBe(true);
    expect(drafts.entries.size).toBe(0);
  });

  it('starts over, with nothing typed and no draft, when the provider deletes the customer', async () => {
    const existing = customer({ firstName: 'due', email: 'due' });
    const { engine, form, drafts, transport, stepId } = setup({
      customer: existing,
      answers: [customer({ email: 'due' }), customer({ email: 'due' }, { id: 'customer_2' })],
    });
    form.type('firstName', 'Ada');
    await engine.submitStep();
    form.type('email', 'ada@example.com');
    engine.valuesChanged(form.getValues());
    engine.setCustomer(null);
    expect(form.values.email).toBe('');
    expect(drafts.entries.size).toBe(0);
    expect(stepId()).toBe('personal');
    // The next save creates a new customer rather than updating the deleted one.
    typeAbout(form);
    await engine.submitStep();
    expect(transport.writes.at(-1)?.method).toBe('create');
  });
});

describe('the onboarding engine: keys nobody describes', () => {
  it('plans them as unsupported instead of as a field nobody can submit', () => {
    const { engine } = setup({ customer: customer({ proofOfAddress: 'due', firstName: 'due' }) });
    const snapshot = engine.getSnapshot();
    expect(snapshot.plan.unsupported.map((field) => field.key)).toEqual(['proofOfAddress']);
    expect(snapshot.steps.flatMap((step) => step.fields.map((field) => field.key))).toEqual(['firstName']);
  });
});

describe('the onboarding engine: subscribers', () => {
  it('notifies subscribers and keeps the snapshot identical between changes', () => {
    const { engine } = setup({ answers: [] });
    const before = engine.getSnapshot();
    expect(engine.getSnapshot()).toBe(before);
    let calls = 0;
    const unsubscribe = engine.subscribe(() => (calls += 1));
    engine.setCustomer(customer({ email: 'due' }));
    expect(calls).toBe(1);
    expect(engine.getSnapshot()).not.toBe(before);
    unsubscribe();
    engine.setCustomer(customer({ occupation: 'due' }));
    expect(calls).toBe(1);
  });
});

// What the sandbox answers as a custodyFiat flow goes on: the steps saved wait in verification.
const ADDRESS = [
  'addressLine1',
  'addressCity',
  'addressSubdivision',
  'addressPostalCode',
  'addressCountryCode',
];
const PERSONAL = ['firstName', 'lastName', 'dateOfBirth'];
function after(
  saved: readonly string[][],
  due: readonly string[][],
  extra: Record<string, RequirementStatus> = {},
) {
  return customer({
    ...Object.fromEntries(saved.flat().map((key) => [key, 'pending' as const])),
    ...Object.fromEntries(due.flat().map((key) => [key, 'due' as const])),
    tos: 'due',
    ...extra,
  });
}
const afterPersonal = after([PERSONAL], [ADDRESS, ['fullSsn'], ['purposeOfAccount', 'sourceOfFunds']]);
const afterAddress = after([PERSONAL, ADDRESS], [['fullSsn'], ['purposeOfAccount', 'sourceOfFunds']]);
const afterTaxId = after([PERSONAL, ADDRESS, ['fullSsn']], [['purposeOfAccount', 'sourceOfFunds']]);
const afterAll = after([PERSONAL, ADDRESS, ['fullSsn'], ['purposeOfAccount', 'sourceOfFunds']], []);
/** Every field and the Terms given: the flow is over (verifying). */
const verifying = after([PERSONAL, ADDRESS, ['fullSsn'], ['purposeOfAccount', 'sourceOfFunds']], [], {
  tos: 'pending',
});
const address = {
  addressLine1: '42 Harbor Lane',
  addressCity: 'Springfield',
  addressSubdivision: 'IL',
  addressPostalCode: '62704',
  addressCountryCode: 'US',
};
const financial = { purposeOfAccount: 'investing', sourceOfFunds: 'salary' };

async function walkToReview(run: ReturnType<typeof setup>) {
  typeAbout(run.form);
  await run.engine.submitStep();
  for (const [key, value] of Object.entries(address)) run.form.type(key, value);
  await run.engine.submitStep();
  run.form.type('fullSsn', '123-45-6789');
  await run.engine.submitStep();
  for (const [key, value] of Object.entries(financial)) run.form.type(key, value);
  await run.engine.submitStep();
}

const FLOW = ['personal', 'address', 'taxId', 'financial', 'review', 'terms'];
const flowNumber = (engine: ReturnType<typeof setup>['engine']) => {
  const snapshot = engine.getSnapshot();
  const id = snapshot.isReviewing ? 'review' : (snapshot.step?.id ?? 'terms');
  return `${snapshot.flowSteps.indexOf(id) + 1} of ${snapshot.flowSteps.length}`;
};

/** A user passes the first step and leaves: the drafts keep the plan of their six-step flow. */
async function passFirstStepAndLeave(userKey: string) {
  const drafts = mapDrafts();
  const first = setup({ drafts, userKey, answers: [afterPersonal] });
  typeAbout(first.form);
  await first.engine.submitStep();
  first.disconnect();
  return drafts;
}

describe('the onboarding engine: a step count fixed when the flow starts', () => {
  it('counts the form steps, the review and the Terms from the first step, and keeps the count', async () => {
    const run = setup({ answers: [afterPersonal, afterAddress] });
    expect(run.engine.getSnapshot().flowSteps).toEqual(FLOW);
    expect(flowNumber(run.engine)).toBe('1 of 6');
    typeAbout(run.form);
    await run.engine.submitStep();
    expect(flowNumber(run.engine)).toBe('2 of 6');
    for (const [key, value] of Object.entries(address)) run.form.type(key, value);
    await run.engine.submitStep();
    expect(flowNumber(run.engine)).toBe('3 of 6');
  });

  it('leaves the review out of the count when it is turned off', () => {
    const { engine } = setup({ review: false });
    expect(engine.getSnapshot().flowSteps).toEqual(['personal', 'address', 'taxId', 'financial', 'terms']);
  });

  it('grows only when the provider asks for a section nobody planned, in its place', async () => {
    const { engine, form } = setup({ answers: [after([PERSONAL], [ADDRESS, ['email']])] });
    typeAbout(form);
    await engine.submitStep();
    expect(engine.getSnapshot().flowSteps).toEqual([...FLOW.slice(0, 4), 'contact', 'review', 'terms']);
  });

  it('keeps the count across a reload, with the steps passed before it reachable with Back', async () => {
    const drafts = mapDrafts();
    const first = setup({ drafts, userKey: 'user-1', answers: [afterPersonal, afterAddress] });
    typeAbout(first.form);
    await first.engine.submitStep();
    for (const [key, value] of Object.entries(address)) first.form.type(key, value);
    await first.engine.submitStep();
    first.disconnect();
    // Step ids only: no value is kept with the plan.
    expect(JSON.stringify([...drafts.plans.values()])).not.toMatch(/Ada|Harbor|Lovelace/);

    const again = setup({ drafts, userKey: 'user-1', customer: afterAddress });
    expect(again.stepId()).toBe('taxId');
    expect(flowNumber(again.engine)).toBe('3 of 6');
    again.engine.back();
    expect(again.stepId()).toBe('address');
    expect(flowNumber(again.engine)).toBe('2 of 6');
  });

  it("shows no guessed step after a reload of an existing customer's flow, until the read answers", async () => {
    const drafts = mapDrafts();
    const first = setup({ drafts, userKey: 'user-1', answers: [afterPersonal, afterAddress] });
    typeAbout(first.form);
    await first.engine.submitStep();
    first.disconnect();

    const again = setup({ drafts, userKey: 'user-1', loading: true });
    // A new customer's first step ("About you") would be the wrong one: nothing shows until the read.
    expect(again.engine.getSnapshot().step).toBeUndefined();
    expect(again.engine.getSnapshot().isPlanKnown).toBe(false);
    // What a server renders (no storage to read) is still the guess, for React's hydration.
    expect(again.engine.getServerSnapshot().step?.id).toBe('personal');
    again.engine.setCustomer(afterPersonal);
    expect(again.stepId()).toBe('address');
    expect(flowNumber(again.engine)).toBe('2 of 6');
  });

  it('shows no guessed step, its fields empty, while a customer seen earlier on the page is read for another capability', () => {
    // Issue 15: custodyFiat was opened earlier on the page through the same client; now tradeCrypto opens.
    const transport = fakeTransport([]);
    const before = setup({ transport, userKey: 'user-1', loading: true });
    before.engine.setCustomer(customer({ firstName: 'pending' }));
    before.disconnect();

    const { engine, form, stepId } = setup({
      transport,
      userKey: 'user-1',
      loading: true,
      capabilities: ['tradeCrypto'],
    });
    expect(engine.getSnapshot().step).toBeUndefined();
    expect(engine.getSnapshot().isPlanKnown).toBe(false);
    // The flow's state while it waits: loading, not a step asking for the name the customer already gave.
    const status = onboardingStatus({
      isLoading: true,
      isError: false,
      hasCustomer: false,
      gates: [],
      formIsComplete: false,
      termsRequired: false,
      hasUnsupported: false,
      firstStepReady: engine.getSnapshot().step !== undefined,
    });
    expect(status).toBe('loading');
    // What a server renders is still the guess, for React's hydration.
    expect(engine.getServerSnapshot().step?.id).toBe('personal');

    const existing = customer({ firstName: 'pending', lastName: 'pending', citizenship: 'due' });
    existing.capabilities = { tradeCrypto: { requested: true, status: 'pending', rawStatus: 'pending' } };
    for (const requirement of Object.values(existing.requirements)) requirement.impact = ['tradeCrypto'];
    engine.setCustomer(existing);
    expect(stepId()).toBe('personal');
    expect(engine.getSnapshot().step?.fields.map((field) => field.key)).toEqual(['citizenship']);
    expect(form.values.firstName).toBe('');
  });

  it('still guesses the first step at once for another user or another client, or after a server render', () => {
    const transport = fakeTransport([]);
    // A server render: made with the customer, never connected. It remembers nothing for the next one.
    createOnboardingEngine<ApiError>({
      customer: customer({ firstName: 'pending' }),
      capabilities: ['custodyFiat'],
      form: fakeForm(),
      transport,
      userKey: 'user-1',
      createIdempotencyKey: () => 'key',
      toError: () => new ApiError('internal_error'),
    });
    expect(setup({ transport, userKey: 'user-1', loading: true }).stepId()).toBe('personal');
    // Connected with the customer from the cache: the next flow for user-1 waits, nobody else's.
    setup({ transport, userKey: 'user-1', customer: customer({ firstName: 'pending' }) });
    expect(setup({ transport, userKey: 'user-1', loading: true }).stepId()).toBeUndefined();
    expect(setup({ transport, userKey: 'user-2', loading: true }).stepId()).toBe('personal');
    expect(setup({ userKey: 'user-1', loading: true }).stepId()).toBe('personal');
  });

  it('still guesses the first step for a reload before the customer existed, or for another user', async () => {
    const drafts = mapDrafts();
    const first = setup({ drafts, userKey: 'user-1', answers: [afterPersonal] });
    typeAbout(first.form);
    await first.engine.submitStep();
    first.disconnect();
    expect(setup({ drafts, userKey: 'user-2', loading: true }).stepId()).toBe('personal');
    // Mid-flow, another capability shows its step at once (e2e/capability-request.spec.ts).
    expect(setup({ drafts, userKey: 'user-1', loading: true, capabilities: ['tradeCrypto'] }).stepId()).toBe(
      'personal',
    );
    // user-3 left the first step before saving it: their kept plan has no customer.
    setup({ drafts, userKey: 'user-3' }).disconnect();
    expect(setup({ drafts, userKey: 'user-3', loading: true }).stepId()).toBe('personal');
    expect(setup({ userKey: 'user-4', loading: true }).stepId()).toBe('personal');
  });

  it("never gives one user's plan to another, and keeps no count once the flow is over", async () => {
    const drafts = await passFirstStepAndLeave('user-1');
    const other = setup({ drafts, userKey: 'user-2', customer: afterPersonal });
    expect(flowNumber(other.engine)).toBe('1 of 5');
    const done = setup({ drafts, userKey: 'user-1', customer: customer({ firstName: 'pending' }) });
    expect(done.engine.getSnapshot().flowSteps).toEqual([]);
    // user-1's plan has no steps left (the mark that they have a customer); user-2's is theirs.
    expect([...drafts.plans.values()].map((plan) => plan.steps.length)).toEqual([0, 5]);
  });

  it('shows no guessed step after a reload once the flow is over, until the read answers (issue 15)', () => {
    // The flow finished in this tab and the page is loaded again: a new client, nothing in memory.
    const drafts = mapDrafts();
    setup({ drafts, userKey: 'user-1', customer: verifying }).disconnect();
    const again = setup({ drafts, userKey: 'user-1', loading: true });
    expect(again.engine.getSnapshot().step).toBeUndefined();
    // So for a flow of other capabilities: the customer exists whatever is asked of them.
    expect(setup({ drafts, userKey: 'user-1', loading: true, capabilities: ['tradeCrypto'] }).stepId()).toBe(
      undefined,
    );
    // What a server renders is still the guess, for React's hydration.
    expect(again.engine.getServerSnapshot().step?.id).toBe('personal');
    // The marker is a plan with nothing left: no count comes back from it, and never a value.
    expect(JSON.stringify([...drafts.plans.values()])).not.toMatch(/Ada|Harbor|Lovelace/);
    again.engine.setCustomer(verifying);
    expect(again.engine.getSnapshot()).toMatchObject({ step: undefined, isFormClosed: true, flowSteps: [] });
  });

  it('guesses again once the read says the customer is gone, and never for another user', () => {
    const drafts = mapDrafts();
    setup({ drafts, userKey: 'user-1', customer: verifying }).disconnect();
    // Another user on the tab never gets user-1's marker.
    expect(setup({ drafts, userKey: 'user-2', loading: true }).stepId()).toBe('personal');
    // The provider deleted the customer: the read answers none, the flow starts at step 1.
    const reloaded = setup({ drafts, userKey: 'user-1', loading: true });
    expect(reloaded.stepId()).toBeUndefined();
    reloaded.engine.setCustomer(null);
    expect(reloaded.stepId()).toBe('personal');
    reloaded.disconnect();
    expect(setup({ drafts, userKey: 'user-1', loading: true }).stepId()).toBe('personal');
  });

  it('forgets the customer seen earlier on the page once a read says there is none', () => {
    const transport = fakeTransport([]);
    setup({ transport, userKey: 'user-1', customer: customer({ firstName: 'pending' }) }).disconnect();
    const next = setup({ transport, userKey: 'user-1', loading: true });
    expect(next.stepId()).toBeUndefined();
    next.engine.setCustomer(null);
    next.disconnect();
    // A later flow on the page waits for no read: the new customer's first step shows at once.
    expect(setup({ transport, userKey: 'user-1', loading: true }).stepId()).toBe('personal');
  });

  it('plans afresh for other capabilities', async () => {
    const drafts = await passFirstStepAndLeave('user-1');
    // The kept plan counted personal as passed (6 steps); for other capabilities the count starts from what is open.
    const requested = { requested: true, status: 'pending', rawStatus: 'pending' } as const;
    const both = setup({
      drafts,
      userKey: 'user-1',
      customer: afterPersonal,
      capabilities: ['custodyFiat', 'tradeCrypto'],
      answers: [
        { ...afterPersonal, capabilities: { ...afterPersonal.capabilities, tradeCrypto: requested } },
      ],
    });
    await Promise.resolve();
    await Promise.resolve();
    expect(both.engine.getSnapshot().flowSteps).toEqual(['address', 'taxId', 'financial', 'review', 'terms']);
    both.engine.setSettings({ capabilities: ['custodyFiat'] });
    expect(both.engine.getSnapshot().flowSteps).toEqual(['address', 'taxId', 'financial', 'review', 'terms']);
  });

  it('counts only what is asked again while a rejected value is re-collected', () => {
    const { engine } = setup({ customer: customer({ fullSsn: 'rejected', firstName: 'pending' }) });
    expect(engine.getSnapshot().flowSteps).toEqual(['taxId']);
    expect(engine.getSnapshot().steps.map((step) => step.id)).toEqual(['taxId']);
    expect(engine.getSnapshot().isReviewing).toBe(false);
  });
});

describe('the onboarding engine: review and Back', () => {
  it('reviews once every form step is saved, with the values saved in this tab', async () => {
    const run = setup({ answers: [afterPersonal, afterAddress, afterTaxId, afterAll] });
    await walkToReview(run);
    const snapshot = run.engine.getSnapshot();
    expect(snapshot.isReviewing).toBe(true);
    expect(snapshot.step).toBeUndefined();
    expect(flowNumber(run.engine)).toBe('5 of 6');
    expect(snapshot.steps.map((step) => step.id)).toEqual(['personal', 'address', 'taxId', 'financial']);
    expect(snapshot.savedValues).toMatchObject({ firstName: 'Ada', fullSsn: '123-45-6789', ...financial });
  });

  it('opens a step from the review and returns to it once saved', async () => {
    const run = setup({ answers: [afterPersonal, afterAddress, afterTaxId, afterAll, afterAll] });
    await walkToReview(run);
    run.engine.changeStep('personal');
    expect(run.engine.getSnapshot()).toMatchObject({ isReviewing: false, isChanging: true });
    expect(run.stepId()).toBe('personal');
    run.form.type('firstName', 'Grace');
    await run.engine.submitStep();
    expect(run.transport.writes.at(-1)).toMatchObject({
      method: 'update',
      body: { fields: { firstName: 'Grace' } },
    });
    expect(run.engine.getSnapshot()).toMatchObject({ isReviewing: true, isChanging: false });
    expect(run.engine.getSnapshot().savedValues.firstName).toBe('Grace');
  });

  it('goes back to the review from a changed step with the saved values in place', async () => {
    const run = setup({ answers: [afterPersonal, afterAddress, afterTaxId, afterAll] });
    await walkToReview(run);
    run.engine.changeStep('address');
    run.form.type('addressCity', 'Shelbyville');
    run.engine.back();
    expect(run.engine.getSnapshot().isReviewing).toBe(true);
    expect(run.form.values.addressCity).toBe('Springfield');
    expect(run.transport.writes).toHaveLength(4);
  });

  it('goes from the Terms back to the review, and from the review to the last form step', async () => {
    const run = setup({ answers: [afterPersonal, afterAddress, afterTaxId, afterAll] });
    await walkToReview(run);
    run.engine.confirmReview();
    expect(run.engine.getSnapshot().isReviewing).toBe(false);
    expect(flowNumber(run.engine)).toBe('6 of 6');
    run.engine.back();
    expect(run.engine.getSnapshot().isReviewing).toBe(true);
    run.engine.back();
    expect(run.stepId()).toBe('financial');
    expect(run.form.values).toMatchObject(financial);
  });

  it('goes from the Terms back to the last form step without a review, and on to the Terms once saved', async () => {
    const run = setup({
      review: false,
      answers: [afterPersonal, afterAddress, afterTaxId, afterAll, afterAll],
    });
    await walkToReview(run);
    expect(run.stepId()).toBeUndefined();
    run.engine.back();
    expect(run.stepId()).toBe('financial');
    expect(run.engine.getSnapshot().isChanging).toBe(true);
    expect(flowNumber(run.engine)).toBe('4 of 5');
    await run.engine.submitStep();
    expect(run.stepId()).toBeUndefined();
    expect(run.engine.getSnapshot().isChanging).toBe(false);
  });

  it('holds a block that arrives during the review until Continue, which then shows it', async () => {
    const run = setup({ answers: [afterPersonal, afterAddress, afterTaxId, afterAll] });
    await walkToReview(run);
    run.engine.setCustomer(
      customer(
        {
          ...Object.fromEntries(Object.keys(afterAll.requirements).map((key) => [key, 'pending'])),
          tos: 'due',
        },
        { status: 'inactive' },
      ),
    );
    expect(run.engine.getSnapshot()).toMatchObject({ blockHeld: true, isReviewing: true });
    run.engine.confirmReview();
    expect(run.engine.getSnapshot().blockHeld).toBe(false);
  });

  it('keeps the confirmed review across a reload', async () => {
    const drafts = mapDrafts();
    const run = setup({ drafts, answers: [afterPersonal, afterAddress, afterTaxId, afterAll] });
    await walkToReview(run);
    run.engine.confirmReview();
    run.disconnect();
    const again = setup({ drafts, customer: afterAll });
    expect(again.engine.getSnapshot()).toMatchObject({ isReviewing: false, flowSteps: FLOW });
  });

  it('plans the kept review for the first render after a reload, before the engine hears of the customer', async () => {
    const drafts = mapDrafts();
    const run = setup({
      drafts,
      userKey: 'user-1',
      answers: [afterPersonal, afterAddress, afterTaxId, afterAll],
    });
    await walkToReview(run);
    run.disconnect();

    const again = setup({ drafts, userKey: 'user-1', loading: true });
    // The render right after the read answers: the review (5 of 6), not the Terms as a flow of one.
    const first = again.engine.snapshotFor(afterAll);
    expect(first).toMatchObject({ isReviewing: true, stepIndex: -1, flowSteps: FLOW });
    expect(first.steps.map((step) => step.id)).toEqual(FLOW.slice(0, 4));
    // Another customer (another record's owner) still gets their own plan.
    expect(again.engine.snapshotFor({ ...afterAll, id: 'customer_2' }).flowSteps).toEqual(['terms']);
    // The read itself changes nothing once the engine hears of it.
    again.engine.setCustomer(afterAll);
    expect(again.engine.getSnapshot()).toMatchObject({ isReviewing: true, stepIndex: -1, flowSteps: FLOW });
    expect(again.engine.getSnapshot().steps.map((step) => step.id)).toEqual(FLOW.slice(0, 4));
  });
});

describe('the onboarding engine: the first step before the customer is read', () => {
  const fieldKeys = (engine: ReturnType<typeof setup>['engine']) =>
    engine.getSnapshot().step?.fields.map((field) => field.key);

  it('plans the first step for a customer that does not exist yet while the read is in flight, and the flow shows it', () => {
    const { engine } = setup({ loading: true });
    expect(fieldKeys(engine)).toEqual(['firstName', 'lastName', 'dateOfBirth']);
    const shown = (firstStepReady: boolean) =>
      onboardingStatus({
        isLoading: true,
        isError: false,
        hasCustomer: false,
        gates: [],
        formIsComplete: false,
        termsRequired: false,
        hasUnsupported: false,
        firstStepReady,
      });
    expect(shown(true)).toBe('collect');
    expect(shown(false)).toBe('loading');
  });

  it('changes nothing when the read answers that there is no customer: same step, every typed value kept', () => {
    const { engine, form } = setup({ loading: true, userKey: 'ada@example.com' });
    const before = engine.getSnapshot();
    form.type('firstName', 'Ada');
    engine.setCustomer(null);
    const after = engine.getSnapshot();
    expect(after.step?.id).toBe(before.step?.id);
    expect(fieldKeys(engine)).toEqual(['firstName', 'lastName', 'dateOfBirth']);
    expect(after.stepIndex).toBe(before.stepIndex);
    expect(after.flowSteps).toEqual(before.flowSteps);
    expect(form.values.firstName).toBe('Ada');
  });

  it('writes no draft until the customer is known, then only under the user it belongs to', () => {
    const drafts = mapDrafts();
    const { engine, form } = setup({ loading: true, drafts, userKey: 'ada@example.com' });
    form.type('firstName', 'Ada');
    engine.valuesChanged(form.getValues());
    expect(drafts.entries.size).toBe(0);
    engine.setCustomer(null);
    expect(drafts.entries.size).toBe(1);
    expect([...drafts.entries.values()][0]).toMatchObject({ firstName: 'Ada' });
    expect([...drafts.entries.keys()].every((scope) => scope.endsWith(':new'))).toBe(true);
    // Another user's draft is never read into a form that is still waiting for its customer.
    const grace = setup({ loading: true, drafts, userKey: 'grace@example.com' });
    grace.engine.setCustomer(null);
    expect(grace.form.values.firstName).toBe('');
  });

  it('re-plans from an existing customer, keeping the typed values of the fields still asked', () => {
    const { engine, form } = setup({ loading: true });
    form.type('firstName', 'Ada');
    form.type('lastName', 'Lovelace');
    engine.setCustomer(customer({ lastName: 'due', addressLine1: 'due' }));
    expect(engine.getSnapshot().step?.id).toBe('personal');
    expect(fieldKeys(engine)).toEqual(['lastName']);
    expect(form.values.lastName).toBe('Lovelace');
  });

  it('holds a Continue made before the read answers (busy meanwhile), then creates the customer', async () => {
    const { engine, form, transport, stepId } = setup({
      loading: true,
      answers: [customer({ addressLine1: 'due' })],
    });
    typeAbout(form);
    const result = engine.submitStep();
    await Promise.resolve();
    expect(engine.getSnapshot().isSubmitting).toBe(true);
    expect(transport.writes).toHaveLength(0);
    // A second click meanwhile is the same submit, not another one.
    expect(await engine.submitStep()).toMatchObject({ ok: false, code: 'busy' });
    engine.setCustomer(null);
    expect(await result).toMatchObject({ ok: true, stepId: 'personal' });
    expect(transport.writes).toHaveLength(1);
    expect(transport.writes[0]).toMatchObject({ method: 'create', body: { fields: about } });
    expect(stepId()).toBe('address');
  });

  it('updates instead when the read answers with an existing customer', async () => {
    const { engine, form, transport } = setup({ loading: true, answers: [customer({})] });
    typeAbout(form);
    const result = engine.submitStep();
    engine.setCustomer(customer({ firstName: 'due', lastName: 'due', dateOfBirth: 'due' }));
    expect(await result).toMatchObject({ ok: true, stepId: 'personal' });
    expect(transport.writes.map((write) => write.method)).toEqual(['update']);
  });

  it('saves nothing when the answer no longer asks for the step that was submitted', async () => {
    const { engine, form, transport, stepId } = setup({ loading: true });
    typeAbout(form);
    const result = engine.submitStep();
    engine.setCustomer(customer({ addressLine1: 'due' }));
    expect(await result).toMatchObject({ ok: false, code: 'replanned' });
    expect(transport.writes).toHaveLength(0);
    expect(engine.getSnapshot().isSubmitting).toBe(false);
    expect(stepId()).toBe('address');
  });

  it('shows an invalid step at once, without waiting for the read', async () => {
    const { engine, transport } = setup({ loading: true });
    expect(await engine.submitStep()).toMatchObject({ ok: false, code: 'invalid_fields' });
    expect(engine.getSnapshot().failedSubmitCount).toBe(1);
    expect(transport.writes).toHaveLength(0);
  });

  it('lets a waiting Continue go when the read fails, keeping every typed value and writing no draft', async () => {
    const drafts = mapDrafts();
    const { engine, form, transport } = setup({ loading: true, drafts });
    typeAbout(form);
    const result = engine.submitStep();
    await Promise.resolve();
    engine.readFailed();
    expect(await result).toMatchObject({ ok: false, code: 'read_failed' });
    expect(engine.getSnapshot().isSubmitting).toBe(false);
    expect(transport.writes).toHaveLength(0);
    expect(drafts.entries.size).toBe(0);
    expect(form.values).toMatchObject(about);
  });
});

describe('the onboarding engine: an existing customer who never requested the capability', () => {
  const requested = { requested: true, status: 'pending', rawStatus: 'pending' } as const;
  /** The same customer once the capability is requested, owing `requirements`. */
  const withCapability = (requirements: Record<string, RequirementStatus>) => customer(requirements);
  const unrequested = customer({}, { requested: false });

  /** A transport whose answers wait until the test releases them. */
  function heldTransport() {
    const writes: Write[] = [];
    const pending: { resolve: (value: Customer) => void; reject: (error: Error) => void }[] = [];
    const answer = (write: Write) =>
      new Promise<Customer>((resolve, reject) => {
        writes.push(write);
        pending.push({ resolve, reject });
      });
    const settle = async (outcome: Customer | Error) => {
      const next = pending.shift();
      if (next === undefined) throw new Error('no write in flight');
      if (outcome instanceof Error) next.reject(outcome);
      else next.resolve(outcome);
      for (let tick = 0; tick < 5; tick += 1) await Promise.resolve();
    };
    const transport: EngineTransport = {
      createCustomer: (body, { idempotencyKey }) => answer({ method: 'create', body, idempotencyKey }),
      updateCustomer: (body, { idempotencyKey }) => answer({ method: 'update', body, idempotencyKey }),
    };
    return { transport, writes, settle };
  }

  function start(capabilities = ['custodyFiat']) {
    const form = fakeForm();
    const drafts = mapDrafts();
    const held = heldTransport();
    let keys = 0;
    const engine = createOnboardingEngine<ApiError>({
      customer: undefined,
      capabilities,
      form,
      transport: held.transport,
      drafts,
      createIdempotencyKey: () => `key-${(keys += 1)}`,
      toError: (error) => (error instanceof ApiError ? error : new ApiError('internal_error')),
    });
    engine.connect();
    return { engine, form, drafts, ...held };
  }
  /** The flow's state as `useOnboarding` composes it from the read and the engine. */
  const statusOf = (snapshot: ReturnType<ReturnType<typeof start>['engine']['getSnapshot']>) => {
    const hasCustomer = snapshot.customer !== undefined && snapshot.customer !== null;
    return onboardingStatus({
      isLoading: snapshot.customer === undefined || (!snapshot.isPlanKnown && snapshot.submitError === null),
      isError: false,
      hasCustomer,
      gates: [],
      formIsComplete: hasCustomer && snapshot.isFormClosed,
      termsRequired: false,
      hasUnsupported: false,
      firstStepReady: snapshot.step !== undefined,
    });
  };

  it('asks for the capability by itself while the person stays on their step, every typed value kept', async () => {
    const { engine, form, writes, settle } = start();
    const before = engine.getSnapshot().step;
    form.type('firstName', 'Ada');
    engine.setCustomer(unrequested);
    const during = engine.getSnapshot();
    expect(writes).toEqual([
      expect.objectContaining({ method: 'update', body: { capabilities: ['custodyFiat'] } }),
    ]);
    expect(during).toMatchObject({ isPlanKnown: false, isSubmitting: false });
    // The same step, never a loading state in between.
    expect(during.step?.id).toBe(before?.id);
    expect(statusOf(during)).toBe('collect');
    await settle(
      withCapability({ firstName: 'due', lastName: 'due', dateOfBirth: 'due', addressLine1: 'due' }),
    );
    const after = engine.getSnapshot();
    expect(after).toMatchObject({ isPlanKnown: true });
    expect(after.step?.id).toBe('personal');
    expect(statusOf(after)).toBe('collect');
    expect(form.values.firstName).toBe('Ada');
    // Once per customer and set of capabilities: a later read of the same customer asks nothing again.
    engine.setCustomer({ ...unrequested });
    expect(writes).toHaveLength(1);
  });

  it('re-plans from the answer keeping the values of the fields still asked', async () => {
    const { engine, form, settle } = start();
    form.type('firstName', 'Ada');
    form.type('lastName', 'Lovelace');
    engine.setCustomer(unrequested);
    await settle(withCapability({ lastName: 'due', addressLine1: 'due' }));
    expect(engine.getSnapshot().step?.fields.map((field) => field.key)).toEqual(['lastName']);
    expect(form.values.lastName).toBe('Lovelace');
  });

  it('guesses the first step from what the customer already gave, so the answer usually changes nothing', async () => {
    const { engine, settle } = start(['tradeCrypto']);
    const keys = () => engine.getSnapshot().step?.fields.map((field) => field.key);
    expect(keys()).toEqual(['firstName', 'lastName', 'dateOfBirth', 'citizenship']);
    // Given for custodyFiat: the name and date of birth (being verified); its other fields are still due.
    engine.setCustomer(afterPersonal);
    expect(engine.getSnapshot()).toMatchObject({ isPlanKnown: false, step: { id: 'personal' } });
    expect(keys()).toEqual(['citizenship']);
    const answer = customer({ firstName: 'pending', citizenship: 'due', addressLine1: 'due' });
    answer.capabilities.tradeCrypto = requested;
    for (const requirement of Object.values(answer.requirements)) requirement.impact = ['tradeCrypto'];
    await settle(answer);
    expect(engine.getSnapshot()).toMatchObject({ isPlanKnown: true, step: { id: 'personal' } });
    expect(keys()).toEqual(['citizenship']);
  });

  it('holds a Continue made during the request (busy), then saves the step as an update', async () => {
    const { engine, form, writes, settle } = start();
    engine.setCustomer(unrequested);
    typeAbout(form);
    const result = engine.submitStep();
    await Promise.resolve();
    expect(engine.getSnapshot().isSubmitting).toBe(true);
    expect(writes).toHaveLength(1);
    await settle(
      withCapability({ ...Object.fromEntries(PERSONAL.map((key) => [key, 'due'])), addressLine1: 'due' }),
    );
    await settle(withCapability({ addressLine1: 'due' }));
    expect(await result).toMatchObject({ ok: true, stepId: 'personal' });
    expect(writes[1]).toMatchObject({ method: 'update', body: { fields: about } });
    expect(engine.getSnapshot().step?.id).toBe('address');
  });

  it('shows a failed request on the step the person is on, values kept, focus left alone', async () => {
    const { engine, form, writes, settle } = start();
    form.type('firstName', 'Ada');
    engine.setCustomer(unrequested);
    await settle(new ApiError('internal_error'));
    const failed = engine.getSnapshot();
    expect(failed).toMatchObject({ isPlanKnown: false, step: { id: 'personal' } });
    expect(failed.submitError?.code).toBe('internal_error');
    // No failed submit of theirs: the error summary shows, but does not take focus.
    expect(failed.failedSubmitCount).toBe(0);
    expect(statusOf(failed)).toBe('collect');
    expect(form.values.firstName).toBe('Ada');
    // Their Continue is the retry: the capabilities go with the step.
    typeAbout(form);
    const result = engine.submitStep();
    await Promise.resolve();
    await Promise.resolve();
    expect(writes[1]).toMatchObject({
      method: 'update',
      body: { fields: about, capabilities: ['custodyFiat'] },
    });
    await settle(withCapability({ addressLine1: 'due' }));
    expect(await result).toMatchObject({ ok: true });
  });
});

describe('the onboarding engine: "Step i of n" only from the customer\'s own plan', () => {
  it('counts nothing while the customer is read, then fixes the count from the answer', () => {
    const { engine, drafts } = setup({ loading: true });
    expect(engine.getSnapshot()).toMatchObject({ isPlanKnown: false, step: { id: 'personal' } });
    expect(drafts.plans.size).toBe(0);
    engine.setCustomer(afterPersonal);
    expect(engine.getSnapshot().isPlanKnown).toBe(true);
    expect(flowNumber(engine)).toBe('1 of 5');
    expect(drafts.plans.size).toBe(1);
  });

  it('for a new customer the answer confirms the count the guess had', () => {
    const { engine } = setup({ loading: true });
    engine.setCustomer(null);
    expect(engine.getSnapshot().isPlanKnown).toBe(true);
    expect(flowNumber(engine)).toBe('1 of 6');
  });

  it('keeps no count from a guess while a capability is requested', () => {
    const { engine, drafts, transport } = setup({ loading: true });
    engine.setCustomer(customer({}, { requested: false }));
    expect(engine.getSnapshot().isPlanKnown).toBe(false);
    expect(transport.writes).toEqual([expect.objectContaining({ body: { capabilities: ['custodyFiat'] } })]);
    expect(drafts.plans.size).toBe(0);
  });
});
