import {
  FIELD_KEYS,
  FIELD_SECTIONS,
  fieldSpecFor,
  formFieldsSchema,
  gate,
  hasMessage,
  planSteps,
} from '@kyc-kit/core';
import type { Customer, PlannedField, Step, StepPlan } from '@kyc-kit/core';
import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useForm } from 'react-hook-form';
import type { FieldErrors, FieldValues, Resolver, UseFormReturn } from 'react-hook-form';
import {
  buildRequirementFieldProps,
  emptyValueFor,
  errorTargetId,
  firstErrorMessage,
  translateErrorMessage,
} from './buildRequirementFieldProps';
import type { RequirementFieldProps, RequirementOption } from './buildRequirementFieldProps';
import { createIdempotencyKey } from './createIdempotencyKey';
import { draftStorage } from './draftStorage';
import { KycKitApiError } from './KycKitApiError';
import { kycKitQueryKeys } from './kycKitQueryKeys';
import { useKycKitContext } from './KycKitProvider';
import type { Translate } from './KycKitProvider';
import { payloadFingerprint } from './payloadFingerprint';
import { translateApiError } from './translateApiError';
import { useCustomer } from './useCustomer';

/** Options of {@link useRequirementsForm}. */
export interface UseRequirementsFormOptions {
  /** The capabilities the form collects requirements for. */
  capabilities: string[];
  /**
   * `due` asks only what is needed now; `eventually_due` also asks what will be needed later.
   * @default 'due'
   */
  include?: 'due' | 'eventually_due';
  /**
   * Keep what was typed in non-sensitive fields across a reload (sessionStorage, per customer).
   * Sensitive fields are never stored, whatever this says.
   * @default true
   */
  saveDraft?: boolean;
  /** Called after a step was saved. Carries keys, never values. */
  onStepSubmitted?: (detail: { stepId: string; fieldKeys: string[]; customerId: string }) => void;
  /** Called when a step could not be saved. Carries keys and codes, never values. */
  onStepSubmitFailed?: (detail: { stepId: string; code: string; fieldKeys: string[] }) => void;
}

/** One entry of an error summary (GOV.UK: a link to each invalid field). */
export interface RequirementErrorSummaryItem {
  /** The requirement key. */
  key: string;
  /** Translated error text. */
  message: string;
  /** The id of the control the entry links to and focuses. */
  targetId: string;
}

/** The step being shown: one of the form steps of the plan. */
export interface RequirementsFormStep extends Step {
  /** The step's fields that the form collects (Terms of Service are `useTermsOfService`'s). */
  fields: PlannedField[];
  /** Translated title. */
  title: string;
}

/** What {@link useRequirementsForm} returns. */
export interface RequirementsForm {
  /** The react-hook-form instance, for partners who wire their own controls (`form.control` with `useController`). */
  form: UseFormReturn<FieldValues>;
  /** Core's full plan for the customer (including the terms step and fields awaiting verification). */
  plan: StepPlan;
  /** The steps of this session in order: those still open and those saved (reachable with `back`). */
  steps: RequirementsFormStep[];
  /** The current step; `undefined` once nothing is left to type. */
  step: RequirementsFormStep | undefined;
  /** Zero-based index of `step` in `steps`. */
  stepIndex: number;
  /** The i of "step i of n" (1-based). */
  stepNumber: number;
  /**
   * The n of "step i of n": the form's own steps. Terms of Service are not
   * the form's; `useOnboarding().step.count` adds them as the last step.
   */
  stepCount: number;
  /** Translated "Step i of n". */
  progressLabel: string;
  isFirstStep: boolean;
  isLastStep: boolean;
  /** Shows an earlier step again (values stay typed). */
  back: () => void;
  /** Shows the step at `index` if it is not after the current one. */
  goToStep: (index: number) => void;
  /** Validates the current step and saves it through the proxy; resolves whether it was saved. */
  submitStep: () => Promise<boolean>;
  /**
   * Asks the provider for the capabilities the existing customer has not
   * requested yet (their requirements appear only then); resolves whether it worked.
   */
  requestCapabilities: () => Promise<boolean>;
  /** Capabilities of the options the existing customer has not requested. */
  missingCapabilities: string[];
  /** Keys of the current step's fields, in order. */
  fieldKeys: string[];
  /**
   * Prop bags of one field. Reading them subscribes the component that calls
   * this to every field's error state; for per-field rendering use
   * `useRequirementField({ form, name })` in each field component.
   */
  getFieldProps: (key: string) => RequirementFieldProps;
  /** Props of the `<form>` element: submit runs `submitStep`. */
  formProps: {
    id: string;
    noValidate: true;
    onSubmit: (event: FormEvent) => void;
    'aria-labelledby': string;
  };
  /** Props of the step's heading, which labels the form. */
  titleProps: { id: string };
  /** True while a step is being saved. */
  isSubmitting: boolean;
  /** The last save's error, `null` after a successful one. */
  submitError: KycKitApiError | null;
  /** Translated text of `submitError`. */
  submitErrorMessage: string | undefined;
  /** Increases at each failed submit attempt, so an error summary knows when to take focus. */
  failedSubmitCount: number;
  /** True until the customer has been loaded. */
  isLoading: boolean;
  /** True when the customer is loaded and no field is left to type. */
  isComplete: boolean;
  /** Internal wiring for `useRequirementField` and `useRequirementsErrorSummary`. */
  fieldContext: RequirementFieldContext;
}

/** What a per-field hook needs from its form. */
export interface RequirementFieldContext {
  idPrefix: string;
  t: Translate;
  plannedFields: ReadonlyMap<string, PlannedField>;
  fieldKeys: string[];
  countryOptions: RequirementOption[];
}

/**
 * Which step to show: the one chosen (by a save, "back" or a server error)
 * while it is still in the list; else the first open step; none once nothing
 * is open.
 */
function indexOfCurrentStep(
  steps: readonly RequirementsFormStep[],
  openSteps: readonly RequirementsFormStep[],
  position: { stepId: string } | undefined,
): number {
  const chosen = position === undefined ? -1 : steps.findIndex((step) => step.id === position.stepId);
  if (chosen !== -1) return chosen;
  const firstOpen = openSteps[0];
  return firstOpen === undefined ? -1 : steps.findIndex((step) => step.id === firstOpen.id);
}

/** Keys the form never holds: Terms of Service have their own hook. */
function isFormField(field: PlannedField): boolean {
  return field.spec.kind !== 'tos';
}

function initialValues(): FieldValues {
  return Object.fromEntries(
    FIELD_KEYS.filter((key) => fieldSpecFor(key).kind !== 'tos').map((key) => [
      key,
      emptyValueFor(fieldSpecFor(key)),
    ]),
  );
}

function pick(values: FieldValues, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((key) => key in values).map((key) => [key, values[key]]));
}

/**
 * The phone's country choices: the ISO countries of core's citizenship list,
 * translated. Sorted by name so a keyboard user can type to find one.
 */
function phoneCountryOptions(t: Translate): RequirementOption[] {
  return (fieldSpecFor('citizenship').options ?? [])
    .map((option) => ({ value: option.value, label: t(option.labelId) }))
    .sort((left, right) => left.label.localeCompare(right.label));
}

/**
 * A react-hook-form form over the requirements of `capabilities`, one step at
 * a time: core plans the steps, each step validates with a zod resolver built
 * from core's field specs, and submitting a step saves it through the proxy
 * (creating the customer on the first save). After a save only the fields
 * that came back due or rejected are asked again; after a failed save every
 * typed value stays and the server's field errors sit on their fields. When
 * the provider deletes the customer the form empties and starts over.
 */
export function useRequirementsForm(options: UseRequirementsFormOptions): RequirementsForm {
  const { client, t } = useKycKitContext('useRequirementsForm');
  const queryClient = useQueryClient();
  const { customer, isLoading } = useCustomer();
  const { include = 'due', saveDraft = true } = options;
  // Callers pass capability arrays inline; a joined key keeps the plan from being recomputed each render.
  const capabilitiesKey = options.capabilities.join('\n');
  const capabilities = useMemo(
    () => (capabilitiesKey === '' ? [] : capabilitiesKey.split('\n')),
    [capabilitiesKey],
  );

  const plan = useMemo(
    () => planSteps(customer ?? null, { capabilities, include }),
    [customer, capabilities, include],
  );
  const openSteps = useMemo<RequirementsFormStep[]>(
    () =>
      plan.steps
        .map((step) => ({ ...step, fields: step.fields.filter(isFormField), title: t(step.titleId) }))
        .filter((step) => step.fields.length > 0),
    [plan, t],
  );
  // Steps saved in this session stay reachable with "back" (their values are still typed);
  // a saved step the provider sends back (a rejected field) shows only what it asks again.
  const [savedSteps, setSavedSteps] = useState<readonly RequirementsFormStep[]>([]);
  const steps = useMemo(() => {
    const open = new Set(openSteps.map((step) => step.id));
    const merged = [...openSteps, ...savedSteps.filter((step) => !open.has(step.id))];
    return merged.sort((left, right) => FIELD_SECTIONS.indexOf(left.id) - FIELD_SECTIONS.indexOf(right.id));
  }, [openSteps, savedSteps]);
  const plannedFields = useMemo(
    () => new Map(steps.flatMap((step) => step.fields.map((field) => [field.key, field] as const))),
    [steps],
  );

  const [position, setPosition] = useState<{ stepId: string } | undefined>(undefined);
  const stepIndex = indexOfCurrentStep(steps, openSteps, position);
  const step = stepIndex === -1 ? undefined : steps[stepIndex];
  const fieldKeys = useMemo(() => step?.fields.map((field) => field.key) ?? [], [step]);
  const stepCount = steps.length;
  const stepNumber = stepIndex + 1;

  // A server error stays on its field until the value changes: a blur alone (focus moving to the error
  // summary, say) re-validates with zod, which knows nothing of the server's refusal.
  const serverErrorsRef = useRef(new Map<string, { snapshot: string; message: string }>());
  // The resolver validates the current step's keys only: later steps are not the user's problem yet.
  const resolver = useMemo<Resolver<FieldValues>>(() => {
    const stepResolver = zodResolver(formFieldsSchema(fieldKeys), undefined, {
      raw: true,
    }) as unknown as Resolver<FieldValues>;
    return async (values, context, resolverOptions) => {
      const result = await stepResolver(values, context, resolverOptions);
      const errors: FieldErrors = { ...result.errors };
      for (const [key, entry] of serverErrorsRef.current) {
        if (JSON.stringify(values[key]) !== entry.snapshot) serverErrorsRef.current.delete(key);
        else if (errors[key] === undefined) errors[key] = { type: 'server', message: entry.message };
      }
      return Object.keys(errors).length > 0 ? { values: {}, errors } : result;
    };
  }, [fieldKeys]);
  const [defaultValues] = useState(initialValues);
  const form = useForm<FieldValues>({
    defaultValues,
    resolver,
    mode: 'onTouched',
    reValidateMode: 'onChange',
  });

  const countryOptions = useMemo(() => phoneCountryOptions(t), [t]);
  const idPrefix = `kyc${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const [isSubmitting, setIsSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<KycKitApiError | null>(null);
  const [failedSubmitCount, setFailedSubmitCount] = useState(0);
  // One idempotency key per logical submit: the same body sent again (a retry) reuses it; a changed body gets a new one
  // (the provider refuses a key reused with another body). Only the body's fingerprint is kept, never the body.
  const attemptRef = useRef<{ fingerprint: string; key: string } | null>(null);

  // Unknown requirement keys arrive with the customer: give them an empty value so their inputs start empty.
  useEffect(() => {
    for (const field of plannedFields.values()) {
      if (form.getValues(field.key) === undefined) {
        form.setValue(field.key, emptyValueFor(field.spec), { shouldDirty: false });
      }
    }
  }, [plannedFields, form]);

  // The provider deleted the customer (the event stream said so, or a read answered `no_customer`): the user starts
  // over as someone who never had one. Nothing typed for the deleted customer is kept, in memory or in the draft.
  // Declared before the draft effect so that effect sees the emptied form.
  const previousCustomerIdRef = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (customer === undefined) return;
    const previousId = previousCustomerIdRef.current;
    previousCustomerIdRef.current = customer?.id;
    if (customer !== null || previousId === undefined) return;
    draftStorage.clear(previousId);
    attemptRef.current = null;
    capabilityAttemptRef.current = null;
    serverErrorsRef.current.clear();
    form.reset(initialValues());
    setSavedSteps([]);
    setPosition(undefined);
    setSubmitError(null);
  }, [customer, form]);

  const draftScope = customer === undefined ? undefined : (customer?.id ?? 'new');
  // No form step is left to show: every field is saved (terms, verifying, done), or a compliance decision
  // ended the flow (unavailable). Nothing typed needs keeping then, so the draft goes.
  const isFormClosed =
    customer !== undefined &&
    customer !== null &&
    (openSteps.length === 0 || capabilities.some((name) => gate(customer, name).reason === 'unavailable'));
  // Only fields still to be saved go in the draft: once the proxy has a value, the page needs no copy of it.
  const openKeysRef = useRef<string[]>([]);
  useEffect(() => {
    openKeysRef.current = isFormClosed
      ? []
      : openSteps.flatMap((each) => each.fields.map((field) => field.key));
  }, [openSteps, isFormClosed]);

  // Restore a draft once per scope, then keep it in step with what is typed. Effects only: the server has no storage.
  const restoredScopeRef = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!saveDraft || draftScope === undefined) return;
    const previousScope = restoredScopeRef.current;
    if (previousScope !== draftScope) {
      restoredScopeRef.current = draftScope;
      if (previousScope === 'new') draftStorage.clear('new');
      for (const [key, value] of Object.entries(draftStorage.read(draftScope))) {
        if (!form.getFieldState(key).isDirty) form.setValue(key, value, { shouldDirty: true });
      }
    }
    const save = (values: FieldValues) =>
      draftStorage.write(draftScope, pick(values, openKeysRef.current.filter(draftStorage.isDraftable)));
    save(form.getValues());
    const subscription = form.watch((values) => save(values));
    return () => subscription.unsubscribe();
  }, [saveDraft, draftScope, form]);

  // The draft follows the open steps too, not only what is typed: a step saved (or closed by the provider)
  // takes its values out of the draft even though no value changed, and a closed form leaves no draft at all.
  // Runs after the effect above, so a restored draft is already in the form when it is rewritten.
  useEffect(() => {
    if (draftScope === undefined) return;
    if (isFormClosed) draftStorage.clear(draftScope);
    else if (saveDraft)
      draftStorage.write(
        draftScope,
        pick(form.getValues(), openKeysRef.current.filter(draftStorage.isDraftable)),
      );
  }, [openSteps, isFormClosed, draftScope, saveDraft, form]);

  // Leaving after completion: whatever rendered the form is gone, and so must be its draft.
  const closedScopeRef = useRef<string | undefined>(undefined);
  useEffect(() => {
    closedScopeRef.current = isFormClosed ? draftScope : undefined;
  }, [isFormClosed, draftScope]);
  useEffect(
    () => () => {
      if (closedScopeRef.current !== undefined) draftStorage.clear(closedScopeRef.current);
    },
    [],
  );

  const onStepSubmittedRef = useRef(options.onStepSubmitted);
  const onStepSubmitFailedRef = useRef(options.onStepSubmitFailed);
  useEffect(() => {
    onStepSubmittedRef.current = options.onStepSubmitted;
    onStepSubmitFailedRef.current = options.onStepSubmitFailed;
  });

  const saveStep = useCallback(
    async (step: RequirementsFormStep): Promise<boolean> => {
      const stepId = step.id;
      const fieldKeys = step.fields.map((field) => field.key);
      // Touching the fields makes each one re-validate as it is corrected, as after a native submit.
      const valid = await form.trigger(fieldKeys, { shouldTouch: true });
      if (!valid) {
        setFailedSubmitCount((count) => count + 1);
        const invalidKeys = fieldKeys.filter((key) => form.getFieldState(key).invalid);
        onStepSubmitFailedRef.current?.({ stepId, code: 'invalid_fields', fieldKeys: invalidKeys });
        return false;
      }
      const fields = pick(form.getValues(), fieldKeys);
      const missingCapabilities = customer
        ? capabilities.filter((name) => !customer.capabilities[name]?.requested)
        : [];
      const request = customer
        ? {
            method: 'update' as const,
            body: {
              fields,
              ...(missingCapabilities.length > 0 ? { capabilities: missingCapabilities } : {}),
            },
          }
        : { method: 'create' as const, body: { capabilities, fields } };
      const fingerprint = payloadFingerprint({ customerId: customer?.id, request });
      if (attemptRef.current?.fingerprint !== fingerprint) {
        attemptRef.current = { fingerprint, key: createIdempotencyKey() };
      }
      const idempotencyKey = attemptRef.current.key;
      setIsSubmitting(true);
      setSubmitError(null);
      try {
        const saved: Customer =
          request.method === 'create'
            ? await client.createCustomer(request.body, { idempotencyKey })
            : await client.updateCustomer(request.body, { idempotencyKey });
        attemptRef.current = null;
        // The proxy holds these values now: they leave the draft at once, before the customer is re-planned.
        if (saveDraft && draftScope !== undefined) {
          const stillOpen = openKeysRef.current.filter(
            (key) => !fieldKeys.includes(key) && draftStorage.isDraftable(key),
          );
          draftStorage.write(draftScope, pick(form.getValues(), stillOpen));
        }
        for (const key of fieldKeys) serverErrorsRef.current.delete(key);
        form.clearErrors(fieldKeys);
        setSavedSteps((previous) => [...previous.filter((each) => each.id !== stepId), step]);
        // Where to go is decided from this answer, once: a later live update must not pull the user off the step they are on.
        const nextOpenIds = planSteps(saved, { capabilities, include })
          .steps.filter((each) => each.fields.some(isFormField))
          .map((each) => each.id);
        const nextId = nextOpenIds.includes(stepId)
          ? stepId
          : (nextOpenIds.find((id) => FIELD_SECTIONS.indexOf(id) > FIELD_SECTIONS.indexOf(stepId)) ??
            nextOpenIds[0]);
        setPosition(nextId === undefined ? undefined : { stepId: nextId });
        queryClient.setQueryData(kycKitQueryKeys.customer(), saved);
        onStepSubmittedRef.current?.({ stepId, fieldKeys, customerId: saved.id });
        return true;
      } catch (error) {
        const apiError =
          error instanceof KycKitApiError
            ? error
            : new KycKitApiError({
                code: 'internal_error',
                message: t('error.api.internal'),
                status: 0,
                retryable: true,
              });
        setSubmitError(apiError);
        setFailedSubmitCount((count) => count + 1);
        const errorKeys = Object.keys(apiError.fields ?? {});
        errorKeys.forEach((key, index) => {
          const fieldError = apiError.fields?.[key];
          if (fieldError === undefined) return;
          // Store the code when the catalogue knows it (so it follows the locale), else the proxy's safe English text.
          const message = hasMessage(fieldError.code) ? fieldError.code : fieldError.message;
          serverErrorsRef.current.set(key, { snapshot: JSON.stringify(form.getValues(key)), message });
          form.setError(key, { type: 'server', message }, { shouldFocus: index === 0 });
        });
        // Server errors on a field of another step: show that step so the user can fix it.
        const stepWithError = steps.find((each) =>
          each.fields.some((field) => errorKeys.includes(field.key)),
        );
        if (stepWithError !== undefined && stepWithError.id !== stepId)
          setPosition({ stepId: stepWithError.id });
        // A refusal that is not about a field may mean the customer changed (a compliance decision): read it again.
        if (errorKeys.length === 0)
          void queryClient.invalidateQueries({ queryKey: kycKitQueryKeys.customer() });
        onStepSubmitFailedRef.current?.({ stepId, code: apiError.code, fieldKeys: errorKeys });
        return false;
      } finally {
        setIsSubmitting(false);
      }
    },
    [form, customer, capabilities, include, client, queryClient, steps, t, saveDraft, draftScope],
  );

  const submittingRef = useRef(false);
  const submitStep = useCallback(async (): Promise<boolean> => {
    // A ref, not the state: a double click lands twice before React re-renders.
    if (step === undefined || submittingRef.current) return false;
    submittingRef.current = true;
    try {
      return await saveStep(step);
    } finally {
      submittingRef.current = false;
    }
  }, [step, saveStep]);

  const capabilityAttemptRef = useRef<{ fingerprint: string; key: string } | null>(null);
  const requestCapabilities = useCallback(async (): Promise<boolean> => {
    if (!customer) return false;
    const missing = capabilities.filter((name) => !customer.capabilities[name]?.requested);
    if (missing.length === 0) return true;
    const fingerprint = missing.join('\n');
    if (capabilityAttemptRef.current?.fingerprint !== fingerprint) {
      capabilityAttemptRef.current = { fingerprint, key: createIdempotencyKey() };
    }
    try {
      const saved = await client.updateCustomer(
        { capabilities: missing },
        { idempotencyKey: capabilityAttemptRef.current.key },
      );
      capabilityAttemptRef.current = null;
      queryClient.setQueryData(kycKitQueryKeys.customer(), saved);
      return true;
    } catch (error) {
      setSubmitError(error instanceof KycKitApiError ? error : null);
      return false;
    }
  }, [customer, capabilities, client, queryClient]);

  const getFieldProps = useCallback(
    (key: string): RequirementFieldProps =>
      buildRequirementFieldProps({
        spec: plannedFields.get(key)?.spec ?? fieldSpecFor(key),
        planned: plannedFields.get(key),
        idPrefix,
        errorNode: form.formState.errors[key],
        register: form.register,
        t,
        countryOptions,
      }),
    [plannedFields, idPrefix, form, t, countryOptions],
  );

  const titleId = `${idPrefix}-title`;
  return {
    form,
    plan,
    steps,
    step,
    stepIndex,
    stepNumber,
    stepCount,
    progressLabel: t('step.progress', { current: stepNumber, total: stepCount }),
    isFirstStep: stepIndex === 0,
    isLastStep: stepIndex === steps.length - 1,
    back: () => {
      const previous = steps[stepIndex - 1];
      if (previous !== undefined) setPosition({ stepId: previous.id });
    },
    goToStep: (index: number) => {
      const target = steps[index];
      if (target !== undefined && index <= stepIndex) setPosition({ stepId: target.id });
    },
    submitStep,
    requestCapabilities,
    missingCapabilities: customer
      ? capabilities.filter((name) => !customer.capabilities[name]?.requested)
      : [],
    fieldKeys,
    getFieldProps,
    formProps: {
      id: `${idPrefix}-form`,
      // The kit validates with the same messages as the proxy; the browser's own bubbles would say something else.
      noValidate: true,
      onSubmit: (event: FormEvent) => {
        event.preventDefault();
        void submitStep();
      },
      'aria-labelledby': titleId,
    },
    titleProps: { id: titleId },
    isSubmitting,
    submitError,
    submitErrorMessage: submitError === null ? undefined : translateApiError(t, submitError),
    failedSubmitCount,
    isLoading,
    isComplete: !isLoading && customer !== undefined && openSteps.length === 0,
    fieldContext: { idPrefix, t, plannedFields, fieldKeys, countryOptions },
  };
}

/** The error summary entries of the current step, from react-hook-form's errors. */
export function errorSummaryItems(
  errors: FieldValues,
  context: RequirementFieldContext,
): RequirementErrorSummaryItem[] {
  return context.fieldKeys.flatMap((key) => {
    const message = firstErrorMessage(errors[key]);
    if (message === undefined) return [];
    const spec = context.plannedFields.get(key)?.spec ?? fieldSpecFor(key);
    return [
      {
        key,
        message: translateErrorMessage(context.t, message),
        targetId: errorTargetId(context.idPrefix, spec, errors[key]),
      },
    ];
  });
}
