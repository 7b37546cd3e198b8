import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { customerFixtures } from '@kyc-kit/testing/fixtures';
import { createFakeClient, onlyRequirements } from '@kyc-kit/testing';
import { renderWithClient } from '@kyc-kit/testing/react';
import { RequirementsForm } from './RequirementsForm';

describe('<RequirementsForm>', () => {
  it('creates the customer on the first save when the user has none yet', async () => {
    const user = userEvent.setup({ delay: null });
    const client = createFakeClient({ customer: null });
    renderWithClient(<RequirementsForm capabilities={['custodyFiat']} saveDraft={false} />, client);
    await user.type(await screen.findByRole('textbox', { name: 'First name' }), 'Ada');
    await user.type(screen.getByRole('textbox', { name: 'Last name' }), 'Lovelace');
    await user.type(screen.getByRole('textbox', { name: 'Day' }), '5');
    await user.type(screen.getByRole('textbox', { name: 'Month' }), '1');
    await user.type(screen.getByRole('textbox', { name: 'Year' }), '1990');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(client.writes[0]?.method).toBe('createCustomer'));
    expect(client.writes[0]?.body).toMatchObject({ capabilities: ['custodyFiat'] });
  });

  it('marks a rejected field and asks for it again without saying why', async () => {
    const client = createFakeClient({ customer: customerFixtures.pendingRejected });
    renderWithClient(<RequirementsForm capabilities={['custodyFiat']} saveDraft={false} />, client);
    const input = await screen.findByLabelText('Social Security number');
    expect(input.closest('[data-rejected]')).not.toBeNull();
    // An error on the field, wired by id, and an entry in the summary: never a reason.
    await waitFor(() => expect(input).toHaveAttribute('aria-invalid', 'true'));
    expect(input).toHaveAccessibleDescription(expect.stringContaining("We couldn't verify this."));
    const summary = screen.getByRole('alert');
    expect(within(summary).getByRole('link')).toHaveTextContent(
      "We couldn't verify this. Check it and enter it again.",
    );
    expect(screen.getByRole('heading', { name: 'We need to check one detail' })).toBeInTheDocument();
  });

  it('shows an overdue field with its deadline in the page language', async () => {
    const client = createFakeClient({
      customer: onlyRequirements(customerFixtures.pendingOverdue, ['addressLine1']),
    });
    renderWithClient(<RequirementsForm capabilities={['custodyFiat']} saveDraft={false} />, client);
    expect(await screen.findByText('Overdue · Needed by March 1, 2026')).toBeInTheDocument();
  });

  it('says verification is under way when only pending requirements are left', async () => {
    const client = createFakeClient({ customer: customerFixtures.pendingVerifying });
    renderWithClient(<RequirementsForm capabilities={['custodyFiat']} />, client);
    expect(
      await screen.findByText("We're verifying the details you sent. You don't need to do anything."),
    ).toBeInTheDocument();
  });

  it('offers to try again when the customer cannot be loaded', async () => {
    const client = createFakeClient({ customer: null, mode: 'network-error' });
    renderWithClient(<RequirementsForm capabilities={['custodyFiat']} />, client);
    expect(await screen.findByText('Check your internet connection and try again.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });

  it('asks the user to sign in again when the session has ended', async () => {
    const client = createFakeClient({ customer: customerFixtures.pendingNew, mode: 'signed-out' });
    renderWithClient(<RequirementsForm capabilities={['custodyFiat']} />, client);
    expect(await screen.findByText('Sign in again to continue.')).toBeInTheDocument();
    expect(screen.queryByText('Something went wrong on our side. Please try again.')).not.toBeInTheDocument();
  });

  it('links each error of the summary to the box in error', async () => {
    const user = userEvent.setup({ delay: null });
    const client = createFakeClient({
      customer: onlyRequirements(customerFixtures.pendingNew, ['dateOfBirth']),
    });
    renderWithClient(<RequirementsForm capabilities={['custodyFiat']} saveDraft={false} />, client);
    await user.type(await screen.findByRole('textbox', { name: 'Day' }), '10');
    await user.type(screen.getByRole('textbox', { name: 'Year' }), '1990');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    const link = await screen.findByRole('link', { name: 'Date of birth must include a month' });
    // The summary takes focus first (as after any failed submit); then the person follows the link.
    await waitFor(() => expect(screen.getByRole('alert')).toHaveFocus());
    await user.click(link);
    expect(screen.getByRole('textbox', { name: 'Month' })).toHaveFocus();
    expect(screen.getByRole('textbox', { name: 'Month' })).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('textbox', { name: 'Day' })).not.toHaveAttribute('aria-invalid');
    const group = screen.getByRole('group', { name: 'Date of birth' });
    expect(within(group).getByText('Date of birth must include a month')).toBeInTheDocument();
  });
});
