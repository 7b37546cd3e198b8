import { useTranslate } from '../utils/useTranslate';

/**
 * The flow's Back button, the secondary action before Continue on a form
 * step, the review and the Terms. Internal: the steps render it only when
 * there is somewhere to go back to.
 */
export function BackButton({ onClick }: { onClick: () => void }) {
  const t = useTranslate();
  return (
    <button type="button" className="kyc-button" data-variant="secondary" onClick={onClick}>
      {t('form.back')}
    </button>
  );
}
