import { es } from '@kyc-kit/core/locales/es';
import { KycKitProvider } from '@kyc-kit/hooks';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { customerFixtures, employerNameSpecs, tosDocumentFixtures } from '@kyc-kit/testing/fixtures';
import { createFakeClient, createInstantQueryClient, fakeCustomer } from '@kyc-kit/testing';
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

  it("keeps the provider's user key and field specs when the flow sets its own language", async () => {
    const user = userEvent.setup({ delay: null });
    const client = createFakeClient({
      customer: fakeCustomer({ requirements: { employerName: 'due' } }),
    });
    render(
      <KycKitProvider
        client={client}
        queryClient={createInstantQueryClient()}
        userKey="user_ada"
        fieldSpecs={employerNameSpecs}
      >
        <Onboarding capability="custodyFiat" locale="es" messages={es} />
      </KycKitProvider>,
    );
    // The partner's own field is a field, not "we need something else from you".
    await user.type(await screen.findByRole('textbox', { name: es['field.generic.label'] }), 'Northwind');
    // The draft is this user's: kept under a tag of their key, never in the tab's shared scope.
    const drafts = Object.keys(window.sessionStorage).filter((key) => key.startsWith('kyc-kit:draft:'));
    expect(drafts.length).toBeGreaterThan(0);
    for (const key of drafts) expect(key).toMatch(/^kyc-kit:draft:(plan:)?u\w+/);
  });
});
