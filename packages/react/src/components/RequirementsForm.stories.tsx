import type { Meta, StoryObj } from '@storybook/react-vite';
import { RequirementsForm } from './RequirementsForm';

const meta = {
  title: 'Components/RequirementsForm',
  component: RequirementsForm,
  args: { capabilities: ['custodyFiat'], saveDraft: false },
  parameters: { kycKit: { fixture: 'pendingNew' } },
} satisfies Meta<typeof RequirementsForm>;

export default meta;
type Story = StoryObj<typeof meta>;

export const NewCustomer: Story = {};
/** No customer yet: the first save creates one. */
export const NoCustomerYet: Story = { parameters: { kycKit: { fixture: 'none' } } };
export const PartlyDone: Story = { parameters: { kycKit: { fixture: 'pendingPartial' } } };
export const Rejected: Story = { parameters: { kycKit: { fixture: 'pendingRejected' } } };
export const Overdue: Story = { parameters: { kycKit: { fixture: 'pendingOverdue' } } };
/** `include: 'eventually_due'` also asks now for what will be needed later (citizenship here). */
export const EventuallyDueIncluded: Story = {
  args: { include: 'eventually_due' },
  parameters: { kycKit: { fixture: 'pendingOverdue' } },
};
export const WaitingForVerification: Story = { parameters: { kycKit: { fixture: 'pendingVerifying' } } };
export const Complete: Story = { parameters: { kycKit: { fixture: 'active' } } };
export const Loading: Story = { parameters: { kycKit: { fixture: 'pendingNew', mode: 'loading' } } };
export const NetworkError: Story = {
  parameters: { kycKit: { fixture: 'pendingNew', mode: 'network-error' } },
};
export const Dark: Story = { args: { appearance: { theme: 'dark' } } };
export const Spanish: Story = { parameters: { kycKit: { fixture: 'pendingNew', locale: 'es' } } };
export const Phone375: Story = {
  parameters: { kycKit: { fixture: 'pendingNew', width: 375 } },
  globals: { viewport: { value: 'mobile2', isRotated: false } },
};
