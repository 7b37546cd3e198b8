import type { Meta, StoryObj } from '@storybook/react-vite';
import { customerFixtures } from '../fixtures/fixtures';
import { RequirementsForm } from './RequirementsForm';

const meta = {
  title: 'Components/RequirementsForm',
  component: RequirementsForm,
  args: { capabilities: ['custodyFiat'], saveDraft: false },
  parameters: { kycKit: { customer: customerFixtures.pendingNew } },
} satisfies Meta<typeof RequirementsForm>;

export default meta;
type Story = StoryObj<typeof meta>;

export const NewCustomer: Story = {};
/** No customer yet: the first save creates one. */
export const NoCustomerYet: Story = { parameters: { kycKit: { customer: null } } };
export const PartlyDone: Story = { parameters: { kycKit: { customer: customerFixtures.pendingPartial } } };
export const Rejected: Story = { parameters: { kycKit: { customer: customerFixtures.pendingRejected } } };
export const Overdue: Story = { parameters: { kycKit: { customer: customerFixtures.pendingOverdue } } };
export const EventuallyDueIncluded: Story = { args: { include: 'eventually_due' } };
export const WaitingForVerification: Story = { parameters: { kycKit: { customer: customerFixtures.pendingVerifying } } };
export const Complete: Story = { parameters: { kycKit: { customer: customerFixtures.active } } };
export const Loading: Story = { parameters: { kycKit: { customer: customerFixtures.pendingNew, mode: 'loading' } } };
export const NetworkError: Story = { parameters: { kycKit: { customer: customerFixtures.pendingNew, mode: 'network-error' } } };
export const Dark: Story = { args: { appearance: { theme: 'dark' } } };
export const Spanish: Story = { parameters: { kycKit: { customer: customerFixtures.pendingNew, locale: 'es' } } };
export const Phone375: Story = {
  parameters: { kycKit: { customer: customerFixtures.pendingNew, width: 375 } },
  globals: { viewport: { value: 'mobile2', isRotated: false } },
};
