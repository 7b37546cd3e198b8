import { useKycKit } from '@kyc-kit/hooks';
import type { Translate } from '@kyc-kit/hooks';

/**
 * The provider's translator: core's catalogue (which carries the components'
 * own buttons and headings too) plus the partner's `messages`. Outside a
 * provider the error names `component`, the one the partner rendered.
 */
export function useTranslate(component = 'a kyc-kit component'): Translate {
  return useKycKit(component).t;
}

/** The locale of the surrounding `KycKitProvider`, for `Intl` formatting. */
export function useLocale(): string {
  return useKycKit().locale;
}
