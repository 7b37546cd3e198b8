// @vitest-environment jsdom
import { createProxyClient, KycKitProvider } from '@kyc-kit/hooks';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { PreferencesProvider } from '../PreferencesProvider';
import { RouterProvider } from '../RouterProvider';
import { HomePage } from './HomePage';

/** Renders the real home page, as the app does after the server says whether its upstream is the sandbox. */
function renderHome(sandbox: boolean): string {
  // Only the network is fake: the proxy answers nothing, so the page shows its first, static state.
  const client = createProxyClient({
    baseUrl: '/api/onboarding',
    fetch: () => Promise.resolve(new Response(null, { status: 503 })),
  });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return renderToString(
    <QueryClientProvider client={queryClient}>
      <PreferencesProvider>
        <RouterProvider>
          <KycKitProvider client={client} queryClient={queryClient}>
            <HomePage sandbox={sandbox} />
          </KycKitProvider>
        </RouterProvider>
      </PreferencesProvider>
    </QueryClientProvider>,
  );
}

describe('HomePage', () => {
  it('shows the clearly marked sandbox panel when the upstream is the sandbox', () => {
    const html = renderHome(true);
    expect(html).toContain('data-testid="sandbox-panel"');
    expect(html).toContain('Sandbox controls');
    expect(html).toContain('This panel is not part of Northwind Wallet');
  });

  it('shows no trace of the sandbox with a real upstream', () => {
    const html = renderHome(false);
    expect(html).toContain('Northwind');
    expect(html.toLowerCase()).not.toContain('sandbox');
  });
});
