import { es } from '@kyc-kit/core/locales/es';
import { KycKitProvider, kycKitQueryKeys } from '@kyc-kit/hooks';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { customerFixtures, tosDocumentFixtures } from '@kyc-kit/testing/fixtures';
import { createFakeClient, createInstantQueryClient, fakeCustomer } from '@kyc-kit/testing';
import { renderWithClient } from '@kyc-kit/testing/react';
import { Onboarding } from './Onboarding';

type User = ReturnType<typeof userEvent.setup>;

/** Types Ada's "About you" step (born 10 December 1985) once it has rendered. */
async function typeAboutYou(user: User, { lastName = 'Lovelace' }: { lastName?: string } = {}) {
  await user.type(await screen.findByRole('textbox', { name: 'First name' }), 'Ada');
  await user.type(screen.getByRole('textbox', { name: 'Last name' }), lastName);
  await user.type(screen.getByRole('textbox', { name: 'Day' }), '10');
  await user.type(screen.getByRole('textbox', { name: 'Month' }), '12');
  await user.type(screen.getByRole('textbox', { name: 'Year' }), '1985');
}

describe('<Onboarding> with the customer read on the server', () => {
  it('shows the first step in the first render for a user with no customer yet, without waiting for a read', () => {
    const client = createFakeClient({ customer: null, documents: tosDocumentFixtures });
    render(
      <KycKitProvider client={client} queryClient={createInstantQueryClient()} initialCustomer={null}>
        <Onboarding capability="custodyFiat" />
      </KycKitProvider>,
    );
    expect(screen.getByRole('heading', { name: 'About you' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'First name' })).toBeInTheDocument();
  });
});

describe('<Onboarding>', () => {
  it('shows the first step with its progress and a heading for the step', async () => {
    const client = createFakeClient({
      customer: customerFixtures.pendingNew,
      documents: tosDocumentFixtures,
    });
    renderWithClient(<Onboarding capability="custodyFiat" />, client);
    expect(await screen.findByRole('heading', { name: 'About you' })).toBeInTheDocument();
    // Counted once the customer's own plan is known (the read answered).
    expect(await screen.findByText('Step 1 of 6')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'First name' })).toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'Date of birth' })).toBeInTheDocument();
  });

  it('leaves focus where the page put it when the flow first appears', async () => {
    const client = createFakeClient({
      customer: customerFixtures.pendingTerms,
      documents: tosDocumentFixtures,
    });
    renderWithClient(<Onboarding capability="custodyFiat" />, client);
    await screen.findByRole('heading', { name: 'Terms of Service', level: 2 });
    expect(document.body).toHaveFocus();
  });

  it('moves focus to the error summary on a failed submit, with a link to each invalid field', async () => {
    const user = userEvent.setup({ delay: null });
    const client = createFakeClient({
      customer: customerFixtures.pendingNew,
      documents: tosDocumentFixtures,
    });
    renderWithClient(<Onboarding capability="custodyFiat" />, client);
    await user.click(await screen.findByRole('button', { name: 'Continue' }));
    const summary = await screen.findByRole('alert');
    await waitFor(() => expect(summary).toHaveFocus());
    const links = within(summary).getAllByRole('link');
    expect(links.map((link) => link.textContent)).toEqual([
      'Enter your first name',
      'Enter your last name',
      'Enter your date of birth',
    ]);
    await user.click(links[0]!);
    expect(screen.getByRole('textbox', { name: 'First name' })).toHaveFocus();
    expect(client.writes).toHaveLength(0);
  });

  it('saves a step, moves focus to the next step heading, and goes back with values kept', async () => {
    const user = userEvent.setup({ delay: null });
    const onStepChange = vi.fn();
    const client = createFakeClient({
      customer: customerFixtures.pendingNew,
      documents: tosDocumentFixtures,
    });
    renderWithClient(<Onboarding capability="custodyFiat" onStepChange={onStepChange} />, client);
    await typeAboutYou(user);
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    const heading = await screen.findByRole('heading', { name: 'Your home address' });
    await waitFor(() => expect(heading).toHaveFocus());
    expect(screen.getByText('Step 2 of 6')).toBeInTheDocument();
    expect(client.writes[0]?.fieldKeys).toEqual(['firstName', 'lastName', 'dateOfBirth']);
    // What the partner is told matches what the page says.
    expect(onStepChange).toHaveBeenLastCalledWith({ stepId: 'address', stepNumber: 2, stepCount: 6 });
    expect(screen.getByRole('combobox', { name: 'State' })).toBeInTheDocument();
  });

  it('starts afresh for another client passed mid-flow: its own first step, count and writes', async () => {
    const user = userEvent.setup({ delay: null });
    const queryClient = createInstantQueryClient();
    const first = createFakeClient({ customer: customerFixtures.pendingNew, documents: tosDocumentFixtures });
    const view = render(
      <KycKitProvider client={first} queryClient={queryClient}>
        <Onboarding capability="custodyFiat" />
      </KycKitProvider>,
    );
    await typeAboutYou(user);
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByText('Step 2 of 6')).toBeInTheDocument();

    // The partner switches user (or proxy) by giving the provider another client.
    const next = createFakeClient({ customer: customerFixtures.pendingNew, documents: tosDocumentFixtures });
    view.rerender(
      <KycKitProvider client={next} queryClient={queryClient}>
        <Onboarding capability="custodyFiat" />
      </KycKitProvider>,
    );
    expect(await screen.findByRole('heading', { name: 'About you' })).toBeInTheDocument();
    expect(await screen.findByText('Step 1 of 6')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'First name' })).toHaveValue('');
    await typeAboutYou(user, { lastName: 'Byron' });
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByText('Step 2 of 6')).toBeInTheDocument();
    expect(next.writes).toHaveLength(1);
    expect(first.writes).toHaveLength(1);
  });

  it('shows the Terms of Service step, then a verifying state in a live region, then done', async () => {
    const user = userEvent.setup({ delay: null });
    const onComplete = vi.fn();
    const client = createFakeClient({
      customer: customerFixtures.pendingTerms,
      documents: tosDocumentFixtures,
    });
    const { queryClient } = renderWithClient(
      <Onboarding capability="custodyFiat" onComplete={onComplete} liveUpdates={false} />,
      client,
    );
    expect(await screen.findByRole('heading', { name: 'Terms of Service', level: 2 })).toBeInTheDocument();
    const accept = await screen.findByRole('checkbox', {
      name: 'I have read and accept the Terms of Service',
    });
    expect(accept).not.toBeChecked();
    await waitFor(() => expect(accept).toBeEnabled());
    await user.click(accept);
    await user.click(screen.getByRole('button', { name: 'Accept and continue' }));
    const verifying = await screen.findByRole('heading', { name: 'Checking your details' });
    await waitFor(() => expect(verifying).toHaveFocus());
    const live = screen.getAllByRole('status').find((element) => element.textContent?.includes('verifying'));
    expect(live).toHaveAttribute('aria-live', 'polite');
    expect(client.writes.at(-1)).toMatchObject({
      method: 'acceptTermsOfService',
      body: { versionId: 'us_individual_2026-05-29', language: 'en' },
    });

    // The provider decides: the next read of the customer finds the capability active.
    client.completeVerification();
    await queryClient.invalidateQueries();
    expect(await screen.findByRole('heading', { name: "You're all set" })).toBeInTheDocument();
    expect(onComplete).toHaveBeenCalledWith({
      customerId: customerFixtures.pendingTerms.id,
      capabilities: ['custodyFiat'],
    });
  });

  it('opens on a value rejected after the Terms as an error nobody can miss, asking only that value', async () => {
    const user = userEvent.setup({ delay: null });
    const client = createFakeClient({
      customer: customerFixtures.pendingTerms,
      documents: tosDocumentFixtures,
    });
    const { queryClient } = renderWithClient(
      <Onboarding capability="custodyFiat" liveUpdates={false} />,
      client,
    );
    const accept = await screen.findByRole('checkbox', {
      name: 'I have read and accept the Terms of Service',
    });
    await waitFor(() => expect(accept).toBeEnabled());
    await user.click(accept);
    await user.click(screen.getByRole('button', { name: 'Accept and continue' }));
    await screen.findByRole('heading', { name: 'Checking your details' });
    // The provider rejects the SSN.
    client.customer = customerFixtures.pendingRejected;
    queryClient.setQueryData(kycKitQueryKeys.customer(), customerFixtures.pendingRejected);

    const heading = await screen.findByRole('heading', { name: 'We need to check one detail', level: 2 });
    await waitFor(() => expect(heading).toHaveFocus());
    const ssn = screen.getByLabelText('Social Security number');
    expect(ssn).toHaveAttribute('aria-invalid', 'true');
    expect(ssn).toHaveAccessibleDescription(expect.stringContaining("We couldn't verify this."));
    // The summary is an alert (announced) with a link to the field; no reason is given.
    const summary = screen.getByRole('alert');
    const link = within(summary).getByRole('link', {
      name: "We couldn't verify this. Check it and enter it again.",
    });
    await user.click(link);
    expect(ssn).toHaveFocus();
    // Only what is asked again: no "Step 1 of 1", no Back into the steps already verified.
    expect(screen.queryByText(/Step \d of \d/)).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Back' })).not.toBeInTheDocument();
    expect(document.body.textContent).not.toMatch(/reason|mismatch|fraud/i);
  });

  it('moves focus to the error summary after a failed click on Continue on a later step', async () => {
    const user = userEvent.setup({ delay: null });
    const client = createFakeClient({
      customer: customerFixtures.pendingNew,
      documents: tosDocumentFixtures,
    });
    renderWithClient(<Onboarding capability="custodyFiat" liveUpdates={false} />, client);
    await typeAboutYou(user);
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await screen.findByRole('heading', { name: 'Your home address' });
    await user.type(screen.getByRole('textbox', { name: 'Street address' }), '1 Main Street');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    const summary = await screen.findByRole('alert');
    await waitFor(() => expect(summary).toHaveFocus());
    // A second failed click, with the summary already shown, takes focus there again.
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(screen.getByRole('alert')).toHaveFocus());
  });

  it('keeps every typed value and says what to do when a save is refused', async () => {
    const user = userEvent.setup({ delay: null });
    const client = createFakeClient({
      customer: customerFixtures.pendingNew,
      rejectNextWrite: {
        lastName: { code: 'field.lastName.error.required', message: 'Enter your last name' },
      },
    });
    renderWithClient(<Onboarding capability="custodyFiat" />, client);
    await typeAboutYou(user, { lastName: 'L' });
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByText('Check the highlighted fields and try again.')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'First name' })).toHaveValue('Ada');
    expect(screen.getByRole('textbox', { name: 'Last name' })).toHaveValue('L');
    expect(screen.getByRole('textbox', { name: 'Year' })).toHaveValue('1985');
    // The server's field error stays on its field and in the summary once focus has moved on.
    const summary = screen.getByRole('alert');
    await waitFor(() => expect(summary).toHaveFocus());
    const lastName = screen.getByRole('textbox', { name: 'Last name' });
    expect(lastName).toHaveAccessibleDescription('Enter your last name');
    expect(lastName).toHaveAttribute('aria-invalid', 'true');
    const link = within(summary).getByRole('link', { name: 'Enter your last name' });
    await user.click(link);
    expect(lastName).toHaveFocus();
    await user.tab();
    expect(screen.getByRole('textbox', { name: 'Last name' })).toHaveAccessibleDescription(
      'Enter your last name',
    );
    // Changing the value is what clears it (validation is asynchronous: as a person would, wait for it).
    await user.type(lastName, 'ovelace');
    await waitFor(() => expect(lastName).not.toHaveAccessibleDescription('Enter your last name'));
    expect(lastName).not.toHaveAttribute('aria-invalid');
  });

  it('can be completed with the keyboard alone, every control in reading order', async () => {
    const user = userEvent.setup({ delay: null });
    const client = createFakeClient({
      customer: customerFixtures.pendingNew,
      documents: tosDocumentFixtures,
    });
    renderWithClient(<Onboarding capability="custodyFiat" liveUpdates={false} />, client);
    await screen.findByRole('heading', { name: 'About you' });
    const focused = () => document.activeElement;

    // A failed Continue: the summary takes focus, and its link takes the user to the field.
    await user.tab();
    expect(screen.getByRole('textbox', { name: 'First name' })).toHaveFocus();
    for (let index = 0; index < 5; index += 1) await user.tab();
    expect(screen.getByRole('button', { name: 'Continue' })).toHaveFocus();
    await user.keyboard('{Enter}');
    const summary = await screen.findByRole('alert');
    await waitFor(() => expect(summary).toHaveFocus());
    await user.tab();
    expect(within(summary).getByRole('link', { name: 'Enter your first name' })).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(screen.getByRole('textbox', { name: 'First name' })).toHaveFocus();

    await user.keyboard('Ada');
    await user.tab();
    expect(screen.getByRole('textbox', { name: 'Last name' })).toHaveFocus();
    await user.keyboard('Lovelace');
    await user.tab();
    // A US date: month, day, year.
    expect(screen.getByRole('textbox', { name: 'Month' })).toHaveFocus();
    await user.keyboard('12');
    await user.tab();
    expect(screen.getByRole('textbox', { name: 'Day' })).toHaveFocus();
    await user.keyboard('10');
    await user.tab();
    expect(screen.getByRole('textbox', { name: 'Year' })).toHaveFocus();
    await user.keyboard('1985');
    await user.tab();
    expect(screen.getByRole('button', { name: 'Continue' })).toHaveFocus();
    await user.keyboard('{Enter}');

    await waitFor(() => expect(screen.getByRole('heading', { name: 'Your home address' })).toHaveFocus());
    await user.tab();
    expect(screen.getByRole('textbox', { name: 'Street address' })).toHaveFocus();
    await user.keyboard('1 Main Street');
    await user.tab();
    await user.keyboard('Springfield');
    await user.tab();
    expect(screen.getByRole('combobox', { name: 'State' })).toHaveFocus();
    // A native select opens and picks with the keyboard in every browser; jsdom has no such behaviour to drive.
    await user.selectOptions(focused() as HTMLSelectElement, 'IL');
    await user.tab();
    expect(screen.getByRole('textbox', { name: 'ZIP code' })).toHaveFocus();
    await user.keyboard('62701');
    await user.tab();
    expect(screen.getByRole('combobox', { name: 'Country' })).toHaveFocus();
    await user.tab();
    expect(screen.getByRole('button', { name: 'Back' })).toHaveFocus();
    await user.tab();
    expect(screen.getByRole('button', { name: 'Continue' })).toHaveFocus();
    await user.keyboard('{Enter}');

    await waitFor(() => expect(screen.getByRole('heading', { name: 'Tax information' })).toHaveFocus());
    await user.tab();
    const ssn = screen.getByLabelText('Social Security number');
    expect(ssn).toHaveFocus();
    await user.keyboard('123-45-6789');
    await user.tab();
    expect(screen.getByRole('button', { name: 'Show: Social Security number' })).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(ssn).toHaveAttribute('type', 'text');
    expect(screen.getByRole('button', { name: 'Hide: Social Security number' })).toHaveFocus();
    await user.keyboard(' ');
    expect(ssn).toHaveAttribute('type', 'password');
    await user.tab();
    expect(screen.getByRole('button', { name: 'Back' })).toHaveFocus();
    await user.tab();
    await user.keyboard('{Enter}');

    await waitFor(() => expect(screen.getByRole('heading', { name: 'About your account' })).toHaveFocus());
    await user.tab();
    await user.selectOptions(focused() as HTMLSelectElement, 'investing');
    await user.tab();
    await user.selectOptions(focused() as HTMLSelectElement, 'salary');
    await user.tab();
    expect(screen.getByRole('button', { name: 'Back' })).toHaveFocus();
    await user.tab();
    await user.keyboard('{Enter}');

    // Check your answers: a Change button per answer, then Back and Continue.
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Check your answers' })).toHaveFocus());
    expect(screen.getByText('Step 5 of 6')).toBeInTheDocument();
    await user.tab();
    expect(screen.getByRole('button', { name: 'Change First name' })).toHaveFocus();
    for (let answer = 1; answer < 11; answer += 1) await user.tab();
    expect(focused()).toHaveAccessibleName('Change Main source of your funds');
    await user.tab();
    expect(screen.getByRole('button', { name: 'Back' })).toHaveFocus();
    await user.tab();
    expect(screen.getByRole('button', { name: 'Continue' })).toHaveFocus();
    await user.keyboard('{Enter}');

    await waitFor(() =>
      expect(screen.getByRole('heading', { name: 'Terms of Service', level: 2 })).toHaveFocus(),
    );
    expect(screen.getByText('Step 6 of 6')).toBeInTheDocument();
    const accept = await screen.findByRole('checkbox', {
      name: 'I have read and accept the Terms of Service',
    });
    await waitFor(() => expect(accept).toBeEnabled());
    await user.tab();
    expect(screen.getByRole('combobox', { name: /language/i })).toHaveFocus();
    await user.tab();
    // The document is a named region that takes focus, so arrow keys and Page Down scroll it.
    expect(focused()).toHaveAttribute('role', 'region');
    expect(focused()).toHaveAccessibleName(/terms/i);
    await user.tab();
    // Then the link that opens the full document in a new tab.
    expect(focused()).toHaveAccessibleName('Open the full Terms of Service (new tab)');
    await user.tab();
    expect(accept).toHaveFocus();
    await user.keyboard(' ');
    expect(accept).toBeChecked();
    await user.tab();
    expect(screen.getByRole('button', { name: 'Back' })).toHaveFocus();
    await user.tab();
    expect(screen.getByRole('button', { name: 'Accept and continue' })).toHaveFocus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Checking your details' })).toHaveFocus());
    expect(client.writes.map((write) => write.method)).toEqual([
      'updateCustomer',
      'updateCustomer',
      'updateCustomer',
      'updateCustomer',
      'acceptTermsOfService',
    ]);
  });

  it('goes back with the keyboard and keeps what was typed', async () => {
    const user = userEvent.setup({ delay: null });
    const client = createFakeClient({
      customer: customerFixtures.pendingNew,
      documents: tosDocumentFixtures,
    });
    renderWithClient(<Onboarding capability="custodyFiat" liveUpdates={false} />, client);
    await typeAboutYou(user);
    await user.keyboard('{Enter}');
    const back = await screen.findByRole('button', { name: 'Back' });
    back.focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.getByRole('heading', { name: 'About you' })).toHaveFocus());
    expect(screen.getByRole('textbox', { name: 'First name' })).toHaveValue('Ada');
  });

  it('shows only the generic message for an inactive capability', async () => {
    const client = createFakeClient({ customer: customerFixtures.inactive });
    renderWithClient(<Onboarding capability="custodyFiat" />, client);
    expect(
      await screen.findByText("We're unable to complete this request. Please contact support."),
    ).toBeInTheDocument();
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
  });

  it('says so when the capability is already active and calls onComplete', async () => {
    const onComplete = vi.fn();
    const client = createFakeClient({ customer: customerFixtures.active });
    renderWithClient(<Onboarding capability="custodyFiat" onComplete={onComplete} />, client);
    expect(await screen.findByRole('heading', { name: "You're all set" })).toBeInTheDocument();
    await waitFor(() =>
      expect(onComplete).toHaveBeenCalledWith({
        customerId: customerFixtures.active.id,
        capabilities: ['custodyFiat'],
      }),
    );
  });

  it('names what was unlocked on the done screen and renders the partner’s next action with it', async () => {
    const client = createFakeClient({ customer: customerFixtures.active });
    renderWithClient(
      <Onboarding
        capability="custodyFiat"
        doneAction={({ names, customerId }) => <a href={`/wallet?c=${customerId.length}`}>Open {names[0]}</a>}
      />,
      client,
    );
    expect(await screen.findByRole('heading', { name: "You're all set" })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Ready to use: Hold US dollars.');
    // The heading is not said twice.
    expect(screen.queryByText("You're all set.")).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Open Hold US dollars' })).toBeInTheDocument();
  });

  it('renders a partner’s element as the done action, in Spanish too', async () => {
    const client = createFakeClient({ customer: customerFixtures.active });
    renderWithClient(
      <Onboarding
        capability="custodyFiat"
        locale="es"
        messages={es}
        doneAction={<button type="button">Ir</button>}
      />,
      client,
    );
    expect(await screen.findByRole('heading', { name: 'Todo listo' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Listo para usar:');
    expect(screen.getByRole('button', { name: 'Ir' })).toBeInTheDocument();
  });

  it('offers to try again after a network error', async () => {
    const client = createFakeClient({ customer: customerFixtures.pendingNew, mode: 'network-error' });
    renderWithClient(<Onboarding capability="custodyFiat" />, client);
    expect(await screen.findByText('Check your internet connection and try again.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });

  it('speaks Spanish, with overrides for any string, and passes appearance and className through', async () => {
    const client = createFakeClient({
      customer: customerFixtures.pendingNew,
      documents: tosDocumentFixtures,
    });
    const { container } = renderWithClient(
      <Onboarding
        capability="custodyFiat"
        locale="es"
        messages={{ ...es, 'form.submit': 'Seguir', 'onboarding.exit': 'Salir por ahora' }}
        onExit={() => undefined}
        appearance={{ theme: 'dark', variables: { 'color-primary': '#0f766e' } }}
        className="partner-onboarding"
      />,
      client,
    );
    expect(await screen.findByText('Paso 1 de 6')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Seguir' })).toBeInTheDocument();
    // A text the components carry themselves is overridable the same way.
    expect(screen.getByRole('button', { name: 'Salir por ahora' })).toBeInTheDocument();
    const root = container.querySelector('.kyc-root');
    expect(root).toHaveClass('partner-onboarding');
    expect(root).toHaveAttribute('data-theme', 'dark');
    expect((root as HTMLElement).style.getPropertyValue('--kyc-color-primary')).toBe('#0f766e');
  });

  it('reports analytics events that carry keys, never typed values', async () => {
    const user = userEvent.setup({ delay: null });
    const onEvent = vi.fn();
    const client = createFakeClient({
      customer: customerFixtures.pendingNew,
      documents: tosDocumentFixtures,
    });
    renderWithClient(<Onboarding capability="custodyFiat" onEvent={onEvent} />, client);
    await user.type(await screen.findByRole('textbox', { name: 'First name' }), 'Ada');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await screen.findByRole('alert');
    expect(JSON.stringify(onEvent.mock.calls)).not.toContain('Ada');
    expect(onEvent).toHaveBeenCalledWith(
      expect.objectContaining({ type: 'step_submit_failed', stepId: 'personal' }),
    );
  });

  it('offers a way out when onExit is given', async () => {
    const user = userEvent.setup({ delay: null });
    const onExit = vi.fn();
    const client = createFakeClient({
      customer: customerFixtures.pendingNew,
      documents: tosDocumentFixtures,
    });
    renderWithClient(<Onboarding capability="custodyFiat" onExit={onExit} />, client);
    await screen.findByRole('heading', { name: 'About you' });
    await user.click(screen.getByRole('button', { name: 'Finish later' }));
    expect(onExit).toHaveBeenCalledWith({ state: 'collect' });
  });

  it('offers Close, not Finish later, while verifying: nothing is left to finish', async () => {
    const user = userEvent.setup({ delay: null });
    const onExit = vi.fn();
    const client = createFakeClient({ customer: customerFixtures.pendingVerifying });
    renderWithClient(<Onboarding capability="custodyFiat" onExit={onExit} liveUpdates={false} />, client);
    await screen.findByRole('heading', { name: 'Checking your details' });
    expect(screen.queryByRole('button', { name: 'Finish later' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Close' }));
    expect(onExit).toHaveBeenCalledWith({ state: 'verifying' });
  });
});

describe('<Onboarding> review and Back', () => {
  const TOS = {
    versionId: 'us_individual_2026-05-29',
    languages: ['en', 'es'],
    url: 'https://example.test/tos',
  };
  const start = () =>
    createFakeClient({
      customer: fakeCustomer({
        requirements: {
          firstName: 'due',
          lastName: 'due',
          dateOfBirth: 'due',
          citizenship: 'due',
          tos: 'due',
        },
        tosVersions: [TOS],
      }),
      documents: tosDocumentFixtures,
    });
  async function fillAbout(user: ReturnType<typeof userEvent.setup>) {
    await user.type(await screen.findByRole('textbox', { name: 'First name' }), 'Ada');
    await user.type(screen.getByRole('textbox', { name: 'Last name' }), 'Lovelace');
    await user.type(screen.getByRole('textbox', { name: 'Day' }), '27');
    await user.type(screen.getByRole('textbox', { name: 'Month' }), '3');
    await user.type(screen.getByRole('textbox', { name: 'Year' }), '1990');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Country of citizenship' }), 'FR');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
  }

  it('checks the answers, never echoes a sensitive one, and returns after a change', async () => {
    const user = userEvent.setup({ delay: null });
    const client = start();
    const { container } = renderWithClient(
      <Onboarding capability="custodyFiat" liveUpdates={false} />,
      client,
    );
    await fillAbout(user);
    const heading = await screen.findByRole('heading', { name: 'Check your answers' });
    await waitFor(() => expect(heading).toHaveFocus());
    expect(screen.getByText('Step 2 of 3')).toBeInTheDocument();
    const row = (label: string) => screen.getByText(label, { selector: 'dt' }).parentElement as HTMLElement;
    expect(row('First name')).toHaveTextContent('Ada');
    expect(row('Country of citizenship')).toHaveTextContent('France');
    expect(row('Date of birth')).toHaveTextContent('Provided');
    expect(container).not.toHaveTextContent('1990');

    await user.click(within(row('Last name')).getByRole('button', { name: 'Change Last name' }));
    const lastName = await screen.findByRole('textbox', { name: 'Last name' });
    expect(lastName).toHaveValue('Lovelace');
    await user.clear(lastName);
    await user.type(lastName, 'Byron');
    // The date of birth is asked again with the step: it is never kept to fill in.
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Check your answers' })).toHaveFocus());
    expect(row('Last name')).toHaveTextContent('Byron');
    expect(client.writes.at(-1)?.fieldKeys).toEqual(['firstName', 'lastName', 'dateOfBirth', 'citizenship']);
  });

  it('goes from the Terms back to the review and forward again with the box still ticked', async () => {
    const user = userEvent.setup({ delay: null });
    renderWithClient(<Onboarding capability="custodyFiat" liveUpdates={false} />, start());
    await fillAbout(user);
    await user.click(await screen.findByRole('button', { name: 'Continue' }));
    const accept = await screen.findByRole('checkbox', {
      name: 'I have read and accept the Terms of Service',
    });
    await waitFor(() => expect(accept).toBeEnabled());
    await user.click(accept);
    expect(screen.getByText('Step 3 of 3')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Back' }));
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Check your answers' })).toHaveFocus());
    await user.click(screen.getByRole('button', { name: 'Back' }));
    expect(await screen.findByRole('textbox', { name: 'First name' })).toHaveValue('Ada');
    expect(screen.getByText('Step 1 of 3')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Back' }));
    await user.click(await screen.findByRole('button', { name: 'Continue' }));
    expect(
      await screen.findByRole('checkbox', { name: 'I have read and accept the Terms of Service' }),
    ).toBeChecked();
  });

  it('goes from the Terms back to the last form step when the review is off', async () => {
    const user = userEvent.setup({ delay: null });
    renderWithClient(<Onboarding capability="custodyFiat" liveUpdates={false} review={false} />, start());
    await fillAbout(user);
    await screen.findByRole('checkbox', { name: 'I have read and accept the Terms of Service' });
    expect(screen.getByText('Step 2 of 2')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Back' }));
    expect(await screen.findByRole('textbox', { name: 'Last name' })).toHaveValue('Lovelace');
    expect(screen.getByText('Step 1 of 2')).toBeInTheDocument();
  });

  it('says what happens next once the details are sent', async () => {
    renderWithClient(
      <Onboarding capability="custodyFiat" liveUpdates={false} verifyingPollMs={0} />,
      createFakeClient({ customer: fakeCustomer({ requirements: { firstName: 'pending' } }) }),
    );
    expect(await screen.findByRole('heading', { name: 'What happens next' })).toBeInTheDocument();
    expect(screen.getByText(/This page updates when the check is done/)).toBeInTheDocument();
  });
});
