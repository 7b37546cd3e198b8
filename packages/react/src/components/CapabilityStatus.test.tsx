import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { customerFixtures } from '@kyc-kit/testing/fixtures';
import { createFakeClient } from '@kyc-kit/testing';
import { renderWithClient } from '@kyc-kit/testing/react';
import { CapabilityStatus } from './CapabilityStatus';

describe('<CapabilityStatus>', () => {
  it('says what to do when the status cannot be read, in the words of the proxy error', async () => {
    renderWithClient(
      <CapabilityStatus capability="custodyFiat" />,
      createFakeClient({ customer: customerFixtures.active, mode: 'signed-out' }),
    );
    expect(await screen.findByText('Sign in again to continue.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });

  it('says an active capability is ready', async () => {
    renderWithClient(
      <CapabilityStatus capability="custodyFiat" />,
      createFakeClient({ customer: customerFixtures.active }),
    );
    expect(await screen.findByText('Ready')).toHaveAttribute('data-status', 'active');
    expect(screen.getByText('Hold US dollars')).toBeInTheDocument();
  });

  it('lists what is still needed for a pending capability, with statuses and deadlines', async () => {
    renderWithClient(
      <CapabilityStatus capability="custodyFiat" />,
      createFakeClient({ customer: customerFixtures.pendingOverdue }),
    );
    const list = await screen.findByRole('list', { name: 'What we still need' });
    expect(list).toHaveTextContent('Street address: Overdue · Needed by March 1, 2026');
    expect(list).toHaveTextContent('Social Security number: Needed now · Needed by June 30, 2030');
  });

  it('says "Action needed" when details are owed, and "In review" with one summary line while verifying', async () => {
    const { unmount } = renderWithClient(
      <CapabilityStatus capability="custodyFiat" />,
      createFakeClient({ customer: customerFixtures.pendingOverdue }),
    );
    expect(await screen.findByText('Action needed')).toBeInTheDocument();
    expect(screen.getByText('We need a few more details before you can continue.')).toBeInTheDocument();
    unmount();

    renderWithClient(
      <CapabilityStatus capability="custodyFiat" />,
      createFakeClient({ customer: customerFixtures.pendingVerifying }),
    );
    expect(await screen.findByText('In review')).toBeInTheDocument();
    expect(screen.getByText(/^We're verifying your details\./)).toBeInTheDocument();
    // One line for everything being verified, not a row per field.
    expect(screen.getByText(/^\d+ details? (is|are) being verified\.$/)).toBeInTheDocument();
    expect(screen.queryByRole('list')).not.toBeInTheDocument();
    expect(screen.queryByText(/Being verified/)).not.toBeInTheDocument();
  });

  it('shows only the generic message for an inactive capability', async () => {
    renderWithClient(
      <CapabilityStatus capability="custodyFiat" />,
      createFakeClient({ customer: customerFixtures.inactive }),
    );
    expect(
      await screen.findByText("We're unable to complete this request. Please contact support."),
    ).toBeInTheDocument();
    expect(screen.queryByRole('list')).not.toBeInTheDocument();
  });

  it('never shows a provider status it does not know', async () => {
    const customer = {
      ...customerFixtures.active,
      capabilities: {
        custodyFiat: { requested: true, status: 'unknown' as const, rawStatus: 'held_for_review' },
      },
    };
    renderWithClient(<CapabilityStatus capability="custodyFiat" />, createFakeClient({ customer }));
    expect(await screen.findByText('Status unavailable')).toBeInTheDocument();
    expect(document.body).not.toHaveTextContent('held_for_review');
  });

  it('updates politely for screen readers and speaks Spanish', async () => {
    renderWithClient(
      <CapabilityStatus capability="custodyFiat" />,
      createFakeClient({ customer: customerFixtures.active }),
      { locale: 'es' },
    );
    const status = await screen.findByRole('status');
    expect(status).toHaveAttribute('aria-live', 'polite');
    expect(await screen.findByText('Lista')).toBeInTheDocument();
  });
});
