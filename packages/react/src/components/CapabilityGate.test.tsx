import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { customerFixtures, tosDocumentFixtures } from '../fixtures/fixtures';
import { createFakeClient } from '../testing/createFakeClient';
import { renderWithClient } from '../testing/renderWithClient';
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
    expect(await screen.findByRole('heading', { name: 'About you' })).toBeInTheDocument();
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
