import { useKycKit } from '@kyc-kit/hooks';
import type { Translate } from '@kyc-kit/hooks';

/**
 * The provider's translator: core's catalogue (which carries the components'
 * own buttons and headings too) plus the partner's `messages`.
 */
export function useTranslate(): Translate {
  return useKycKit().t;
}

/** The locale of the surrounding `KycKitProvider`, for `Intl` formatting. */
export function useLocale(): string {
  return useKycKit().locale;
}
