import type { ReactNode } from 'react';
import { useRequirementField, useRequirementsErrorSummary } from '@kyc-kit/hooks';
import type { RequirementFieldProps, RequirementsForm } from '@kyc-kit/hooks';

/** Renders one field's prop bags the way a design system would: spread, add nothing. */
export function FieldMarkup({ field }: { field: RequirementFieldProps }) {
  const hint =
    field.description === undefined ? null : <p {...field.descriptionProps}>{field.description}</p>;
  const error =
    field.errorMessage === undefined ? null : <p {...field.errorMessageProps}>{field.errorMessage}</p>;
  let controls: ReactNode;
  switch (field.control) {
    case 'input':
      return (
        <div>
          <label {...field.labelProps}>{field.label}</label>
          {hint}
          {error}
          <input {...field.inputProps} />
        </div>
      );
    case 'select':
      return (
        <div>
          <label {...field.labelProps}>{field.label}</label>
          {hint}
          {error}
          <select {...field.selectProps}>
            <option value="">Select an option</option>
            {field.options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
      );
    case 'date':
      controls = [field.day, field.month, field.year].map((part) => (
        <span key={part.controlProps.id}>
          <label {...part.labelProps}>{part.label}</label>
          <input {...part.controlProps} />
        </span>
      ));
      break;
    case 'phone':
      controls = (
        <>
          <label {...field.country.labelProps}>{field.country.label}</label>
          <select {...field.country.controlProps}>
            {field.country.options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
          <label {...field.number.labelProps}>{field.number.label}</label>
          <input {...field.number.controlProps} />
        </>
      );
      break;
    case 'checkboxGroup':
      controls = field.options.map((option) => (
        <span key={option.value}>
          <input {...option.controlProps} />
          <label {...option.labelProps}>{option.label}</label>
        </span>
      ));
      break;
    default:
      return field satisfies never;
  }
  return (
    <fieldset {...field.groupProps}>
      <legend {...field.labelProps}>{field.label}</legend>
      {hint}
      {error}
      {controls}
    </fieldset>
  );
}

/** One field as its own component, so it re-renders alone. */
export function RequirementFieldView({
  form,
  name,
  onRender,
}: {
  form: RequirementsForm;
  name: string;
  onRender?: (name: string) => void;
}) {
  const field = useRequirementField({ form, name });
  onRender?.(name);
  return <FieldMarkup field={field} />;
}

/** The error summary at the top of the form. */
export function ErrorSummaryView({ form }: { form: RequirementsForm }) {
  const summary = useRequirementsErrorSummary(form);
  if (!summary.hasErrors) return null;
  return (
    <div {...summary.summaryProps}>
      <h2 {...summary.titleProps}>{summary.title}</h2>
      {summary.formError === undefined ? null : <p>{summary.formError}</p>}
      <ul>
        {summary.items.map((item) => (
          <li key={item.key}>
            <a {...summary.getLinkProps(item)}>{item.message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A whole step rendered from a form, one component per field. */
export function RequirementsFormView({
  form,
  onFieldRender,
}: {
  form: RequirementsForm;
  onFieldRender?: (name: string) => void;
}) {
  if (form.isLoading) return <p>Loading</p>;
  if (form.step === undefined) return <p>Nothing to fill in</p>;
  return (
    <form {...form.formProps}>
      <h1 {...form.titleProps}>{form.step.title}</h1>
      <p>{form.progressLabel}</p>
      <ErrorSummaryView form={form} />
      {form.fieldKeys.map((key) => (
        <RequirementFieldView key={key} form={form} name={key} onRender={onFieldRender} />
      ))}
      {form.isFirstStep ? null : (
        <button type="button" onClick={form.back}>
          Back
        </button>
      )}
      <button type="submit" disabled={form.isSubmitting}>
        Continue
      </button>
    </form>
  );
}
