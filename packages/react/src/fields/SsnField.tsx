import { useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslate } from '../utils/useTranslate';
import { FieldFrame } from './FieldFrame';
import type { InputFieldProps } from './TextField';

/** Props of {@link SsnField}. */
export interface SsnFieldProps {
  /** The bags of a masked field (`isMasked`: an SSN, its last 4 digits, an ITIN). */
  field: InputFieldProps;
  /** Extra content under the label, such as a deadline. */
  note?: ReactNode;
  /** Passed through to the outer element. */
  className?: string;
}

/**
 * A Social Security number box, masked by default with a show/hide toggle.
 * Paste is allowed (people copy it from a document) and autocomplete is off,
 * so the browser neither offers nor remembers it.
 */
export function SsnField({ field, note, className }: SsnFieldProps) {
  const t = useTranslate();
  const [isVisible, setIsVisible] = useState(false);
  const action = t(isVisible ? 'field.ssn.hide' : 'field.ssn.show');
  return (
    <FieldFrame field={field} note={note} className={className}>
      <div className="kyc-input-with-action">
        <input
          className="kyc-input"
          {...field.inputProps}
          // A password box masks the digits; "off" keeps password managers from offering to save them.
          type={isVisible ? 'text' : 'password'}
          autoComplete="off"
          data-sensitive=""
        />
        <button
          type="button"
          className="kyc-button"
          data-variant="secondary"
          aria-controls={field.inputProps.id}
          // GOV.UK's show-password pattern: the visible word changes and the name says what it acts on.
          aria-label={`${action}: ${field.label}`}
          onClick={() => setIsVisible((visible) => !visible)}
        >
          {action}
        </button>
      </div>
    </FieldFrame>
  );
}
