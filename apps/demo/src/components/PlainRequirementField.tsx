import { datePartOrder } from '@kyc-kit/core';
import { useKycKit, useRequirementField } from '@kyc-kit/hooks';
import type { RequirementsForm } from '@kyc-kit/hooks';
import { useState } from 'react';

/**
 * Hint and error of a field, rendered only when there is text, so `aria-describedby` never names a missing
 * element. A rejected value is said in one of them already (the error, else the hint).
 */
function Messages({
  description,
  descriptionId,
  errorMessage,
  errorId,
}: {
  description: string | undefined;
  descriptionId: string;
  errorMessage: string | undefined;
  errorId: string;
}) {
  return (
    <>
      {description !== undefined ? (
        <p className="hint" id={descriptionId}>
          {description}
        </p>
      ) : null}
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
export function PlainRequirementField({ form, name }: { form: RequirementsForm; name: string }) {
  const field = useRequirementField({ form, name });
  const { locale, t } = useKycKit();
  // A masked field (an SSN) comes as a password box; the person may show what they typed to check it.
  const [isVisible, setIsVisible] = useState(false);
  const messages = (
    <Messages
      description={field.description}
      descriptionId={field.descriptionProps.id}
      errorMessage={field.errorMessage}
      errorId={field.errorMessageProps.id}
    />
  );
  switch (field.control) {
    case 'input':
      return (
        <div className="field" data-invalid={field.isInvalid || undefined}>
          <label {...field.labelProps}>{field.label}</label>
          {messages}
          {field.isMasked ? (
            <span className="plain-masked">
              <input {...field.inputProps} type={isVisible ? 'text' : field.inputProps.type} />{' '}
              <button
                type="button"
                className="button button-quiet"
                aria-controls={field.inputProps.id}
                // The visible word changes; the name says which box it acts on.
                aria-label={`${t(isVisible ? 'field.ssn.hide' : 'field.ssn.show')}: ${field.label}`}
                onClick={() => setIsVisible((visible) => !visible)}
              >
                {t(isVisible ? 'field.ssn.hide' : 'field.ssn.show')}
              </button>
            </span>
          ) : (
            <input {...field.inputProps} />
          )}
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
