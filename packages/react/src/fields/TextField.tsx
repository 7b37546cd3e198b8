import type { RequirementFieldProps } from '@kyc-kit/hooks';
import type { ReactNode } from 'react';
import { FieldMessages } from './FieldMessages';

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
    <div
      className={className ? `kyc-field ${className}` : 'kyc-field'}
      data-kind={field.kind}
      data-invalid={field.isInvalid || undefined}
      data-rejected={field.isRejected || undefined}
    >
      <label className="kyc-label" {...field.labelProps}>
        {field.label}
      </label>
      {note}
      <FieldMessages field={field} />
      <input className="kyc-input" {...field.inputProps} />
    </div>
  );
}
