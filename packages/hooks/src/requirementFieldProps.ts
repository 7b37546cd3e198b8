import type { FieldKind, FieldSpec, PlannedField } from '@kyc-kit/core';
import type { InputHTMLAttributes, LabelHTMLAttributes, SelectHTMLAttributes } from 'react';
import type { RefCallBack } from 'react-hook-form';

// The prop bags a requirement field spreads on its elements, made by `buildRequirementFieldProps`.

/** Props of an `<input>` registered with the form (uncontrolled: typing re-renders nothing). */
export type RequirementInputProps = InputHTMLAttributes<HTMLInputElement> & {
  ref: RefCallBack;
  name: string;
  id: string;
};

/** Props of a `<select>` registered with the form. */
export type RequirementSelectProps = SelectHTMLAttributes<HTMLSelectElement> & {
  ref: RefCallBack;
  name: string;
  id: string;
};

/** Props of the element labelling a field: a `<label>` for one control, a legend-like element for a group. */
export interface RequirementLabelProps extends Pick<LabelHTMLAttributes<HTMLLabelElement>, 'htmlFor'> {
  id: string;
}

/** Props of the element wrapping a field made of several controls (a `<fieldset>` or `role="group"`). */
export interface RequirementGroupProps {
  id: string;
  role: 'group';
  'aria-labelledby': string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
  'data-invalid'?: true;
}

/** One translated choice of a select or checkbox group. */
export interface RequirementOption {
  value: string;
  label: string;
}

/** What every field's prop bag holds, whatever its controls. */
export interface RequirementFieldPropsBase {
  /** The requirement key, also the form value's name. */
  name: string;
  /** Core's input kind. */
  kind: FieldKind;
  /** Core's field spec. */
  spec: FieldSpec;
  /** Translated label. */
  label: string;
  /** Translated hint, when the field has one. Render `descriptionProps` only then. */
  description: string | undefined;
  /** Translated error, when the field is invalid. Render `errorMessageProps` only then. */
  errorMessage: string | undefined;
  /** Whether the field shows an error. */
  isInvalid: boolean;
  /** Every requirement is required; kept for design systems that mark it. */
  isRequired: true;
  /** The provider rejected the last submitted value: ask for it again. */
  isRejected: boolean;
  /** The requirement's status at the provider (`not_submitted` for a field the plan does not list). */
  status: PlannedField['status'];
  /** When the provider needs the value by (ISO 8601), if it said. */
  deadline: string | undefined;
  /** The deadline has passed: say so beside the field. */
  isOverdue: boolean;
  /** SSN, date of birth, address: never stored, never logged. */
  isSensitive: boolean;
  /** The control hides what is typed until asked (SSNs): render a show/hide toggle. */
  isMasked: boolean;
  labelProps: RequirementLabelProps;
  descriptionProps: { id: string };
  errorMessageProps: { id: string };
}

/** One box of a composite field (a date part, the phone's country or number, one checkbox). */
export interface RequirementPartProps<Control> {
  /** Translated label of this box. */
  label: string;
  labelProps: RequirementLabelProps;
  /** Whether this box is the one in error (GOV.UK highlights only the wrong box). */
  isInvalid: boolean;
  controlProps: Control;
}

/** Prop bags of one requirement field, by the controls it renders. */
export type RequirementFieldProps =
  | (RequirementFieldPropsBase & { control: 'input'; inputProps: RequirementInputProps })
  | (RequirementFieldPropsBase & {
      control: 'select';
      selectProps: RequirementSelectProps;
      /** The choices; while `optionsPending`, only the chosen one (if any). */
      options: RequirementOption[];
      /** A long list (countries) not built yet: render what there is, the rest follows (over 100 choices). */
      optionsPending: boolean;
      /**
       * The text of the empty first choice; `undefined` for a list of one (the address country: US
       * only), already chosen, with no empty choice to fall back to.
       */
      placeholder: string | undefined;
    })
  | (RequirementFieldPropsBase & {
      control: 'date';
      groupProps: RequirementGroupProps;
      day: RequirementPartProps<RequirementInputProps>;
      month: RequirementPartProps<RequirementInputProps>;
      year: RequirementPartProps<RequirementInputProps>;
    })
  | (RequirementFieldPropsBase & {
      control: 'phone';
      groupProps: RequirementGroupProps;
      country: RequirementPartProps<RequirementSelectProps> & {
        options: RequirementOption[];
        optionsPending: boolean;
      };
      number: RequirementPartProps<RequirementInputProps>;
    })
  | (RequirementFieldPropsBase & {
      control: 'checkboxGroup';
      groupProps: RequirementGroupProps;
      options: (RequirementPartProps<RequirementInputProps> & RequirementOption)[];
    });
