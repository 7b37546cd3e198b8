import type { OnboardingEngine } from '@kyc-kit/core';
import { get, set } from 'react-hook-form';
import type { FieldError, FieldErrors, FieldValues, Resolver, UseFormReturn } from 'react-hook-form';
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
 * on events only, never while rendering, so it reads the engine then, and
 * awaits the rules a field loads on demand (`loadRules`) first. Each
 * issue lands at its path (`dateOfBirth.day`), the first one per path, with
 * the field's element as `ref`; values pass through as typed (the proxy
 * reads them with the same schemas and writes their strict output).
 */
export function engineResolver(
  currentEngine: () => OnboardingEngine<KycKitApiError> | null,
): Resolver<FieldValues> {
  return async (values, _context, { fields }) => {
    const engine = currentEngine();
    const stepFields = engine?.getSnapshot().step?.fields ?? [];
    // Rules left out of the bundle (the phone's) are awaited: a value is never checked on part of them.
    await Promise.allSettled(stepFields.map(({ spec }) => spec.loadRules?.()));
    const errors: FieldErrors = {};
    const seen = new Set<string>();
    for (const { key, spec } of stepFields) {
      const result = spec.schema.safeParse(values[key]);
      const message = result.success ? engine?.serverErrorFor(key, values[key]) : undefined;
      const issues = result.success
        ? message === undefined
          ? []
          : [{ code: 'server', message, path: [] }]
        : result.error.issues;
      for (const { code, message: text, path } of issues) {
        const name = [key, ...path].join('.');
        if (seen.has(name)) continue;
        seen.add(name);
        const field = get(fields, name) as
          { ref?: FieldError['ref']; refs?: FieldError['ref'][] } | undefined;
        set(errors, name, { type: code, message: text, ref: field?.refs?.[0] ?? field?.ref });
      }
    }
    return seen.size > 0 ? { values: {}, errors } : { values: { ...values }, errors: {} };
  };
}
