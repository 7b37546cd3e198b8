import {
  COUNTRY_CODES,
  dateExample,
  fieldSpecFor,
  loadPhoneMetadata,
  phoneCountryOptions,
  sortOptionsByLabel,
} from '@kyc-kit/core';
import type { FieldSpec, PlannedField } from '@kyc-kit/core';
import type { FieldValues, UseFormRegister } from 'react-hook-form';
import { fieldIds, firstErrorMessage, hasOwnError, translateErrorMessage } from './fieldErrors';
import type { Translate } from './KycKitProvider';
import type {
  RequirementFieldProps,
  RequirementFieldPropsBase,
  RequirementGroupProps,
  RequirementOption,
} from './requirementFieldProps';
import type { RequirementFieldContext } from './requirementsFormTypes';

const DATE_PARTS = ['day', 'month', 'year'] as const;

/**
 * Lists longer than this (the countries of citizenship and of the phone) may
 * be deferred: `useRequirementField` renders them at first with only the
 * chosen option, or the placeholder, and fills them in after the first paint
 * or as soon as the select is focused (by Tab, a click or a tap). Naming 250
 * countries (`Intl.DisplayNames`), sorting them and rendering their options
 * then never delays the first input; a person reaches the select after it.
 */
const LONG_OPTION_LIST = 100;

const optionCache = new WeakMap<Translate, Record<string, RequirementOption[]>>();

/** One option list per translator, locale and list, built on first use and kept: a re-render never re-sorts. */
function cachedOptions(t: Translate, key: string, build: () => RequirementOption[]): RequirementOption[] {
  const lists = optionCache.get(t) ?? {};
  optionCache.set(t, lists);
  return (lists[key] ??= build());
}

/** Inputs for {@link buildRequirementFieldProps}. */
export interface BuildRequirementFieldPropsInput {
  spec: FieldSpec;
  planned: PlannedField | undefined;
  idPrefix: string;
  /** The field's node of react-hook-form's `errors`. */
  errorNode: unknown;
  register: UseFormRegister<FieldValues>;
  t: Translate;
  /** The locale countries and states are sorted in, and the date example is written for. @default 'en' */
  locale?: string;
  /** The translated countries of the phone's country select. @default core's `phoneCountryOptions`, kept per translator */
  countryOptions?: RequirementOption[];
  /**
   * Given, a list of over 100 choices renders with only its chosen option (or
   * none), marked `optionsPending`, and its select calls this on focus (a
   * select is focused before a key or a pointer can pick from it): the
   * caller then builds it again without it.
   * @default none: every list in full
   */
  revealOptions?: () => void;
  /**
   * Reads a value of the form by its registered name (`citizenship`, `phoneNumber.country`): a long
   * list's chosen option, kept chosen when the full list arrives.
   */
  getValue?: (name: string) => unknown;
}

/**
 * Builds one field's prop bags. Pure: the hooks call it with the field's
 * current error, so it can run in a per-field component or in the form.
 * What each box is called, filled in and typed as is the spec's (`parts`,
 * `options`, `autocomplete`, `inputMode`); this only wires ids and states.
 */
export function buildRequirementFieldProps(input: BuildRequirementFieldPropsInput): RequirementFieldProps {
  const { spec, planned, idPrefix, errorNode, register, t } = input;
  const { key, control } = spec;
  const id = fieldIds(idPrefix, key);
  const rawMessage = firstErrorMessage(errorNode);
  const errorMessage = rawMessage === undefined ? undefined : translateErrorMessage(t, rawMessage);
  const isInvalid = errorMessage !== undefined;
  const isRejected = planned?.rejected ?? false;
  const locale = input.locale ?? 'en';
  // The date example follows the locale's order of day, month and year ("3 27 1990" in en-US).
  const hint = spec.hintId === undefined ? undefined : t(spec.hintId, { example: dateExample(locale) });
  // A rejected value must be entered again; say so beside the field, never why it was rejected.
  // While the rejection is the field's error (the engine puts it there) the error message says it.
  const rejectedNote = isRejected && rawMessage !== 'field.rejected' ? t('field.rejected') : undefined;
  const description = [rejectedNote, hint].filter(Boolean).join(' ') || undefined;
  const invalidIf = (invalid: boolean) =>
    invalid ? ({ 'aria-invalid': true, 'data-invalid': true } as const) : {};
  // The field's state on its control (or group): it names only elements that are rendered, the
  // description when there is text, the error when there is one.
  const described = {
    'aria-describedby':
      [description !== undefined && id('description'), isInvalid && id('error')].filter(Boolean).join(' ') ||
      undefined,
    ...invalidIf(isInvalid),
  };
  const single = control === 'input' || control === 'select';
  const base: RequirementFieldPropsBase = {
    name: key,
    kind: spec.kind,
    spec,
    label: t(spec.labelId),
    description,
    errorMessage,
    isInvalid,
    isRequired: true,
    isRejected,
    status: planned?.status ?? 'not_submitted',
    deadline: planned?.deadline,
    isOverdue: planned?.status === 'overdue',
    isSensitive: spec.sensitive,
    isMasked: spec.masked,
    // One control: a <label for>; a group: the element naming it, by id.
    labelProps: { id: id('label'), htmlFor: single ? id('input') : undefined },
    descriptionProps: { id: id('description') },
    errorMessageProps: { id: id('error') },
  };
  const specOptions = spec.options ?? [];
  const translateOptions = (): RequirementOption[] =>
    cachedOptions(t, `${locale} ${key}`, () => {
      const options = specOptions.map((option) => ({ value: option.value, label: t(option.labelId) }));
      return spec.sortOptions ? sortOptionsByLabel(options, locale) : options;
    });
  const reveal = input.revealOptions;
  /**
   * A select's options and props. A long list is deferred: only the chosen option (or none), and the
   * select fills in as soon as it is reached, before a key press can pick by type-ahead. Its ref
   * re-selects the value, which may have been set (a draft, a reset) while its option was missing.
   */
  const choices = (
    name: string,
    values: readonly string[],
    label: (value: string) => string,
    all: () => RequirementOption[],
  ) => {
    const optionsPending = reveal !== undefined && values.length > LONG_OPTION_LIST;
    const registered = register(name);
    const chosen = optionsPending ? input.getValue?.(name) : undefined;
    return {
      optionsPending,
      options: !optionsPending
        ? all()
        : typeof chosen === 'string' && values.includes(chosen)
          ? [{ value: chosen, label: label(chosen) }]
          : [],
      props: {
        // A select takes focus before any key press or pointer opens it: focus fills it in.
        onFocus: optionsPending ? reveal : undefined,
        ...registered,
        ref: (element: HTMLSelectElement | null) => {
          registered.ref(element);
          const current = input.getValue?.(name);
          if (element !== null && typeof current === 'string') element.value = current;
        },
      },
    };
  };
  /** One box of a group: its label and its control (registered as `key.name`), wired by id. */
  const part = <Control extends object>(
    name: string,
    label: string,
    invalid: boolean,
    controlProps: Control,
  ) => ({
    label,
    labelProps: { id: `${id(name)}-label`, htmlFor: id(name) },
    isInvalid: invalid,
    controlProps: { ...controlProps, id: id(name), ...invalidIf(invalid) },
  });
  const partSpec = (name: string) => spec.parts?.find((each) => each.name === name);
  /**
   * The input of a spec's part (a date's day, a phone's number), as the spec says to type it. Each box is
   * required on its own: a screen reader says so on the box, not only (if at all) on the group.
   */
  const partInput = (name: string, invalid: boolean, type: string, spellCheck?: false) => {
    const each = partSpec(name);
    return part(name, t(each?.labelId ?? spec.labelId), invalid, {
      ...register(`${key}.${name}`),
      'aria-required': true,
      type,
      inputMode: each?.inputMode,
      autoComplete: each?.autocomplete,
      spellCheck,
    });
  };
  /**
   * Whether a box of a group is in error: a part's error marks only its box (GOV.UK highlights only the
   * wrong box); an error of the whole field (an impossible date) marks every box.
   */
  const boxInvalid = (names: readonly string[]) => {
    const whole = !names.some((name) => hasOwnError(errorNode, name));
    return (name: string) => isInvalid && (whole || hasOwnError(errorNode, name));
  };
  const groupProps: RequirementGroupProps = {
    id: id(),
    role: 'group',
    'aria-labelledby': id('label'),
    ...described,
  };
  const own = {
    id: id('input'),
    autoComplete: spec.autocomplete,
    'aria-required': true,
    ...described,
  } as const;
  switch (control) {
    case 'input': {
      // A spec typed on the email keyboard takes an email address: the email type, no spell checking.
      // A masked one (an SSN) is a password box: spread as it is, the number never shows on screen.
      const email = spec.inputMode === 'email';
      return {
        ...base,
        control,
        inputProps: {
          ...register(key),
          type: email ? 'email' : spec.masked ? 'password' : 'text',
          inputMode: spec.inputMode,
          // Spell checkers send typed text to remote services in some browsers: keep them off sensitive fields.
          spellCheck: spec.sensitive || email ? false : undefined,
          ...own,
        },
      };
    }
    case 'select': {
      const list = choices(
        key,
        specOptions.map((option) => option.value),
        (value) => {
          const labelId = specOptions.find((option) => option.value === value)?.labelId;
          return labelId === undefined ? value : t(labelId);
        },
        translateOptions,
      );
      return {
        ...base,
        control,
        options: list.options,
        optionsPending: list.optionsPending,
        // A list of one starts answered (its empty value is its one choice).
        placeholder: specOptions.length === 1 ? undefined : t('field.select.placeholder'),
        selectProps: { ...list.props, ...own },
      };
    }
    case 'date': {
      const invalid = boxInvalid(DATE_PARTS);
      const box = (name: (typeof DATE_PARTS)[number]) => partInput(name, invalid(name), 'text', false);
      return { ...base, control, groupProps, day: box('day'), month: box('month'), year: box('year') };
    }
    case 'phone': {
      // The number's errors are the field's (they have no path); only a country error is the country's.
      const countryInvalid = hasOwnError(errorNode, 'country');
      const list = choices(
        `${key}.country`,
        COUNTRY_CODES,
        (code) => phoneCountryOptions(t, locale, [code])[0]?.label ?? code,
        () =>
          input.countryOptions ?? cachedOptions(t, `${locale} phone`, () => phoneCountryOptions(t, locale)),
      );
      const country = part('country', t(partSpec('country')?.labelId ?? spec.labelId), countryInvalid, {
        ...list.props,
        // Only +1's number rules ship in the bundle: reaching the country select starts loading the rest.
        onFocus: () => {
          reveal?.();
          loadPhoneMetadata().catch(() => undefined);
        },
        autoComplete: partSpec('country')?.autocomplete,
        'aria-required': true,
      });
      return {
        ...base,
        control,
        groupProps,
        country: { ...country, options: list.options, optionsPending: list.optionsPending },
        number: partInput('number', isInvalid && !countryInvalid, 'tel'),
      };
    }
    case 'checkboxGroup': {
      const invalid = boxInvalid(specOptions.map((option) => option.value));
      return {
        ...base,
        control,
        groupProps,
        options: translateOptions().map((option) => ({
          ...option,
          ...part(option.value, option.label, invalid(option.value), {
            ...register(`${key}.${option.value}`),
            type: 'checkbox',
            // A box that must be checked (a W-9 certification) says so; the others are a choice.
            'aria-required': specOptions.find((each) => each.value === option.value)?.required,
          }),
        })),
      };
    }
    default:
      return control satisfies never;
  }
}

/**
 * One field's prop bags in a form of `useRequirementsForm` (its `fieldContext`): the planned field and
 * its spec (a key the plan does not list gets its own spec), the form's ids, translator and locale.
 */
export function formFieldProps(
  context: RequirementFieldContext,
  register: UseFormRegister<FieldValues>,
  key: string,
  more: Pick<BuildRequirementFieldPropsInput, 'errorNode' | 'revealOptions' | 'getValue'>,
): RequirementFieldProps {
  const planned = context.plannedFields.get(key);
  return buildRequirementFieldProps({
    ...context,
    spec: planned?.spec ?? fieldSpecFor(key, context.fieldSpecs),
    planned,
    register,
    ...more,
  });
}
