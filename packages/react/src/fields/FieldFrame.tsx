import type { RequirementFieldPropsBase } from '@kyc-kit/hooks';
import type { ReactNode } from 'react';
import { FieldMessages } from './FieldMessages';

/** Props of {@link FieldFrame}. */
export interface FieldFrameProps {
  /** The field's prop bags (only the state, label, hint and error parts are read). */
  field: Pick<
    RequirementFieldPropsBase,
    | 'kind'
    | 'isInvalid'
    | 'isRejected'
    | 'label'
    | 'labelProps'
    | 'description'
    | 'descriptionProps'
    | 'errorMessage'
    | 'errorMessageProps'
  >;
  /** Extra content under the label, such as a deadline. */
  note?: ReactNode;
  /** Passed through to the outer element. */
  className?: string;
  /** The field's one control, rendered after its hint and error. */
  children: ReactNode;
}

/**
 * The frame of a field with one control (text box, SSN box, drop-down): the
 * `<label>`, then the note, hint and error (GOV.UK order), then the control.
 * Invalid and rejected states reach CSS as `data-` attributes on the outer element.
 */
export function FieldFrame({ field, note, className, children }: FieldFrameProps) {
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
      {children}
    </div>
  );
}
