import { act, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFetchEventSource } from '@kyc-kit/testing';
import { createInProcessProxy } from '@kyc-kit/testing/server';
import type { InProcessProxy } from '@kyc-kit/testing/server';
import { OnboardingView, renderKycKitHook, renderWithKycKit } from '@kyc-kit/testing/react';
import type { OnboardingEvent } from './useOnboarding';
import { useCapability } from './useCapability';
import { useCustomer } from './useCustomer';
import { useCustomerEvents } from './useCustomerEvents';
import { useTermsOfService } from './useTermsOfService';

type User = ReturnType<typeof userEvent.setup>;

let proxy: InProcessProxy | undefined;
afterEach(async () => {
  vi.unstubAllGlobals();
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
    // Live updates through the real event stream: the sandbox's webhooks reach the proxy, which pushes the customer.
    vi.stubGlobal('EventSource', createFetchEventSource(proxy.fetch));
    const user = userEvent.setup({ delay: null });
    const events: OnboardingEvent[] = [];
    renderWithKycKit(
      <OnboardingView capability="custodyFiat" onEvent={(event) => events.push(event)} />,
      proxy.client,
    );

    expect(await screen.findByRole('heading', { name: 'About you' })).toBeInTheDocument();
    expect(screen.getByText('Step 1 of 4')).toBeInTheDocument();
    await fillPersonal(user);
    expect(await screen.findByRole('heading', { name: 'Your home address' })).toBeInTheDocument();
    await fillAddress(user);
    await fillTaxAndFinancial(user);

    // Check your answers: what was saved, sensitive values only as "Provided"; the count never moved.
    await waitFor(() => expect(status()).toBe('review'));
    expect(screen.getByTestId('progress')).toHaveTextContent('Step 5 of 6');
    const about = screen.getByRole('main');
    expect(about).toHaveTextContent('First nameAda');
    expect(about).toHaveTextContent('Main source of your funds');
    for (const value of ['123-45-6789', '6789', '1990', '1 Main Street', '94105']) {
      expect(about).not.toHaveTextContent(value);
    }
    expect(screen.getAllByText('Provided').length).toBeGreaterThanOrEqual(3);
    await user.click(screen.getByRole('button', { name: 'Confirm' }));

    // The real Terms of Service document, fetched by the proxy from the sandbox and sanitized.
    await waitFor(() => expect(status()).toBe('terms'));
    expect(screen.getByTestId('progress')).toHaveTextContent('Step 6 of 6');
    const accept = screen.getByRole('button', { name: 'Accept' });
    await waitFor(() => expect(accept).toBeEnabled());
    await user.click(accept);

    await waitFor(() => expect(status()).toBe('done'), { timeout: 5000 });
    expect(proxy.requests).toContain('POST /api/onboarding/customer');
    expect(proxy.requests.filter((request) => request === 'PATCH /api/onboarding/customer')).toHaveLength(3);
    expect(proxy.requests).toContain('POST /api/onboarding/customer/tos');
    expect(proxy.requests).toContain('GET /api/onboarding/events');
    const serialized = JSON.stringify(events);
    for (const value of ['Ada', 'Lovelace', '1990', '123-45-6789', 'Main Street', '94105']) {
      expect(serialized).not.toContain(value);
    }
    // Every step is saved: the browser keeps no draft, nor anything typed.
    const stored = JSON.stringify({ ...window.sessionStorage }) + JSON.stringify({ ...window.localStorage });
    // Only the plan is left, with no steps: the mark that this user has a customer (never a value).
    expect(Object.keys(window.sessionStorage).filter((key) => key.startsWith('kyc-kit:draft:'))).toEqual([
      'kyc-kit:draft:plan',
    ]);
    expect(JSON.parse(window.sessionStorage.getItem('kyc-kit:draft:plan') ?? '')).toMatchObject({
      steps: [],
    });
    for (const value of ['Ada', 'Lovelace', 'investing', 'salary']) {
      expect(stored).not.toContain(value);
    }
  });

  it('asks again only the field the provider rejected', async () => {
    proxy = createInProcessProxy();
    const user = userEvent.setup({ delay: null });
    renderWithKycKit(
      <OnboardingView capability="custodyFiat" liveUpdates={{ pollIntervalMs: 20 }} />,
      proxy.client,
    );

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
    // Rejected before the Terms: once it is entered again, the review (never confirmed) comes back first.
    await waitFor(() => expect(status()).toBe('review'), { timeout: 5000 });
    expect(screen.getByTestId('progress')).toHaveTextContent('Step 5 of 6');
    await user.click(screen.getByRole('button', { name: 'Confirm' }));
    await waitFor(() => expect(status()).toBe('terms'), { timeout: 5000 });
  });

  it('shows only the generic message to a user a compliance decision turned down', async () => {
    proxy = createInProcessProxy();
    const user = userEvent.setup({ delay: null });
    // What the page's cache knows of the capability, beside the flow.
    function GateProbe() {
      return <p data-testid="gate">{useCapability('custodyFiat').status}</p>;
    }
    renderWithKycKit(
      <>
        <OnboardingView capability="custodyFiat" liveUpdates={{ pollIntervalMs: 20 }} />
        <GateProbe />
      </>,
      proxy.client,
    );

    // The sandbox decides as soon as it has verified the name, while the user types on the next step.
    await fillPersonal(user, 'Sanctioned');
    const street = await screen.findByLabelText('Street address');
    await user.type(street, '1 Main');
    await waitFor(() => expect(screen.getByTestId('gate')).toHaveTextContent('inactive'), { timeout: 5000 });
    // Live updates brought the decision, but the step stays, with what was typed, until the user's own submit.
    expect(status()).toBe('collect');
    expect(screen.getByLabelText('Street address')).toHaveValue('1 Main');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(status()).toBe('unavailable'));
    expect(within(screen.getByRole('main')).getByRole('status')).toHaveTextContent(
      "We're unable to complete this request. Please contact support.",
    );
  });

  it('shows a block the provider refuses to change as unavailable when another capability is opened, with no retry', async () => {
    proxy = createInProcessProxy();
    // A customer the provider turned down: the sandbox's sanctions name, decided once verified.
    await proxy.client.createCustomer(
      {
        capabilities: ['custodyFiat'],
        fields: {
          firstName: 'Ada',
          lastName: 'Sanctioned',
          dateOfBirth: { day: '27', month: '3', year: '1990' },
        },
      },
      { idempotencyKey: '6f1c2a8e-0b7d-4c1e-9a51-3d2f0c9b7e14' },
    );
    const read = proxy;
    await waitFor(
      async () =>
        expect((await read.client.getCustomer())?.capabilities.custodyFiat?.status).toBe('inactive'),
      { timeout: 5000 },
    );

    // Opening another capability asks the provider for it, which refuses to change this customer (403).
    renderWithKycKit(<OnboardingView capability="tradeCrypto" />, proxy.client);
    await waitFor(() => expect(status()).toBe('unavailable'), { timeout: 5000 });
    expect(screen.getByRole('status')).toHaveTextContent(
      "We're unable to complete this request. Please contact support.",
    );
  });

  it('reads the customer, its gate and live updates through the proxy', async () => {
    proxy = createInProcessProxy();
    const customerHook = renderKycKitHook(
      () => ({ customer: useCustomer(), gate: useCapability('custodyFiat') }),
      proxy.client,
    );
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

  it('loads the sandbox Terms of Service through the proxy and refuses to accept before showing them', async () => {
    proxy = createInProcessProxy();
    await proxy.client.createCustomer(
      { capabilities: ['custodyFiat'], fields: { firstName: 'Ada' } },
      { idempotencyKey: '9b2c8f1e-5d4a-4c3b-8a7f-6e5d4c3b2a19' },
    );
    const { result } = renderKycKitHook(() => useTermsOfService(), proxy.client);
    await waitFor(() => expect(result.current.documentStatus).toBe('ready'));
    expect(result.current.document?.html).not.toBe('');
    expect(result.current.document?.html).not.toMatch(/<script/i);
    await expect(result.current.accept()).rejects.toMatchObject({ code: 'tos_not_shown' });
    expect(proxy.requests).not.toContain('POST /api/onboarding/customer/tos');

    act(() => result.current.markShown());
    await act(() => result.current.accept());
    expect(proxy.requests).toContain('POST /api/onboarding/customer/tos');
    await waitFor(() => expect(result.current.isRequired).toBe(false));
  });

  it('follows the proxy event stream into the query cache', async () => {
    proxy = createInProcessProxy();
    vi.stubGlobal('EventSource', createFetchEventSource(proxy.fetch));
    const live = renderKycKitHook(
      () => ({ events: useCustomerEvents(), capability: useCapability('custodyFiat') }),
      proxy.client,
    );
    await waitFor(() => expect(live.result.current.events.status).toBe('open'));

    // A write from elsewhere (another tab, the partner's server) reaches this page through the stream.
    const created = await proxy.client.createCustomer(
      { capabilities: ['custodyFiat'], fields: { firstName: 'Ada', lastName: 'Lovelace' } },
      { idempotencyKey: '7c9e6679-7425-40de-944b-e07fc1f90ae7' },
    );
    await waitFor(() => expect(live.result.current.capability.reason).toBe('needs_input'));
    expect(live.result.current.capability.blocking.map((requirement) => requirement.key)).toContain(
      'fullSsn',
    );
    expect(created.id).toMatch(/^customer_/);
    live.unmount();
  });

  it('starts over when the provider deletes the customer, and onboards as a new one', async () => {
    proxy = createInProcessProxy();
    vi.stubGlobal('EventSource', createFetchEventSource(proxy.fetch));
    const user = userEvent.setup({ delay: null });
    renderWithKycKit(<OnboardingView capability="custodyFiat" />, proxy.client);

    await fillPersonal(user);
    await user.type(await screen.findByLabelText('City'), 'San Francisco');
    const deleted = await proxy.client.getCustomer();
    expect(deleted).not.toBeNull();
    const deletedId = deleted?.id ?? '';

    // The partner's back office deletes the customer; the sandbox's webhook reaches the proxy, which tells the stream.
    expect(await proxy.deleteCustomerUpstream(deletedId)).toBe(204);
    expect(await screen.findByRole('heading', { name: 'About you' }, { timeout: 5000 })).toBeInTheDocument();
    expect(screen.getByText('Step 1 of 4')).toBeInTheDocument();
    expect(screen.getByLabelText('First name')).toHaveValue('');

    await fillPersonal(user);
    // Nothing typed for the deleted customer comes back.
    expect(await screen.findByLabelText('City')).toHaveValue('');
    expect(await screen.findByRole('heading', { name: 'Your home address' })).toBeInTheDocument();
    expect(proxy.requests.filter((request) => request === 'POST /api/onboarding/customer')).toHaveLength(2);
    const replacement = await proxy.client.getCustomer();
    expect(replacement?.id).toMatch(/^customer_/);
    expect(replacement?.id).not.toBe(deletedId);
  });

  it('saves an edited step after a lost answer, rather than reusing the key for another body', async () => {
    proxy = createInProcessProxy();
    const user = userEvent.setup({ delay: null });
    renderWithKycKit(<OnboardingView capability="custodyFiat" liveUpdates={false} />, proxy.client);
    await fillPersonal(user);

    // The provider accepts the address, but its answer never reaches the browser; the network is slow to recover,
    // so the kit's read of the customer after the failure is still on its way while the user edits.
    proxy.dropNextAnswer('PATCH /api/onboarding/customer');
    const releaseRead = proxy.holdNext('GET /api/onboarding/customer');
    await fillAddress(user, '94105');
    expect(await screen.findByText('Check your internet connection and try again.')).toBeInTheDocument();

    // The user corrects the ZIP code before trying again: a new logical submit, so no conflict with the first one.
    const zip = screen.getByLabelText('ZIP code');
    await user.clear(zip);
    await user.type(zip, '94107');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByLabelText('Social Security number')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(proxy.requests.filter((request) => request === 'PATCH /api/onboarding/customer')).toHaveLength(2);
    releaseRead();
    await waitFor(() =>
      expect(proxy?.requests.filter((request) => request === 'GET /api/onboarding/customer')).toHaveLength(2),
    );
  });
});
