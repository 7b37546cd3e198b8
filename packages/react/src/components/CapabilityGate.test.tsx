import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { customerFixtures, tosDocumentFixtures } from '@kyc-kit/testing/fixtures';
import { createFakeClient } from '@kyc-kit/testing';
import { renderWithClient } from '@kyc-kit/testing/react';
import { CapabilityGate } from './CapabilityGate';

const balance = <p>Balance: $120.00</p>;

describe('<CapabilityGate>', () => {
  it('renders its children only when the capability is active', async () => {
    renderWithClient(
      <CapabilityGate capability="custodyFiat">{balance}</CapabilityGate>,
      createFakeClient({ customer: customerFixtures.active }),
    );
    expect(await screen.findByText('Balance: $120.00')).toBeInTheDocument();
  });

  it.each([
    ['details are needed', customerFixtures.pendingNew],
    ['the provider is still verifying', customerFixtures.pendingVerifying],
    ['a requirement was rejected', customerFixtures.pendingRejected],
    ['a requirement is overdue', customerFixtures.pendingOverdue],
    ['the capability cannot be unlocked', customerFixtures.inactive],
    [
      'the status is one the kit does not know',
      {
        ...customerFixtures.active,
        capabilities: {
          custodyFiat: { requested: true, status: 'unknown' as const, rawStatus: 'under_review_v2' },
        },
      },
    ],
    ['the user has no customer yet', null],
  ])('keeps its children hidden when %s', async (_state, customer) => {
    const { container } = renderWithClient(
      <CapabilityGate capability="custodyFiat">{balance}</CapabilityGate>,
      createFakeClient({ customer }),
    );
    // Settled: the gate has read the customer and shows its fallback, not the loading note.
    await waitFor(() =>
      expect(container.querySelector('[data-reason]:not([data-reason="loading"])')).not.toBeNull(),
    );
    expect(screen.queryByText('Balance: $120.00')).not.toBeInTheDocument();
  });

  it('says the customer could not be read, and offers a retry rather than setup, after a network error', async () => {
    renderWithClient(
      <CapabilityGate capability="custodyFiat">{balance}</CapabilityGate>,
      createFakeClient({ customer: customerFixtures.active, mode: 'network-error' }),
    );
    expect(await screen.findByText('Check your internet connection and try again.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Continue setup' })).not.toBeInTheDocument();
    expect(screen.queryByText('Balance: $120.00')).not.toBeInTheDocument();
  });

  it('offers a way into onboarding when details are needed', async () => {
    const user = userEvent.setup({ delay: null });
    const client = createFakeClient({
      customer: customerFixtures.pendingNew,
      documents: tosDocumentFixtures,
    });
    renderWithClient(<CapabilityGate capability="custodyFiat">{balance}</CapabilityGate>, client);
    expect(
      await screen.findByText('We need a few more details before you can continue.'),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Continue setup' }));
    const heading = await screen.findByRole('heading', { name: 'About you' });
    // The button pressed went with the gate: the flow's heading takes its focus, not the page's start.
    await waitFor(() => expect(heading).toHaveFocus());
    expect(screen.queryByText('Balance: $120.00')).not.toBeInTheDocument();
  });

  it('shows the generic message and no way forward when the capability cannot be unlocked', async () => {
    renderWithClient(
      <CapabilityGate capability="custodyFiat">{balance}</CapabilityGate>,
      createFakeClient({ customer: customerFixtures.inactive }),
    );
    expect(
      await screen.findByText("We're unable to complete this request. Please contact support."),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });

  it('renders the partner fallback, given the gate', async () => {
    renderWithClient(
      <CapabilityGate capability="custodyFiat" fallback={(gate) => <p>Gate says {gate.reason}</p>}>
        {balance}
      </CapabilityGate>,
      createFakeClient({ customer: customerFixtures.pendingVerifying }),
    );
    expect(await screen.findByText('Gate says verifying')).toBeInTheDocument();
  });
});
