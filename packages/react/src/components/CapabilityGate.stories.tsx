import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { CapabilityGate } from './CapabilityGate';

const meta = {
  title: 'Components/CapabilityGate',
  component: CapabilityGate,
  args: { capability: 'custodyFiat', children: <p>Your US dollar balance: $120.00</p> },
  parameters: { kycKit: { fixture: 'pendingNew' } },
} satisfies Meta<typeof CapabilityGate>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Active: Story = {
  parameters: { kycKit: { fixture: 'active' } },
  play: async ({ canvasElement }) => {
    await expect(
      await within(canvasElement).findByText('Your US dollar balance: $120.00'),
    ).toBeInTheDocument();
  },
};

/** Details needed: a way into onboarding, which opens in place. */
export const NeedsInput: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Continue setup' }));
    await expect(await canvas.findByRole('heading', { name: 'About you' })).toBeInTheDocument();
    await expect(canvas.queryByText('Your US dollar balance: $120.00')).not.toBeInTheDocument();
  },
};

const balanceHidden = async (canvasElement: HTMLElement) => {
  await expect(within(canvasElement).queryByText('Your US dollar balance: $120.00')).not.toBeInTheDocument();
};

export const NotRequested: Story = {
  args: { capability: 'custodyCrypto' },
  play: async ({ canvasElement }) => {
    await expect(
      await within(canvasElement).findByRole('button', { name: 'Continue setup' }),
    ).toBeInTheDocument();
    await balanceHidden(canvasElement);
  },
};

export const Verifying: Story = {
  parameters: { kycKit: { fixture: 'pendingVerifying' } },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText(/verifying your details/i)).toBeInTheDocument();
    await expect(within(canvasElement).queryByRole('button')).not.toBeInTheDocument();
    await balanceHidden(canvasElement);
  },
};

/** Cannot be unlocked: the generic message, no way forward and no reason. */
export const Unavailable: Story = {
  parameters: { kycKit: { fixture: 'inactive' } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(
      await canvas.findByText("We're unable to complete this request. Please contact support."),
    ).toBeInTheDocument();
    await expect(canvas.queryByRole('button')).not.toBeInTheDocument();
    await balanceHidden(canvasElement);
  },
};

/** Cannot be unlocked, with the partner's way to reach support: a link, a mailto, a reference; no reason. */
export const UnavailableWithSupport: Story = {
  parameters: { kycKit: { fixture: 'inactive' } },
  args: { support: { href: 'https://help.example.com', email: 'help@example.com', reference: 'NW-42' } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('link', { name: 'Contact support' })).toHaveAttribute(
      'href',
      'https://help.example.com',
    );
    await expect(canvas.getByRole('link', { name: 'help@example.com' })).toHaveAttribute(
      'href',
      'mailto:help@example.com?subject=NW-42',
    );
    await expect(canvas.getByText('Your reference: NW-42')).toBeInTheDocument();
    await expect(canvas.queryByRole('button')).not.toBeInTheDocument();
  },
};

export const CustomFallback: Story = {
  args: { fallback: <p>Finish setting up your account to see your balance.</p> },
  play: async ({ canvasElement }) => {
    await expect(
      await within(canvasElement).findByText('Finish setting up your account to see your balance.'),
    ).toBeInTheDocument();
    await balanceHidden(canvasElement);
  },
};

export const Loading: Story = { parameters: { kycKit: { fixture: 'active', mode: 'loading' } } };

/** The customer could not be read: a retry, never an offer to set up what may already be active. */
export const NetworkError: Story = {
  parameters: { kycKit: { fixture: 'active', mode: 'network-error' } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('button', { name: 'Try again' })).toBeInTheDocument();
    await expect(canvas.queryByRole('button', { name: 'Continue setup' })).not.toBeInTheDocument();
    await balanceHidden(canvasElement);
  },
};

export const Dark: Story = { args: { appearance: { theme: 'dark' } } };
export const Spanish: Story = { parameters: { kycKit: { fixture: 'pendingNew', locale: 'es' } } };
export const Phone375: Story = {
  parameters: { kycKit: { fixture: 'pendingNew', width: 375 } },
  globals: { viewport: { value: 'mobile2', isRotated: false } },
};
