import { useEffect, useRef } from 'react';
import type { RefObject } from 'react';
import { fieldSpecFor } from '@kyc-kit/core';
import { errorTargetId, firstErrorMessage, translateErrorMessage } from './fieldErrors';
import { useErrorsOf } from './useErrorsOf';
import type {
  RequirementErrorSummaryItem,
  RequirementFieldContext,
  RequirementsForm,
} from './requirementsFormTypes';

/** The error summary entries of the current step, from react-hook-form's error of each key. */
function errorSummaryItems(
  errorOf: (key: string) => unknown,
  context: RequirementFieldContext,
): RequirementErrorSummaryItem[] {
  return context.fieldKeys.flatMap((key) => {
    const error = errorOf(key);
    const message = firstErrorMessage(error);
    if (message === undefined) return [];
    const spec = context.plannedFields.get(key)?.spec ?? fieldSpecFor(key);
    return [
      {
        key,
        message: translateErrorMessage(context.t, message),
        targetId: errorTargetId(context.idPrefix, spec, error, context.locale),
      },
    ];
  });
}

/** What {@link useRequirementsErrorSummary} returns. */
export interface RequirementsErrorSummary {
  /** One entry per invalid field of the current step, in the step's order. */
  items: RequirementErrorSummaryItem[];
  /** The form-level error of the last save (not tied to a field), translated. */
  formError: string | undefined;
  /** Translated title ("There is a problem"). */
  title: string;
  /** Whether there is anything to show; render nothing otherwise. */
  hasErrors: boolean;
  /** Props of the summary's container. It takes focus after each failed submit, as GOV.UK's does. */
  summaryProps: {
    ref: RefObject<HTMLDivElement | null>;
    tabIndex: -1;
    role: 'alert';
    'aria-labelledby': string;
  };
  /** Props of the summary's title. */
  titleProps: { id: string };
  /** Props of the link of one entry: it moves focus to the field instead of scrolling the label out of view. */
  getLinkProps: (item: RequirementErrorSummaryItem) => {
    href: string;
    onClick: (event: { preventDefault(): void }) => void;
  };
}

/**
 * The errors of the current step for an error summary at the top of the
 * form: key, translated message and the id of the control to focus. It lives
 * apart from `useRequirementsForm` so only the summary re-renders when errors
 * change.
 */
export function useRequirementsErrorSummary(form: RequirementsForm): RequirementsErrorSummary {
  useErrorsOf(form.form, form.fieldKeys);
  const items = errorSummaryItems((key) => form.form.getFieldState(key).error, form.fieldContext);
  const summaryRef = useRef<HTMLDivElement | null>(null);
  const formError = form.submitErrorMessage;
  const hasErrors = items.length > 0 || formError !== undefined;
  const { failedSubmitCount } = form;
  // Focus once per failed submit, as soon as the summary is in the page (errors may render a moment after the count changes).
  const focusedForRef = useRef(0);
  useEffect(() => {
    if (failedSubmitCount > focusedForRef.current && hasErrors && summaryRef.current !== null) {
      focusedForRef.current = failedSubmitCount;
      summaryRef.current.focus();
    }
  }, [failedSubmitCount, hasErrors]);
  const titleId = `${form.fieldContext.idPrefix}-error-summary-title`;
  return {
    items,
    formError,
    title: form.fieldContext.t('form.errorSummary.title'),
    hasErrors,
    summaryProps: { ref: summaryRef, tabIndex: -1, role: 'alert', 'aria-labelledby': titleId },
    titleProps: { id: titleId },
    getLinkProps: (item) => ({
      href: `#${item.targetId}`,
      onClick: (event) => {
        event.preventDefault();
        // Looked up in the summary's own root: a shadow root's ids are not in the document.
        // A summary no longer in the page is its own root, with no `getElementById`: nothing to focus then.
        const root = (summaryRef.current?.getRootNode() ?? globalThis.document) as Partial<Document>;
        root.getElementById?.(item.targetId)?.focus();
      },
    }),
  };
}
