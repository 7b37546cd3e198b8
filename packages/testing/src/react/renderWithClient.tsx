import type { PartnerFieldSpecs } from '@kyc-kit/core';
import { es } from '@kyc-kit/core/locales/es';
import { KycKitProvider } from '@kyc-kit/hooks';
import type { ProxyClient } from '@kyc-kit/hooks';
import { render } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';
import { createInstantQueryClient } from '../createInstantQueryClient';

/** Renders `element` inside a KycKitProvider with `client`; `rerender` keeps the provider. */
export function renderWithClient(
  element: ReactElement,
  client: ProxyClient,
  options: { locale?: string; fieldSpecs?: PartnerFieldSpecs } = {},
) {
  const queryClient = createInstantQueryClient();
  function Wrapper({ children }: { children?: ReactNode }) {
    return (
      <KycKitProvider
        client={client}
        locale={options.locale ?? 'en'}
        // Spanish ships as its own entry point: pass it as a partner does.
        messages={options.locale?.startsWith('es') ? es : undefined}
        queryClient={queryClient}
        fieldSpecs={options.fieldSpecs}
      >
        {children}
      </KycKitProvider>
    );
  }
  return { ...render(element, { wrapper: Wrapper }), queryClient };
}
