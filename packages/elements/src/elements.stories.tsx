import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import type { Customer } from '@kyc-kit/core';
import type { ProxyClient } from '@kyc-kit/hooks';
import type { Appearance } from '@kyc-kit/react';
import { createFakeClient } from '@kyc-kit/testing';
import { customerFixtures, tosDocumentFixtures } from '@kyc-kit/testing/fixtures';
import { targetAndFocusProblems } from '@kyc-kit/testing/storybook';
import './index';

/** What the stories pass to the elements: their attributes, and `client` (a fake, so no story touches a network). */
interface ElementProps extends DetailedHTMLProps<HTMLAttributes<HTMLElement>, HTMLElement> {
  capability?: string;
  theme?: 'light' | 'dark';
  locale?: string;
  client?: ProxyClient;
  appearance?: Appearance;
}

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'kyc-onboarding': ElementProps;
      'kyc-capability-status': ElementProps;
      'kyc-capability-gate': ElementProps;
    }
  }
}

type Tag = 'kyc-onboarding' | 'kyc-capability-status' | 'kyc-capability-gate';

interface StoryArgs {
  tag: Tag;
  capability: string;
  theme?: 'light' | 'dark';
  customer: keyof typeof customerFixtures | 'none';
  /** Markup inside the element (the gate's content and fallback). */
  withContent?: boolean;
}

/**
 * One element over a fake client of its own, fed by a sandbox fixture. React 19 sets `client` as a property
 * before the element enters the page, so it never makes a client of its own.
 */
function ElementStory({ tag: Tag, capability, theme, customer, withContent }: StoryArgs) {
  const [client] = useState(() =>
    createFakeClient({
      customer: customer === 'none' ? null : (customerFixtures[customer] as Customer),
      documents: tosDocumentFixtures,
    }),
  );
  return (
    <Tag capability={capability} theme={theme} client={client}>
      {withContent ? (
        <>
          <p>Your balance: $120.00</p>
          <p slot="fallback">Your balance appears here once your account is verified.</p>
        </>
      ) : null}
    </Tag>
  );
}

/** Testing Library's queries inside an element's shadow root. */
async function inShadowOf(canvasElement: HTMLElement, tag: Tag) {
  const element = await waitFor(() => {
    const found = canvasElement.querySelector(tag);
    if (found?.shadowRoot?.querySelector('div') == null) throw new Error(`${tag} has not rendered`);
    return found;
  });
  return { element, shadow: within(element.shadowRoot!.querySelector('div')!) };
}

const meta = {
  title: 'Elements (no React)',
  component: ElementStory,
  args: { tag: 'kyc-onboarding', capability: 'custodyFiat', customer: 'none' },
  argTypes: {
    tag: { control: 'select', options: ['kyc-onboarding', 'kyc-capability-status', 'kyc-capability-gate'] },
    theme: { control: 'inline-radio', options: [undefined, 'light', 'dark'] },
  },
} satisfies Meta<typeof ElementStory>;

export default meta;
type Story = StoryObj<typeof meta>;

/** `<kyc-onboarding capability="custodyFiat">` for a user with no customer yet: the first step. */
export const Onboarding: Story = {
  play: async ({ canvasElement }) => {
    const { element, shadow } = await inShadowOf(canvasElement, 'kyc-onboarding');
    await expect(await shadow.findByRole('heading', { name: 'About you' })).toBeInTheDocument();
    await expect(shadow.getByRole('textbox', { name: 'First name' })).toBeInTheDocument();
    await expect(element.shadowRoot!.querySelector('[part~="button-primary"]')).not.toBeNull();
  },
};

/** `theme="dark"`: the built-in dark palette inside the shadow root. */
export const OnboardingDark: Story = {
  args: { theme: 'dark' },
  play: async ({ canvasElement }) => {
    const { element, shadow } = await inShadowOf(canvasElement, 'kyc-onboarding');
    await shadow.findByRole('heading', { name: 'About you' });
    await expect(element.shadowRoot!.querySelector('.kyc-root')).toHaveAttribute('data-theme', 'dark');
  },
};

/** The Terms of Service step, in the shadow root. */
export const OnboardingTerms: Story = {
  args: { customer: 'pendingTerms' },
  play: async ({ canvasElement }) => {
    const { shadow } = await inShadowOf(canvasElement, 'kyc-onboarding');
    const accept = await shadow.findByRole('checkbox', {
      name: 'I have read and accept the Terms of Service',
    });
    await expect(accept).not.toBeChecked();
    // The box is enabled once the document is on screen; the button's colours settle with it.
    await waitFor(() => expect(accept).toBeEnabled());
    await userEvent.click(accept);
    await userEvent.click(shadow.getByRole('button', { name: 'Accept and continue' }));
    await expect(await shadow.findByRole('heading', { name: 'Checking your details' })).toBeInTheDocument();
  },
};

/** `<kyc-capability-status>` of a pending capability, with what is still needed. */
export const CapabilityStatus: Story = {
  args: { tag: 'kyc-capability-status', customer: 'pendingPartial' },
  play: async ({ canvasElement }) => {
    const { shadow } = await inShadowOf(canvasElement, 'kyc-capability-status');
    await expect(await shadow.findByRole('list', { name: 'What we still need' })).toBeInTheDocument();
  },
};

/** `<kyc-capability-gate>` of an active capability: the page's own content, through the default slot. */
export const GateOpen: Story = {
  args: { tag: 'kyc-capability-gate', customer: 'active', withContent: true },
  play: async ({ canvasElement }) => {
    const { element } = await inShadowOf(canvasElement, 'kyc-capability-gate');
    await waitFor(() => expect(element.shadowRoot!.querySelector('slot:not([name])')).not.toBeNull());
    await expect(within(canvasElement).getByText('Your balance: $120.00')).toBeVisible();
  },
};

/** `<kyc-capability-gate>` of a capability not set up, with the page's `slot="fallback"`. */
export const GateFallback: Story = {
  args: { tag: 'kyc-capability-gate', customer: 'none', withContent: true },
  play: async ({ canvasElement }) => {
    const { element } = await inShadowOf(canvasElement, 'kyc-capability-gate');
    await waitFor(() => expect(element.shadowRoot!.querySelector('slot[name="fallback"]')).not.toBeNull());
    await expect(
      within(canvasElement).getByText('Your balance appears here once your account is verified.'),
    ).toBeVisible();
  },
};

/** Checks the first step and the Terms, each in the light and the dark palette. */
async function expectTargetsAndFocus(canvasElement: HTMLElement, ready: string): Promise<void> {
  const { element, shadow } = await inShadowOf(canvasElement, 'kyc-onboarding');
  const control = await shadow.findByRole(ready === 'checkbox' ? 'checkbox' : 'button', {
    name: ready === 'checkbox' ? /Terms of Service/ : 'Continue',
  });
  await waitFor(() => expect(control).toBeEnabled());
  // Colours measured once they settle: the buttons' transitions run as the step becomes ready.
  await Promise.all(element.shadowRoot!.getAnimations().map((animation) => animation.finished));
  await expect(targetAndFocusProblems(element.shadowRoot!)).toEqual([]);
}

/** The W-9 step in light: its SSN box with Show, its checkboxes, the buttons; each a target, each focused visibly. */
export const OnboardingTargetsAndFocus: Story = {
  args: { customer: 'pendingTax', theme: 'light' },
  play: ({ canvasElement }) => expectTargetsAndFocus(canvasElement, 'button'),
};

/** The same in the dark palette. */
export const OnboardingTargetsAndFocusDark: Story = {
  args: { customer: 'pendingTax', theme: 'dark' },
  play: ({ canvasElement }) => expectTargetsAndFocus(canvasElement, 'button'),
};

/** The Terms in light: the language select, the document region, the link, the box. */
export const TermsTargetsAndFocus: Story = {
  args: { customer: 'pendingTerms', theme: 'light' },
  play: ({ canvasElement }) => expectTargetsAndFocus(canvasElement, 'checkbox'),
};

/** The Terms in the dark palette. */
export const TermsTargetsAndFocusDark: Story = {
  args: { customer: 'pendingTerms', theme: 'dark' },
  play: ({ canvasElement }) => expectTargetsAndFocus(canvasElement, 'checkbox'),
};
