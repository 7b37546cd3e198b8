import { describe, expect, it } from 'vitest';
import { validateFields } from '../fields/validateFields';
import type { Customer, RequirementStatus } from '../model';
import { createOnboardingEngine, emptyFormValues } from './createOnboardingEngine';
import type { DraftStore, EngineError, EngineForm, EngineTransport } from './createOnboardingEngine';

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

function mapDrafts(): DraftStore & { entries: Map<string, Record<string, unknown>> } {
  const entries = new Map<string, Record<string, unknown>>();
  return {
    entries,
    read: (scope) => entries.get(scope) ?? {},
    write: (scope, values) => {
      if (Object.values(values).every((value) => value === '' || value === undefined)) entries.delete(scope);
      else entries.set(scope, values);
    },
    clear: (scope) => entries.delete(scope),
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
    answers?: (Customer | Error)[];
    userKey?: string;
    drafts?: ReturnType<typeof mapDrafts>;
  } = {},
) {
  const form = fakeForm();
  const transport = fakeTransport(options.answers ?? []);
  const drafts = options.drafts ?? mapDrafts();
  let keys = 0;
  const stale: number[] = [];
  const engine = createOnboardingEngine<ApiError>({
    customer: options.customer === undefined ? null : options.customer,
    capabilities: ['custodyFiat'],
    form,
    transport,
    drafts,
    userKey: options.userKey,
    createIdempotencyKey: () => `key-${(keys += 1)}`,
    toError: (error) => (error instanceof ApiError ? error : new ApiError('internal_error')),
    onStale: () => stale.push(1),
  });
  const disconnect = engine.connect();
  const stepId = () => engine.getSnapshot().step?.id;
  return { engine, form, transport, drafts, stale, disconnect, stepId };
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

  it('updates an existing customer, asking for capabilities it has not requested with the fields', async () => {
    const existing = customer({ firstName: 'due' }, { requested: false });
    const { engine, form, transport } = setup({ customer: existing, answers: [customer({})] });
    form.type('firstName', 'Ada');
    await engine.submitStep();
    expect(transport.writes[0]).toMatchObject({
      method: 'update',
      body: { fields: { firstName: 'Ada' }, capabilities: ['custodyFiat'] },
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
    const first = setup({ drafts });
    typeAbout(first.form);
    first.engine.valuesChanged(first.form.getValues());
    expect(drafts.entries.get('new')).toMatchObject({ firstName: 'Ada', lastName: 'Lovelace' });
    expect(Object.keys(drafts.entries.get('new') ?? {})).not.toContain('dateOfBirth');
    first.disconnect();

    const again = setup({ drafts });
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
    const { engine, form, drafts } = setup({ answers: [customer({ email: 'due' })] });
    typeAbout(form);
    form.type('email', 'ada@example.com');
    engine.valuesChanged(form.getValues());
    await engine.submitStep();
    expect(drafts.entries.has('new')).toBe(false);
    expect(drafts.entries.get('customer_1')).toEqual({ email: 'ada@example.com' });
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
