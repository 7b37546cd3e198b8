import { createOnboardingEngine, emptyFormValues } from '@kyc-kit/core';
import type { OnboardingEngine } from '@kyc-kit/core';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { FormEvent } from 'react';
import { useForm } from 'react-hook-form';
import type { FieldValues } from 'react-hook-form';
import { useLatest } from './useLatest';
import { formFieldProps } from './buildRequirementFieldProps';
import type { RequirementFieldProps } from './requirementFieldProps';
import { createIdempotencyKey } from './createIdempotencyKey';
import { engineResolver, formPort } from './engineFormAdapter';
import { preloadFieldRules } from './preloadFieldRules';
import { draftStorageFor } from './draftStorage';
import { toKycKitApiError } from './KycKitApiError';
import type { KycKitApiError } from './KycKitApiError';
import { kycKitQueryKeys } from './kycKitQueryKeys';
import { useIdPrefix } from './fieldErrors';
import { useKycKitContext } from './KycKitProvider';
import type {
  RequirementsForm,
  RequirementsFormStep,
  UseRequirementsFormOptions,
} from './requirementsFormTypes';
import { translateApiError } from './translateApiError';
import { useCustomer } from './useCustomer';

export type {
  RequirementErrorSummaryItem,
  RequirementFieldContext,
  RequirementsForm,
  RequirementsFormStep,
  UseRequirementsFormOptions,
} from './requirementsFormTypes';

const subscribeToNothing = () => () => undefined;
const isFalse = () => false;
const isTrue = () => true;

/**
 * A react-hook-form form over the requirements of `capabilities`, one step at
 * a time: core's onboarding engine plans the steps, keeps the saved ones,
 * the server's errors, the draft and the idempotency keys; each step
 * validates with a zod resolver built from core's field specs, and
 * submitting a step saves it through the proxy (creating the customer on the
 * first save). This hook only adapts the engine to React.
 */
export function useRequirementsForm(options: UseRequirementsFormOptions): RequirementsForm {
  const { client, t, locale, fieldSpecs, userKey } = useKycKitContext('useRequirementsForm');
  const queryClient = useQueryClient();
  const { customer, isLoading, status: readStatus } = useCustomer();
  const { capabilities, include = 'due', saveDraft = true, review = false } = options;

  const engineRef = useRef<OnboardingEngine<KycKitApiError> | null>(null);
  const [defaultValues] = useState(() => emptyFormValues(fieldSpecs));
  const form = useForm<FieldValues>({
    defaultValues,
    resolver: engineResolver(() => engineRef.current),
    mode: 'onTouched',
    reValidateMode: 'onChange',
  });

  const tRef = useLatest(t);
  const [engine] = useState(() =>
    createOnboardingEngine<KycKitApiError>({
      customer,
      capabilities,
      include,
      saveDraft,
      review,
      fieldSpecs,
      userKey,
      form: formPort(form),
      transport: client,
      createIdempotencyKey,
      toError: (error) => toKycKitApiError(error, tRef.current('error.api.internal')),
      onCustomer: (saved) => queryClient.setQueryData(kycKitQueryKeys.customer(), saved),
      onStale: () => void queryClient.invalidateQueries({ queryKey: kycKitQueryKeys.customer() }),
      drafts: draftStorageFor(fieldSpecs),
    }),
  );
  useSyncExternalStore(engine.subscribe, engine.getSnapshot, engine.getServerSnapshot);
  // Hydrating a server render shows what the server rendered (it read no storage), then the client's.
  const hydrating = useSyncExternalStore(subscribeToNothing, isFalse, isTrue);
  // The engine hears of a new customer in an effect; this render already plans for it.
  const snapshot = hydrating ? engine.getServerSnapshot() : engine.snapshotFor(customer);
  const callbacksRef = useLatest(options);
  useEffect(() => {
    engineRef.current = engine;
    const disconnect = engine.connect();
    const subscription = form.watch((values) => engine.valuesChanged(values));
    return () => {
      subscription.unsubscribe();
      disconnect();
    };
  }, [engine, form]);
  useEffect(() => engine.setCustomer(customer), [engine, customer]);
  // A submit made while the first read was in flight waits for it; a failed read lets it go.
  useEffect(() => {
    if (readStatus === 'error') engine.readFailed();
  }, [engine, readStatus]);
  // Callers pass capability arrays inline: the engine compares the settings by value, and re-plans only on a change.
  useEffect(() => engine.setSettings({ capabilities, include, saveDraft, review }));

  const steps = useMemo<RequirementsFormStep[]>(
    () => snapshot.steps.map((step) => ({ ...step, title: t(step.titleId) })),
    [snapshot.steps, t],
  );
  const { stepIndex, plannedFields, submitError } = snapshot;
  const step = stepIndex === -1 ? undefined : steps[stepIndex];
  useEffect(() => preloadFieldRules(snapshot.steps), [snapshot.steps]);
  const fieldKeys = useMemo(() => step?.fields.map((field) => field.key) ?? [], [step]);
  const idPrefix = useIdPrefix();

  const submitStep = useCallback(async (): Promise<boolean> => {
    // The effect below may not have run yet (Preact runs effects up to a frame late): a press as the step
    // appears submits that step, so the engine first hears of the customer it was planned for.
    engine.setCustomer(queryClient.getQueryData(kycKitQueryKeys.customer()));
    const result = await engine.submitStep();
    if (result.ok) {
      const { stepId, fieldKeys: keys, customer: saved } = result;
      callbacksRef.current.onStepSubmitted?.({ stepId, fieldKeys: keys, customerId: saved.id });
    } else if (result.code !== 'busy' && result.code !== 'replanned' && result.stepId !== undefined) {
      callbacksRef.current.onStepSubmitFailed?.({
        stepId: result.stepId,
        code: result.code,
        fieldKeys: result.fieldKeys,
      });
    }
    return result.ok;
  }, [engine, queryClient, callbacksRef]);

  // Likewise a Back, Change or Continue pressed as the review appears after a reload (planned from the kept plan).
  const heard =
    <A extends unknown[]>(action: (...args: A) => void) =>
    (...args: A) => {
      engine.setCustomer(customer);
      action(...args);
    };

  const fieldContext = useMemo(
    () => ({ idPrefix, t, locale, plannedFields, fieldKeys, fieldSpecs }),
    [idPrefix, t, locale, plannedFields, fieldKeys, fieldSpecs],
  );
  const getFieldProps = useCallback(
    (key: string): RequirementFieldProps =>
      formFieldProps(fieldContext, form.register, key, { errorNode: form.formState.errors[key] }),
    [fieldContext, form],
  );

  const titleId = `${idPrefix}-title`;
  const stepNumber = stepIndex + 1;
  const rejectedHere = fieldKeys.filter((key) => snapshot.rejectedKeys.includes(key));
  return {
    form,
    plan: snapshot.plan,
    steps,
    step,
    stepIndex,
    stepNumber,
    stepCount: steps.length,
    progressLabel: snapshot.isPlanKnown
      ? t('step.progress', { current: stepNumber, total: steps.length })
      : '',
    isPlanKnown: snapshot.isPlanKnown,
    recheck:
      rejectedHere.length === 0
        ? undefined
        : {
            title: t(`step.recheck.title.${rejectedHere.length === 1 ? 'one' : 'other'}`),
            fieldKeys: rejectedHere,
          },
    isFirstStep: stepIndex === 0,
    isLastStep: stepIndex === steps.length - 1,
    back: heard(engine.back),
    goToStep: heard(engine.goToStep),
    changeStep: heard(engine.changeStep),
    confirmReview: heard(engine.confirmReview),
    flowSteps: snapshot.flowSteps,
    isReviewing: snapshot.isReviewing,
    isChanging: snapshot.isChanging,
    savedValues: snapshot.savedValues,
    submitStep,
    requestCapabilities: engine.requestCapabilities,
    missingCapabilities: [...snapshot.missingCapabilities],
    fieldKeys,
    getFieldProps,
    formProps: {
      id: `${idPrefix}-form`,
      // The kit validates with the same messages as the proxy; the browser's own bubbles would say something else.
      noValidate: true,
      // A submit before hydration (or with the script blocked) is the browser's own: without a method it is
      // a GET, which writes every named box (a date of birth, an SSN) into the page's URL, its history and
      // the server's access log, and a POST would send them to the page's server and lose what was typed.
      // A dialog form outside a <dialog> submits nowhere: nothing leaves the page, every value stays.
      method: 'dialog',
      onSubmit: (event: FormEvent) => {
        event.preventDefault();
        void submitStep();
      },
      'aria-labelledby': titleId,
    },
    titleProps: { id: titleId },
    isSubmitting: snapshot.isSubmitting,
    submitError,
    submitErrorMessage: submitError === null ? undefined : translateApiError(t, submitError),
    failedSubmitCount: snapshot.failedSubmitCount,
    isLoading,
    // `customer` is `undefined` while the first read is pending.
    isComplete: customer !== undefined && snapshot.openSteps.length === 0 && !snapshot.isChanging,
    blockHeld: snapshot.blockHeld,
    showBlock: engine.showBlock,
    unsupportedFields: snapshot.plan.unsupported,
    fieldContext,
  };
}
