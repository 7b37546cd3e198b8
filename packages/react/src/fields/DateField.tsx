import { datePartOrder } from '@kyc-kit/core';
import type { RequirementFieldProps } from '@kyc-kit/hooks';
import type { ReactNode } from 'react';
import { useLocale } from '../utils/useTranslate';
import { FieldFrame } from './FieldFrame';

/** The prop bags of a date entered as three boxes. */
export type DateFieldBags = Extract<RequirementFieldProps, { control: 'date' }>;

/** Props of {@link DateField}. */
export interface DateFieldProps {
  /** The bags from `useRequirementField` (control `date`). */
  field: DateFieldBags;
  /** Extra content under the legend, such as a deadline. */
  note?: ReactNode;
  /** Passed through to the outer element. */
  className?: string;
}

/**
 * A date as three boxes, day, month and year (GOV.UK's date input and the
 * shape the provider takes), in the order the locale writes dates (month
 * first in en-US, day first in es; core's `datePartOrder`). Only the box in
 * error is highlighted.
 */
export function DateField({ field, note, className }: DateFieldProps) {
  const order = datePartOrder(useLocale());
  return (
    <FieldFrame field={field} note={note} className={className}>
      <div className="kyc-row">
        {order.map((part) => (
          <div key={part} className="kyc-date-part" data-part={part}>
            <label className="kyc-label" {...field[part].labelProps}>
              {field[part].label}
            </label>
            <input className="kyc-input" {...field[part].controlProps} />
          </div>
        ))}
      </div>
    </FieldFrame>
  );
}
