import type { Customer } from '@kyc-kit/core';
import { KycKitApiError } from '@kyc-kit/hooks';
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { tosDocumentFixtures } from '@kyc-kit/testing/fixtures';
import { createFakeClient, fakeCustomer } from '@kyc-kit/testing';
import { renderWithClient } from '@kyc-kit/testing/react';
import { Onboarding } from './Onboarding';

/** A fake proxy whose `GET /customer` answers only when the test says so. */
function slowReadClient() {
  const client = createFakeClient({ customer: null, documents: tosDocumentFixtures });
  const pending: { resolve: (value: Customer | null) => void; reject: (error: Error) => void }[] = [];
  client.getCustomer = () =>
    new Promise<Customer | null>((resolve, reject) => {
      client.reads += 1;
      pending.push({ resolve, reject });
    });
  const next = () => {
    const read = pending.shift();
    if (read === undefined) throw new Error('no read in flight');
    return read;
  };
  return {
    client,
    answer: (customer: Customer | null) =>
      act(async () => {
        client.customer = customer;
        next().resolve(customer);
      }),
    fail: () =>
      act(async () => {
        next().reject(
          new KycKitApiError({ code: 'internal_error', message: 'Failed.', status: 500, retryable: false }),
        );
      }),
  };
}

const firstName = () => screen.getByRole('textbox', { name: 'First name' });

describe('<Onboarding> before the customer is read', () => {
  it('shows the first step for a new customer at once, and the answer "no customer" changes nothing', async () => {
    const user = userEvent.setup({ delay: null });
    const read = slowReadClient();
    renderWithClient(<Onboarding capability="custodyFiat" />, read.client);
    expect(screen.getByRole('heading', { name: 'About you' })).toBeInTheDocument();
    const input = firstName();
    await user.type(input, 'Ad');
    await read.answer(null);
    await user.type(input, 'a');
    expect(firstName()).toBe(input);
    expect(input).toHaveFocus();
    expect(input).toHaveValue('Ada');
    expect(screen.queryByText('Loading…')).not.toBeInTheDocument();
  });

  it('re-plans from an existing customer without moving focus out of the field or losing what was typed', async () => {
    const user = userEvent.setup({ delay: null });
    const read = slowReadClient();
    renderWithClient(<Onboarding capability="custodyFiat" />, read.client);
    const lastName = screen.getByRole('textbox', { name: 'Last name' });
    await user.type(lastName, 'Love');
    await read.answer(fakeCustomer({ requirements: { lastName: 'due', addressLine1: 'due' } }));
    await user.type(lastName, 'lace');
    expect(screen.getByRole('textbox', { name: 'Last name' })).toBe(lastName);
    expect(lastName).toHaveFocus();
    expect(lastName).toHaveValue('Lovelace');
    // The existing customer already gave a first name: it is no longer asked.
    expect(screen.queryByRole('textbox', { name: 'First name' })).not.toBeInTheDocument();
  });

  it('keeps a Continue made before the read answers: busy meanwhile, then creates the customer', async () => {
    const user = userEvent.setup({ delay: null });
    const read = slowReadClient();
    renderWithClient(<Onboarding capability="custodyFiat" />, read.client);
    await user.type(firstName(), 'Ada');
    await user.type(screen.getByRole('textbox', { name: 'Last name' }), 'Lovelace');
    await user.type(screen.getByRole('textbox', { name: 'Day' }), '10');
    await user.type(screen.getByRole('textbox', { name: 'Month' }), '12');
    await user.type(screen.getByRole('textbox', { name: 'Year' }), '1990');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    const busy = await screen.findByRole('button', { name: 'Saving…' });
    expect(busy).toHaveAttribute('aria-disabled', 'true');
    expect(read.client.writes).toHaveLength(0);
    expect(window.sessionStorage.length).toBe(0);
    await read.answer(null);
    await waitFor(() => expect(read.client.writes).toHaveLength(1));
    expect(read.client.writes[0]).toMatchObject({ method: 'createCustomer' });
  });

  it('shows the error path when the read fails, and every typed value is still there after Try again', async () => {
    const user = userEvent.setup({ delay: null });
    const read = slowReadClient();
    renderWithClient(<Onboarding capability="custodyFiat" />, read.client);
    await user.type(firstName(), 'Ada');
    await read.fail();
    expect(await screen.findByRole('button', { name: 'Try again' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    await read.answer(null);
    expect(await screen.findByRole('textbox', { name: 'First name' })).toHaveValue('Ada');
  });
});
