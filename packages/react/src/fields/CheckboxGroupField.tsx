import type { RequirementFieldProps } from '@kyc-kit/hooks';
import type { ReactNode } from 'react';
import { FieldFrame } from './FieldFrame';

/** The prop bags of a group of checkboxes. */
export type CheckboxGroupFieldBags = Extract<RequirementFieldProps, { control: 'checkboxGroup' }>;

/** Props of {@link CheckboxGroupField}. */
export interface CheckboxGroupFieldProps {
  /** The bags from `useRequirementField` (control `checkboxGroup`). */
  field: CheckboxGroupFieldBags;
  /** Extra content under the legend, such as a deadline. */
  note?: ReactNode;
  /** Passed through to the outer element. */
  className?: string;
}

/**
 * A group of checkboxes, one per statement: the W-9 certifications. None is
 * ever checked for the person; each box is at least 24 px.
 */
export function CheckboxGroupField({ field, note, className }: CheckboxGroupFieldProps) {
  return (
    <FieldFrame field={field} note={note} className={className}>
      {field.options.map((option) => (
        <div key={option.value} className="kyc-checkbox" data-invalid={option.isInvalid || undefined}>
          <input {...option.controlProps} />
          <label {...option.labelProps}>{option.label}</label>
        </div>
      ))}
    </FieldFrame>
  );
}
