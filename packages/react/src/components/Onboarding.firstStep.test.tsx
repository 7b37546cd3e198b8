import type { Customer } from '@kyc-kit/core';
import { KycKitApiError, clearDrafts } from '@kyc-kit/hooks';
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { tosDocumentFixtures } from '@kyc-kit/testing/fixtures';
import { createFakeClient, fakeCustomer } from '@kyc-kit/testing';
import { renderWithClient } from '@kyc-kit/testing/react';
import { Onboarding } from './Onboarding';

/** Calls held until the test settles them, oldest first. */
function heldCalls<Value>(what: string) {
  const pending: { resolve: (value: Value) => void; reject: (error: Error) => void }[] = [];
  const next = () => {
    const call = pending.shift();
    if (call === undefined) throw new Error(`no ${what} in flight`);
    return call;
  };
  return {
    hold: () => new Promise<Value>((resolve, reject) => pending.push({ resolve, reject })),
    inFlight: () => pending.length,
    resolve: (value: Value) => act(async () => next().resolve(value)),
    fail: (retryable: boolean) =>
      act(async () => {
        next().reject(
          new KycKitApiError({ code: 'internal_error', message: 'Failed.', status: 500, retryable }),
        );
      }),
  };
}

/** A fake proxy whose `GET /customer` answers only when the test says so. */
function slowReadClient() {
  const client = createFakeClient({ customer: null, documents: tosDocumentFixtures });
  const reads = heldCalls<Customer | null>('read');
  client.getCustomer = () => {
    client.reads += 1;
    return reads.hold();
  };
  return {
    client,
    answer: (customer: Customer | null) => {
      client.customer = customer;
      return reads.resolve(customer);
    },
    fail: () => reads.fail(false),
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

  it("shows no new customer's first step after a reload of an existing customer's flow, only the wait", async () => {
    const existing = fakeCustomer({ requirements: { addressLine1: 'due', addressCity: 'due' } });
    const before = createFakeClient({ customer: existing, documents: tosDocumentFixtures });
    const first = renderWithClient(<Onboarding capability="custodyFiat" />, before);
    expect(await screen.findByRole('textbox', { name: 'Street address' })).toBeInTheDocument();
    first.unmount();

    // The same tab, reloaded: its kept plan says a customer exists, so "About you" would be the wrong guess.
    const read = slowReadClient();
    renderWithClient(<Onboarding capability="custodyFiat" />, read.client);
    expect(screen.getByText('Loading…')).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'About you' })).not.toBeInTheDocument();
    await read.answer(existing);
    expect(await screen.findByRole('textbox', { name: 'Street address' })).toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: 'First name' })).not.toBeInTheDocument();
  });

  it("shows only the wait after a reload once an existing customer's flow is over (issue 15)", async () => {
    // Everything given, the Terms too: verifying. The flow leaves its plan with no steps, not a count.
    const verifying = fakeCustomer({ requirements: { firstName: 'pending', tos: 'pending' } });
    const first = renderWithClient(
      <Onboarding capability="custodyFiat" />,
      createFakeClient({ customer: verifying }),
    );
    expect(await screen.findByRole('heading', { name: 'Checking your details' })).toBeInTheDocument();
    first.unmount();

    // The same tab, reloaded (a new client: nothing in memory): the new customer's "About you" never shows.
    const read = slowReadClient();
    renderWithClient(<Onboarding capability="custodyFiat" />, read.client);
    expect(screen.getByText('Loading…')).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'About you' })).not.toBeInTheDocument();
    await read.answer(verifying);
    expect(await screen.findByRole('heading', { name: 'Checking your details' })).toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: 'First name' })).not.toBeInTheDocument();
  });

  it('shows the wait, not empty fields for what a customer seen earlier on the page gave, for another capability', async () => {
    // Issue 15: custodyFiat opened earlier on the page; the provider mounted again (a new cache) for tradeCrypto.
    const client = createFakeClient({ customer: fakeCustomer({ requirements: { addressLine1: 'due' } }) });
    const first = renderWithClient(<Onboarding capability="custodyFiat" />, client);
    expect(await screen.findByRole('textbox', { name: 'Street address' })).toBeInTheDocument();
    first.unmount();

    const reads = heldCalls<Customer | null>('read');
    client.getCustomer = reads.hold;
    renderWithClient(<Onboarding capability="tradeCrypto" />, client);
    expect(screen.getByText('Loading…')).toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: 'First name' })).not.toBeInTheDocument();
    await reads.resolve(
      fakeCustomer({
        capabilities: { custodyFiat: 'pending', tradeCrypto: 'pending' },
        requirements: { firstName: 'pending', citizenship: 'due' },
      }),
    );
    expect(await screen.findByRole('combobox', { name: 'Country of citizenship' })).toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: 'First name' })).not.toBeInTheDocument();
  });

  it('still shows the first step at once through another client, which has seen no customer', async () => {
    const seen = createFakeClient({ customer: fakeCustomer({ requirements: { addressLine1: 'due' } }) });
    const first = renderWithClient(<Onboarding capability="custodyFiat" />, seen);
    expect(await screen.findByRole('textbox', { name: 'Street address' })).toBeInTheDocument();
    first.unmount();
    // Nothing kept in the tab (a sign-out's clearDrafts): only the page's memory could tell, and it is per client.
    clearDrafts();
    renderWithClient(<Onboarding capability="tradeCrypto" />, slowReadClient().client);
    expect(firstName()).toBeInTheDocument();
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

/** Holds the capability request of `client` until `release`; answers with the customer owing `keys`. */
function holdCapabilityRequest(client: ReturnType<typeof slowReadClient>['client'], keys: string[]) {
  const requests = heldCalls<Customer>('request');
  client.updateCustomer = requests.hold;
  return {
    inFlight: requests.inFlight,
    release: () => {
      const owed = fakeCustomer({ requirements: Object.fromEntries(keys.map((key) => [key, 'due'])) });
      client.customer = owed;
      return requests.resolve(owed);
    },
    fail: () => requests.fail(true),
  };
}

/** Records every state the flow's root shows and whether a loading message ever appears. */
function watchStates(container: HTMLElement) {
  const states = new Set<string>();
  let sawLoading = false;
  const look = () => {
    const state = container.querySelector('[data-state]')?.getAttribute('data-state');
    if (state) states.add(state);
    if (container.textContent?.includes('Loading…')) sawLoading = true;
  };
  const observer = new MutationObserver(look);
  observer.observe(container, { subtree: true, childList: true, attributes: true, characterData: true });
  look();
  return {
    seen: () => {
      look();
      observer.disconnect();
      return { states: [...states], sawLoading };
    },
  };
}

const unrequested = () => fakeCustomer({ capabilities: { custodyFiat: 'unrequested' }, requirements: {} });

describe('<Onboarding> for an existing customer who never asked for the capability', () => {
  it('keeps the step, the focus and what was typed while the capability is requested; no loading in between', async () => {
    const user = userEvent.setup({ delay: null });
    const read = slowReadClient();
    const request = holdCapabilityRequest(read.client, [
      'firstName',
      'lastName',
      'dateOfBirth',
      'addressLine1',
    ]);
    const { container } = renderWithClient(<Onboarding capability="custodyFiat" />, read.client);
    const watch = watchStates(container);
    const input = firstName();
    await user.type(input, 'Ad');
    await read.answer(unrequested());
    await waitFor(() => expect(request.inFlight()).toBe(1));
    await user.type(input, 'a');
    // A guess is not counted: no "Step i of n" that could change under the user.
    expect(screen.queryByText(/^Step \d+ of \d+$/)).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Continue' })).toBeInTheDocument();
    await request.release();
    await user.type(input, 'x');
    expect(firstName()).toBe(input);
    expect(input).toHaveFocus();
    expect(input).toHaveValue('Adax');
    expect(screen.getByText('Step 1 of 3')).toBeInTheDocument();
    expect(watch.seen()).toEqual({ states: ['collect'], sawLoading: false });
    expect(screen.getByRole('status')).toBeEmptyDOMElement();
  });

  it('shows a failed request where the user is, without taking focus; their Continue sends it with the step', async () => {
    const user = userEvent.setup({ delay: null });
    const read = slowReadClient();
    const request = holdCapabilityRequest(read.client, ['addressLine1']);
    const { container } = renderWithClient(<Onboarding capability="custodyFiat" />, read.client);
    const watch = watchStates(container);
    await user.type(firstName(), 'Ada');
    await read.answer(unrequested());
    await waitFor(() => expect(request.inFlight()).toBe(1));
    await request.fail();
    expect(await screen.findByRole('alert')).toHaveTextContent('There is a problem');
    expect(firstName()).toHaveFocus();
    expect(firstName()).toHaveValue('Ada');
    expect(screen.queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument();
    expect(watch.seen()).toEqual({ states: ['collect'], sawLoading: false });
    await user.type(screen.getByRole('textbox', { name: 'Last name' }), 'Lovelace');
    await user.type(screen.getByRole('textbox', { name: 'Day' }), '10');
    await user.type(screen.getByRole('textbox', { name: 'Month' }), '12');
    await user.type(screen.getByRole('textbox', { name: 'Year' }), '1990');
    const sent: unknown[] = [];
    read.client.updateCustomer = async (body) => {
      sent.push(body);
      return fakeCustomer({ requirements: { addressLine1: 'due' } });
    };
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByRole('heading', { name: 'Your home address' })).toBeInTheDocument();
    expect(sent).toEqual([expect.objectContaining({ capabilities: ['custodyFiat'] })]);
  });
});

describe('<Onboarding> when the answer replaces the step shown before it', () => {
  it("leaves focus on the partner's page and announces nothing", async () => {
    const user = userEvent.setup({ delay: null });
    const read = slowReadClient();
    renderWithClient(
      <>
        <button type="button">Partner menu</button>
        <Onboarding capability="custodyFiat" />
      </>,
      read.client,
    );
    const partner = screen.getByRole('button', { name: 'Partner menu' });
    await user.click(partner);
    await read.answer(fakeCustomer({ requirements: { addressLine1: 'due' } }));
    expect(await screen.findByRole('heading', { name: 'Your home address' })).toBeInTheDocument();
    expect(partner).toHaveFocus();
    expect(screen.getByRole('status')).toBeEmptyDOMElement();
  });

  it('takes no focus when the answer to the capability request owes nothing more: the page is opening', async () => {
    const read = slowReadClient();
    const request = holdCapabilityRequest(read.client, []);
    renderWithClient(<Onboarding capability="custodyFiat" />, read.client);
    await read.answer(unrequested());
    await waitFor(() => expect(request.inFlight()).toBe(1));
    await request.release();
    expect(await screen.findByRole('heading', { name: 'Checking your details' })).toBeInTheDocument();
    expect(document.body).toHaveFocus();
  });

  it("moves focus to the new step's heading when the field the user was in is gone", async () => {
    const user = userEvent.setup({ delay: null });
    const read = slowReadClient();
    renderWithClient(<Onboarding capability="custodyFiat" />, read.client);
    await user.type(firstName(), 'Ada');
    await read.answer(fakeCustomer({ requirements: { addressLine1: 'due' } }));
    expect(await screen.findByRole('heading', { name: 'Your home address' })).toHaveFocus();
  });
});
