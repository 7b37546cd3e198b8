import type { Customer } from '@kyc-kit/core';
import { QueryClient } from '@tanstack/react-query';
import { act, render, screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OnboardingEvent } from './useOnboarding';
import { createFakeClient, fakeCustomer, FakeEventSource } from '@kyc-kit/testing';
import { kycKitWrapper, OnboardingView, renderWithKycKit } from '@kyc-kit/testing/react';

const TOS_VERSION = {
  versionId: 'us_individual_2026-05-29',
  languages: ['en', 'es'],
  url: 'https://example.test/tos',
};

function status() {
  return screen.getByTestId('status').textContent;
}

describe('useOnboarding', () => {
  it('walks collect -> review -> terms -> verifying -> done and reports each change', async () => {
    const user = userEvent.setup({ delay: null });
    let phase = 0;
    const client = createFakeClient({
      customer: fakeCustomer({ requirements: { firstName: 'due', tos: 'due' }, tosVersions: [TOS_VERSION] }),
      documents: {
        [`${TOS_VERSION.versionId}:en`]: {
          versionId: TOS_VERSION.versionId,
          language: 'en',
          title: 'Terms',
          html: '<p>The terms.</p>',
        },
      },
      onWrite: (write, current) => {
        phase += 1;
        const base = current as Customer;
        if (write.method === 'updateCustomer') {
          const { firstName: _sent, ...requirements } = base.requirements;
          return { ...base, requirements };
        }
        return { ...base, requirements: {} };
      },
    });
    const onStepChange = vi.fn();
    const onComplete = vi.fn();
    const events: OnboardingEvent[] = [];
    renderWithKycKit(
      <OnboardingView
        capability="custodyFiat"
        onStepChange={onStepChange}
        onComplete={onComplete}
        onEvent={(event) => events.push(event)}
        // jsdom has no EventSource: the flow polls while verifying.
        liveUpdates={{ pollIntervalMs: 1 }}
      />,
      client,
    );
    // The first step planned for a customer that does not exist yet shows while the read is in flight.
    expect(status()).toBe('collect');

    await user.type(await screen.findByLabelText('First name'), 'Ada');
    expect(status()).toBe('collect');
    // The review and the Terms of Service still to accept count as steps, from the first step on.
    expect(onStepChange).toHaveBeenCalledWith({ stepId: 'personal', stepNumber: 1, stepCount: 3 });
    await user.click(screen.getByRole('button', { name: 'Continue' }));

    await waitFor(() => expect(status()).toBe('review'));
    expect(onStepChange).toHaveBeenLastCalledWith({ stepId: 'review', stepNumber: 2, stepCount: 3 });
    expect(screen.getByText('First name').nextElementSibling).toHaveTextContent('Ada');
    await user.click(screen.getByRole('button', { name: 'Confirm' }));

    expect(await screen.findByText('The terms.')).toBeInTheDocument();
    expect(status()).toBe('terms');
    expect(onStepChange).toHaveBeenLastCalledWith({ stepId: 'terms', stepNumber: 3, stepCount: 3 });
    await waitFor(() => expect(screen.getByRole('button', { name: 'Accept' })).toBeEnabled());
    await user.click(screen.getByRole('button', { name: 'Accept' }));

    await waitFor(() => expect(status()).toBe('verifying'));
    expect(screen.getByRole('status')).toHaveTextContent("We're verifying the details you sent.");
    expect(phase).toBe(2);

    // Verification finishes on the provider's side; the next poll sees it.
    client.customer = {
      ...(client.customer as Customer),
      capabilities: { custodyFiat: { requested: true, status: 'active', rawStatus: 'active' } },
    };
    await waitFor(() => expect(status()).toBe('done'));
    expect(onComplete).toHaveBeenCalledTimes(1);

    expect(
      events
        .filter((event) => event.type === 'state_changed')
        .map((event) => event.type === 'state_changed' && event.state),
    ).toEqual(['collect', 'review', 'terms', 'verifying', 'done']);
    expect(events).toContainEqual({ type: 'step_submitted', stepId: 'personal', fieldKeys: ['firstName'] });
    expect(events).toContainEqual({ type: 'terms_shown', versionId: TOS_VERSION.versionId, language: 'en' });
    expect(events).toContainEqual({
      type: 'terms_accepted',
      versionId: TOS_VERSION.versionId,
      language: 'en',
    });
    expect(events).toContainEqual({ type: 'completed', capabilities: ['custodyFiat'] });
  });

  it('reports done and calls onComplete once every capability is active', async () => {
    const onComplete = vi.fn();
    const client = createFakeClient({
      customer: fakeCustomer({ capabilities: { custodyFiat: 'active', transferFiat: 'active' } }),
    });
    renderWithKycKit(
      <OnboardingView capabilities={['custodyFiat', 'transferFiat']} onComplete={onComplete} />,
      client,
    );

    await waitFor(() => expect(status()).toBe('done'));
    expect(onComplete).toHaveBeenCalledTimes(1);
    expect(onComplete).toHaveBeenCalledWith({
      customerId: fakeCustomer().id,
      capabilities: ['custodyFiat', 'transferFiat'],
    });
  });

  it('shows only the generic message when a capability is unavailable', async () => {
    const client = createFakeClient({
      customer: fakeCustomer({
        capabilities: { custodyFiat: 'inactive' },
        requirements: { firstName: 'due' },
      }),
    });
    renderWithKycKit(<OnboardingView capability="custodyFiat" />, client);

    await waitFor(() => expect(status()).toBe('unavailable'));
    expect(screen.getByRole('status')).toHaveTextContent(
      "We're unable to complete this request. Please contact support.",
    );
    expect(screen.queryByLabelText('First name')).not.toBeInTheDocument();
  });

  it('moves to error when the customer cannot be loaded, and calls onExit on leave', async () => {
    const user = userEvent.setup({ delay: null });
    const client = createFakeClient();
    client.getCustomer = async () => {
      throw new (await import('./KycKitApiError')).KycKitApiError({
        code: 'unauthorized',
        message: 'Sign in to continue.',
        status: 401,
        retryable: false,
      });
    };
    const onExit = vi.fn();
    renderWithKycKit(<OnboardingView capability="custodyFiat" onExit={onExit} />, client);

    await waitFor(() => expect(status()).toBe('error'));
    expect(screen.getByRole('status')).toHaveTextContent('Sign in again to continue.');
    await user.click(screen.getByRole('button', { name: 'Leave' }));
    expect(onExit).toHaveBeenCalledWith({ state: 'error' });
  });

  it('never puts a typed value in an onEvent payload', async () => {
    const user = userEvent.setup({ delay: null });
    const typed = [
      'Ada',
      'Lovelace',
      'Byron',
      '27',
      '1990',
      '123-45-6789',
      '1 Main Street',
      'Springfield',
      '94105',
    ];
    const client = createFakeClient({
      customer: fakeCustomer({
        requirements: {
          firstName: 'due',
          lastName: 'due',
          dateOfBirth: 'due',
          fullSsn: 'due',
          addressLine1: 'due',
          addressCity: 'due',
          addressPostalCode: 'due',
        },
      }),
    });
    // A server refusal on one field as well: its event must carry the key, not the value.
    client.failNextWrite(
      new (await import('./KycKitApiError')).KycKitApiError({
        code: 'invalid_fields',
        message: 'Some answers need your attention.',
        status: 400,
        retryable: false,
        fields: { lastName: { code: 'field.lastName.error.required', message: 'Enter your last name' } },
      }),
    );
    const events: OnboardingEvent[] = [];
    renderWithKycKit(
      <OnboardingView capability="custodyFiat" onEvent={(event) => events.push(event)} liveUpdates={false} />,
      client,
    );

    await user.click(await screen.findByRole('button', { name: 'Continue' }));
    await user.type(screen.getByLabelText('First name'), 'Ada');
    await user.type(screen.getByLabelText('Last name'), 'Lovelace');
    await user.type(screen.getByLabelText('Day'), '27');
    await user.type(screen.getByLabelText('Month'), '3');
    await user.type(screen.getByLabelText('Year'), '1990');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await waitFor(() =>
      expect(
        events.some((event) => event.type === 'step_submit_failed' && event.code === 'invalid_fields'),
      ).toBe(true),
    );
    await user.type(screen.getByLabelText('Last name'), '-Byron');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await user.type(await screen.findByLabelText('Street address'), '1 Main Street');
    await user.type(screen.getByLabelText('City'), 'Springfield');
    await user.type(screen.getByLabelText('ZIP code'), '94105');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await user.type(await screen.findByLabelText('Social Security number'), '123-45-6789');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(client.writes).toHaveLength(4));

    expect(events.length).toBeGreaterThan(5);
    const serialized = JSON.stringify(events);
    for (const value of typed) expect(serialized).not.toContain(value);
    expect(events).toContainEqual({
      type: 'step_submit_failed',
      stepId: 'personal',
      code: 'invalid_fields',
      fieldKeys: ['lastName'],
    });
  });
});

describe('useOnboarding for a capability the customer never requested', () => {
  it('requests it first, then asks for what it needs', async () => {
    const client = createFakeClient({
      customer: fakeCustomer({ capabilities: { custodyFiat: 'active', tradeCrypto: 'unrequested' } }),
      onWrite: (write, current) => {
        const base = current as Customer;
        if (write.method !== 'updateCustomer' || write.body.capabilities === undefined) return base;
        return {
          ...base,
          capabilities: {
            ...base.capabilities,
            tradeCrypto: { requested: true, status: 'pending', rawStatus: 'pending' },
          },
          requirements: {
            occupation: {
              key: 'occupation',
              known: true,
              status: 'due',
              rawStatus: 'due',
              impact: ['tradeCrypto'],
            },
          },
        };
      },
    });
    renderWithKycKit(<OnboardingView capability="tradeCrypto" liveUpdates={false} />, client);

    expect(await screen.findByLabelText('Occupation or industry')).toBeInTheDocument();
    expect(client.writes).toEqual([
      {
        method: 'updateCustomer',
        fieldKeys: [],
        body: { capabilities: ['tradeCrypto'] },
        idempotencyKey: expect.any(String),
      },
    ]);
    expect(status()).toBe('collect');
  });
});

describe('useOnboarding for an existing customer who never asked for the capability', () => {
  it('stays on the step while it requests it: the input, its focus and what was typed stay; counted from the answer', async () => {
    const user = userEvent.setup({ delay: null });
    const due = (key: string) => ({
      key,
      known: true,
      status: 'due' as const,
      rawStatus: 'due',
      impact: ['custodyFiat'],
    });
    const client = createFakeClient({
      customer: fakeCustomer({ capabilities: { custodyFiat: 'unrequested' } }),
      onWrite: (_write, current) => ({
        ...(current as Customer),
        capabilities: { custodyFiat: { requested: true, status: 'pending', rawStatus: 'pending' } },
        requirements: Object.fromEntries(
          ['firstName', 'lastName', 'dateOfBirth', 'addressLine1'].map((key) => [key, due(key)]),
        ),
      }),
    });
    // The capability request waits until the test lets it through.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const update = client.updateCustomer.bind(client);
    let requests = 0;
    client.updateCustomer = async (body, options) => {
      requests += 1;
      await held;
      return update(body, options);
    };
    const events: OnboardingEvent[] = [];
    const onStepChange = vi.fn();
    renderWithKycKit(
      <OnboardingView
        capability="custodyFiat"
        liveUpdates={false}
        onStepChange={onStepChange}
        onEvent={(event) => events.push(event)}
      />,
      client,
    );
    const input = await screen.findByLabelText('First name');
    await waitFor(() => expect(requests).toBe(1));
    await user.type(input, 'Ad');
    expect(status()).toBe('collect');
    // No count from a guess.
    expect(onStepChange).not.toHaveBeenCalled();
    await act(async () => release());
    await waitFor(() => expect(client.writes).toHaveLength(1));
    await user.type(input, 'a');
    expect(screen.getByLabelText('First name')).toBe(input);
    expect(input).toHaveFocus();
    expect(input).toHaveValue('Ada');
    const states = events.flatMap((event) => (event.type === 'state_changed' ? [event.state] : []));
    expect(states).toEqual(['collect']);
    // Counted once, from the customer's own plan: about you, address, the review.
    expect(onStepChange.mock.calls).toEqual([[{ stepId: 'personal', stepNumber: 1, stepCount: 3 }]]);
  });
});

describe('useOnboarding when the provider deletes the customer', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    window.sessionStorage.clear();
  });

  it('starts again from the first step, with nothing typed', async () => {
    vi.stubGlobal('EventSource', FakeEventSource);
    FakeEventSource.instances = [];
    const user = userEvent.setup({ delay: null });
    const customer = fakeCustomer({ requirements: { firstName: 'due', email: 'due' } });
    const client = createFakeClient({ customer });
    const events: OnboardingEvent[] = [];
    renderWithKycKit(
      <OnboardingView capability="custodyFiat" onEvent={(event) => events.push(event)} />,
      client,
    );

    await user.type(await screen.findByLabelText('First name'), 'Ada');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await user.type(await screen.findByLabelText('Email address'), 'ada@example.com');
    expect(window.sessionStorage.getItem(`kyc-kit:draft:${customer.id}`)).toContain('ada@example.com');

    // The provider deleted the customer: the proxy now answers "no customer" and says so on the stream.
    client.customer = null;
    const source = FakeEventSource.instances.at(-1);
    act(() => source?.send('customer_deleted', { customerId: customer.id }));

    expect(await screen.findByRole('heading', { name: 'About you' })).toBeInTheDocument();
    expect(status()).toBe('collect');
    expect(screen.getByText(/^Step 1 of /)).toBeInTheDocument();
    expect(screen.getByLabelText('First name')).toHaveValue('');
    expect(window.sessionStorage.getItem(`kyc-kit:draft:${customer.id}`)).toBeNull();
    expect(window.sessionStorage.getItem('kyc-kit:draft:new')).toBeNull();
    expect(source?.readyState).toBe(FakeEventSource.CLOSED);
    expect(events.filter((event) => event.type === 'step_viewed').at(-1)).toMatchObject({
      stepId: 'personal',
      stepNumber: 1,
    });

    // Onboarding again creates a new customer rather than updating the deleted one.
    await user.type(screen.getByLabelText('First name'), 'Ada');
    await user.type(screen.getByLabelText('Last name'), 'Lovelace');
    await user.type(screen.getByLabelText('Day'), '27');
    await user.type(screen.getByLabelText('Month'), '3');
    await user.type(screen.getByLabelText('Year'), '1990');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(client.writes.at(-1)?.method).toBe('createCustomer'));
    expect(new Set(client.writes.map((write) => write.idempotencyKey)).size).toBe(client.writes.length);
  });
});

describe('useOnboarding while verifying', () => {
  // A customer who sent everything: the capability is pending at the provider and nothing is left to type.
  const verifyingCustomer = () => fakeCustomer({ requirements: {} });
  // The provider rejected the ZIP code while the capability stays pending: no webhook, so no event, announces it.
  const rejectedCustomer = () => fakeCustomer({ requirements: { addressPostalCode: 'rejected' } });

  // Lets the fake client's reads and React's updates settle, moving the clock by a negligible 2 ms.
  async function settle() {
    // The cache tells React on a zero-delay timer, which fake timers move 1 ms on when it is set during a tick.
    for (let round = 0; round < 2; round += 1) {
      await act(async () => {
        await vi.advanceTimersByTimeAsync(1);
      });
    }
  }

  async function advance(milliseconds: number) {
    await act(async () => {
      await vi.advanceTimersByTimeAsync(milliseconds);
    });
    await settle();
  }

  function setVisibility(state: 'visible' | 'hidden') {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
    act(() => {
      document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
    });
  }

  function renderVerifying(client: ReturnType<typeof createFakeClient>, verifyingPollMs?: number) {
    // No window-focus refetch: the reads counted below are the flow's own.
    const queryClient = new QueryClient({
      defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } },
    });
    return render(
      <OnboardingView capability="custodyFiat" liveUpdates={false} verifyingPollMs={verifyingPollMs} />,
      {
        wrapper: kycKitWrapper(client, { queryClient }),
      },
    );
  }

  beforeEach(() => {
    vi.useFakeTimers();
  });

  afterEach(() => {
    vi.useRealTimers();
    Reflect.deleteProperty(document, 'visibilityState');
  });

  it('reads the customer again on an interval, without live updates, and asks again for a field rejected meanwhile', async () => {
    const client = createFakeClient({ customer: verifyingCustomer() });
    renderVerifying(client, 2000);
    await settle();
    expect(status()).toBe('verifying');
    const readsBefore = client.reads;

    await advance(2000);
    expect(client.reads).toBe(readsBefore + 1);
    expect(status()).toBe('verifying');

    client.customer = rejectedCustomer();
    await advance(2000);
    expect(status()).toBe('collect');
    expect(screen.getByLabelText('ZIP code')).toBeInTheDocument();

    // Back to typing: no more reads on the interval.
    const readsAfter = client.reads;
    await advance(10000);
    expect(client.reads).toBe(readsAfter);
  });

  it('reads every few seconds by default', async () => {
    const client = createFakeClient({ customer: verifyingCustomer() });
    renderVerifying(client);
    await settle();
    client.customer = rejectedCustomer();
    await advance(5000);
    expect(status()).toBe('collect');
  });

  it('pauses while the page is hidden and reads at once when it is shown again', async () => {
    const client = createFakeClient({ customer: verifyingCustomer() });
    renderVerifying(client, 2000);
    await settle();
    const readsBefore = client.reads;

    setVisibility('hidden');
    client.customer = rejectedCustomer();
    await advance(20000);
    expect(client.reads).toBe(readsBefore);
    expect(status()).toBe('verifying');

    setVisibility('visible');
    await settle();
    expect(client.reads).toBe(readsBefore + 1);
    expect(status()).toBe('collect');
  });

  it('does not read on an interval while the event stream is open', async () => {
    vi.stubGlobal('EventSource', FakeEventSource);
    FakeEventSource.instances = [];
    const client = createFakeClient({ customer: verifyingCustomer() });
    const queryClient = new QueryClient({
      defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } },
    });
    render(<OnboardingView capability="custodyFiat" verifyingPollMs={2000} />, {
      wrapper: kycKitWrapper(client, { queryClient }),
    });
    await settle();
    const source = FakeEventSource.instances.at(-1);
    act(() => source?.open());
    await settle();
    const readsBefore = client.reads;
    await advance(20000);
    expect(client.reads).toBe(readsBefore);
    expect(status()).toBe('verifying');
    vi.unstubAllGlobals();
  });

  it('does not read on an interval when verifyingPollMs is 0', async () => {
    const client = createFakeClient({ customer: verifyingCustomer() });
    renderVerifying(client, 0);
    await settle();
    const readsBefore = client.reads;
    client.customer = rejectedCustomer();
    await advance(60000);
    expect(client.reads).toBe(readsBefore);
    expect(status()).toBe('verifying');
  });
});
