import { describe, expect, it } from 'vitest';
import { validateFields } from '../fields/validateFields';
import { gate } from '../gate';
import type { Customer, RequirementStatus } from '../model';
import { createOnboardingEngine, emptyFormValues } from './createOnboardingEngine';
import type { EngineError, EngineForm, EngineTransport, OnboardingSnapshot } from './createOnboardingEngine';
import { onboardingStatus } from './onboardingStatus';

// Issue 16: a compliance block is shown at a natural point. Arriving by itself while the person
// types on a step, it waits for their own next submit; with nothing left to submit it shows at once;
// a provider that refuses to change the customer for good is a block too, never an error to retry.

function customer(
  requirements: Record<string, RequirementStatus>,
  status: 'pending' | 'inactive' | 'unrequested' = 'pending',
): Customer {
  return {
    id: 'customer_1',
    provider: 'coinbase',
    capabilities: {
      custodyFiat: { requested: status !== 'unrequested', status, rawStatus: status },
    },
    requirements: Object.fromEntries(
      Object.entries(requirements).map(([key, requirementStatus]) => [
        key,
        {
          key,
          known: true,
          status: requirementStatus,
          rawStatus: requirementStatus,
          impact: ['custodyFiat'],
        },
      ]),
    ),
    tosAcceptances: [],
    profile: {},
  };
}

function fakeForm(): EngineForm & {
  values: Record<string, unknown>;
  type: (key: string, value: unknown) => void;
} {
  const form: EngineForm & { values: Record<string, unknown>; type: (key: string, value: unknown) => void } =
    {
      values: emptyFormValues(),
      type(key: string, value: unknown) {
        form.values[key] = value;
      },
      getValues: () => ({ ...form.values }),
      setValue(key: string, value: unknown) {
        form.values[key] = value;
      },
      isDirty: () => false,
      reset(values: Record<string, unknown>) {
        form.values = { ...values };
      },
      async validate(keys: readonly string[]) {
        const result = validateFields(form.values, keys);
        return result.ok ? [] : Object.keys(result.errors);
      },
      showServerErrors: () => undefined,
      clearErrors: () => undefined,
    };
  return form;
}

class ApiError extends Error implements EngineError {
  constructor(readonly code: string) {
    super(code);
  }
}

function setup(start: Customer | null, answers: (Customer | Error)[] = []) {
  const form = fakeForm();
  const writes: unknown[] = [];
  const answer = async (body: unknown) => {
    writes.push(body);
    const next = answers.shift();
    if (next === undefined || next instanceof Error) throw next ?? new Error('no answer left');
    return next;
  };
  const transport: EngineTransport = {
    createCustomer: (body) => answer(body),
    updateCustomer: (body) => answer(body),
  };
  const engine = createOnboardingEngine<ApiError>({
    customer: start,
    capabilities: ['custodyFiat'],
    form,
    transport,
    createIdempotencyKey: () => 'key',
    toError: (error) => (error instanceof ApiError ? error : new ApiError('internal')),
  });
  engine.connect();
  return { engine, form, writes };
}

/** The flow's state as the hooks compute it, from the engine's snapshot (terms owed when the plan has them). */
function statusOf(snapshot: OnboardingSnapshot<ApiError>, failed = false) {
  const value = snapshot.customer ?? null;
  return onboardingStatus({
    isLoading: false,
    isError: failed,
    hasCustomer: value !== null,
    gates: [gate(value, 'custodyFiat')],
    formIsComplete: snapshot.openSteps.length === 0,
    termsRequired: value?.requirements.tos?.status === 'due',
    hasUnsupported: false,
    blockHeld: snapshot.blockHeld,
    writeErrorCode: snapshot.submitError?.code,
  });
}

const onAddress = customer({ addressLine1: 'due', addressCity: 'due', tos: 'due' });
const blockedOnAddress = customer({ addressLine1: 'due', addressCity: 'due', tos: 'due' }, 'inactive');

describe('a compliance block arriving while the person types', () => {
  it('keeps the step and what was typed until their next submit, then shows the block without a write', async () => {
    const { engine, form, writes } = setup(onAddress);
    form.type('addressLine1', '42 Harbor Lane');
    engine.setCustomer(blockedOnAddress);

    const held = engine.getSnapshot();
    expect(held.blockHeld).toBe(true);
    expect(held.step?.id).toBe('address');
    expect(held.isFormClosed).toBe(false);
    expect(form.values.addressLine1).toBe('42 Harbor Lane');
    expect(statusOf(held)).toBe('collect');

    const result = await engine.submitStep();
    expect(result).toMatchObject({ ok: false, stepId: 'address', code: 'unavailable' });
    expect(writes).toHaveLength(0);
    const shown = engine.getSnapshot();
    expect(shown.blockHeld).toBe(false);
    expect(shown.isFormClosed).toBe(true);
    expect(statusOf(shown)).toBe('unavailable');
  });

  it('holds it already in the render that first sees the blocked customer (snapshotFor), so nothing flickers', () => {
    const { engine } = setup(onAddress);
    const view = engine.snapshotFor(blockedOnAddress);
    expect(view.blockHeld).toBe(true);
    expect(view.step?.id).toBe('address');
    expect(statusOf(view)).toBe('collect');
  });

  it('holds it on the Terms until the accept, which shows it through showBlock', () => {
    const { engine } = setup(customer({ tos: 'due' }));
    engine.setCustomer(customer({ tos: 'due' }, 'inactive'));
    expect(engine.getSnapshot().blockHeld).toBe(true);
    expect(statusOf(engine.getSnapshot())).toBe('terms');
    expect(engine.showBlock()).toBe(true);
    expect(statusOf(engine.getSnapshot())).toBe('unavailable');
    expect(engine.showBlock()).toBe(false);
  });

  it('shows it at once when nothing is left to submit (verifying)', () => {
    const { engine } = setup(customer({ addressLine1: 'pending' }));
    engine.setCustomer(customer({ addressLine1: 'pending' }, 'inactive'));
    expect(engine.getSnapshot().blockHeld).toBe(false);
    expect(statusOf(engine.getSnapshot())).toBe('unavailable');
  });

  it('shows it at once when it is the answer to the person’s own submit', async () => {
    const { engine, form } = setup(customer({ firstName: 'due', lastName: 'due', dateOfBirth: 'due' }), [
      blockedOnAddress,
    ]);
    form.type('firstName', 'Ada');
    form.type('lastName', 'Quill');
    form.type('dateOfBirth', { day: '27', month: '3', year: '1990' });
    expect(await engine.submitStep()).toMatchObject({ ok: true });
    expect(engine.getSnapshot().blockHeld).toBe(false);
    expect(statusOf(engine.getSnapshot())).toBe('unavailable');
  });

  it('shows it at once when the flow opens on a customer already blocked', () => {
    const { engine } = setup(blockedOnAddress);
    expect(engine.getSnapshot().blockHeld).toBe(false);
    expect(statusOf(engine.getSnapshot())).toBe('unavailable');
  });
});

describe('a block the provider answers with a refusal', () => {
  it('ends a capability request refused for good as unavailable, never an error to retry', async () => {
    const { engine } = setup(customer({}, 'unrequested'), [new ApiError('customer_not_authorized')]);
    expect(await engine.requestCapabilities()).toBe(false);
    expect(statusOf(engine.getSnapshot(), true)).toBe('unavailable');
  });

  it('keeps a passing failure (the service busy) an error with a retry', async () => {
    const { engine } = setup(customer({}, 'unrequested'), [new ApiError('upstream_unavailable')]);
    expect(await engine.requestCapabilities()).toBe(false);
    expect(statusOf(engine.getSnapshot(), true)).toBe('error');
  });

  it('ends the flow when a step submit is refused for good', async () => {
    const { engine, form } = setup(onAddress, [new ApiError('forbidden')]);
    form.type('addressLine1', '42 Harbor Lane');
    form.type('addressCity', 'Springfield');
    expect(await engine.submitStep()).toMatchObject({ ok: false, code: 'forbidden' });
    expect(statusOf(engine.getSnapshot())).toBe('unavailable');
  });
});
