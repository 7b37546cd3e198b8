import type { PlannedField } from '@kyc-kit/core';
import { formatDeadline } from '../utils/formatDeadline';
import { useLocale, useTranslate } from '../utils/useTranslate';

/** Props of {@link RequirementNote}. */
export interface RequirementNoteProps {
  /** The field's prop bags (or core's planned field), for its status and deadline. */
  planned: Pick<PlannedField, 'status' | 'deadline'> | undefined;
}

/**
 * The line under a field's label that says when it is needed by, and that it
 * is overdue. Nothing renders for a field without a deadline that is not overdue.
 */
export function RequirementNote({ planned }: RequirementNoteProps) {
  const t = useTranslate();
  const locale = useLocale();
  if (planned === undefined) return null;
  const isOverdue = planned.status === 'overdue';
  // Only an ISO deadline is shown; anything else shows no date.
  const date = planned.deadline && formatDeadline(planned.deadline, locale);
  if (!date && !isOverdue) return null;
  const parts = [
    isOverdue ? t('requirement.status.overdue') : undefined,
    date && t('form.deadline', { date }),
  ].filter(Boolean);
  return (
    <p className="kyc-hint" data-status={planned.status}>
      {parts.join(' · ')}
    </p>
  );
}
