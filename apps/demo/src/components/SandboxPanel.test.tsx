// @vitest-environment jsdom
import { MAGIC_VALUES } from '@kyc-kit/sandbox';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { PreferencesProvider } from '../PreferencesProvider';
import { SandboxPanel } from './SandboxPanel';

describe('SandboxPanel', () => {
  it("lists every one of the sandbox's magic values, so a first-time tester can reach each path", () => {
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const html = renderToString(
      <QueryClientProvider client={queryClient}>
        <PreferencesProvider>
          <SandboxPanel />
        </PreferencesProvider>
      </QueryClientProvider>,
    );
    for (const [name, value] of Object.entries(MAGIC_VALUES)) expect(html, name).toContain(value);
  });
});
