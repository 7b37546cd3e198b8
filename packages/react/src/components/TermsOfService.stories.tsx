import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { TermsOfService } from './TermsOfService';

const meta = {
  title: 'Components/TermsOfService',
  component: TermsOfService,
  args: { onAccepted: fn(), onShown: fn() },
  parameters: { kycKit: { fixture: 'pendingTerms' } },
} satisfies Meta<typeof TermsOfService>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Published in English and Spanish: a language choice above the document. */
export const TwoLanguages: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const language = await canvas.findByRole('combobox', { name: 'Language' });
    const accept = await canvas.findByRole('checkbox', {
      name: 'I have read and accept the Terms of Service',
    });
    await waitFor(() => expect(accept).toBeEnabled());
    await userEvent.click(accept);
    // Another language is another document: the box starts unchecked again.
    await userEvent.selectOptions(language, 'es');
    await waitFor(() =>
      expect(
        canvas.getByRole('checkbox', { name: 'I have read and accept the Terms of Service' }),
      ).not.toBeChecked(),
    );
    await waitFor(() =>
      expect(
        canvas.getByRole('checkbox', { name: 'I have read and accept the Terms of Service' }),
      ).toBeEnabled(),
    );
    await userEvent.click(
      canvas.getByRole('checkbox', { name: 'I have read and accept the Terms of Service' }),
    );
    await userEvent.click(canvas.getByRole('button', { name: 'Accept and continue' }));
    await waitFor(() =>
      expect(args.onAccepted).toHaveBeenCalledWith({ versionId: 'us_individual_2026-05-29', language: 'es' }),
    );
  },
};

export const OneLanguage: Story = {
  parameters: { kycKit: { fixture: 'pendingTermsOneLanguage' } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('region');
    await expect(canvas.queryByRole('combobox', { name: 'Language' })).not.toBeInTheDocument();
  },
};

/** Accepting without checking the box says what to do. */
export const NotChecked: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('region');
    await userEvent.click(canvas.getByRole('button', { name: 'Accept and continue' }));
    await expect(
      await canvas.findByText('Read and accept the Terms of Service to continue'),
    ).toBeInTheDocument();
    await expect(args.onAccepted).not.toHaveBeenCalled();
  },
};

export const DocumentUnavailable: Story = {
  parameters: { kycKit: { fixture: 'pendingTerms', documents: {} } },
};
export const NothingToAccept: Story = { parameters: { kycKit: { fixture: 'active' } } };
export const Loading: Story = { parameters: { kycKit: { fixture: 'pendingTerms', mode: 'loading' } } };
export const Dark: Story = { args: { appearance: { theme: 'dark' } } };
export const Spanish: Story = { parameters: { kycKit: { fixture: 'pendingTerms', locale: 'es' } } };
export const Phone375: Story = {
  parameters: { kycKit: { fixture: 'pendingTerms', width: 375 } },
  globals: { viewport: { value: 'mobile2', isRotated: false } },
};
