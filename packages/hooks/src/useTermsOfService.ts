import type { Customer, TosVersion } from '@kyc-kit/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { TermsOfServiceDocument } from './createProxyClient';
import { createIdempotencyKey } from './createIdempotencyKey';
import { termsOfServiceDocumentQueryOptions } from './customerQueryOptions';
import { KycKitApiError, toKycKitApiError } from './KycKitApiError';
import { kycKitQueryKeys } from './kycKitQueryKeys';
import { useKycKitContext } from './KycKitProvider';
import { createAttempts } from '@kyc-kit/core';
import { translateApiError } from './translateApiError';
import { useCustomer } from './useCustomer';

/** Requirement statuses that ask the user to act. */
const ACTIONABLE = new Set(['due', 'rejected', 'overdue']);

/** Options of {@link useTermsOfService}. */
export interface UseTermsOfServiceOptions {
  /** Called once the current document has been shown. */
  onShown?: (detail: { versionId: string; language: string }) => void;
  /** Called after an acceptance was recorded. */
  onAccepted?: (detail: { versionId: string; language: string }) => void;
}

/** What {@link useTermsOfService} returns. */
export interface TermsOfService {
  /** Whether the customer has Terms of Service to accept now. */
  isRequired: boolean;
  /** Every version still to accept, in the provider's order. */
  versions: TosVersion[];
  /** The version shown and accepted next. */
  version: TosVersion | undefined;
  /** Languages the current version is published in. */
  languages: string[];
  /** The language the document is shown (and accepted) in. */
  language: string | undefined;
  /** Chooses another published language; the new document must be shown again before accepting. */
  setLanguage: (language: string) => void;
  /** The document in `language`, once loaded. */
  document: TermsOfServiceDocument | undefined;
  /** `loading`, `ready`, `error`, or `idle` when there is nothing to show. */
  documentStatus: 'idle' | 'loading' | 'ready' | 'error';
  /** Translated message for a document that could not be loaded. */
  documentErrorMessage: string | undefined;
  /** Loads the document again after an error. */
  retryDocument: () => void;
  /**
   * Props of the element that renders the document. Its `ref` marks the
   * document shown as soon as it is in the page; the HTML was sanitized by the proxy.
   */
  documentProps:
    | {
        ref: (element: HTMLElement | null) => void;
        id: string;
        'aria-labelledby': string;
        tabIndex: 0;
        dangerouslySetInnerHTML: { __html: string };
      }
    | undefined;
  /** Props of the document's title element. */
  titleProps: { id: string };
  /** Records that the current document was shown, for a partner who renders it without `documentProps`. */
  markShown: () => void;
  /** Whether the current document was loaded and shown. */
  isShown: boolean;
  /** Whether `accept()` may be called now. */
  canAccept: boolean;
  /**
   * Accepts the current version in the current language. Rejects with a
   * `KycKitApiError` of code `tos_not_shown` before the document was loaded
   * and shown: acceptance of a document nobody saw is not consent.
   */
  accept: () => Promise<Customer>;
  /** True while the acceptance is being sent. */
  isAccepting: boolean;
  /** Translated error of the last acceptance. */
  acceptErrorMessage: string | undefined;
}

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

  const onShownRef = useRef(options.onShown);
  const onAcceptedRef = useRef(options.onAccepted);
  useEffect(() => {
    onShownRef.current = options.onShown;
    onAcceptedRef.current = options.onAccepted;
  });

  const shownForRef = useRef<string | undefined>(undefined);
  const markShown = useCallback(() => {
    if (shownKey === undefined || version === undefined || language === undefined) return;
    if (shownForRef.current === shownKey) return;
    shownForRef.current = shownKey;
    setShownFor(shownKey);
    onShownRef.current?.({ versionId: version.versionId, language });
  }, [shownKey, version, language]);

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
      onAcceptedRef.current?.(body);
      return saved;
    } catch (error) {
      const apiError = toKycKitApiError(error, t('error.api.internal'));
      setAcceptError(apiError);
      throw apiError;
    } finally {
      setIsAccepting(false);
    }
  }, [version, language, isShown, client, queryClient, t, customer?.id, attempts]);

  const titleId = `kyc${useId().replace(/[^a-zA-Z0-9_-]/g, '')}-tos-title`;
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
    markShown,
    isShown,
    canAccept: isShown && !isAccepting,
    accept,
    isAccepting,
    acceptErrorMessage: acceptError === null ? undefined : translateApiError(t, acceptError),
  };
}
