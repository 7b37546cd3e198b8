import { es } from '@kyc-kit/core/locales/es';
import { render, renderHook, screen, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { kycKitQueryKeys } from './kycKitQueryKeys';
import { KycKitContext, KycKitProvider, useKycKit } from './KycKitProvider';
import { createFakeClient, fakeCustomer } from '@kyc-kit/testing';
import { renderWithKycKit } from '@kyc-kit/testing/react';
import { useCapability } from './useCapability';
import { useCustomer } from './useCustomer';
import { useCustomerEvents } from './useCustomerEvents';
import { useOnboarding } from './useOnboarding';
import { useRequirementsForm } from './useRequirementsForm';
import { useTermsOfService } from './useTermsOfService';

describe('KycKitProvider', () => {
  it('has a null default and a display name, so a missing provider is caught', () => {
    expect(KycKitContext.displayName).toBe('KycKitContext');
    const { result } = renderHook(() => {
      try {
        return useKycKit();
      } catch (error) {
        return error;
      }
    });
    expect(String(result.current)).toContain(
      'kyc-kit: useKycKit needs <KycKitProvider client={createProxyClient()}> around it',
    );
  });

  it.each<[string, () => unknown]>([
    ['useCustomer', () => useCustomer()],
    ['useCapability', () => useCapability('custodyFiat')],
    ['useRequirementsForm', () => useRequirementsForm({ capabilities: ['custodyFiat'] })],
    ['useTermsOfService', () => useTermsOfService()],
    ['useOnboarding', () => useOnboarding({ capability: 'custodyFiat' })],
    ['useCustomerEvents', () => useCustomerEvents()],
  ])(
    '%s throws an error naming itself and what to render around it when used outside a provider',
    (name, hook) => {
      // React reports the thrown error to the console as well; keep the test output readable.
      const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      expect(() => renderHook(hook)).toThrow(
        `kyc-kit: ${name} needs <KycKitProvider client={createProxyClient()}> around it (or your whole app).`,
      );
      consoleError.mockRestore();
    },
  );

  it("names the partner's own component when it passes its name to useKycKit", () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(() => renderHook(() => useKycKit('<Balance>'))).toThrow(
      'kyc-kit: <Balance> needs <KycKitProvider client={createProxyClient()}> around it',
    );
    consoleError.mockRestore();
  });

  it('translates with the locale and lets the partner override a message', () => {
    function Greeting() {
      const { t, locale } = useKycKit();
      return (
        <p>
          {locale}: {t('form.submit')} / {t('form.errorSummary.title')}
        </p>
      );
    }
    const client = createFakeClient();
    const { rerender } = renderWithKycKit(<Greeting />, client, { locale: 'es' });
    expect(screen.getByText(/^es:/)).not.toHaveTextContent('Continue');

    rerender(
      <KycKitProvider client={client} locale="en" messages={{ 'form.submit': 'Next' }}>
        <Greeting />
      </KycKitProvider>,
    );
    expect(screen.getByText(/^en:/)).toHaveTextContent('en: Next / There is a problem');
  });

  it('shares the app QueryClientProvider when no queryClient is given', async () => {
    const client = createFakeClient({ customer: fakeCustomer() });
    const appQueryClient = new QueryClient();
    function Probe() {
      useCustomer();
      return <p>{useQueryClient() === appQueryClient ? 'shared' : 'separate'}</p>;
    }
    render(
      <QueryClientProvider client={appQueryClient}>
        <KycKitProvider client={client}>
          <Probe />
        </KycKitProvider>
      </QueryClientProvider>,
    );
    expect(screen.getByText('shared')).toBeInTheDocument();
    await waitFor(() =>
      expect(appQueryClient.getQueryData(kycKitQueryKeys.customer())).toEqual(fakeCustomer()),
    );
  });

  it('creates its own query cache when there is none to share', async () => {
    const client = createFakeClient({ customer: fakeCustomer() });
    function CustomerId() {
      const { customer } = useCustomer();
      return <p>{customer?.id ?? 'loading'}</p>;
    }
    const { container } = render(
      <KycKitProvider client={client}>
        <CustomerId />
      </KycKitProvider>,
    );
    await waitFor(() => expect(container).toHaveTextContent(fakeCustomer().id));
  });
});

describe('KycKitProvider without the Spanish catalogue', () => {
  function renderProvider(props: { locale: string; messages?: Record<string, string> }) {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const view = render(
      <StrictMode>
        <KycKitProvider client={createFakeClient()} {...props}>
          <p>page</p>
        </KycKitProvider>
      </StrictMode>,
    );
    // A re-render of the page must not repeat the warning.
    view.rerender(
      <StrictMode>
        <KycKitProvider client={createFakeClient()} {...props}>
          <p>page again</p>
        </KycKitProvider>
      </StrictMode>,
    );
    const calls = warn.mock.calls.map((call) => String(call[0]));
    warn.mockRestore();
    return calls;
  }

  it('warns once, naming what to import and pass, for locale="es" without messages', () => {
    const calls = renderProvider({ locale: 'es' });
    expect(calls).toHaveLength(1);
    expect(calls[0]).toContain("import { es } from '@kyc-kit/core/locales/es'");
    expect(calls[0]).toContain('messages={es}');
  });

  it('stays silent with messages={es} and for locale="en"', () => {
    expect(renderProvider({ locale: 'es', messages: es })).toEqual([]);
    expect(renderProvider({ locale: 'en' })).toEqual([]);
  });
});
