import { validateFields } from '@kyc-kit/core';
import { createFakeClient, fakeCustomer } from '@kyc-kit/testing';
import { createTestQueryClient, RequirementsFormView } from '@kyc-kit/testing/react';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { KycKitProvider } from './KycKitProvider';
import { useRequirementsForm } from './useRequirementsForm';

function Form() {
  const form = useRequirementsForm({ capabilities: ['custodyFiat'] });
  return <RequirementsFormView form={form} />;
}

const nineDigits = { country: 'US', number: '201 555 012' };

// Its own file: the phone rules are not loaded yet when it starts, as in a browser at its first paint.
describe('useRequirementsForm and the phone rules that load after the first paint', () => {
  it('checks a +1 number in full on submit while its rules are still loading, and sends nothing', async () => {
    const customer = fakeCustomer({ requirements: { phoneNumber: 'due' } });
    const client = createFakeClient({ customer });
    render(
      <KycKitProvider client={client} initialCustomer={customer} queryClient={createTestQueryClient()}>
        <Form />
      </KycKitProvider>,
    );
    const phone = screen.getByRole('group', { name: 'Phone number' });
    // The rules are on their way: a check made now, without waiting, would let nine digits through.
    expect(validateFields({ phoneNumber: nineDigits }, ['phoneNumber'])).toMatchObject({ ok: true });
    fireEvent.change(within(phone).getByLabelText('Number'), { target: { value: nineDigits.number } });
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));

    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('Enter a real phone number, including the area code');
    expect(client.writes).toHaveLength(0);

    // Corrected, the number is sent as typed.
    fireEvent.change(within(phone).getByLabelText('Number'), { target: { value: '201 555 0123' } });
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(client.writes).toHaveLength(1));
    expect(client.writes[0]?.body).toEqual({
      fields: { phoneNumber: { country: 'US', number: '201 555 0123' } },
    });
  });
});
