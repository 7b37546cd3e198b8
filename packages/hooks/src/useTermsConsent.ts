import type { Customer } from '@kyc-kit/core';
import { useState } from 'react';
import type { TermsOfService } from './termsOfServiceTypes';

/**
 * The consent rule of the Terms of Service step: the box is per document (a
 * new version or language starts unchecked), disabled until the document is
 * shown, and submitting without it shows an error instead of accepting.
 */
export function useTermsConsent(input: {
  idPrefix: string;
  documentKey: string;
  isShown: boolean;
  canAccept: boolean;
  accept: () => Promise<Customer>;
  errorText: string;
}): Pick<
  TermsOfService,
  'consentCheckboxProps' | 'consentLabelProps' | 'consentError' | 'consentErrorProps' | 'formProps'
> {
  const { idPrefix, documentKey } = input;
  const [checkedFor, setCheckedFor] = useState<string | undefined>(undefined);
  const [showError, setShowError] = useState(false);
  const isChecked = checkedFor === documentKey;
  const isInvalid = showError && !isChecked;
  const checkboxId = `${idPrefix}-accept`;
  const errorId = `${idPrefix}-accept-error`;
  return {
    consentCheckboxProps: {
      type: 'checkbox',
      id: checkboxId,
      checked: isChecked,
      disabled: !input.isShown,
      onChange: (event) => setCheckedFor(event.target.checked ? documentKey : undefined),
      ...(isInvalid ? { 'aria-invalid': true, 'aria-describedby': errorId } : {}),
    },
    consentLabelProps: { htmlFor: checkboxId },
    consentError: isInvalid ? input.errorText : undefined,
    consentErrorProps: { id: errorId },
    formProps: {
      noValidate: true,
      onSubmit: (event) => {
        event.preventDefault();
        if (!isChecked || !input.canAccept) {
          setShowError(true);
          return;
        }
        setShowError(false);
        // A failure shows as acceptErrorMessage; nothing else to do with it here.
        input.accept().catch(() => undefined);
      },
    },
  };
}
