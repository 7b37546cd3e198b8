import { useKycKit } from '@kyc-kit/hooks';
import type { Translate } from '@kyc-kit/hooks';
import { useCallback } from 'react';
import { uiMessages } from '../uiMessages';

function interpolate(text: string, params: Record<string, string | number> | undefined): string {
  if (params === undefined) return text;
  return text.replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    name in params ? String(params[name]) : placeholder,
  );
}

/**
 * The provider's translator (core's catalogue plus the partner's `messages`),
 * falling back to the components' own texts for the few ids core lacks.
 */
export function useTranslate(): Translate {
  const { t, locale } = useKycKit();
  return useCallback(
    (id, params) => {
      const text = t(id, params);
      if (text !== '') return text;
      const catalogue: Record<string, string> = locale.toLowerCase().startsWith('es')
        ? uiMessages.es
        : uiMessages.en;
      return interpolate(catalogue[id] ?? '', params);
    },
    [t, locale],
  );
}

/** The locale of the surrounding `KycKitProvider`, for `Intl` formatting. */
export function useLocale(): string {
  return useKycKit().locale;
}
