import type { Meta, StoryObj } from '@storybook/react-vite';
import { StatusMessage } from './StatusMessage';

const meta = {
  title: 'Components/StatusMessage',
  component: StatusMessage,
  args: {
    title: 'Checking your details',
    children: "We're verifying your details. This usually takes less than a minute.",
  },
} satisfies Meta<typeof StatusMessage>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Neutral: Story = { args: { tone: 'neutral' } };
export const Info: Story = { args: { tone: 'info' } };
export const Success: Story = {
  args: { tone: 'success', title: "You're all set", children: 'This feature is ready to use.' },
};
export const Warning: Story = {
  args: {
    tone: 'warning',
    title: 'We can’t continue',
    children: "We're unable to complete this request. Please contact support.",
  },
};
export const Danger: Story = {
  args: {
    tone: 'danger',
    title: 'There is a problem',
    children: 'Check your internet connection and try again.',
  },
};
export const BusyAndLive: Story = { args: { tone: 'info', busy: true, live: 'polite' } };
export const Dark: Story = {
  args: { tone: 'info' },
  render: (args) => (
    <div className="kyc-root" data-theme="dark">
      <StatusMessage {...args} />
    </div>
  ),
};
export const Phone375: Story = {
  args: { tone: 'info' },
  parameters: { kycKit: { width: 375 } },
  globals: { viewport: { value: 'mobile2', isRotated: false } },
};
