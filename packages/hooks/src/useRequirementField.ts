import { useEffect, useState } from 'react';
import { formFieldProps } from './buildRequirementFieldProps';
import { useErrorsOf } from './useErrorsOf';
import type { RequirementFieldProps } from './requirementFieldProps';
import type { RequirementsForm } from './useRequirementsForm';

/** Options of {@link useRequirementField}. */
export interface UseRequirementFieldOptions {
  /** The form from `useRequirementsForm`. */
  form: RequirementsForm;
  /** The requirement key of the field. */
  name: string;
}

/**
 * One field's prop bags, for a component that renders one field. It
 * subscribes to that field's error state alone and registers uncontrolled
 * inputs, so a keystroke re-renders neither the form nor the other fields.
 * A country select (a list of over 100 choices) renders first with its
 * chosen option or the placeholder, and gets its full list right after the
 * first paint, or at once when it gets focus (Tab, a click, a tap), before a key can pick by type-ahead:
 * one more render of this field, never one per keystroke.
 *
 * @example
 * function Field({ form, name }) {
 *   const field = useRequirementField({ form, name });
 *   if (field.control !== 'input') return null;
 *   return <><label {...field.labelProps}>{field.label}</label><input {...field.inputProps} /></>;
 * }
 */
export function useRequirementField({ form, name }: UseRequirementFieldOptions): RequirementFieldProps {
  useErrorsOf(form.form, name);
  const [listsShown, showLists] = useState(false);
  const field = formFieldProps(form.fieldContext, form.form.register, name, {
    errorNode: form.form.getFieldState(name).error,
    revealOptions: listsShown ? undefined : () => showLists(true),
    getValue: (path) => form.form.getValues(path),
  });
  const pending =
    (field.control === 'select' && field.optionsPending) ||
    (field.control === 'phone' && field.country.optionsPending);
  useEffect(() => {
    if (!pending) return;
    // After the first paint: the list never delays the first input.
    const timer = setTimeout(() => showLists(true), 0);
    return () => clearTimeout(timer);
  }, [pending]);
  return field;
}
