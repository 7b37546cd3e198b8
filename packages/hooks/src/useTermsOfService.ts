import { createAttempts, isActionable } from '@kyc-kit/core';
import type { Customer } from '@kyc-kit/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import { createIdempotencyKey } from './createIdempotencyKey';
import { termsOfServiceDocumentQueryOptions } from './customerQueryOptions';
import { KycKitApiError, toKycKitApiError } from './KycKitApiError';
import { kycKitQueryKeys } from './kycKitQueryKeys';
import { useIdPrefix } from './fieldErrors';
import { useKycKitContext } from './KycKitProvider';
import { translateApiError } from './translateApiError';
import type { TermsOfService, UseTermsOfServiceOptions } from './termsOfServiceTypes';
import { useCustomer } from './useCustomer';
import { useLatest } from './useLatest';

export type { TermsOfService, UseTermsOfServiceOptions } from './termsOfServiceTypes';

/** The published language to show first: `preferred` itself, else one of its base language, else the first. */
function chooseLanguage(languages: string[], preferred: string): string | undefined {
  const base = (tag: string) => tag.split('-')[0];
  return (
    languages.find((language) => language === preferred) ??
    languages.find((language) => base(language) === base(preferred)) ??
    languages[0]
  );
}

/**
 * The Terms of Service step: which versions the customer must accept, the
 * document for the chosen language (fetched through the proxy), and
 * `accept()`, which refuses until that document was loaded and shown.
 */
export function useTermsOfService(options: UseTermsOfServiceOptions = {}): TermsOfService {
  const { client, locale, t } = useKycKitContext('useTermsOfService');
  const queryClient = useQueryClient();
  const { customer } = useCustomer();
  const requirement = customer?.requirements.tos;
  const isRequired = requirement !== undefined && isActionable(requirement.status);
  const versions = isRequired ? (requirement.tos?.versions ?? []) : [];
  const version = versions[0];
  const languages = version?.languages ?? [];
  const [chosenLanguage, setChosenLanguage] = useState<string>();
  const language =
    chosenLanguage !== undefined && languages.includes(chosenLanguage)
      ? chosenLanguage
      : chooseLanguage(languages, locale);

  const documentQuery = useQuery({
    ...termsOfServiceDocumentQueryOptions(client, {
      versionId: version?.versionId ?? '',
      language: language ?? '',
    }),
    enabled: version !== undefined && language !== undefined,
  });
  const document = documentQuery.data;
  // One document per version and language: another language is another document to read, and to consent to.
  const documentKey = `${version?.versionId}\n${language}`;
  const canShow = version !== undefined && language !== undefined && document !== undefined;
  const [shownFor, setShownFor] = useState<string>();
  const isShown = canShow && shownFor === documentKey;
  const [isAccepting, setIsAccepting] = useState(false);
  const canAccept = isShown && !isAccepting;

  const optionsRef = useLatest(options);
  // Set at once, before the re-render: onShown fires once per document however often this is called.
  const shownForRef = useRef<string>(undefined);
  const markShown = useCallback(() => {
    if (!canShow || shownForRef.current === documentKey) return;
    shownForRef.current = documentKey;
    setShownFor(documentKey);
    optionsRef.current.onShown?.({ versionId: version.versionId, language });
  }, [canShow, documentKey, version, language, optionsRef]);

  const [acceptError, setAcceptError] = useState<KycKitApiError | null>(null);
  const [attempts] = useState(() => createAttempts(createIdempotencyKey));

  const accept = useCallback(async (): Promise<Customer> => {
    if (customer && optionsRef.current.beforeAccept?.()) return customer;
    if (!isShown) {
      throw new KycKitApiError({
        code: 'tos_not_shown',
        message: t('field.tos.error.required'),
        status: 0,
        retryable: false,
      });
    }
    const body = { versionId: version.versionId, language };
    // The customer is part of the fingerprint: after a deletion the same acceptance for the new customer is a new submit.
    const idempotencyKey = attempts.keyFor({ customerId: customer?.id, body });
    setIsAccepting(true);
    setAcceptError(null);
    try {
      const saved = await client.acceptTermsOfService(body, { idempotencyKey });
      attempts.settle();
      // Over the same customer only: an acceptance answered after another user came to the tab is not theirs.
      queryClient.setQueryData<Customer | null>(kycKitQueryKeys.customer(), (cached) =>
        cached?.id === saved.id ? saved : cached,
      );
      optionsRef.current.onAccepted?.(body);
      return saved;
    } catch (error) {
      const apiError = toKycKitApiError(error, t('error.api.internal'));
      // "Already sent" (accepted in another tab): read the customer, as the message asks, before showing it;
      // when the Terms are no longer due the flow moves on and the message is never seen.
      if (apiError.code === 'conflict')
        await queryClient.invalidateQueries({ queryKey: kycKitQueryKeys.customer() });
      setAcceptError(apiError);
      throw apiError;
    } finally {
      setIsAccepting(false);
    }
  }, [version, language, isShown, client, queryClient, t, customer, attempts, optionsRef]);

  // The consent rule: the box is per document (a new version or language starts unchecked), disabled
  // until the document is shown, and submitting without it shows an error instead of accepting. Ticking it
  // clears the error (only a submit without consent shows it, so a change from there is the tick).
  const [checkedFor, setCheckedFor] = useState<string>();
  const [showConsentError, setShowConsentError] = useState(false);
  const checkboxRef = useRef<HTMLInputElement>(null);
  const isChecked = checkedFor === documentKey;
  const consentError = showConsentError ? t('field.tos.error.required') : undefined;

  const idBase = `${useIdPrefix()}-tos`;
  const titleId = `${idBase}-title`;
  const languageId = `${idBase}-language`;
  const checkboxId = `${idBase}-accept`;
  const errorId = `${checkboxId}-error`;
  // A version published in no language cannot be shown, so it cannot be accepted: report it as an error, not a spinner.
  const documentStatus =
    version === undefined
      ? 'idle'
      : documentQuery.isError || language === undefined
        ? 'error'
        : document === undefined
          ? 'loading'
          : 'ready';
  return {
    consentCheckboxProps: {
      type: 'checkbox',
      id: checkboxId,
      ref: checkboxRef,
      checked: isChecked,
      disabled: !isShown,
      onChange: (event) => {
        setCheckedFor(event.target.checked ? documentKey : undefined);
        setShowConsentError(false);
      },
      'aria-invalid': showConsentError || undefined,
      'aria-describedby': showConsentError ? errorId : undefined,
    },
    consentLabelProps: { htmlFor: checkboxId },
    consentError,
    consentErrorProps: { id: errorId },
    formProps: {
      noValidate: true,
      onSubmit: (event) => {
        event.preventDefault();
        setShowConsentError(!isChecked);
        // Without consent the box takes focus: its name, its error and its state are read out, Space ticks it.
        if (!isChecked) checkboxRef.current?.focus();
        // A failure shows as acceptErrorMessage; nothing else to do with it here.
        else if (canAccept) accept().catch(() => undefined);
      },
    },
    languageSelectProps: {
      id: languageId,
      value: language,
      onChange: (event) => setChosenLanguage(event.target.value),
    },
    languageLabelProps: { htmlFor: languageId },
    isRequired,
    versions,
    version,
    languages,
    language,
    setLanguage: setChosenLanguage,
    document,
    documentStatus,
    documentErrorMessage: documentStatus === 'error' ? t('field.tos.unavailable') : undefined,
    retryDocument: () => void documentQuery.refetch(),
    documentProps: canShow
      ? {
          // Marks the document shown as soon as it is in the page (markShown does it once).
          ref: (element) => {
            if (element !== null) markShown();
          },
          id: `${titleId}-document`,
          'aria-labelledby': titleId,
          // Focusable so keyboard users can scroll a long document.
          tabIndex: 0,
          dangerouslySetInnerHTML: { __html: document.html },
        }
      : undefined,
    titleProps: { id: titleId },
    // Only a web address: a `javascript:` or other scheme from upstream never becomes a link.
    documentLinkProps:
      version !== undefined && /^https?:\/\//i.test(version.url)
        ? { href: version.url, target: '_blank', rel: 'noopener noreferrer' }
        : undefined,
    markShown,
    isShown,
    canAccept,
    accept,
    isAccepting,
    acceptErrorMessage: acceptError === null ? undefined : translateApiError(t, acceptError),
  };
}
