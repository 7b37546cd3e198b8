import type { RequirementFieldPropsBase, RequirementGroupProps } from '@kyc-kit/hooks';
import type { ReactNode } from 'react';
import { FieldMessages } from './FieldMessages';

/** Props of {@link FieldFrame}. */
export interface FieldFrameProps {
  /** The field's prop bags (only the state, label, hint and error parts, and a group's `groupProps`, are read). */
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
  > & { groupProps?: RequirementGroupProps };
  /** Extra content under the label, such as a deadline. */
  note?: ReactNode;
  /** Passed through to the outer element. */
  className?: string;
  /** The field's control or boxes, rendered after its hint and error. */
  children: ReactNode;
}

/**
 * The frame of a field: its label, then the note, hint and error (GOV.UK
 * order), then the control. A field of one control (text box, SSN box,
 * drop-down) is a `<div>` with a `<label>`; a field of several boxes (date,
 * phone, checkboxes) is a `<fieldset>` whose `<legend>` names the group, its
 * ARIA wiring from `groupProps`. Invalid and rejected states reach CSS as
 * `data-` attributes on the outer element.
 */
export function FieldFrame({ field, note, className, children }: FieldFrameProps) {
  const group = field.groupProps;
  const Frame = group ? 'fieldset' : 'div';
  const Label = group ? 'legend' : 'label';
  return (
    <Frame
      className={className ? `kyc-field ${className}` : 'kyc-field'}
      data-kind={field.kind}
      data-invalid={field.isInvalid || undefined}
      data-rejected={field.isRejected || undefined}
      {...group}
    >
      <Label className={group ? 'kyc-legend' : 'kyc-label'} {...field.labelProps}>
        {field.label}
      </Label>
      {note}
      <FieldMessages field={field} />
      {children}
    </Frame>
  );
}
