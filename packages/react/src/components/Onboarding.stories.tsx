import { es } from '@kyc-kit/core/locales/es';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { targetAndFocusProblems } from '@kyc-kit/testing/storybook';
import { Onboarding } from './Onboarding';

const meta = {
  title: 'Flows/Onboarding',
  component: Onboarding,
  args: { capability: 'custodyFiat', onComplete: fn(), onStepChange: fn(), onEvent: fn() },
  parameters: { kycKit: { fixture: 'pendingNew' } },
} satisfies Meta<typeof Onboarding>;

export default meta;
type Story = StoryObj<typeof meta>;

export const FirstStep: Story = {};

/** Continue with nothing typed: the error summary takes focus and links to each field. */
export const FailedSubmit: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Continue' }));
    const summary = await canvas.findByRole('alert');
    await waitFor(() => expect(summary).toHaveFocus());
    await userEvent.click(within(summary).getByRole('link', { name: 'Enter your last name' }));
    await expect(canvas.getByRole('textbox', { name: 'Last name' })).toHaveFocus();
  },
};

/** Types Ada's name and date of birth on `pendingNew`'s first step ("About you") and continues. */
async function submitAboutYou(canvasElement: HTMLElement, lastName = 'Lovelace') {
  const canvas = within(canvasElement);
  await userEvent.type(await canvas.findByRole('textbox', { name: 'First name' }), 'Ada');
  await userEvent.type(canvas.getByRole('textbox', { name: 'Last name' }), lastName);
  await userEvent.type(canvas.getByRole('textbox', { name: 'Day' }), '10');
  await userEvent.type(canvas.getByRole('textbox', { name: 'Month' }), '12');
  await userEvent.type(canvas.getByRole('textbox', { name: 'Year' }), '1985');
  await userEvent.click(canvas.getByRole('button', { name: 'Continue' }));
}

/** Fills the four form steps of `pendingNew` and continues to the review. */
async function walkToReview(canvasElement: HTMLElement) {
  const canvas = within(canvasElement);
  await submitAboutYou(canvasElement);

  const addressHeading = await canvas.findByRole('heading', { name: 'Your home address' });
  await waitFor(() => expect(addressHeading).toHaveFocus());
  await expect(canvas.getByText('Step 2 of 6')).toBeInTheDocument();
  await userEvent.type(canvas.getByRole('textbox', { name: 'Street address' }), '1 Main Street');
  await userEvent.type(canvas.getByRole('textbox', { name: 'City' }), 'Springfield');
  await userEvent.selectOptions(canvas.getByRole('combobox', { name: 'State' }), 'IL');
  await userEvent.type(canvas.getByRole('textbox', { name: 'ZIP code' }), '62701');
  await userEvent.selectOptions(canvas.getByRole('combobox', { name: 'Country' }), 'US');
  await userEvent.click(canvas.getByRole('button', { name: 'Continue' }));

  await canvas.findByRole('heading', { name: 'Tax information' });
  await userEvent.type(canvas.getByLabelText('Social Security number'), '123-45-6789');
  await userEvent.click(canvas.getByRole('button', { name: 'Continue' }));

  await canvas.findByRole('heading', { name: 'About your account' });
  await userEvent.selectOptions(
    canvas.getByRole('combobox', { name: 'Main purpose of this account' }),
    'investing',
  );
  await userEvent.selectOptions(
    canvas.getByRole('combobox', { name: 'Main source of your funds' }),
    'salary',
  );
  await userEvent.click(canvas.getByRole('button', { name: 'Continue' }));
  const review = await canvas.findByRole('heading', { name: 'Check your answers' });
  await waitFor(() => expect(review).toHaveFocus());
}

/** The whole flow, from a new customer to done: four steps, the review, the terms, verification. */
export const CompleteFlow: Story = {
  parameters: { kycKit: { fixture: 'pendingNew', afterLastRequirement: 'active' } },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await walkToReview(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Continue' }));

    const accept = await canvas.findByRole('checkbox', {
      name: 'I have read and accept the Terms of Service',
    });
    await expect(accept).not.toBeChecked();
    await waitFor(() => expect(accept).toBeEnabled());
    await userEvent.click(accept);
    await userEvent.click(canvas.getByRole('button', { name: 'Accept and continue' }));

    await expect(await canvas.findByRole('heading', { name: "You're all set" })).toBeInTheDocument();
    await waitFor(() => expect(args.onComplete).toHaveBeenCalled());
  },
};

export const Back: Story = {
  parameters: { kycKit: { fixture: 'pendingNew' } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await submitAboutYou(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Back' }));
    await expect(await canvas.findByRole('textbox', { name: 'First name' })).toHaveValue('Ada');
  },
};

/**
 * Keyboard only: Tab reaches every control in reading order, the SSN's show
 * button works with Enter, the Terms of Service scroll in a focusable region,
 * and Space accepts.
 */
export const KeyboardOnly: Story = {
  parameters: { kycKit: { fixture: 'pendingNew', width: 375 } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const focused = () => canvasElement.ownerDocument.activeElement;
    await canvas.findByRole('heading', { name: 'About you' });
    canvas.getByRole('textbox', { name: 'First name' }).focus();
    await userEvent.keyboard('Ada');
    for (const [name, text] of [
      ['Last name', 'Lovelace'],
      // A US date: month, day, year.
      ['Month', '12'],
      ['Day', '10'],
      ['Year', '1985'],
    ] as const) {
      await userEvent.tab();
      await expect(canvas.getByRole('textbox', { name })).toHaveFocus();
      await userEvent.keyboard(text);
    }
    await userEvent.tab();
    await expect(canvas.getByRole('button', { name: 'Continue' })).toHaveFocus();
    await userEvent.keyboard('{Enter}');

    await waitFor(() => expect(canvas.getByRole('heading', { name: 'Your home address' })).toHaveFocus());
    await userEvent.tab();
    await userEvent.keyboard('1 Main Street');
    await userEvent.tab();
    await userEvent.keyboard('Springfield');
    await userEvent.tab();
    await userEvent.selectOptions(focused() as HTMLSelectElement, 'IL');
    await userEvent.tab();
    await userEvent.keyboard('62701');
    await userEvent.tab();
    await expect(canvas.getByRole('combobox', { name: 'Country' })).toHaveFocus();
    await userEvent.tab();
    await userEvent.tab();
    await expect(canvas.getByRole('button', { name: 'Continue' })).toHaveFocus();
    await userEvent.keyboard('{Enter}');

    await waitFor(() => expect(canvas.getByRole('heading', { name: 'Tax information' })).toHaveFocus());
    await userEvent.tab();
    const ssn = canvas.getByLabelText('Social Security number');
    await expect(ssn).toHaveFocus();
    await userEvent.keyboard('123-45-6789');
    await userEvent.tab();
    await userEvent.keyboard('{Enter}');
    await expect(ssn).toHaveAttribute('type', 'text');
    await expect(canvas.getByRole('button', { name: 'Hide: Social Security number' })).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    await userEvent.tab();
    await userEvent.tab();
    await userEvent.keyboard('{Enter}');

    await waitFor(() => expect(canvas.getByRole('heading', { name: 'About your account' })).toHaveFocus());
    await userEvent.tab();
    await userEvent.selectOptions(focused() as HTMLSelectElement, 'investing');
    await userEvent.tab();
    await userEvent.selectOptions(focused() as HTMLSelectElement, 'salary');
    await userEvent.tab();
    await userEvent.tab();
    await userEvent.keyboard('{Enter}');

    // Check your answers: a Change button per answer, then Back and Continue.
    await waitFor(() => expect(canvas.getByRole('heading', { name: 'Check your answers' })).toHaveFocus());
    await userEvent.tab();
    await expect(focused()).toHaveAccessibleName('Change First name');
    for (let answer = 0; answer < 12; answer += 1) await userEvent.tab();
    await expect(canvas.getByRole('button', { name: 'Continue' })).toHaveFocus();
    await userEvent.keyboard('{Enter}');

    await waitFor(() =>
      expect(canvas.getByRole('heading', { name: 'Terms of Service', level: 2 })).toHaveFocus(),
    );
    const accept = await canvas.findByRole('checkbox', {
      name: 'I have read and accept the Terms of Service',
    });
    await waitFor(() => expect(accept).toBeEnabled());
    await userEvent.tab();
    await userEvent.tab();
    const region = focused() as HTMLElement;
    await expect(region).toHaveAttribute('role', 'region');
    // Focusable and scrollable: arrow keys and Page Down move through a document taller than its box.
    await expect(['auto', 'scroll']).toContain(getComputedStyle(region).overflowY);
    await expect(region.scrollHeight).toBeGreaterThan(region.clientHeight);
    await userEvent.tab();
    // Then the link that opens the full document in a new tab.
    await expect(focused()).toHaveAccessibleName('Open the full Terms of Service (new tab)');
    await userEvent.tab();
    await expect(accept).toHaveFocus();
    await userEvent.keyboard(' ');
    await expect(accept).toBeChecked();
    await userEvent.tab();
    await expect(canvas.getByRole('button', { name: 'Back' })).toHaveFocus();
    await userEvent.tab();
    await expect(canvas.getByRole('button', { name: 'Accept and continue' })).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(canvas.getByRole('heading', { name: 'Checking your details' })).toHaveFocus());
  },
};

/** A user without a customer yet: the first Continue creates one. */
export const NoCustomerYet: Story = { parameters: { kycKit: { fixture: 'none' } } };

export const TermsStep: Story = { parameters: { kycKit: { fixture: 'pendingTerms' } } };

/** Check your answers: what was saved, sensitive answers only as "Provided", a Change button on each. */
export const Review: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await walkToReview(canvasElement);
    await expect(canvas.getByText('Step 5 of 6')).toBeInTheDocument();
    await expect(canvas.getByText('Ada')).toBeInTheDocument();
    await expect(canvas.queryByText(/123-45-6789|6789|1985/)).not.toBeInTheDocument();
    await expect(canvas.getAllByText('Provided').length).toBeGreaterThan(3);
  },
};

/** Change from the review opens the step; saving it comes back to the review. */
export const ReviewChange: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await walkToReview(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Change Last name' }));
    const lastName = await canvas.findByRole('textbox', { name: 'Last name' });
    await userEvent.clear(lastName);
    await userEvent.type(lastName, 'Byron');
    await userEvent.click(canvas.getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(canvas.getByRole('heading', { name: 'Check your answers' })).toHaveFocus());
    await expect(canvas.getByText('Byron')).toBeInTheDocument();
  },
};

/** No review: the form's last step goes straight to the Terms. */
export const WithoutReview: Story = {
  args: { review: false },
  parameters: { kycKit: { fixture: 'pendingPartial' } },
};

/** Back from the Terms: the review again, and the box as it was when coming forward. */
export const TermsBack: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await walkToReview(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Continue' }));
    const accept = await canvas.findByRole('checkbox', {
      name: 'I have read and accept the Terms of Service',
    });
    await waitFor(() => expect(accept).toBeEnabled());
    await userEvent.click(accept);
    await userEvent.click(canvas.getByRole('button', { name: 'Back' }));
    await waitFor(() => expect(canvas.getByRole('heading', { name: 'Check your answers' })).toHaveFocus());
    await userEvent.click(canvas.getByRole('button', { name: 'Continue' }));
    await expect(
      await canvas.findByRole('checkbox', { name: 'I have read and accept the Terms of Service' }),
    ).toBeChecked();
  },
};
export const Verifying: Story = { parameters: { kycKit: { fixture: 'pendingVerifying' } } };

/** The provider rejected the SSN after the Terms: the flow opens on it as an error, asking only that. */
export const RejectedField: Story = {
  parameters: { kycKit: { fixture: 'pendingRejected' } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(
      await canvas.findByRole('heading', { name: 'We need to check one detail' }),
    ).toBeInTheDocument();
    const ssn = canvas.getByLabelText('Social Security number');
    await waitFor(() => expect(ssn).toHaveAttribute('aria-invalid', 'true'));
    await expect(canvas.getByRole('alert')).toHaveTextContent("We couldn't verify this.");
    await expect(canvas.queryByRole('button', { name: 'Back' })).not.toBeInTheDocument();
  },
};

/** Done: what was unlocked, and the partner's next action from `doneAction`. */
export const DoneWithAction: Story = {
  parameters: { kycKit: { fixture: 'active' } },
  args: {
    doneAction: ({ names }) => (
      <a className="kyc-button" href="#wallet">
        Open {names[0]}
      </a>
    ),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('heading', { name: "You're all set" })).toBeInTheDocument();
    await expect(canvas.getByRole('status')).toHaveTextContent('Ready to use: Hold US dollars.');
    await expect(canvas.getByRole('link', { name: 'Open Hold US dollars' })).toBeInTheDocument();
  },
};

/** Verifying, then the provider decides: the live region updates itself from the event stream. */
export const VerifyingThenDone: Story = {
  parameters: { kycKit: { fixture: 'pendingVerifying', liveUpdate: 'complete' } },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await expect(
      await canvas.findByRole('heading', { name: "You're all set" }, { timeout: 5000 }),
    ).toBeInTheDocument();
    const live = canvas
      .getAllByRole('status')
      .find((element) => element.getAttribute('aria-live') === 'polite');
    await expect(live).toHaveTextContent('Ready to use: Hold US dollars.');
    await waitFor(() => expect(args.onComplete).toHaveBeenCalled());
  },
};
export const Done: Story = { parameters: { kycKit: { fixture: 'active' } } };
export const Unavailable: Story = { parameters: { kycKit: { fixture: 'inactive' } } };
/** The generic message with the partner's support contact (`support`), no retry and no error styling. */
export const UnavailableWithSupport: Story = {
  parameters: { kycKit: { fixture: 'inactive' } },
  args: { support: { href: 'https://help.example.com', email: 'help@example.com', reference: 'NW-42' } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('heading', { name: 'We can’t continue' })).toBeInTheDocument();
    await expect(canvas.getByRole('link', { name: 'Contact support' })).toHaveAttribute(
      'href',
      'https://help.example.com',
    );
    await expect(canvas.getByRole('link', { name: 'help@example.com' })).toBeInTheDocument();
    await expect(canvas.getByText('Your reference: NW-42')).toBeInTheDocument();
    await expect(canvas.queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument();
  },
};
export const Rejected: Story = { parameters: { kycKit: { fixture: 'pendingRejected' } } };
export const Overdue: Story = { parameters: { kycKit: { fixture: 'pendingOverdue' } } };
export const Loading: Story = { parameters: { kycKit: { fixture: 'pendingNew', mode: 'loading' } } };
export const NetworkError: Story = {
  parameters: { kycKit: { fixture: 'pendingNew', mode: 'network-error' } },
};

/**
 * A save the proxy refuses with field errors: every typed value stays, the
 * summary says what to do and links to the field, and the field keeps the
 * server's error (leaving it does not clear it; changing its value does).
 */
export const ServerFieldError: Story = {
  parameters: {
    kycKit: {
      fixture: 'pendingNew',
      rejectNextWrite: {
        lastName: { code: 'field.lastName.error.required', message: 'Enter your last name' },
      },
    },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await submitAboutYou(canvasElement, 'L');
    const summary = await canvas.findByRole('alert');
    await expect(
      await within(summary).findByText('Check the highlighted fields and try again.'),
    ).toBeInTheDocument();
    await expect(canvas.getByRole('textbox', { name: 'First name' })).toHaveValue('Ada');
    await expect(canvas.getByRole('textbox', { name: 'Last name' })).toHaveValue('L');
    await waitFor(() => expect(summary).toHaveFocus());
    const lastName = canvas.getByRole('textbox', { name: 'Last name' });
    await expect(lastName).toHaveAccessibleDescription('Enter your last name');
    await expect(lastName).toHaveAttribute('aria-invalid', 'true');
    await userEvent.click(within(summary).getByRole('link', { name: 'Enter your last name' }));
    await expect(lastName).toHaveFocus();
    await userEvent.tab();
    await expect(lastName).toHaveAccessibleDescription('Enter your last name');
  },
};

/** A Polygon OMS customer: the same flow from the same normalized model (endorsement usd -> custodyFiat). */
export const OmsProvider: Story = {
  parameters: { kycKit: { fixture: 'omsPendingNew' } },
  play: async ({ canvasElement }) => {
    await expect(
      await within(canvasElement).findByRole('heading', { name: 'About you' }),
    ).toBeInTheDocument();
  },
};

/** Several capabilities at once: tradeCrypto adds contact details, citizenship and employment. */
export const SeveralCapabilities: Story = {
  args: { capability: undefined, capabilities: ['custodyFiat', 'tradeCrypto'] },
  parameters: { kycKit: { fixture: 'pendingTradeCrypto' } },
};

export const Dark: Story = { args: { appearance: { theme: 'dark' } } };
export const CustomAppearance: Story = {
  args: {
    appearance: {
      variables: {
        'color-primary': '#0f5132',
        'color-primary-hover': '#0a3622',
        radius: '0',
        'font-family': 'Georgia, serif',
      },
    },
  },
};
/** Spanish: the catalogue ships as `@kyc-kit/core/locales/es`, passed with the locale. */
export const Spanish: Story = { args: { locale: 'es', messages: es } };
export const CustomMessages: Story = {
  args: { messages: { 'form.submit': 'Next', 'step.personal.title': 'Tell us about yourself' } },
};
/** The narrowest screen the kit supports: nothing overflows sideways. */
export const Narrow320: Story = {
  args: { capability: 'tradeCrypto' },
  parameters: { kycKit: { fixture: 'pendingTradeCrypto', width: 320 } },
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByRole('heading', { name: 'About you' });
    const root = canvasElement.querySelector<HTMLElement>('.kyc-root');
    await expect(root?.scrollWidth).toBeLessThanOrEqual(root?.clientWidth ?? 0);
  },
  globals: { viewport: { value: 'mobile1', isRotated: false } },
};
export const Phone375: Story = {
  parameters: { kycKit: { fixture: 'pendingNew', width: 375 } },
  globals: { viewport: { value: 'mobile2', isRotated: false } },
};

/**
 * The dark palette on a light page (`appearance.theme` alone): the W-9 step's SSN box with Show, its
 * checkboxes and buttons are each a 24 px target, and each focused draws a ring of 3:1 on the dark background.
 */
export const DarkOnLightPage: Story = {
  args: { appearance: { theme: 'dark' } },
  parameters: { kycKit: { fixture: 'pendingTax' } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvas.getByRole('button', { name: 'Continue' })).toBeEnabled());
    await Promise.all(document.getAnimations().map((animation) => animation.finished));
    await expect(targetAndFocusProblems(canvasElement)).toEqual([]);
  },
};

/** The outline colour of the step's first text box once it has focus. */
async function focusRingColour(canvasElement: HTMLElement): Promise<string> {
  const canvas = within(canvasElement);
  await waitFor(() => expect(canvas.getByRole('button', { name: 'Continue' })).toBeEnabled());
  const input = canvasElement.querySelector<HTMLInputElement>('input.kyc-input');
  if (input === null) throw new Error('no text box on the step');
  input.focus();
  return getComputedStyle(input).outlineColor;
}

/**
 * A partner's focus colour (`appearance.variables['color-focus']`, as documented) draws the focus ring,
 * not the kit's blue from `:root`.
 */
export const FocusColourFromAppearance: Story = {
  args: { appearance: { variables: { 'color-focus': 'rgb(194, 65, 12)' } } },
  parameters: { kycKit: { fixture: 'pendingNew' } },
  play: async ({ canvasElement }) => {
    await expect(await focusRingColour(canvasElement)).toBe('rgb(194, 65, 12)');
  },
};

/** The same in the dark palette, on a light page. */
export const FocusColourFromAppearanceDark: Story = {
  args: { appearance: { theme: 'dark', variables: { 'color-focus': 'rgb(251, 191, 36)' } } },
  parameters: { kycKit: { fixture: 'pendingNew' } },
  play: async ({ canvasElement }) => {
    await expect(await focusRingColour(canvasElement)).toBe('rgb(251, 191, 36)');
  },
};
