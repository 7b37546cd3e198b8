import { screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { createInProcessProxy } from '@kyc-kit/testing/server';
import type { InProcessProxy } from '@kyc-kit/testing/server';
import { OnboardingView, renderWithKycKit } from '@kyc-kit/testing/react';
import { createProxyClient } from './createProxyClient';
import { useOnboarding } from './useOnboarding';

let proxy: InProcessProxy | undefined;

/** The keys of the step the flow shows first, while the customer is still being read. */
function FirstStepKeys() {
  const { form } = useOnboarding({ capability: 'custodyFiat' });
  return <p data-testid="keys">{form.step?.fields.map((field) => field.key).join(' ')}</p>;
}

type User = ReturnType<typeof userEvent.setup>;

function status() {
  return screen.getByTestId('status').textContent;
}

const TYPED: Record<string, string> = {
  'First name': 'Ada',
  'Last name': 'Lovelace',
  Day: '27',
  Month: '3',
  Year: '1990',
  'Social Security number': '123-45-6789',
  'Street address': '1 Main Street',
  City: 'San Francisco',
  'ZIP code': '94105',
  'Email address': 'ada@example.com',
  Number: '4155550123',
  Occupation: 'Engineer',
};

/** Fills what the shown step asks: the values above by label, the first real option of each list. */
async function fillStep(user: User) {
  const form = screen.getByRole('main').querySelector('form');
  for (const control of Array.from(form?.querySelectorAll('input, select') ?? [])) {
    const label = control.id
      ? document.querySelector(`label[for="${control.id}"]`)?.textContent?.trim()
      : undefined;
    if (control instanceof HTMLSelectElement) {
      const option = Array.from(control.options).find((candidate) => candidate.value !== '');
      if (option && control.value === '')
        await user.selectOptions(control, label === 'State' ? 'CA' : option.value);
    } else if (control instanceof HTMLInputElement && control.value === '' && control.type !== 'hidden') {
      const text = label === undefined ? undefined : TYPED[label];
      if (text === undefined) throw new Error(`no value for the field labelled ${label ?? '(none)'}`);
      await user.type(control, text);
    }
  }
}
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});

describe('a new customer against the OMS upstream, through the real proxy and sandbox', () => {
  it('counts the steps once, without a repeat or a skip, and reviews every value given', async () => {
    proxy = createInProcessProxy({ provider: 'oms' });
    const user = userEvent.setup({ delay: null });
    renderWithKycKit(<OnboardingView capability="custodyFiat" />, proxy.client);

    expect(await screen.findByRole('heading', { name: 'About you' })).toBeInTheDocument();
    // Every count shown, step by step, until Check your answers.
    const seen: string[] = [];
    for (let turn = 0; turn < 12 && status() === 'collect'; turn += 1) {
      seen.push((await screen.findByText(/^Step \d+ of \d+$/)).textContent ?? '');
      await fillStep(user);
      await user.click(screen.getByRole('button', { name: 'Continue' }));
      await waitFor(() => expect(screen.queryByText(seen.at(-1) ?? '')).not.toBeInTheDocument());
    }
    await waitFor(() => expect(status()).toBe('review'));
    const total = Number(/of (\d+)$/.exec(seen[0] ?? '')?.[1]);
    expect(seen).toEqual(seen.map((_, index) => `Step ${index + 1} of ${total}`));
    // The review and the Terms follow the form steps in the page's own count.
    expect(screen.getByTestId('progress')).toHaveTextContent(`Step ${total + 1} of ${total + 2}`);
    const review = screen.getByRole('main');
    for (const text of ['First nameAda', 'Last nameLovelace', 'Date of birth']) {
      expect(review).toHaveTextContent(text);
    }
  });

  it("with the client's provider option, plans OMS's first step before the proxy has answered at all", async () => {
    const unanswered = () => new Promise<Response>(() => undefined);
    const firstStepOf = (provider?: 'oms') => {
      const view = renderWithKycKit(
        <FirstStepKeys />,
        createProxyClient({ ...(provider && { provider }), fetch: unanswered }),
      );
      const keys = screen.getByTestId('keys').textContent;
      view.unmount();
      return keys;
    };

    expect(firstStepOf('oms')).toContain('citizenship');
    // Without it, Coinbase's table until the read names the provider.
    const guessed = firstStepOf();
    expect(guessed).toContain('firstName');
    expect(guessed).not.toContain('citizenship');
  });
});
