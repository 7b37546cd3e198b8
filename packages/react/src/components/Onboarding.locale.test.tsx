import { es } from '@kyc-kit/core/locales/es';
import { KycKitProvider } from '@kyc-kit/hooks';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { customerFixtures, tosDocumentFixtures } from '@kyc-kit/testing/fixtures';
import { createFakeClient, createInstantQueryClient } from '@kyc-kit/testing';
import { Onboarding } from './Onboarding';

// Spanish ships as its own entry point (@kyc-kit/core/locales/es), passed as `messages`.
function renderInProvider(element: React.ReactElement, provider: { locale: string; messages?: typeof es }) {
  const client = createFakeClient({ customer: customerFixtures.pendingNew, documents: tosDocumentFixtures });
  return render(
    <KycKitProvider client={client} queryClient={createInstantQueryClient()} {...provider}>
      {element}
    </KycKitProvider>,
  );
}

describe('<Onboarding> languages', () => {
  it("keeps the provider's Spanish catalogue when the flow overrides one text", async () => {
    renderInProvider(<Onboarding capability="custodyFiat" messages={{ 'form.submit': 'Seguir' }} />, {
      locale: 'es',
      messages: es,
    });
    expect(await screen.findByText('Paso 1 de 6')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Seguir' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Sus datos' })).toBeInTheDocument();
  });

  it("drops the provider's catalogue when the flow switches to another language", async () => {
    renderInProvider(<Onboarding capability="custodyFiat" locale="en" />, { locale: 'es', messages: es });
    expect(await screen.findByText('Step 1 of 6')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Continue' })).toBeInTheDocument();
  });

  it('speaks Spanish from the flow alone when given the catalogue there', async () => {
    renderInProvider(<Onboarding capability="custodyFiat" locale="es" messages={es} />, { locale: 'en' });
    expect(await screen.findByText('Paso 1 de 6')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Continuar' })).toBeInTheDocument();
  });
});
