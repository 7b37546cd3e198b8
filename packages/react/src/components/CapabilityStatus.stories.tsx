import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { customerFixtures } from '@kyc-kit/testing/fixtures';
import { CapabilityStatus } from './CapabilityStatus';

const meta = {
  title: 'Components/CapabilityStatus',
  component: CapabilityStatus,
  args: { capability: 'custodyFiat' },
  parameters: { kycKit: { fixture: 'pendingPartial' } },
} satisfies Meta<typeof CapabilityStatus>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Active: Story = {
  parameters: { kycKit: { fixture: 'active' } },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('Ready')).toBeInTheDocument();
  },
};

export const PendingWithRequirements: Story = {
  play: async ({ canvasElement }) => {
    const list = await within(canvasElement).findByRole('list', { name: 'What we still need' });
    await expect(within(list).getByText(/Social Security number: Needed now/)).toBeInTheDocument();
  },
};

export const Rejected: Story = {
  parameters: { kycKit: { fixture: 'pendingRejected' } },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText(/Check and enter again/)).toBeInTheDocument();
  },
};

export const OverdueWithDeadline: Story = {
  parameters: { kycKit: { fixture: 'pendingOverdue' } },
  play: async ({ canvasElement }) => {
    await expect(
      await within(canvasElement).findByText(/Street address: Overdue · Needed by March 1, 2026/),
    ).toBeInTheDocument();
  },
};

/** Pending with nothing left to type: in review, one line for what is being verified, nothing asked of the user. */
export const Verifying: Story = {
  parameters: { kycKit: { fixture: 'pendingVerifying' } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('In review')).toBeInTheDocument();
    await expect(canvas.getByText(/details are being verified\./)).toBeInTheDocument();
    await expect(canvas.queryByText(/Being verified/)).not.toBeInTheDocument();
    await expect(canvas.queryByText(/Needed now/)).not.toBeInTheDocument();
  },
};

export const Unrequested: Story = {
  args: { capability: 'custodyCrypto' },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('Not set up')).toBeInTheDocument();
  },
};

/** A status the kit does not recognise (the fixture's status replaced): a generic label, never the provider's text. */
export const UnknownStatus: Story = {
  parameters: {
    kycKit: {
      customer: {
        ...customerFixtures.active,
        capabilities: { custodyFiat: { requested: true, status: 'unknown', rawStatus: 'under_review_v2' } },
      },
    },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('Status unavailable')).toBeInTheDocument();
    await expect(canvas.queryByText(/under_review_v2/)).not.toBeInTheDocument();
  },
};

export const UnknownCapabilityName: Story = { args: { capability: 'issueCards' } };
export const Loading: Story = { parameters: { kycKit: { fixture: 'active', mode: 'loading' } } };
export const NetworkError: Story = {
  parameters: { kycKit: { fixture: 'active', mode: 'network-error' } },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('button', { name: 'Try again' })).toBeInTheDocument();
  },
};
export const Dark: Story = { args: { appearance: { theme: 'dark' } } };
export const Spanish: Story = { parameters: { kycKit: { fixture: 'pendingOverdue', locale: 'es' } } };
export const Phone375: Story = {
  parameters: { kycKit: { fixture: 'pendingOverdue', width: 375 }, viewport: { defaultViewport: 'mobile2' } },
  globals: { viewport: { value: 'mobile2', isRotated: false } },
};

/** A compliance decision: "Unavailable", the generic sentence and the partner's support contact; never a reason. */
export const UnavailableWithSupport: Story = {
  parameters: { kycKit: { fixture: 'inactive' } },
  args: { support: { href: 'https://help.example.com', email: 'help@example.com', reference: 'NW-42' } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('Unavailable')).toBeInTheDocument();
    await expect(canvas.getByRole('link', { name: 'Contact support' })).toBeInTheDocument();
    await expect(canvas.getByText('Your reference: NW-42')).toBeInTheDocument();
  },
};
