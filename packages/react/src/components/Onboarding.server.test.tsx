// @vitest-environment node
import { es } from '@kyc-kit/core/locales/es';
import { KycKitProvider, kycKitQueryKeys } from '@kyc-kit/hooks';
import { QueryClient } from '@tanstack/react-query';
import { renderToString } from 'react-dom/server';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { customerFixtures } from '@kyc-kit/testing/fixtures';
import { createFakeClient } from '@kyc-kit/testing';
import { Onboarding } from './Onboarding';

// The shared setup file clears window storage after each test and assumes a DOM. Hand it a
// stand-in only after this file's own assertions ran (hooks run in reverse order), so the
// rendering itself still happens with no window at all.
afterEach(() => {
  const storage = { clear: () => undefined };
  Object.assign(globalThis, { window: { sessionStorage: storage, localStorage: storage } });
});
afterAll(() => {
  Reflect.deleteProperty(globalThis, 'window');
});

/** `<Onboarding capability="custodyFiat">` rendered with no window, its customer prefetched into the cache. */
function renderPrefetched(locale?: { locale: string; messages: typeof es }): string {
  Reflect.deleteProperty(globalThis, 'window');
  const client = createFakeClient({ customer: customerFixtures.pendingNew });
  const queryClient = new QueryClient();
  queryClient.setQueryData(kycKitQueryKeys.customer(), customerFixtures.pendingNew);
  return renderToString(
    <KycKitProvider client={client} queryClient={queryClient} {...locale}>
      <Onboarding capability="custodyFiat" />
    </KycKitProvider>,
  );
}

describe('<Onboarding> on the server', () => {
  it('renders the first step for a new customer before the read, without touching window, storage or EventSource', () => {
    Reflect.deleteProperty(globalThis, 'window');
    const client = createFakeClient({ customer: customerFixtures.pendingNew });
    const html = renderToString(
      <KycKitProvider client={client} queryClient={new QueryClient()}>
        <Onboarding capability="custodyFiat" />
      </KycKitProvider>,
    );
    expect(html).toContain('class="kyc-root"');
    // The customer is not read on a server: the first step planned for one that does not exist yet.
    expect(html).toContain('data-state="collect"');
    expect(html).toContain('First name');
    expect(html).not.toContain('Loading…');
  });

  it('renders the first step from a prefetched customer, so the page is usable before hydration', () => {
    const html = renderPrefetched({ locale: 'es', messages: es });
    expect(html).toContain('Paso 1 de 6');
    expect(html).toContain('Sus datos');
  });

  it('renders a form whose submit before hydration never puts what was typed in the URL', () => {
    const html = renderPrefetched();
    // The date of birth is asked in this step: pressing Enter before the script runs submits the form natively,
    // and a form without a method is a GET that writes every named box into the page's query string (the
    // Next.js example's journey presses Enter with scripts off and sees no request and the values kept).
    expect(html).toContain('name="dateOfBirth.year"');
    const forms = html.match(/<form\b[^>]*>/g) ?? [];
    expect(forms).toHaveLength(1);
    for (const form of forms) expect(form).toMatch(/\smethod="dialog"/);
  });
});
