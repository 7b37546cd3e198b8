import { useRequirementField } from '@kyc-kit/hooks';
import type { RequirementFieldProps, RequirementsForm } from '@kyc-kit/hooks';
import type { ComponentType, ReactNode } from 'react';
import { CheckboxGroupField } from './CheckboxGroupField';
import { DateField } from './DateField';
import { PhoneField } from './PhoneField';
import { RequirementNote } from './RequirementNote';
import { SelectField } from './SelectField';
import { SsnField } from './SsnField';
import { TextField } from './TextField';

/** Props of {@link RequirementField}. */
export interface RequirementFieldComponentProps {
  /** The form from `useRequirementsForm`. */
  form: RequirementsForm;
  /** The requirement key. */
  name: string;
  /** Passed through to the field's outer element. */
  className?: string;
}

/** Props of {@link FieldControl}. */
export interface FieldControlProps {
  /** One field's prop bags. */
  field: RequirementFieldProps;
  /**
   * Content under the label.
   * @default the requirement's deadline and overdue status, from the bags
   */
  note?: ReactNode;
  /** Passed through to the field's outer element. */
  className?: string;
}

/** The styled field of each control but `input` (a text or, masked, an SSN field). */
const CONTROLS = {
  select: SelectField,
  date: DateField,
  phone: PhoneField,
  checkboxGroup: CheckboxGroupField,
} satisfies {
  [Control in Exclude<RequirementFieldProps['control'], 'input'>]: ComponentType<
    FieldControlProps & { field: Extract<RequirementFieldProps, { control: Control }> }
  >;
};

/** The styled control for one field's prop bags, chosen by the bags' `control` (masked inputs for SSNs). */
export function FieldControl({
  field,
  note = <RequirementNote planned={field} />,
  className,
}: FieldControlProps) {
  // Each component takes the bags of its own control, which `field.control` chose.
  const Control = (
    field.control === 'input' ? (field.isMasked ? SsnField : TextField) : CONTROLS[field.control]
  ) as ComponentType<FieldControlProps>;
  return <Control field={field} note={note} className={className} />;
}

/**
 * One requirement of a `useRequirementsForm` form, styled. It subscribes to
 * its own field's errors only, so typing in one box re-renders nothing else.
 */
export function RequirementField({ form, name, className }: RequirementFieldComponentProps) {
  const field = useRequirementField({ form, name });
  return <FieldControl field={field} className={className} />;
}
