import type { RequirementFieldProps } from '@kyc-kit/hooks';
import type { ReactNode } from 'react';
import { FieldMessages } from './FieldMessages';

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
    <fieldset
      className={className ? `kyc-field ${className}` : 'kyc-field'}
      data-kind={field.kind}
      data-rejected={field.isRejected || undefined}
      {...field.groupProps}
    >
      <legend className="kyc-legend" {...field.labelProps}>
        {field.label}
      </legend>
      {note}
      <FieldMessages field={field} />
      {field.options.map((option) => (
        <div key={option.value} className="kyc-checkbox" data-invalid={option.isInvalid || undefined}>
          <input {...option.controlProps} />
          <label {...option.labelProps}>{option.label}</label>
        </div>
      ))}
    </fieldset>
  );
}
