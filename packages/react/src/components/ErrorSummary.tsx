import { useRequirementsErrorSummary } from '@kyc-kit/hooks';
import type { RequirementsForm } from '@kyc-kit/hooks';

/** Props of {@link ErrorSummary}. */
export interface ErrorSummaryProps {
  /** The form from `useRequirementsForm`. */
  form: RequirementsForm;
}

/**
 * GOV.UK's error summary: at the top of the step, a link to each invalid
 * field, and the save error if the proxy refused. It takes focus after every
 * failed submit so the problem is announced and one Tab away.
 */
export function ErrorSummary({ form }: ErrorSummaryProps) {
  const summary = useRequirementsErrorSummary(form);
  if (!summary.hasErrors) return null;
  return (
    <div className="kyc-error-summary" {...summary.summaryProps}>
      <h3 className="kyc-heading" {...summary.titleProps}>
        {summary.title}
      </h3>
      {summary.formError ? <p className="kyc-text">{summary.formError}</p> : null}
      {summary.items.length > 0 ? (
        <ul>
          {summary.items.map((item) => (
            <li key={item.key}>
              <a {...summary.getLinkProps(item)}>{item.message}</a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
