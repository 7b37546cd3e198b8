import type { RequirementFieldPropsBase } from '@kyc-kit/hooks';

/** Props of {@link FieldMessages}. */
export interface FieldMessagesProps {
  /** The field's prop bags (only the description and error parts are read). */
  field: Pick<
    RequirementFieldPropsBase,
    'description' | 'descriptionProps' | 'errorMessage' | 'errorMessageProps'
  >;
}

/**
 * A field's hint and error, between its label and its control (GOV.UK order).
 * Each renders only when it has text, matching the hook's `aria-describedby`.
 */
export function FieldMessages({ field }: FieldMessagesProps) {
  return (
    <>
      {field.description ? (
        <p className="kyc-hint" {...field.descriptionProps}>
          {field.description}
        </p>
      ) : null}
      {field.errorMessage ? (
        <p className="kyc-error" {...field.errorMessageProps}>
          {field.errorMessage}
        </p>
      ) : null}
    </>
  );
}
