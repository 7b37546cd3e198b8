import type { RequirementFieldProps } from '@kyc-kit/hooks';
import type { ReactNode } from 'react';
import { FieldFrame } from './FieldFrame';

/** The prop bags of a field rendered as a `<select>`. */
export type SelectFieldBags = Extract<RequirementFieldProps, { control: 'select' }>;

/** Props of {@link SelectField}. */
export interface SelectFieldProps {
  /** The bags from `useRequirementField` (control `select`). */
  field: SelectFieldBags;
  /** Extra content under the label, such as a deadline. */
  note?: ReactNode;
  /** Passed through to the outer element. */
  className?: string;
}

/**
 * A labelled drop-down with human labels: the provider's enumerations
 * (purpose of account, source of funds, ...), the US state list and the
 * country list (names from `Intl.DisplayNames` through core's catalogue).
 * A country list shows its chosen option (or the placeholder) until its
 * full list follows, right after the first paint (`optionsPending`).
 * A list of one option is shown already chosen: still a labelled select (its
 * label, hint and error wired by id, autofill intact), never a question with
 * a single answer the person must pick.
 */
export function SelectField({ field, note, className }: SelectFieldProps) {
  return (
    <FieldFrame field={field} note={note} className={className}>
      <select className="kyc-select" {...field.selectProps}>
        {field.placeholder === undefined ? null : <option value="">{field.placeholder}</option>}
        {field.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}
