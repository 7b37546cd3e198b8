import { fieldSpecFor } from '@kyc-kit/core';
import { useFormState } from 'react-hook-form';
import { buildRequirementFieldProps } from './buildRequirementFieldProps';
import type { RequirementFieldProps } from './buildRequirementFieldProps';
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
 *
 * @example
 * function Field({ form, name }) {
 *   const field = useRequirementField({ form, name });
 *   if (field.control !== 'input') return null;
 *   return <><label {...field.labelProps}>{field.label}</label><input {...field.inputProps} /></>;
 * }
 */
export function useRequirementField({ form, name }: UseRequirementFieldOptions): RequirementFieldProps {
  const { errors } = useFormState({ control: form.form.control, name });
  const { idPrefix, t, locale, plannedFields, countryOptions } = form.fieldContext;
  const planned = plannedFields.get(name);
  return buildRequirementFieldProps({
    spec: planned?.spec ?? fieldSpecFor(name),
    planned,
    idPrefix,
    errorNode: errors[name],
    register: form.form.register,
    t,
    locale,
    countryOptions,
  });
}
