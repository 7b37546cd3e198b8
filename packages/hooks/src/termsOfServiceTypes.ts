import type { Customer, TosVersion } from '@kyc-kit/core';
import type { RefObject } from 'react';
import type { TermsOfServiceDocument } from './createProxyClient';

/** Options of {@link useTermsOfService}. */
export interface UseTermsOfServiceOptions {
  /** Called once the current document has been shown. */
  onShown?: (detail: { versionId: string; language: string }) => void;
  /** Called after an acceptance was recorded. */
  onAccepted?: (detail: { versionId: string; language: string }) => void;
  /**
   * Called first when the person accepts; answering `true` stops there and sends nothing
   * (`useOnboarding` shows a compliance block held back while they read).
   */
  beforeAccept?: () => boolean;
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
  /**
   * Props of a link that opens the full document in a new tab (the provider's own address for this
   * version), for reading it outside the page; `undefined` when the version has no http(s) address.
   */
  documentLinkProps: { href: string; target: '_blank'; rel: 'noopener noreferrer' } | undefined;
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
  /** Props of the `<select>` of published languages (render it when `languages.length > 1`). */
  languageSelectProps: {
    id: string;
    value: string | undefined;
    onChange: (event: { target: { value: string } }) => void;
  };
  /** Props of the language select's `<label>`. */
  languageLabelProps: { htmlFor: string };
  /**
   * Props of the consent checkbox: never checked for the person, disabled
   * until the document is on screen, unchecked again for a new version or
   * language, invalid (with its error wired by id) after a submit without it,
   * and focused by that submit (through `ref`), so the error is read out where it is fixed.
   */
  consentCheckboxProps: {
    type: 'checkbox';
    id: string;
    ref: RefObject<HTMLInputElement | null>;
    checked: boolean;
    disabled: boolean;
    onChange: (event: { target: { checked: boolean } }) => void;
    'aria-invalid'?: true | undefined;
    'aria-describedby'?: string | undefined;
  };
  /** Props of the consent checkbox's `<label>`. */
  consentLabelProps: { htmlFor: string };
  /** The consent error's text after a submit without consent; render `consentErrorProps` only then. */
  consentError: string | undefined;
  /** Props of the consent error element. */
  consentErrorProps: { id: string };
  /** Props of the acceptance `<form>`: submitting accepts, or shows the consent error and focuses the box. */
  formProps: { noValidate: true; onSubmit: (event: { preventDefault(): void }) => void };
}
