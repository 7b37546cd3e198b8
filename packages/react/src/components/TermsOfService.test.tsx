import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { customerFixtures, tosDocumentFixtures } from '@kyc-kit/testing/fixtures';
import { createFakeClient } from '@kyc-kit/testing';
import { renderWithClient } from '@kyc-kit/testing/react';
import { TermsOfService } from './TermsOfService';

const acceptName = 'I have read and accept the Terms of Service';

describe('<TermsOfService>', () => {
  it('shows the document in a focusable scrollable region before acceptance, never preselected', async () => {
    const client = createFakeClient({
      customer: customerFixtures.pendingTerms,
      documents: tosDocumentFixtures,
    });
    renderWithClient(<TermsOfService />, client);
    const region = await screen.findByRole('region');
    expect(region).toHaveAttribute('tabindex', '0');
    expect(region).toHaveClass('kyc-document');
    expect(region.innerHTML.length).toBeGreaterThan(0);
    const accept = screen.getByRole('checkbox', { name: acceptName });
    expect(accept).not.toBeChecked();
    await waitFor(() => expect(accept).toBeEnabled());
  });

  it('links to the full document, opening in a new tab without giving it this page', async () => {
    const client = createFakeClient({
      customer: customerFixtures.pendingTerms,
      documents: tosDocumentFixtures,
    });
    renderWithClient(<TermsOfService />, client);
    const link = await screen.findByRole('link', { name: 'Open the full Terms of Service (new tab)' });
    expect(link).toHaveAttribute('href', 'http://sandbox.test/tos/us_individual_2026-05-29');
    expect(link).toHaveAttribute('target', '_blank');
    expect(link).toHaveAttribute('rel', 'noopener noreferrer');
  });

  it('never turns an address that is not a web address into a link', async () => {
    const customer = structuredClone(customerFixtures.pendingTerms);
    for (const version of customer.requirements.tos?.tos?.versions ?? []) version.url = 'javascript:alert(1)';
    renderWithClient(<TermsOfService />, createFakeClient({ customer, documents: tosDocumentFixtures }));
    await screen.findByRole('region');
    expect(screen.queryByRole('link')).toBeNull();
  });

  it('keeps the accept box disabled while the document is loading', async () => {
    const client = createFakeClient({ customer: customerFixtures.pendingTerms, documents: {} });
    renderWithClient(<TermsOfService />, client);
    expect(await screen.findByText("We couldn't load the Terms of Service. Try again.")).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: acceptName })).toBeDisabled();
  });

  it('offers a language choice when the version has several, and accepts in the chosen one', async () => {
    const user = userEvent.setup({ delay: null });
    const onAccepted = vi.fn();
    const client = createFakeClient({
      customer: customerFixtures.pendingTerms,
      documents: tosDocumentFixtures,
    });
    renderWithClient(<TermsOfService onAccepted={onAccepted} />, client);
    const language = await screen.findByRole('combobox', { name: 'Language' });
    expect([...(language as HTMLSelectElement).options].map((option) => option.value)).toEqual(['en', 'es']);
    await user.selectOptions(language, 'es');
    const accept = screen.getByRole('checkbox', { name: acceptName });
    await waitFor(() => expect(accept).toBeEnabled());
    await user.click(accept);
    await user.click(screen.getByRole('button', { name: 'Accept and continue' }));
    await waitFor(() =>
      expect(onAccepted).toHaveBeenCalledWith({ versionId: 'us_individual_2026-05-29', language: 'es' }),
    );
  });

  it('has no language choice when the version has one language', async () => {
    const client = createFakeClient({
      customer: customerFixtures.pendingTermsOneLanguage,
      documents: tosDocumentFixtures,
    });
    renderWithClient(<TermsOfService />, client);
    await screen.findByRole('region');
    expect(screen.queryByRole('combobox')).not.toBeInTheDocument();
  });

  it('says what to do when continuing without accepting, and sends nothing', async () => {
    const user = userEvent.setup({ delay: null });
    const client = createFakeClient({
      customer: customerFixtures.pendingTerms,
      documents: tosDocumentFixtures,
    });
    renderWithClient(<TermsOfService />, client);
    await screen.findByRole('region');
    await user.click(screen.getByRole('button', { name: 'Accept and continue' }));
    expect(screen.getByText('Read and accept the Terms of Service to continue')).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: acceptName })).toHaveAttribute('aria-invalid', 'true');
    expect(client.writes).toHaveLength(0);
  });
});
