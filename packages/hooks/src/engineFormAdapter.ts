import { formFieldsSchema } from '@kyc-kit/core';
import type { OnboardingEngine, PartnerFieldSpecs } from '@kyc-kit/core';
import { zodResolver } from '@hookform/resolvers/zod';
import type { FieldErrors, FieldValues, Resolver, UseFormReturn } from 'react-hook-form';
import type { KycKitApiError } from './KycKitApiError';

/** react-hook-form as the engine's form. */
export function formPort(form: UseFormReturn<FieldValues>) {
  return {
    getValues: () => form.getValues(),
    setValue: (key: string, value: unknown, options: { dirty: boolean }) =>
      form.setValue(key, value, { shouldDirty: options.dirty }),
    isDirty: (key: string) => form.getFieldState(key).isDirty,
    reset: (values: Record<string, unknown>) => form.reset(values),
    // Touching the fields makes each one re-validate as it is corrected, as after a native submit.
    validate: async (keys: readonly string[]) => {
      await form.trigger([...keys], { shouldTouch: true });
      return keys.filter((key) => form.getFieldState(key).invalid);
    },
    showServerErrors: (errors: readonly { key: string; message: string }[], options?: { focus: boolean }) =>
      errors.forEach(({ key, message }, index) =>
        form.setError(
          key,
          { type: 'server', message },
          { shouldFocus: index === 0 && options?.focus !== false },
        ),
      ),
    clearErrors: (keys: readonly string[]) => form.clearErrors([...keys]),
  };
}

/**
 * The form's resolver: the current step's field schemas (later steps are not
 * the user's problem yet), then the server's errors that still apply. It runs
 * on events only, never while rendering, so it reads the engine then.
 */
export function engineResolver(
  currentEngine: () => OnboardingEngine<KycKitApiError> | null,
  fieldSpecs: PartnerFieldSpecs | undefined,
): Resolver<FieldValues> {
  const cache = new Map<string, Resolver<FieldValues>>();
  return async (values, context, resolverOptions) => {
    const engine = currentEngine();
    const keys = engine?.getSnapshot().step?.fields.map((field) => field.key) ?? [];
    // The current step's keys only: later steps are not the user's problem yet.
    const cacheKey = keys.join('\n');
    let stepResolver = cache.get(cacheKey);
    if (stepResolver === undefined) {
      stepResolver = zodResolver<FieldValues, unknown, FieldValues>(
        formFieldsSchema(keys, fieldSpecs),
        undefined,
        { raw: true },
      );
      cache.set(cacheKey, stepResolver);
    }
    const result = await stepResolver(values, context, resolverOptions);
    const errors: FieldErrors = { ...result.errors };
    for (const key of keys) {
      const message = errors[key] === undefined ? engine?.serverErrorFor(key, values[key]) : undefined;
      if (message !== undefined) errors[key] = { type: 'server', message };
    }
    return Object.keys(errors).length > 0 ? { values: {}, errors } : result;
  };
}
