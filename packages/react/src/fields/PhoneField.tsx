import type { RequirementFieldProps } from '@kyc-kit/hooks';
import type { ReactNode } from 'react';
import { FieldFrame } from './FieldFrame';

/** The prop bags of a phone number entered as country + number. */
export type PhoneFieldBags = Extract<RequirementFieldProps, { control: 'phone' }>;

/** Props of {@link PhoneField}. */
export interface PhoneFieldProps {
  /** The bags from `useRequirementField` (control `phone`). */
  field: PhoneFieldBags;
  /** Extra content under the legend, such as a deadline. */
  note?: ReactNode;
  /** Passed through to the outer element. */
  className?: string;
}

/**
 * A phone number as a country and a national number; core's schema turns the
 * pair into E.164, so the person never has to know their calling code. Only
 * calling code +1's rules ship in the bundle: focusing the country select
 * (its bags' `onFocus`) starts loading every country's, so a number typed
 * after choosing another country is checked in full (the proxy checks it in
 * full regardless).
 */
export function PhoneField({ field, note, className }: PhoneFieldProps) {
  return (
    <FieldFrame field={field} note={note} className={className}>
      <div className="kyc-row">
        <div className="kyc-date-part kyc-phone-country">
          <label className="kyc-label" {...field.country.labelProps}>
            {field.country.label}
          </label>
          <select className="kyc-select" {...field.country.controlProps}>
            {field.country.options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
        <div className="kyc-date-part">
          <label className="kyc-label" {...field.number.labelProps}>
            {field.number.label}
          </label>
          <input className="kyc-input" {...field.number.controlProps} />
        </div>
      </div>
    </FieldFrame>
  );
}
