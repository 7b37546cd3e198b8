import type { RequirementFieldPropsBase, RequirementGroupProps } from '@kyc-kit/hooks';
import type { ReactNode } from 'react';
import { FieldMessages } from './FieldMessages';

/** Props of {@link FieldGroupFrame}. */
export interface FieldGroupFrameProps {
  /** The field's prop bags (only the group, legend, hint and error parts are read). */
  field: Pick<
    RequirementFieldPropsBase,
    | 'kind'
    | 'isRejected'
    | 'label'
    | 'labelProps'
    | 'description'
    | 'descriptionProps'
    | 'errorMessage'
    | 'errorMessageProps'
  > & { groupProps: RequirementGroupProps };
  /** Extra content under the legend, such as a deadline. */
  note?: ReactNode;
  /** Passed through to the `<fieldset>`. */
  className?: string;
  /** The field's boxes, rendered after its hint and error. */
  children: ReactNode;
}

/**
 * The frame of a field made of several boxes (date, phone, checkboxes): a
 * `<fieldset>` whose `<legend>` names the group, then the note, hint and error,
 * then the boxes. The group's own invalid state comes from `groupProps`.
 */
export function FieldGroupFrame({ field, note, className, children }: FieldGroupFrameProps) {
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
      {children}
    </fieldset>
  );
}
