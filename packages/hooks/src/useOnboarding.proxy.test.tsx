import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { createInProcessProxy } from './testing/createInProcessProxy';
import type { InProcessProxy } from './testing/createInProcessProxy';
import { OnboardingView } from './testing/OnboardingView';
import { renderKycKitHook, renderWithKycKit } from './testing/renderWithKycKit';
import type { OnboardingEvent } from './useOnboarding';
import { useCapability } from './useCapability';
import { useCustomer } from './useCustomer';
import { useCustomerEvents } from './useCustomerEvents';

type User = ReturnType<typeof userEvent.setup>;

let proxy: InProcessProxy | undefined;
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});

function status() {
  return screen.getByTestId('status').textContent;
}

async function fillPersonal(user: User, lastName = 'Lovelace') {
  await user.type(await screen.findByLabelText('First name'), 'Ada');
  await user.type(screen.getByLabelText('Last name'), lastName);
  await user.type(screen.getByLabelText('Day'), '27');
  await user.type(screen.getByLabelText('Month'), '3');
  await user.type(screen.getByLabelText('Year'), '1990');
  await user.click(screen.getByRole('button', { name: 'Continue' }));
}

async function fillAddress(user: User, zip = '94105') {
  await user.type(await screen.findByLabelText('Street address'), '1 Main Street');
  await user.type(screen.getByLabelText('City'), 'San Francisco');
  await user.selectOptions(screen.getByLabelText('State'), 'CA');
  await user.type(screen.getByLabelText('ZIP code'), zip);
  await user.click(screen.getByRole('button', { name: 'Continue' }));
}

async function fillTaxAndFinancial(user: User) {
  await user.type(await screen.findByLabelText('Social Security number'), '123-45-6789');
  await user.click(screen.getByRole('button', { name: 'Continue' }));
  await user.selectOptions(await screen.findByLabelText('Main purpose of this account'), 'investing');
  await user.selectOptions(screen.getByLabelText('Main source of your funds'), 'salary');
  await user.click(screen.getByRole('button', { name: 'Continue' }));
}

describe('hooks against the real proxy and sandbox, in process', () => {
  it('onboards a new user from no customer to an active capability', async () => {
    proxy = createInProcessProxy();
    const user = userEvent.setup({ delay: null });
    const events: OnboardingEvent[] = [];
    renderWithKycKit(
      <OnboardingView capability="custodyFiat" onEvent={(event) => events.push(event)} liveUpdates={{ pollIntervalMs: 20 }} />,
      proxy.client,
    );

    expect(await screen.findByRole('heading', { name: 'About you' })).toBeInTheDocument();
    expect(screen.getByText('Step 1 of 4')).toBeInTheDocument();
    await fillPersonal(user);
    expect(await screen.findByRole('heading', { name: 'Your home address' })).toBeInTheDocument();
    await fillAddress(user);
    await fillTaxAndFinancial(user);

    // The real Terms of Service document, fetched by the proxy from the sandbox and sanitized.
    await waitFor(() => expect(status()).toBe('terms'));
    const accept = screen.getByRole('button', { name: 'Accept' });
    await waitFor(() => expect(accept).toBeEnabled());
    await user.click(accept);

    await waitFor(() => expect(status()).toBe('done'), { timeout: 5000 });
    expect(proxy.requests).toContain('POST /api/onboarding/customer');
    expect(proxy.requests.filter((request) => request === 'PATCH /api/onboarding/customer')).toHaveLength(3);
    expect(proxy.requests).toContain('POST /api/onboarding/customer/tos');
    const serialized = JSON.stringify(events);
    for (const value of ['Ada', 'Lovelace', '1990', '123-45-6789', 'Main Street', '94105']) {
      expect(serialized).not.toContain(value);
    }
  });

  it('asks again only the field the provider rejected', async () => {
    proxy = createInProcessProxy();
    const user = userEvent.setup({ delay: null });
    renderWithKycKit(<OnboardingView capability="custodyFiat" liveUpdates={{ pollIntervalMs: 20 }} />, proxy.client);

    await fillPersonal(user);
    // The sandbox rejects ZIP 00000 once it verifies it.
    await fillAddress(user, '00000');
    await fillTaxAndFinancial(user);

    const zip = await screen.findByLabelText('ZIP code', {}, { timeout: 5000 });
    expect(screen.getByRole('heading', { name: 'Your home address' })).toBeInTheDocument();
    expect(zip).toHaveAccessibleDescription(/couldn't verify this/);
    expect(screen.queryByLabelText('Street address')).not.toBeInTheDocument();
    await user.clear(zip);
    await user.type(zip, '94105');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(status()).toBe('terms'), { timeout: 5000 });
  });

  it('shows only the generic message to a user a compliance decision turned down', async () => {
    proxy = createInProcessProxy();
    const user = userEvent.setup({ delay: null });
    renderWithKycKit(<OnboardingView capability="custodyFiat" liveUpdates={{ pollIntervalMs: 20 }} />, proxy.client);

    // The sandbox decides as soon as it has verified the name; live updates stop the flow on whichever step it is.
    await fillPersonal(user, 'Sanctioned');
    await waitFor(() => expect(status()).toBe('unavailable'), { timeout: 5000 });
    expect(within(screen.getByRole('main')).getByRole('status')).toHaveTextContent(
      "We're unable to complete this request. Please contact support.",
    );
  });

  it('reads the customer, its gate and live updates through the proxy', async () => {
    proxy = createInProcessProxy();
    const customerHook = renderKycKitHook(() => ({ customer: useCustomer(), gate: useCapability('custodyFiat') }), proxy.client);
    await waitFor(() => expect(customerHook.result.current.customer.status).toBe('success'));
    expect(customerHook.result.current.customer.customer).toBeNull();
    expect(customerHook.result.current.gate.allowed).toBe(false);
    customerHook.unmount();

    // The customer is created elsewhere (another tab); polling picks it up.
    const created = await proxy.client.createCustomer(
      { capabilities: ['custodyFiat'], fields: { firstName: 'Ada' } },
      { idempotencyKey: '0f8fad5b-d9cb-469f-a165-70867728950e' },
    );
    const live = renderKycKitHook(
      () => ({ events: useCustomerEvents({ pollIntervalMs: 20 }), customer: useCustomer() }),
      proxy.client,
    );
    await waitFor(() => expect(live.result.current.customer.customer?.id).toBe(created.id));
    expect(live.result.current.events.status).toBe('polling');
  });
});
