import type { CreateCustomerBody, UpdateCustomerBody } from '../requestBodySchemas';
import {
  FIELD_KEYS,
  FIELD_SECTIONS,
  fieldSpecFor,
  type FieldSection,
  type PartnerFieldSpecs,
} from '../fields/fieldSpecFor';
import { gate } from '../gate';
import { hasMessage } from '../messages/messages';
import type { Customer, ProviderName } from '../model';
import { planSteps, type PlannedField, type Step, type StepPlan } from '../planSteps';
import { requiredFieldsFor } from '../requiredFieldsFor';
import { createAttempts } from './createAttempts';
import { isPermanentRefusal } from './onboardingStatus';
import { fnv1a } from './payloadFingerprint';

/** The form the engine drives: react-hook-form in the hooks, a plain object in tests. */
export interface EngineForm {
  /** Every value of the form. */
  getValues: () => Record<string, unknown>;
  /** Sets one value; `dirty` says whether it counts as typed. */
  setValue: (key: string, value: unknown, options: { dirty: boolean }) => void;
  /** Whether the person typed in `key` since the form started. */
  isDirty: (key: string) => boolean;
  /** Replaces every value and forgets what was typed. */
  reset: (values: Record<string, unknown>) => void;
  /** Validates `keys` (and marks them touched); resolves the keys that are invalid. */
  validate: (keys: readonly string[]) => Promise<string[]>;
  /**
   * Shows the server's errors on their fields, focusing the first unless
   * `focus` is `false` (a rejection that arrives with the customer: the flow
   * moves focus to the step's heading itself).
   */
  showServerErrors: (
    errors: readonly { key: string; message: string }[],
    options?: { focus: boolean },
  ) => void;
  /** Removes the errors of `keys`. */
  clearErrors: (keys: readonly string[]) => void;
}

/** A step of the flow as counted in "Step i of n": a form section, the review, or the Terms of Service. */
export type FlowStepId = FieldSection | 'review';

/**
 * The flow's step count as fixed when it started, kept across a reload:
 * step ids and whether the review was confirmed, never a value.
 */
export interface FlowPlanRecord {
  /** The customer the plan is for; `null` before the first save creates one. */
  customerId: string | null;
  /** The capabilities it was planned for, joined: another set of capabilities plans afresh. */
  capabilities: string;
  /** Empty once nothing is left to ask: the record then only says that the user has a customer. */
  steps: FlowStepId[];
  reviewed: boolean;
}

/** Where drafts live: sessionStorage in a browser, nothing on a server, a Map in tests. */
export interface DraftStore {
  read: (scope: string) => Record<string, unknown>;
  write: (scope: string, values: Record<string, unknown>) => void;
  clear: (scope: string) => void;
  /** Reads the flow's plan kept under `scope` (cleared with `clear`); without it the count restarts on a reload. */
  readPlan?: (scope: string) => unknown;
  /** Keeps the flow's plan under `scope`. */
  writePlan?: (scope: string, plan: FlowPlanRecord) => void;
}

/** The writes the engine makes (the hooks' proxy client has this shape). */
export interface EngineTransport {
  createCustomer: (body: CreateCustomerBody, options: { idempotencyKey: string }) => Promise<Customer>;
  updateCustomer: (body: UpdateCustomerBody, options: { idempotencyKey: string }) => Promise<Customer>;
  /** The provider the proxy said it speaks (read with no customer yet): plans a new customer's steps when `provider` is not given. */
  readonly provider?: ProviderName | undefined;
}

/** What the engine needs of an error: a code, and per field a code and a safe English text. */
export interface EngineError {
  code: string;
  fields?: Readonly<Record<string, { code: string; message: string }>>;
}

/** What the onboarding plans for; the engine re-plans when one changes. */
export interface OnboardingEngineSettings {
  /** The capabilities to unlock. */
  capabilities: readonly string[];
  /** `due` asks only what is needed now; `eventually_due` also what will be needed later. */
  include?: 'due' | 'eventually_due';
  /** Keep what was typed in draftable fields across a reload. */
  saveDraft?: boolean;
  /** A "Check your answers" step after the form's steps, before the Terms; default `true`. */
  review?: boolean;
}

/** Options of {@link createOnboardingEngine}. */
export interface OnboardingEngineOptions<Error extends EngineError> extends OnboardingEngineSettings {
  /** The customer known at start: `undefined` while loading, `null` when there is none yet. */
  customer: Customer | null | undefined;
  form: EngineForm;
  transport: EngineTransport;
  /** Makes a fresh idempotency key. */
  createIdempotencyKey: () => string;
  /** Turns whatever a write threw into the error the UI shows (a network failure too). */
  toError: (error: unknown) => Error;
  /**
   * Called with the customer a write returned (to update a cache), only while
   * connected: a write answered after the form went (a sign-out, another
   * user on the tab) touches neither the cache nor the drafts.
   */
  onCustomer?: (customer: Customer) => void;
  /** A refusal not about a field may mean the customer changed: read it again. */
  onStale?: () => void;
  /** Browser storage for drafts; without one nothing is kept. */
  drafts?: DraftStore;
  /**
   * Whose session this is (the partner's user key). Drafts are kept under it,
   * so one user never sees another's; without one they are kept per customer, and nothing is kept before the customer exists.
   */
  userKey?: string;
  /** The partner's own field specs. */
  fieldSpecs?: PartnerFieldSpecs;
  /** The provider, for the plan before a customer exists. */
  provider?: ProviderName;
}

/** The outcome of a submit: keys and codes, never values. */
export type StepSubmitResult =
  | { ok: true; stepId: Step['id']; fieldKeys: string[]; customer: Customer }
  | { ok: false; stepId: Step['id'] | undefined; code: string; fieldKeys: string[] };

/** The engine's state, as `getSnapshot` returns it (a new object only when something changed). */
export interface OnboardingSnapshot<Error extends EngineError> {
  customer: Customer | null | undefined;
  /** Core's full plan (with the terms step and fields awaiting verification). */
  plan: StepPlan;
  /** The form's steps still open (Terms of Service are not the form's). */
  openSteps: readonly Step[];
  /** Open steps and the steps saved in this session (reachable with `back`), in order. */
  steps: readonly Step[];
  /**
   * Open fields the provider rejected. While there are any, the flow is
   * re-collecting: `steps` holds only the open steps (no Back into what was
   * already verified, progress counts only what is asked again), and each
   * rejected field carries the generic `field.rejected` error until a new
   * value is typed.
   */
  rejectedKeys: readonly string[];
  /**
   * The flow's steps as counted in "Step i of n" (form sections, `review`,
   * `terms`), fixed when the flow starts and kept across a reload; a section
   * the provider adds later is the only thing that makes it grow. While
   * re-collecting a rejected value: only what is asked again.
   */
  flowSteps: readonly FlowStepId[];
  /** The review step is due: every form step saved, not yet confirmed. */
  isReviewing: boolean;
  /** A saved step opened again from the review or by Back from the Terms: the form is not complete meanwhile. */
  isChanging: boolean;
  /** What was saved in this tab, by key (memory only, for the review); a reload forgets it. */
  savedValues: Readonly<Record<string, unknown>>;
  /** The current step's index in `steps`; -1 once nothing is left to type. */
  stepIndex: number;
  step: Step | undefined;
  /** Every field of `steps`, by key. */
  plannedFields: ReadonlyMap<string, PlannedField>;
  /** Capabilities asked for that the existing customer has not requested. */
  missingCapabilities: readonly string[];
  /**
   * The plan is the customer's own: read, and every capability requested.
   * Until then the steps are a guess (as for a new customer, minus what an
   * existing one already gave), the count is not known (`flowSteps` is not
   * kept and "Step i of n" is not shown) and a submit waits for the plan.
   * In a tab that kept an existing customer's plan (a reload mid-flow or
   * after it), or when an engine before it on the page had a customer for the
   * same transport and user key (another capability, say), there is no guess:
   * no step until the read answers, so the first step of a new customer, its
   * fields empty, never flashes by before the person's own. A read of no
   * customer forgets both.
   */
  isPlanKnown: boolean;
  /** The customer exists and no form step is left (all saved, or a compliance decision ended the flow). */
  isFormClosed: boolean;
  isSubmitting: boolean;
  /** The last write's error; `null` after a successful one. */
  submitError: Error | null;
  /** Counts failed submits, so an error summary knows when to take focus. */
  failedSubmitCount: number;
  /**
   * A compliance block arrived (a capability turned `unavailable`) while the
   * person had a step to submit: the plan stays the one before it, so the
   * step they are typing on is not torn away, until their next submit
   * (`submitStep`, or `showBlock` from the Terms) shows the block.
   */
  blockHeld: boolean;
}

/** A store: subscribe, read the snapshot, act. No React, no DOM. */
export interface OnboardingEngine<Error extends EngineError> {
  subscribe: (listener: () => void) => () => void;
  getSnapshot: () => OnboardingSnapshot<Error>;
  /**
   * The snapshot a server renders (it has no browser storage), for React's
   * hydration: it differs from the first `getSnapshot` only in a tab that
   * kept an existing customer's plan, or after an engine that had a
   * customer (see `isPlanKnown`), where the client shows no guessed step.
   */
  getServerSnapshot: () => OnboardingSnapshot<Error>;
  /**
   * The snapshot as it will be once `customer` is set: pure, for a render
   * that already has a newer customer than the engine (it is set in an effect).
   */
  snapshotFor: (customer: Customer | null | undefined) => OnboardingSnapshot<Error>;
  /** The customer changed (a read, an event, a write elsewhere). */
  setCustomer: (customer: Customer | null | undefined) => void;
  /**
   * The first read of the customer failed: a submit waiting for it (see
   * `submitStep`) gives up with `read_failed`; what was typed stays.
   */
  readFailed: () => void;
  /** The capabilities, `include` or draft setting changed. */
  setSettings: (settings: OnboardingEngineSettings) => void;
  /** What was typed changed: keep the draft in step. */
  valuesChanged: (values: Record<string, unknown>) => void;
  /** The server's error for `key` while its value is the one refused, else `undefined`. */
  serverErrorFor: (key: string, value: unknown) => string | undefined;
  /**
   * Back: the previous step; from a step opened with `changeStep`, the
   * review again (the saved values back in place); from the review, the
   * last form step; from the Terms, the review (or the last form step).
   */
  back: () => void;
  /** Shows the step at `index` if it is not after the current one. */
  goToStep: (index: number) => void;
  /** Opens a saved step from the review; saving it returns to the review. */
  changeStep: (stepId: Step['id']) => void;
  /** Confirms the review: the flow goes on to the Terms. */
  confirmReview: () => void;
  /**
   * Validates and saves the current step (creating the customer on the first save).
   * Before the customer is known (the first step is planned for no customer while
   * the read is in flight) a valid step waits for it, `isSubmitting` meanwhile:
   * create or update is only known then. If the answer re-plans the step away,
   * nothing is saved (`replanned`); if the read fails, `read_failed`.
   */
  submitStep: () => Promise<StepSubmitResult>;
  /**
   * The person submitted (the Terms' accept, say): a held block shows now.
   * Answers whether one was held. `submitStep` does the same by itself.
   */
  showBlock: () => boolean;
  /**
   * Asks for the capabilities the existing customer has not requested; resolves whether it worked.
   * Once connected the engine does this by itself, once per customer and set of capabilities, while
   * the person stays on their step; a failure is `submitError` there (their next Continue sends the
   * capabilities with the step).
   */
  requestCapabilities: () => Promise<boolean>;
  /**
   * The form is live (a browser effect): fill in empty values and restore the
   * draft. The returned function is for when the form goes away: a closed
   * form leaves no draft.
   */
  connect: () => () => void;
}

/** Form values before anything is typed: every registry key (and the partner's) but `tos`. */
export function emptyFormValues(fieldSpecs?: PartnerFieldSpecs): Record<string, unknown> {
  const keys = new Set<string>([...FIELD_KEYS, ...Object.keys(fieldSpecs ?? {})]);
  return Object.fromEntries(
    [...keys]
      .map((key) => fieldSpecFor(key, fieldSpecs))
      .filter((spec) => spec.kind !== 'tos')
      .map((spec) => [spec.key, spec.emptyValue()]),
  );
}

function pick(values: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((key) => key in values).map((key) => [key, values[key]]));
}

/** Keys the form never holds: Terms of Service have their own step. */
function isFormField(field: PlannedField): boolean {
  return field.spec.kind !== 'tos';
}

const sectionIndex = (id: Step['id']) => FIELD_SECTIONS.indexOf(id);

/** Form sections in order, then `review`, then `terms`. */
const flowOrder = (id: FlowStepId) => (id === 'review' ? FIELD_SECTIONS.length - 1.5 : sectionIndex(id));

/** A kept plan's steps and review as read back from storage, or `undefined` when it is not one (or not this customer's). */
function readPlanRecord(
  raw: unknown,
  customerId: string | null,
  capabilities: string,
): Pick<FlowPlanRecord, 'steps' | 'reviewed'> | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const record = raw as Partial<FlowPlanRecord>;
  const steps = Array.isArray(record.steps) ? record.steps : [];
  const valid = steps.every((id) => id === 'review' || FIELD_SECTIONS.includes(id));
  // A plan made before the customer existed belongs to the customer made from it.
  const owner = record.customerId === customerId || (record.customerId === null && customerId !== null);
  return valid && owner && record.capabilities === capabilities && steps.length > 0
    ? { steps, reviewed: record.reviewed === true }
    : undefined;
}

/**
 * The settings with their defaults. The capabilities are copied: a caller
 * that changes its array in place still changes the settings on its next call.
 */
const settingsOf = (given: OnboardingEngineSettings): Required<OnboardingEngineSettings> => ({
  capabilities: [...given.capabilities],
  include: given.include ?? 'due',
  saveDraft: given.saveDraft ?? true,
  review: given.review ?? true,
});

/**
 * Whether a kept plan is an existing customer's: the tab was reloaded (or the flow left and opened
 * again) after the customer was made, so the plan of a new customer would be the wrong guess. A plan
 * with no steps (the mark a finished flow leaves) counts for any capabilities; one mid-flow only for
 * its own, so another capability opened mid-flow shows its step at once (what the customer gave is
 * left out once the read answers, the step staying mounted).
 */
function isExistingCustomersPlan(raw: unknown, capabilities: string): boolean {
  const record = raw as Partial<FlowPlanRecord> | null | undefined;
  return (
    typeof record?.customerId === 'string' &&
    (record.steps?.length === 0 || record.capabilities === capabilities)
  );
}

/**
 * Per transport (the hooks' proxy client), the user tag of the session known to have a customer: in
 * memory only, nothing personal. Written once an engine connects or changes with a customer (in a
 * browser), never when one is made, so a server rendering for many users learns nothing; emptied
 * when a read says there is none.
 */
const customerSeen = new WeakMap<object, string>();

/** A short, non-reversible tag of the user key: drafts are named by it, never by an email or id. */
function userTag(userKey: string): string {
  return `u${fnv1a(userKey).toString(36)}`;
}

/**
 * The onboarding engine: the plan, the current step, the steps saved in this
 * session, the server's errors, the draft policy, idempotency attempts and
 * the create-vs-update choice, as a store with `subscribe` / `getSnapshot`
 * (like TanStack Query's `QueryObserver`). The hooks adapt it to React with
 * `useSyncExternalStore` and react-hook-form.
 *
 * After a save only the fields that came back due or rejected are asked
 * again; after a failed save every typed value stays and the server's field
 * errors sit on their fields until the value changes. When the provider
 * deletes the customer the form empties and starts over.
 */
export function createOnboardingEngine<Error extends EngineError>(
  options: OnboardingEngineOptions<Error>,
): OnboardingEngine<Error> {
  const { form, transport, fieldSpecs, drafts } = options;
  let settings = settingsOf(options);
  let customer = options.customer;
  const current = () => customer;
  let lastCustomerId = customer?.id;
  let savedSteps: Step[] = [];
  let position: Step['id'] | undefined;
  // The flow's fixed step list (once connected), whether the review was confirmed, a saved step opened again.
  let flowPlan: FlowStepId[] | undefined;
  let reviewed = false;
  let changing: { stepId: Step['id']; toReview: boolean } | undefined;
  let connected = false;
  // Steps of a kept plan already passed when the tab was reloaded: reachable with Back as first planned.
  let passedBeforeReload: readonly FlowStepId[] = [];
  let savedValues: Record<string, unknown> = {};
  let isSubmitting = false;
  let submitError: Error | null = null;
  let failedSubmitCount = 0;
  let submitting = false;
  let requesting = false;
  // The customer and capabilities last asked for by the engine itself: once each.
  let autoRequested = '';
  // The customer before a block the person has not seen yet (planned with until their next submit).
  let held: Customer | undefined;
  const serverErrors = new Map<string, { snapshot: string; message: string }>();
  // Rejected keys already shown as errors: each rejection is flagged (and its value emptied) once.
  const flagged = new Set<string>();
  const stepAttempts = createAttempts(options.createIdempotencyKey);
  const capabilityAttempts = createAttempts(options.createIdempotencyKey);
  const listeners = new Set<() => void>();
  const tag = options.userKey === undefined ? undefined : userTag(options.userKey);
  let restoredScope: string | undefined;
  // Submits waiting for the plan (the first read, a capability request): resolved with whether it came.
  let awaitingCustomer: ((known: boolean) => void)[] = [];
  const settleAwaiting = (known: boolean) => {
    const waiting = awaitingCustomer;
    awaitingCustomer = [];
    for (const resolve of waiting) resolve(known);
  };
  const customerKnown = (): Promise<boolean> =>
    customer !== undefined && !requesting
      ? Promise.resolve(submitError === null)
      : new Promise((resolve) => {
          awaitingCustomer.push(resolve);
        });

  const planFor = (value: Customer | null) =>
    planSteps(value, {
      capabilities: settings.capabilities,
      include: settings.include,
      fieldSpecs,
      provider: options.provider ?? transport.provider,
    });

  /**
   * The plan before the customer's own is known: as for a new customer, minus
   * what an existing one already gave (being verified, or verified for a
   * capability they requested), so the guess is usually the plan itself.
   */
  function guessFor(value: Customer | null): StepPlan {
    const plan = planFor(null);
    if (value === null) return plan;
    const given = (key: string) => {
      const status = value.requirements[key]?.status;
      return status
        ? status === 'pending'
        : Object.entries(value.capabilities).some(
            ([name, state]) => state.requested && requiredFieldsFor(name, value.provider).includes(key),
          );
    };
    plan.steps = plan.steps
      .map((step) => ({ ...step, fields: step.fields.filter((field) => !given(field.key)) }))
      .filter((step) => step.fields.length > 0);
    return plan;
  }

  const isBlocked = (value: Customer | null | undefined): boolean =>
    !!value && settings.capabilities.some((name) => gate(value, name).reason === 'unavailable');

  /**
   * Whether `next` brings a block to hold back: it arrived by itself (not as
   * the answer to the person's own write) while they had a form step or the
   * Terms to submit. Tearing the step away mid-typing would be an
   * unexpected change of context; with nothing to submit it shows at once.
   */
  function heldFor(next: Customer | null | undefined, ownWrite: boolean): Customer | undefined {
    // A refused submit already showed the block: the customer read after it is no news.
    if (ownWrite || !isBlocked(next) || isPermanentRefusal(submitError?.code)) return undefined;
    if (held !== undefined) return held;
    if (!customer || isBlocked(customer)) return undefined;
    const { openSteps, plan } = snapshot;
    const termsOwed = plan.steps.some((step) => step.fields.some((field) => !isFormField(field)));
    return openSteps.length > 0 || termsOwed ? customer : undefined;
  }

  function derive(
    customer: Customer | null | undefined = current(),
    heldCustomer: Customer | undefined = held,
  ): OnboardingSnapshot<Error> {
    const missingCapabilities = customer
      ? settings.capabilities.filter((name) => !customer.capabilities[name]?.requested)
      : [];
    const isPlanKnown = customer !== undefined && missingCapabilities.length === 0;
    const plan = (isPlanKnown ? planFor : guessFor)(heldCustomer ?? customer ?? null);
    // Until syncPlan restores it, the plan kept before a reload (read at creation) plans the render for its customer.
    const kept =
      isPlanKnown && keptPlan === ''
        ? readPlanRecord(keptRecord, customer?.id ?? null, settings.capabilities.join())
        : undefined;
    // A reload mid-flow: no guess until the read answers (the first step of a new customer would flash by).
    if (customer === undefined && returning) plan.steps = [];
    const openSteps = plan.steps
      .map((step) => ({ ...step, fields: step.fields.filter(isFormField) }))
      .filter((step) => step.fields.length > 0);
    const rejectedKeys = openSteps.flatMap((step) => step.fields.filter((f) => f.rejected).map((f) => f.key));
    const recollecting = rejectedKeys.length > 0;
    const termsOpen = plan.steps.some((step) => step.id === 'terms');
    const openIds: FlowStepId[] = openSteps.map((step) => step.id);
    // The count is fixed when the flow starts: what is open then, the review, the Terms. A section the
    // provider adds later joins in its place; a planned one it no longer asks for still counts as passed.
    // Without the review setting the review is filtered out, whichever list it came from.
    const base = kept?.steps ?? flowPlan ?? (openIds.length > 0 ? [...openIds, 'review' as const] : openIds);
    const flowSteps = recollecting
      ? openIds
      : [...new Set([...base, ...openIds])].filter((id) => id !== 'review' || settings.review);
    if (termsOpen && !flowSteps.includes('terms')) flowSteps.push('terms');
    flowSteps.sort((left, right) => flowOrder(left) - flowOrder(right));
    // A saved step the provider sends back (a rejected field) shows only what it asks again;
    // while a value is re-collected, the steps already verified are not offered again. Otherwise every
    // step saved in this tab is reachable with Back, and after a reload so is every step passed before it.
    let fresh: Step[] | undefined;
    const steps = recollecting
      ? openSteps
      : flowSteps.flatMap((id) => {
          const found =
            openSteps.find((step) => step.id === id) ??
            savedSteps.find((step) => step.id === id) ??
            ((kept?.steps ?? passedBeforeReload).includes(id) && id !== 'terms'
              ? (fresh ??= planFor(null).steps).find((step) => step.id === id)
              : undefined);
          return found === undefined ? [] : [{ ...found, fields: found.fields.filter(isFormField) }];
        });
    // The step chosen (by a save, "back" or a server error) while it is listed; else the first open one.
    const chosen = position === undefined ? -1 : steps.findIndex((step) => step.id === position);
    const firstOpen = openSteps[0];
    const stepIndex =
      chosen !== -1 ? chosen : firstOpen === undefined ? -1 : steps.findIndex((s) => s.id === firstOpen.id);
    const hasCustomer = !!customer;
    const isFormClosed = hasCustomer && (openSteps.length === 0 || isBlocked(heldCustomer ?? customer));
    return {
      customer,
      plan,
      openSteps,
      steps,
      rejectedKeys,
      flowSteps,
      isReviewing:
        hasCustomer &&
        !recollecting &&
        !(kept?.reviewed ?? reviewed) &&
        changing === undefined &&
        openSteps.length === 0 &&
        flowSteps.includes('review'),
      isChanging: changing !== undefined,
      savedValues,
      stepIndex,
      step: stepIndex === -1 ? undefined : steps[stepIndex],
      plannedFields: new Map(
        steps.flatMap((step) => step.fields.map((field) => [field.key, field] as const)),
      ),
      missingCapabilities,
      isPlanKnown,
      isFormClosed,
      isSubmitting,
      submitError,
      failedSubmitCount,
      blockHeld: heldCustomer !== undefined,
    };
  }

  // Before `returning` is known, derive() plans as a server does: with no storage to read.
  let returning = false;
  let keptRecord: unknown;
  let keptPlan = '';
  const serverSnapshot = derive();
  const planScope = tag === undefined ? 'plan' : `plan:${tag}`;
  if (options.customer === undefined) {
    keptRecord = drafts?.readPlan?.(planScope);
    returning =
      customerSeen.get(transport) === `${tag}` ||
      isExistingCustomersPlan(keptRecord, settings.capabilities.join());
  }
  let snapshot = returning ? derive() : serverSnapshot;
  let view:
    | {
        base: OnboardingSnapshot<Error>;
        customer: Customer | null | undefined;
        snapshot: OnboardingSnapshot<Error>;
      }
    | undefined;
  /** Restores the kept plan once connected (not while rendering: a server has none), then keeps it in step. */
  function syncPlan(): void {
    // The count is fixed from the customer's own plan, never from a guess.
    if (!connected || !snapshot.isPlanKnown) return;
    const customerId = customer?.id ?? null;
    if (flowPlan === undefined && keptPlan === '') {
      const record = readPlanRecord(drafts?.readPlan?.(planScope), customerId, settings.capabilities.join());
      keptPlan = 'read';
      if (record !== undefined) {
        flowPlan = record.steps;
        reviewed = record.reviewed;
        const open = snapshot.openSteps.map((step) => step.id);
        passedBeforeReload = record.steps.filter((id) => !open.includes(id as Step['id']));
        snapshot = derive();
      }
    }
    const over = snapshot.isFormClosed && !snapshot.plan.steps.some((step) => step.id === 'terms');
    if (snapshot.rejectedKeys.length > 0) return;
    if (over || snapshot.flowSteps.length === 0) {
      // Nothing left to ask: the next flow counts afresh. A plan with no steps stays, the mark that this
      // user has a customer: a reload waits for the read instead of a new customer's guess.
      if (flowPlan !== undefined) {
        flowPlan = undefined;
        reviewed = false;
        snapshot = derive();
      }
    } else flowPlan = [...snapshot.flowSteps];
    const record: FlowPlanRecord = {
      customerId,
      capabilities: settings.capabilities.join(),
      steps: flowPlan ?? [],
      reviewed,
    };
    const serialized = JSON.stringify(record);
    if (serialized !== keptPlan) drafts?.writePlan?.(planScope, record);
    keptPlan = serialized;
  }

  const emit = () => {
    snapshot = derive();
    syncPlan();
    // The next flow on the page for this user waits for its read instead of a new customer's guess;
    // once a read says there is none (the provider deleted it), it guesses again.
    if (customer !== undefined) customerSeen.set(transport, customer ? `${tag}` : '');
    for (const listener of listeners) listener();
  };

  // Drafts: per user when the partner names one (`new` before the customer exists), else per customer
  // only: with no user key, a draft typed before the customer exists could be shown to the next person.
  const draftScope = (): string | undefined =>
    tag === undefined ? customer?.id : customer === undefined ? undefined : `${tag}:${customer?.id ?? 'new'}`;
  // Only fields still to be saved go in the draft: once the proxy has a value, the page needs no copy of it.
  const draftKeys = (exclude: readonly string[] = []): string[] =>
    snapshot.isFormClosed
      ? []
      : snapshot.openSteps
          .flatMap((step) => step.fields)
          .filter((field) => field.spec.draftable && !exclude.includes(field.key))
          .map((field) => field.key);
  const writeDraft = (values: Record<string, unknown>, exclude?: readonly string[]) => {
    const scope = draftScope();
    if (!connected || drafts === undefined || scope === undefined || !settings.saveDraft) return;
    drafts.write(scope, pick(values, draftKeys(exclude)));
  };
  const isDraftable = (key: string) => fieldSpecFor(key, fieldSpecs).draftable;

  /** Restores a draft once per scope, then rewrites it (or drops it once the form closed). */
  function syncDrafts(): void {
    const scope = draftScope();
    if (!connected || drafts === undefined || scope === undefined) return;
    if (settings.saveDraft && restoredScope !== scope) {
      const previous = restoredScope;
      restoredScope = scope;
      // A draft typed before the customer existed moves under the new customer.
      if (previous === `${tag}:new`) drafts.clear(previous);
      for (const [key, value] of Object.entries(drafts.read(scope))) {
        if (isDraftable(key) && !form.isDirty(key)) form.setValue(key, value, { dirty: true });
      }
    }
    if (snapshot.isFormClosed) drafts.clear(scope);
    else writeDraft(form.getValues());
  }

  /** Unknown requirement keys arrive with the customer: give them an empty value so their inputs start empty. */
  function fillEmptyValues(): void {
    const values = form.getValues();
    for (const field of snapshot.plannedFields.values()) {
      if (values[field.key] === undefined)
        form.setValue(field.key, field.spec.emptyValue(), { dirty: false });
    }
  }

  /**
   * A rejection is an error on its field: the generic `field.rejected`
   * message stays on it until its value changes (the value still typed in
   * this session, so a typo can be corrected; empty after a reload). Never
   * why: the provider's reason is not shown.
   */
  function flagRejections(): void {
    const rejected = snapshot.rejectedKeys;
    for (const key of flagged) if (!rejected.includes(key)) flagged.delete(key);
    const fresh = rejected.filter((key) => !flagged.has(key));
    if (fresh.length === 0) return;
    const values = form.getValues();
    const shown = fresh.map((key) => {
      flagged.add(key);
      serverErrors.set(key, { snapshot: JSON.stringify(values[key]), message: 'field.rejected' });
      return { key, message: 'field.rejected' };
    });
    emit();
    form.showServerErrors(shown, { focus: false });
  }

  function startOver(previousId: string): void {
    // Nothing typed for the deleted customer is kept, in memory or in the draft.
    const scope = tag === undefined ? previousId : `${tag}:${previousId}`;
    drafts?.clear(scope);
    stepAttempts.settle();
    capabilityAttempts.settle();
    serverErrors.clear();
    flagged.clear();
    form.reset(emptyFormValues(fieldSpecs));
    savedSteps = [];
    position = undefined;
    submitError = null;
    held = undefined;
    savedValues = {};
    changing = undefined;
    passedBeforeReload = [];
    if (flowPlan !== undefined) drafts?.clear(planScope);
    flowPlan = undefined;
    reviewed = false;
  }

  function setCustomer(next: Customer | null | undefined, ownWrite = false): void {
    if (next === customer) return;
    held = heldFor(next, ownWrite);
    customer = next;
    if (next !== undefined) {
      const previousId = lastCustomerId;
      lastCustomerId = next?.id;
      if (next === null && previousId !== undefined) startOver(previousId);
    }
    emit();
    fillEmptyValues();
    flagRejections();
    syncDrafts();
    if (next === undefined) return;
    requestMissing();
    if (!requesting) settleAwaiting(true);
  }

  /** An existing customer who never asked for a capability: ask once, the person stays on their step. */
  function requestMissing(): void {
    const key = `${customer?.id}${snapshot.missingCapabilities.join()}`;
    if (
      !connected ||
      !customer ||
      !snapshot.missingCapabilities.length ||
      requesting ||
      key === autoRequested
    )
      return;
    autoRequested = key;
    void requestCapabilities();
  }

  async function requestCapabilities(): Promise<boolean> {
    const missing = [...snapshot.missingCapabilities];
    if (!customer || requesting) return false;
    if (missing.length === 0) return true;
    requesting = true;
    submitError = null;
    emit();
    try {
      const saved = await transport.updateCustomer(
        { capabilities: missing },
        { idempotencyKey: capabilityAttempts.keyFor({ customerId: customer.id, missing }) },
      );
      capabilityAttempts.settle();
      requesting = false;
      setCustomer(saved, true);
      if (connected) options.onCustomer?.(saved);
      return true;
    } catch (error) {
      requesting = false;
      // Shown on the step the person is on, without taking focus: their next Continue sends the capabilities too.
      submitError = options.toError(error);
      emit();
      settleAwaiting(false);
      return false;
    }
  }

  /** Before the plan is known: validate at once, then wait for the read (create vs update) or the capabilities. */
  async function submitWhenKnown(step: Step): Promise<StepSubmitResult> {
    const stepId = step.id;
    const invalidKeys = await form.validate(step.fields.map((field) => field.key));
    if (invalidKeys.length > 0) {
      failedSubmitCount += 1;
      emit();
      return { ok: false, stepId, code: 'invalid_fields', fieldKeys: invalidKeys };
    }
    isSubmitting = true;
    emit();
    const known = await customerKnown();
    isSubmitting = false;
    const now = snapshot.step;
    // A compliance block or a step the customer no longer owes: nothing to save from here.
    if (!known || now?.id !== stepId || snapshot.isFormClosed) {
      if (!known && submitError !== null) failedSubmitCount += 1;
      emit();
      const code = known ? 'replanned' : (submitError?.code ?? 'read_failed');
      return { ok: false, stepId, code, fieldKeys: [] };
    }
    return saveStep(now);
  }

  function showBlock(): boolean {
    if (held === undefined) return false;
    held = undefined;
    emit();
    syncDrafts();
    return true;
  }

  async function saveStep(step: Step): Promise<StepSubmitResult> {
    const stepId = step.id;
    const fieldKeys = step.fields.map((field) => field.key);
    const invalidKeys = await form.validate(fieldKeys);
    if (invalidKeys.length > 0) {
      failedSubmitCount += 1;
      emit();
      return { ok: false, stepId, code: 'invalid_fields', fieldKeys: invalidKeys };
    }
    const values = form.getValues();
    const fields = pick(values, fieldKeys);
    const missing = snapshot.missingCapabilities;
    const current = customer;
    const request = current
      ? {
          method: 'update' as const,
          body: { fields, ...(missing.length > 0 ? { capabilities: [...missing] } : {}) },
        }
      : { method: 'create' as const, body: { capabilities: [...settings.capabilities], fields } };
    // The customer is part of the fingerprint: after a deletion the same values for the new customer are a new submit.
    const idempotencyKey = stepAttempts.keyFor({ customerId: current?.id, request });
    isSubmitting = true;
    submitError = null;
    emit();
    try {
      const saved =
        request.method === 'create'
          ? await transport.createCustomer(request.body, { idempotencyKey })
          : await transport.updateCustomer(request.body, { idempotencyKey });
      stepAttempts.settle();
      // The proxy holds these values now: they leave the draft at once, before the customer is re-planned.
      writeDraft(form.getValues(), fieldKeys);
      for (const key of fieldKeys) serverErrors.delete(key);
      form.clearErrors(fieldKeys);
      savedSteps = [...savedSteps.filter((each) => each.id !== stepId), step];
      savedValues = { ...savedValues, ...fields };
      // Where to go is decided from this answer, once: a later live update must not pull the user off their step.
      const nextOpen = planFor(saved)
        .steps.filter((each) => each.fields.some(isFormField))
        .map((each) => each.id);
      position = nextOpen.includes(stepId)
        ? stepId
        : (nextOpen.find((id) => sectionIndex(id) > sectionIndex(stepId)) ?? nextOpen[0]);
      // A step changed from the review goes back to it; one reached by Back from the Terms walks on to the end.
      if (changing !== undefined && position === undefined) {
        const later = snapshot.steps.find((each) => sectionIndex(each.id) > sectionIndex(stepId));
        if (changing.toReview || later === undefined) changing = undefined;
        else position = later.id;
      }
      isSubmitting = false;
      // The same customer back (nothing changed upstream) still moves the flow on.
      if (saved === customer) emit();
      else setCustomer(saved, true);
      if (connected) options.onCustomer?.(saved);
      return { ok: true, stepId, fieldKeys, customer: saved };
    } catch (error) {
      const failure = options.toError(error);
      submitError = failure;
      failedSubmitCount += 1;
      const shown: { key: string; message: string }[] = [];
      for (const [key, fieldError] of Object.entries(failure.fields ?? {})) {
        // The code when the catalogue knows it (so it follows the locale), else the proxy's safe English text.
        const message = hasMessage(fieldError.code) ? fieldError.code : fieldError.message;
        serverErrors.set(key, { snapshot: JSON.stringify(values[key]), message });
        shown.push({ key, message });
      }
      const errorKeys = shown.map((each) => each.key);
      // Server errors on a field of another step: show that step so the user can fix it.
      const withError = snapshot.steps.find((each) => each.fields.some((f) => errorKeys.includes(f.key)));
      if (withError !== undefined && withError.id !== stepId) position = withError.id;
      isSubmitting = false;
      emit();
      form.showServerErrors(shown);
      if (errorKeys.length === 0) options.onStale?.();
      return { ok: false, stepId, code: failure.code, fieldKeys: errorKeys };
    } finally {
      if (isSubmitting) {
        isSubmitting = false;
        emit();
      }
    }
  }

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => snapshot,
    getServerSnapshot: () => serverSnapshot,
    snapshotFor(next) {
      if (next === customer) return snapshot;
      if (view?.base !== snapshot || view.customer !== next) {
        view = { base: snapshot, customer: next, snapshot: derive(next, heldFor(next, false)) };
      }
      return view.snapshot;
    },
    setCustomer: (next) => setCustomer(next),
    readFailed: () => settleAwaiting(false),
    setSettings(given) {
      const next = settingsOf(given);
      // The same settings given again (`settingsOf` always lists the same keys in the same order) change nothing.
      if (JSON.stringify(next) === JSON.stringify(settings)) return;
      // Other capabilities are another flow: it counts afresh.
      if (next.capabilities.join() !== settings.capabilities.join()) {
        flowPlan = undefined;
        reviewed = false;
        passedBeforeReload = [];
      }
      settings = next;
      emit();
      fillEmptyValues();
      syncDrafts();
      requestMissing();
    },
    valuesChanged(values) {
      writeDraft(values);
    },
    serverErrorFor(key, value) {
      const entry = serverErrors.get(key);
      if (entry === undefined) return undefined;
      // A server error stays on its field until the value changes: a blur alone re-validates with the schema only.
      if (JSON.stringify(value) === entry.snapshot) return entry.message;
      serverErrors.delete(key);
      return undefined;
    },
    back() {
      const { steps, stepIndex } = snapshot;
      if (changing !== undefined && (changing.toReview || stepIndex <= 0)) {
        // Back to where the change began (the review, or the Terms from the first step). Nothing was
        // saved: the review shows what was, so the form holds it again.
        for (const field of steps[stepIndex]?.fields ?? []) {
          if (field.key in savedValues) form.setValue(field.key, savedValues[field.key], { dirty: false });
        }
        form.clearErrors(steps[stepIndex]?.fields.map((field) => field.key) ?? []);
        changing = undefined;
        position = undefined;
      } else if (stepIndex !== -1) {
        const previous = steps[stepIndex - 1];
        if (previous === undefined) return;
        position = previous.id;
      } else if (!snapshot.isFormClosed || snapshot.rejectedKeys.length > 0) {
        return;
      } else if (!snapshot.isReviewing && snapshot.flowSteps.includes('review')) {
        // From the Terms to the review; the Terms keep their state (the hooks hold it).
        reviewed = false;
      } else {
        const last = steps[steps.length - 1];
        if (last === undefined) return;
        changing = { stepId: last.id, toReview: false };
        position = last.id;
      }
      emit();
    },
    changeStep(stepId) {
      if (!snapshot.isReviewing || !snapshot.steps.some((step) => step.id === stepId)) return;
      changing = { stepId, toReview: true };
      position = stepId;
      emit();
    },
    confirmReview() {
      // Continue on the review is the person's submit: a block held meanwhile shows now instead.
      if (!snapshot.isReviewing || showBlock()) return;
      reviewed = true;
      emit();
    },
    goToStep(index) {
      const target = snapshot.steps[index];
      if (target === undefined || index > snapshot.stepIndex) return;
      position = target.id;
      emit();
    },
    showBlock,
    async submitStep() {
      const step = snapshot.step;
      // The person's own submit is the natural point to show a block held back while they typed.
      if (showBlock()) return { ok: false, stepId: step?.id, code: 'unavailable', fieldKeys: [] };
      // A flag, not the snapshot: a double click lands twice before anything re-renders.
      if (step === undefined || submitting) {
        return { ok: false, stepId: step?.id, code: 'busy', fieldKeys: [] };
      }
      submitting = true;
      try {
        return await (customer === undefined || requesting ? submitWhenKnown(step) : saveStep(step));
      } finally {
        submitting = false;
      }
    },
    requestCapabilities,
    connect() {
      connected = true;
      emit();
      fillEmptyValues();
      flagRejections();
      syncDrafts();
      requestMissing();
      return () => {
        connected = false;
        // Leaving after completion: whatever rendered the form is gone, and so must be its draft.
        const scope = draftScope();
        if (snapshot.isFormClosed && scope !== undefined) drafts?.clear(scope);
        restoredScope = undefined;
      };
    },
  };
}
