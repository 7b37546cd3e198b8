import type { RequirementFieldProps } from '@kyc-kit/hooks';
import type { ReactNode } from 'react';
import { FieldFrame } from './FieldFrame';

/** The prop bags of a field rendered as one text box. */
export type InputFieldProps = Extract<RequirementFieldProps, { control: 'input' }>;

/** Props of {@link TextField}. */
export interface TextFieldProps {
  /** The bags from `useRequirementField` (control `input`). */
  field: InputFieldProps;
  /** Extra content under the label, such as a deadline. */
  note?: ReactNode;
  /** Passed through to the outer element. */
  className?: string;
}

/**
 * A labelled text box: names, email, street, city, ZIP, and any requirement
 * key the registry does not know (a generic text field).
 */
export function TextField({ field, note, className }: TextFieldProps) {
  return (
    <FieldFrame field={field} note={note} className={className}>
      <input className="kyc-input" {...field.inputProps} />
    </FieldFrame>
  );
}
