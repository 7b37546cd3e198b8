import type { Customer } from '@kyc-kit/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useId, useRef, useState } from 'react';
import { useLatest } from './useLatest';
import { createIdempotencyKey } from './createIdempotencyKey';
import { termsOfServiceDocumentQueryOptions } from './customerQueryOptions';
import { KycKitApiError, toKycKitApiError } from './KycKitApiError';
import { kycKitQueryKeys } from './kycKitQueryKeys';
import { useKycKitContext } from './KycKitProvider';
import { createAttempts } from '@kyc-kit/core';
import { translateApiError } from './translateApiError';
import type { TermsOfService, UseTermsOfServiceOptions } from './termsOfServiceTypes';
import { useCustomer } from './useCustomer';
import { useTermsConsent } from './useTermsConsent';

export type { TermsOfService, UseTermsOfServiceOptions } from './termsOfServiceTypes';

/** Requirement statuses that ask the user to act. */
const ACTIONABLE = new Set(['due', 'rejected', 'overdue']);

function chooseLanguage(languages: string[], preferred: string): string | undefined {
  const base = preferred.split('-')[0] ?? preferred;
  return (
    languages.find((language) => language === preferred) ??
    languages.find((language) => language.split('-')[0] === base) ??
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
  const isRequired = requirement !== undefined && ACTIONABLE.has(requirement.status);
  const versions = isRequired ? (requirement.tos?.versions ?? []) : [];
  const version = versions[0];
  const languages = version?.languages ?? [];
  const [chosenLanguage, setChosenLanguage] = useState<string | undefined>(undefined);
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
  const shownKey =
    version !== undefined && language !== undefined && document !== undefined
      ? `${version.versionId}\n${language}`
      : undefined;
  // Shown is per version and language: another language is another document to read.
  const [shownFor, setShownFor] = useState<string | undefined>(undefined);
  const isShown = shownKey !== undefined && shownFor === shownKey;

  const optionsRef = useLatest(options);

  const shownForRef = useRef<string | undefined>(undefined);
  const markShown = useCallback(() => {
    if (shownKey === undefined || version === undefined || language === undefined) return;
    if (shownForRef.current === shownKey) return;
    shownForRef.current = shownKey;
    setShownFor(shownKey);
    optionsRef.current.onShown?.({ versionId: version.versionId, language });
  }, [shownKey, version, language, optionsRef]);

  const documentRef = useCallback(
    (element: HTMLElement | null) => {
      if (element !== null) markShown();
    },
    [markShown],
  );

  const [isAccepting, setIsAccepting] = useState(false);
  const [acceptError, setAcceptError] = useState<KycKitApiError | null>(null);
  const [attempts] = useState(() => createAttempts(createIdempotencyKey));

  const accept = useCallback(async (): Promise<Customer> => {
    if (customer && optionsRef.current.beforeAccept?.()) return customer;
    if (version === undefined || language === undefined || !isShown) {
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
      queryClient.setQueryData(kycKitQueryKeys.customer(), saved);
      optionsRef.current.onAccepted?.(body);
      return saved;
    } catch (error) {
      const apiError = toKycKitApiError(error, t('error.api.internal'));
      setAcceptError(apiError);
      throw apiError;
    } finally {
      setIsAccepting(false);
    }
  }, [version, language, isShown, client, queryClient, t, customer, attempts, optionsRef]);

  const idBase = `kyc${useId().replace(/[^a-zA-Z0-9_-]/g, '')}-tos`;
  const titleId = `${idBase}-title`;
  // A version published in no language cannot be shown, so it cannot be accepted: report it as an error, not a spinner.
  const documentStatus =
    version === undefined
      ? 'idle'
      : documentQuery.isError || language === undefined
        ? 'error'
        : document === undefined
          ? 'loading'
          : 'ready';
  const consent = useTermsConsent({
    idPrefix: idBase,
    documentKey: `${version?.versionId ?? ''}\n${language ?? ''}`,
    isShown,
    canAccept: isShown && !isAccepting,
    accept,
    errorText: t('field.tos.error.required'),
  });
  return {
    ...consent,
    languageSelectProps: {
      id: `${idBase}-language`,
      value: language,
      onChange: (event) => setChosenLanguage(event.target.value),
    },
    languageLabelProps: { htmlFor: `${idBase}-language` },
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
    documentProps:
      document === undefined
        ? undefined
        : {
            ref: documentRef,
            id: `${titleId}-document`,
            'aria-labelledby': titleId,
            // Focusable so keyboard users can scroll a long document.
            tabIndex: 0,
            dangerouslySetInnerHTML: { __html: document.html },
          },
    titleProps: { id: titleId },
    // Only a web address: a `javascript:` or other scheme from upstream never becomes a link.
    documentLinkProps:
      version !== undefined && /^https?:\/\//i.test(version.url)
        ? { href: version.url, target: '_blank', rel: 'noopener noreferrer' }
        : undefined,
    markShown,
    isShown,
    canAccept: isShown && !isAccepting,
    accept,
    isAccepting,
    acceptErrorMessage: acceptError === null ? undefined : translateApiError(t, acceptError),
  };
}
