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

export const NotRequested: Story = { args: { capability: 'custodyCrypto' } };
export const Verifying: Story = { parameters: { kycKit: { fixture: 'pendingVerifying' } } };
export const Unavailable: Story = { parameters: { kycKit: { fixture: 'inactive' } } };
export const CustomFallback: Story = {
  args: { fallback: <p>Finish setting up your account to see your balance.</p> },
};
export const Loading: Story = { parameters: { kycKit: { fixture: 'active', mode: 'loading' } } };
export const Dark: Story = { args: { appearance: { theme: 'dark' } } };
export const Spanish: Story = { parameters: { kycKit: { fixture: 'pendingNew', locale: 'es' } } };
