import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { CapabilityGate } from './CapabilityGate';
import { CapabilityStatus } from './CapabilityStatus';
import { Onboarding } from './Onboarding';
import { RequirementsForm } from './RequirementsForm';
import { TermsOfService } from './TermsOfService';

/** The message a partner reads when `element` is rendered with no `<KycKitProvider>` around it. */
function errorOutsideProvider(element: ReactElement): string {
  // React reports the thrown error to the console as well; keep the test output readable.
  const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    render(element);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    consoleError.mockRestore();
  }
  throw new Error('rendered without a provider and threw nothing');
}

describe('a kit component rendered outside <KycKitProvider>', () => {
  it.each<[string, ReactElement]>([
    ['<Onboarding>', <Onboarding capability="custodyFiat" />],
    ['<RequirementsForm>', <RequirementsForm capabilities={['custodyFiat']} />],
    ['<TermsOfService>', <TermsOfService />],
    ['<CapabilityGate>', <CapabilityGate capability="custodyFiat">Balance</CapabilityGate>],
    ['<CapabilityStatus>', <CapabilityStatus capability="custodyFiat" />],
  ])('%s names itself and tells the partner to wrap it in a provider with a client', (name, element) => {
    const message = errorOutsideProvider(element);
    expect(message).toContain(name);
    expect(message).toContain('<KycKitProvider client={createProxyClient()}>');
    // Never a hook of the kit's own the partner did not call.
    expect(message).not.toMatch(/\buse[A-Z]\w*/);
  });
});
