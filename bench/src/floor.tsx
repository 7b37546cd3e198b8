// The floor: what a hand-built form on the kit's own dependencies costs at least —
// react-hook-form + a zod/mini schema through @hookform/resolvers, TanStack Query for the save.
import { zodResolver } from '@hookform/resolvers/zod';
import { QueryClient, QueryClientProvider, useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm, type UseFormRegister } from 'react-hook-form';
import * as z from 'zod/mini';
import { FIELDS, PHONE_COUNTRY_OPTIONS, type BenchField } from './fields';

const text = z.string().check(z.minLength(1, 'Required'));
function schemaFor(field: BenchField) {
  switch (field.kind) {
    case 'text':
      return field.pattern ? text.check(z.regex(new RegExp(field.pattern), 'Invalid')) : text;
    case 'email':
      return z.email('Enter an email address');
    case 'select':
      return z.enum(field.options as [string, ...string[]], 'Choose one');
    case 'date':
      return z.object({ day: text, month: text, year: text });
    case 'phone':
      return z.object({ country: text, number: text.check(z.regex(/^[0-9 ()+.-]{7,20}$/, 'Invalid')) });
    case 'checkbox':
      return z.literal(true, 'Required');
    case 'checkboxes':
      return z.object(
        Object.fromEntries(
          field.options.map((option) => [
            option.key,
            option.required ? z.literal(true, 'Required') : z.boolean(),
          ]),
        ),
      );
    default:
      return field satisfies never;
  }
}
const schema = z.object(Object.fromEntries(FIELDS.map((field) => [field.key, schemaFor(field)])));
type Values = z.input<typeof schema>;

function Field({ field, register }: { field: BenchField; register: UseFormRegister<Values> }) {
  const id = `floor-${field.key}`;
  switch (field.kind) {
    case 'text':
    case 'email':
      return (
        <p>
          <label htmlFor={id}>{field.label}</label>
          <input id={id} type={field.kind === 'email' ? 'email' : 'text'} {...register(field.key)} />
        </p>
      );
    case 'select':
      return (
        <p>
          <label htmlFor={id}>{field.label}</label>
          <select id={id} defaultValue="" {...register(field.key)}>
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
              <input id={`${id}-${part}`} inputMode="numeric" {...register(`${field.key}.${part}`)} />
            </span>
          ))}
        </fieldset>
      );
    case 'phone':
      return (
        <fieldset>
          <legend>{field.label}</legend>
          <label htmlFor={`${id}-country`}>Country code</label>
          <select id={`${id}-country`} defaultValue="US" {...register(`${field.key}.country`)}>
            {PHONE_COUNTRY_OPTIONS.map((option) => (
              <option key={option}>{option}</option>
            ))}
          </select>
          <label htmlFor={`${id}-number`}>Number</label>
          <input id={`${id}-number`} type="tel" {...register(`${field.key}.number`)} />
        </fieldset>
      );
    case 'checkbox':
      return (
        <p>
          <input id={id} type="checkbox" {...register(field.key)} />
          <label htmlFor={id}>{field.label}</label>
        </p>
      );
    case 'checkboxes':
      return (
        <fieldset>
          <legend>{field.label}</legend>
          {field.options.map((option) => (
            <p key={option.key}>
              <input id={`${id}-${option.key}`} type="checkbox" {...register(`${field.key}.${option.key}`)} />
              <label htmlFor={`${id}-${option.key}`}>{option.label}</label>
            </p>
          ))}
        </fieldset>
      );
    default:
      return field satisfies never;
  }
}

function KycForm() {
  const form = useForm<Values>({ resolver: zodResolver(schema), mode: 'onTouched' });
  const save = useMutation({ mutationFn: async (values: z.output<typeof schema>) => values });
  return (
    <form onSubmit={form.handleSubmit((values) => save.mutate(values))} noValidate>
      {FIELDS.map((field) => (
        <Field key={field.key} field={field} register={form.register} />
      ))}
      <button type="submit">Continue</button>
      {save.isSuccess ? <p role="status">Sent</p> : null}
    </form>
  );
}

export function App() {
  const [queryClient] = useState(() => new QueryClient());
  return (
    <QueryClientProvider client={queryClient}>
      <KycForm />
    </QueryClientProvider>
  );
}
