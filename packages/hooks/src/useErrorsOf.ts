import { useEffect, useReducer } from 'react';
import type { FieldValues, UseFormReturn } from 'react-hook-form';

/**
 * Re-renders the caller when the errors of `name` (one key or several)
 * change, and only then: react-hook-form's `subscribe`, scoped to those
 * names and to errors alone. The caller reads them with `getFieldState`, as
 * they are now, so a keystroke re-renders neither the form nor another field.
 */
export function useErrorsOf(form: UseFormReturn<FieldValues>, name: string | readonly string[]): void {
  const [, rerender] = useReducer((count: number) => count + 1, 0);
  useEffect(
    () =>
      form.subscribe({ name: name as readonly string[], formState: { errors: true }, callback: rerender }),
    [form, name],
  );
}
