import { fieldSpecFor } from '@kyc-kit/core';
import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { useFormState, type RefCallBack } from 'react-hook-form';
import { buildRequirementFieldProps } from './buildRequirementFieldProps';
import type { RequirementFieldProps } from './buildRequirementFieldProps';
import type { RequirementsForm } from './useRequirementsForm';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** A ref callback that hands the element to react-hook-form and keeps it in `kept`. */
function keepElement(kept: RefObject<HTMLSelectElement | null>, register: RefCallBack): RefCallBack {
  return (element) => {
    kept.current = element instanceof HTMLSelectElement ? element : null;
    register(element);
  };
}

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
 * A country select renders first with its chosen option (or the
 * placeholder) and gets its full list right after the first paint, or at
 * once when the person focuses, presses or types into it
 * (lists of over 100 choices): one more render of this field, never per keystroke.
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
  const [listsShown, setListsShown] = useState(false);
  const { idPrefix, t, locale, plannedFields, countryOptions } = form.fieldContext;
  const planned = plannedFields.get(name);
  const spec = planned?.spec ?? fieldSpecFor(name);
  const hasList = spec.control === 'select' || spec.control === 'phone';
  const field = buildRequirementFieldProps({
    spec,
    planned,
    idPrefix,
    errorNode: errors[name],
    register: form.form.register,
    t,
    locale,
    countryOptions,
    deferLongLists: !listsShown,
    // Read only where a deferred list needs its chosen option.
    value: hasList && !listsShown ? form.form.getValues(name) : undefined,
    revealOptions: () => setListsShown(true),
  });
  const pending =
    (field.control === 'select' && field.optionsPending) ||
    (field.control === 'phone' && field.country.optionsPending);
  useEffect(() => {
    if (!pending) return;
    // After the first paint: the list never delays the first input.
    const timer = setTimeout(() => setListsShown(true), 0);
    return () => clearTimeout(timer);
  }, [pending]);
  // A value set while the list was short (a draft, a reset) gets its option only now: show it chosen.
  const selectRef = useRef<HTMLSelectElement | null>(null);
  useLayoutEffect(() => {
    const select = selectRef.current;
    if (!listsShown || select === null) return;
    const value = form.form.getValues(name) as unknown;
    const chosen = isRecord(value) ? value.country : value;
    if (typeof chosen === 'string' && select.value !== chosen) select.value = chosen;
  }, [listsShown, form.form, name]);
  if (field.control === 'select') {
    return {
      ...field,
      selectProps: { ...field.selectProps, ref: keepElement(selectRef, field.selectProps.ref) },
    };
  }
  if (field.control === 'phone') {
    const { controlProps } = field.country;
    return {
      ...field,
      country: {
        ...field.country,
        controlProps: { ...controlProps, ref: keepElement(selectRef, controlProps.ref) },
      },
    };
  }
  return field;
}
