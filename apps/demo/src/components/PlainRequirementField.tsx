import { datePartOrder } from '@kyc-kit/core';
import { useKycKit, useRequirementField } from '@kyc-kit/hooks';
import type { RequirementsForm } from '@kyc-kit/hooks';
import type { ReactNode } from 'react';

/** Hint and error of a field, rendered only when there is text, so `aria-describedby` never names a missing element. */
function Messages({
  description,
  descriptionId,
  errorMessage,
  errorId,
  rejected,
}: {
  description: string | undefined;
  descriptionId: string;
  errorMessage: string | undefined;
  errorId: string;
  rejected: ReactNode;
}) {
  return (
    <>
      {description !== undefined ? (
        <p className="hint" id={descriptionId}>
          {description}
        </p>
      ) : null}
      {rejected}
      {errorMessage !== undefined ? (
        <p className="error-text" id={errorId}>
          {errorMessage}
        </p>
      ) : null}
    </>
  );
}

/**
 * One requirement field in plain HTML: the prop bags of `useRequirementField`
 * spread onto `<label>`, `<input>`, `<select>` and `<fieldset>`, with no kit
 * component and no kit class. This is what a partner with its own design
 * system writes.
 */
export function PlainRequirementField({
  form,
  name,
  rejectedText,
}: {
  form: RequirementsForm;
  name: string;
  /** The kit's sentence for a value the provider could not verify. */
  rejectedText: string;
}) {
  const field = useRequirementField({ form, name });
  const { locale } = useKycKit();
  const messages = (
    <Messages
      description={field.description}
      descriptionId={field.descriptionProps.id}
      errorMessage={field.errorMessage}
      errorId={field.errorMessageProps.id}
      rejected={field.isRejected ? <p className="error-text">{rejectedText}</p> : null}
    />
  );
  switch (field.control) {
    case 'input':
      return (
        <div className="field" data-invalid={field.isInvalid || undefined}>
          <label {...field.labelProps}>{field.label}</label>
          {messages}
          <input {...field.inputProps} />
        </div>
      );
    case 'select':
      return (
        <div className="field" data-invalid={field.isInvalid || undefined}>
          <label {...field.labelProps}>{field.label}</label>
          {messages}
          <select {...field.selectProps}>
            {field.placeholder === undefined ? null : <option value="">{field.placeholder}</option>}
            {field.options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
      );
    case 'date':
      return (
        <fieldset {...field.groupProps}>
          <legend {...field.labelProps}>{field.label}</legend>
          {messages}
          <div className="date-parts">
            {/* In the order the locale writes dates: month first in en-US, day first in es. */}
            {datePartOrder(locale)
              .map((name) => field[name])
              .map((part) => (
                <div className="field" key={part.controlProps.id}>
                  <label {...part.labelProps}>{part.label}</label>
                  <input {...part.controlProps} />
                </div>
              ))}
          </div>
        </fieldset>
      );
    case 'phone':
      return (
        <fieldset {...field.groupProps}>
          <legend {...field.labelProps}>{field.label}</legend>
          {messages}
          <div className="field">
            <label {...field.country.labelProps}>{field.country.label}</label>
            <select {...field.country.controlProps}>
              {field.country.options.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label {...field.number.labelProps}>{field.number.label}</label>
            <input {...field.number.controlProps} />
          </div>
        </fieldset>
      );
    case 'checkboxGroup':
      return (
        <fieldset {...field.groupProps}>
          <legend {...field.labelProps}>{field.label}</legend>
          {messages}
          {field.options.map((option) => (
            <div key={option.value}>
              <input {...option.controlProps} />
              <label {...option.labelProps}>{option.label}</label>
            </div>
          ))}
        </fieldset>
      );
    default:
      return field satisfies never;
  }
}
