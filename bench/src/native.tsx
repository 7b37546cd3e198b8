// The baseline: the same 20 fields as plain React markup with the browser's own
// constraint validation. Every other page's size is counted over this one.
import { useState, type FormEvent } from 'react';
import { FIELDS, PHONE_COUNTRY_OPTIONS, type BenchField } from './fields';

function Field({ field }: { field: BenchField }) {
  const id = `native-${field.key}`;
  switch (field.kind) {
    case 'text':
    case 'email':
      return (
        <p>
          <label htmlFor={id}>{field.label}</label>
          <input
            id={id}
            name={field.key}
            type={field.kind === 'email' ? 'email' : 'text'}
            required
            pattern={field.kind === 'text' ? field.pattern : undefined}
            autoComplete={field.kind === 'text' ? field.autoComplete : 'email'}
          />
        </p>
      );
    case 'select':
      return (
        <p>
          <label htmlFor={id}>{field.label}</label>
          <select id={id} name={field.key} required defaultValue="">
            <option value="" disabled>
              Choose…
            </option>
            {field.options.map((option) => (
              <option key={option}>{option}</option>
            ))}
          </select>
        </p>
      );
    case 'date':
      return (
        <fieldset>
          <legend>{field.label}</legend>
          {(['day', 'month', 'year'] as const).map((part) => (
            <span key={part}>
              <label htmlFor={`${id}-${part}`}>{part}</label>
              <input id={`${id}-${part}`} name={`${field.key}.${part}`} inputMode="numeric" required />
            </span>
          ))}
        </fieldset>
      );
    case 'phone':
      return (
        <fieldset>
          <legend>{field.label}</legend>
          <label htmlFor={`${id}-country`}>Country code</label>
          <select id={`${id}-country`} name={`${field.key}.country`} defaultValue="US">
            {PHONE_COUNTRY_OPTIONS.map((option) => (
              <option key={option}>{option}</option>
            ))}
          </select>
          <label htmlFor={`${id}-number`}>Number</label>
          <input id={`${id}-number`} name={`${field.key}.number`} type="tel" required />
        </fieldset>
      );
    case 'checkbox':
      return (
        <p>
          <input id={id} name={field.key} type="checkbox" required />
          <label htmlFor={id}>{field.label}</label>
        </p>
      );
    case 'checkboxes':
      return (
        <fieldset>
          <legend>{field.label}</legend>
          {field.options.map((option) => (
            <p key={option.key}>
              <input
                id={`${id}-${option.key}`}
                name={`${field.key}.${option.key}`}
                type="checkbox"
                required={option.required}
              />
              <label htmlFor={`${id}-${option.key}`}>{option.label}</label>
            </p>
          ))}
        </fieldset>
      );
    default:
      return field satisfies never;
  }
}

export function App() {
  const [sent, setSent] = useState(false);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void Object.fromEntries(new FormData(event.currentTarget));
    setSent(true);
  };
  return (
    <form onSubmit={onSubmit}>
      {FIELDS.map((field) => (
        <Field key={field.key} field={field} />
      ))}
      <button type="submit">Continue</button>
      {sent ? <p role="status">Sent</p> : null}
    </form>
  );
}
