import type { Customer } from '@kyc-kit/core';
import { KycKitApiError, kycKitQueryKeys } from '@kyc-kit/hooks';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { customerFixtures, tosDocumentFixtures } from '@kyc-kit/testing/fixtures';
import { createFakeClient } from '@kyc-kit/testing';
import { renderWithClient } from '@kyc-kit/testing/react';
import { CapabilityGate } from './CapabilityGate';
import { CapabilityStatus } from './CapabilityStatus';
import { Onboarding } from './Onboarding';

// Issue 16: a compliance block is shown at a natural point, with a way to reach the partner's support.

const SUPPORT = { href: 'https://help.example.com', email: 'help@example.com', reference: 'NW-42' };

/** The same customer after the provider turned custodyFiat down (the sandbox's sanctions name). */
function blocked(customer: Customer): Customer {
  return {
    ...customer,
    capabilities: {
      ...customer.capabilities,
      custodyFiat: { requested: true, status: 'inactive', rawStatus: 'inactive' },
    },
  };
}

/**
 * `<Onboarding>` for custodyFiat with the partner's support, live updates off; `block()` brings the
 * provider's decision into the cache as a live update would.
 */
function renderOnboarding(customer: Customer) {
  const client = createFakeClient({ customer, documents: tosDocumentFixtures });
  const { queryClient } = renderWithClient(
    <Onboarding capability="custodyFiat" liveUpdates={false} support={SUPPORT} />,
    client,
  );
  const block = () => {
    client.customer = blocked(customer);
    queryClient.setQueryData(kycKitQueryKeys.customer(), client.customer);
  };
  return { client, block };
}

async function expectUnavailableWithSupport() {
  const heading = await screen.findByRole('heading', { name: 'We can’t continue', level: 2 });
  await waitFor(() => expect(heading).toHaveFocus());
  expect(screen.getByRole('link', { name: 'Contact support' })).toHaveAttribute(
    'href',
    'https://help.example.com',
  );
  expect(screen.getByRole('link', { name: 'help@example.com' })).toHaveAttribute(
    'href',
    'mailto:help@example.com?subject=NW-42',
  );
  expect(screen.getByText('Your reference: NW-42')).toBeInTheDocument();
  // A decision, not a failure: no retry and no error styling.
  expect(screen.queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument();
  expect(screen.queryByText('There is a problem')).not.toBeInTheDocument();
  expect(document.querySelector('[data-tone="danger"]')).toBeNull();
}

describe('<Onboarding> and a compliance block', () => {
  it('keeps the step, the typed text and the focus while the user types; shows the block after Continue', async () => {
    const user = userEvent.setup({ delay: null });
    const { client, block } = renderOnboarding(customerFixtures.pendingPartial);
    const street = await screen.findByRole('textbox', { name: 'Street address' });
    await user.type(street, '42 Harbor');
    const writes = client.writes.length;

    // A live update brings the decision mid-typing.
    block();
    await user.type(street, ' Lane');
    expect(street).toHaveFocus();
    expect(street).toHaveValue('42 Harbor Lane');
    expect(screen.queryByRole('heading', { name: 'We can’t continue' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await expectUnavailableWithSupport();
    // The submit only showed the block: nothing was sent for a customer the provider turned down.
    expect(client.writes).toHaveLength(writes);
  });

  it('holds a block that arrives on the Terms until the accept, which sends no acceptance', async () => {
    const user = userEvent.setup({ delay: null });
    const { client, block } = renderOnboarding(customerFixtures.pendingTerms);
    const accept = await screen.findByRole('checkbox', {
      name: 'I have read and accept the Terms of Service',
    });
    await waitFor(() => expect(accept).toBeEnabled());
    block();
    await user.click(accept);
    expect(accept).toBeChecked();
    await user.click(screen.getByRole('button', { name: 'Accept and continue' }));
    await expectUnavailableWithSupport();
    expect(client.writes.some((write) => write.method === 'acceptTermsOfService')).toBe(false);
  });

  it('shows a block at once when nothing is left to do (verifying)', async () => {
    const { block } = renderOnboarding(customerFixtures.pendingVerifying);
    const verifying = await screen.findByRole('heading', { name: 'Checking your details' });
    verifying.focus();
    block();
    await expectUnavailableWithSupport();
  });

  it('never takes focus from outside the flow when the state changes by itself', async () => {
    const client = createFakeClient({
      customer: customerFixtures.pendingVerifying,
      documents: tosDocumentFixtures,
    });
    const { queryClient } = renderWithClient(
      <>
        <button type="button">Partner menu</button>
        <Onboarding capability="custodyFiat" liveUpdates={false} />
      </>,
      client,
    );
    await screen.findByRole('heading', { name: 'Checking your details' });
    const menu = screen.getByRole('button', { name: 'Partner menu' });
    menu.focus();
    queryClient.setQueryData(kycKitQueryKeys.customer(), blocked(customerFixtures.pendingVerifying));
    await screen.findByRole('heading', { name: 'We can’t continue' });
    expect(menu).toHaveFocus();
  });

  it('shows another capability of a blocked customer as unavailable, with support and no retry', async () => {
    const client = createFakeClient({ customer: customerFixtures.inactive, documents: tosDocumentFixtures });
    // The provider will not change this customer: asking for the capability is refused for good.
    client.failNextWrite(
      new KycKitApiError({
        code: 'customer_not_authorized',
        message: 'Refused.',
        status: 403,
        retryable: false,
      }),
    );
    renderWithClient(<Onboarding capability="tradeCrypto" support={SUPPORT} />, client);
    expect(
      await screen.findByText("We're unable to complete this request. Please contact support."),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Contact support' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument();
    expect(document.querySelector('[data-state]')).toHaveAttribute('data-state', 'unavailable');
  });

  it('says it in Spanish', async () => {
    const client = createFakeClient({ customer: customerFixtures.inactive, documents: tosDocumentFixtures });
    renderWithClient(<Onboarding capability="custodyFiat" support={SUPPORT} />, client, { locale: 'es' });
    expect(
      await screen.findByRole('link', { name: 'Comunicarse con el servicio de asistencia' }),
    ).toHaveAttribute('href', 'https://help.example.com');
    expect(screen.getByText('Su referencia: NW-42')).toBeInTheDocument();
  });
});

describe('support where a capability shows as unavailable', () => {
  it('<CapabilityGate> gives the support links under the generic message', async () => {
    const client = createFakeClient({ customer: customerFixtures.inactive });
    renderWithClient(
      <CapabilityGate capability="custodyFiat" support={SUPPORT}>
        <button type="button">Send</button>
      </CapabilityGate>,
      client,
    );
    expect(await screen.findByRole('link', { name: 'Contact support' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'help@example.com' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Send' })).not.toBeInTheDocument();
  });

  it('<CapabilityStatus> gives them for an inactive capability only', async () => {
    const client = createFakeClient({ customer: customerFixtures.inactive });
    renderWithClient(
      <>
        <CapabilityStatus capability="custodyFiat" support={SUPPORT} />
        <CapabilityStatus capability="tradeCrypto" support={SUPPORT} />
      </>,
      client,
    );
    expect(await screen.findAllByRole('link', { name: 'Contact support' })).toHaveLength(1);
    expect(screen.getByText('Your reference: NW-42')).toBeInTheDocument();
  });
});
