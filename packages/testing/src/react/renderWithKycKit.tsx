import type { PartnerFieldSpecs } from '@kyc-kit/core';
import { es } from '@kyc-kit/core/locales/es';
import { QueryClient } from '@tanstack/react-query';
import { render, renderHook } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';
import { KycKitProvider } from '@kyc-kit/hooks';
import type { ProxyClient } from '@kyc-kit/hooks';

/** A QueryClient for tests: no retries, so a failure shows at once. */
export function createTestQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: { queries: { retry: false, gcTime: Infinity }, mutations: { retry: false } },
  });
}

/** The Spanish catalogue for a Spanish locale, as a partner passes it (it ships apart from core's main entry). */
function spanishFor(locale: string | undefined): typeof es | undefined {
  return locale?.toLowerCase().startsWith('es') ? es : undefined;
}

/** A wrapper component providing the kit with `client`. */
export function kycKitWrapper(
  client: ProxyClient,
  options: {
    locale?: string;
    queryClient?: QueryClient;
    fieldSpecs?: PartnerFieldSpecs;
    userKey?: string;
  } = {},
) {
  const queryClient = options.queryClient ?? createTestQueryClient();
  return function Wrapper({ children }: { children?: ReactNode }) {
    return (
      <KycKitProvider
        client={client}
        locale={options.locale ?? 'en'}
        messages={spanishFor(options.locale)}
        queryClient={queryClient}
        fieldSpecs={options.fieldSpecs}
        userKey={options.userKey}
      >
        {children}
      </KycKitProvider>
    );
  };
}

/** renderHook inside a KycKitProvider. */
export function renderKycKitHook<Result>(
  hook: () => Result,
  client: ProxyClient,
  options: { locale?: string; fieldSpecs?: PartnerFieldSpecs; userKey?: string } = {},
) {
  return renderHook(hook, { wrapper: kycKitWrapper(client, options) });
}

/** render inside a KycKitProvider. */
export function renderWithKycKit(
  element: ReactElement,
  client: ProxyClient,
  options: { locale?: string; fieldSpecs?: PartnerFieldSpecs; userKey?: string } = {},
) {
  return render(element, { wrapper: kycKitWrapper(client, options) });
}
