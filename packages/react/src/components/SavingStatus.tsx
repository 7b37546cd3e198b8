import { useTranslate } from '../utils/useTranslate';

/**
 * A polite live region, present from the first render, that says "Saving…" to screen readers while a save
 * is in flight (the button says it on screen) and nothing otherwise: the next step's heading, taking focus,
 * is the announcement of what came next.
 */
export function SavingStatus({ saving }: { saving: boolean }) {
  const t = useTranslate();
  return (
    <p role="status" className="kyc-visually-hidden">
      {saving ? t('form.submitting') : null}
    </p>
  );
}
