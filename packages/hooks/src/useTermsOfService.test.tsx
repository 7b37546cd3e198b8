import { act, render, screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { KycKitApiError } from './KycKitApiError';
import { createFakeClient, fakeCustomer } from '@kyc-kit/testing';
import { createTestQueryClient, kycKitWrapper, renderKycKitHook, TermsView } from '@kyc-kit/testing/react';
import type { Customer } from '@kyc-kit/core';
import { KycKitProvider } from './KycKitProvider';
import { useTermsOfService } from './useTermsOfService';

const VERSION = {
  versionId: 'us_individual_2026-05-29',
  languages: ['en', 'es'],
  url: 'https://example.test/tos',
};
const documents = {
  [`${VERSION.versionId}:en`]: {
    versionId: VERSION.versionId,
    language: 'en',
    title: 'Terms of Service',
    html: '<p>English terms.</p>',
  },
  [`${VERSION.versionId}:es`]: {
    versionId: VERSION.versionId,
    language: 'es',
    title: 'Términos del servicio',
    html: '<p>Términos en español.</p>',
  },
};

function clientWithTerms() {
  return createFakeClient({
    customer: fakeCustomer({ requirements: { tos: 'due' }, tosVersions: [VERSION] }),
    documents,
  });
}

function Terms() {
  return <TermsView terms={useTermsOfService()} />;
}

/** A partner's own markup: nothing but the hook's prop bags spread on plain elements. */
function PartnerTerms() {
  const terms = useTermsOfService();
  return (
    <form {...terms.formProps}>
      <label {...terms.languageLabelProps}>Language</label>
      <select {...terms.languageSelectProps}>
        {terms.languages.map((language) => (
          <option key={language} value={language}>
            {language}
          </option>
        ))}
      </select>
      {terms.documentProps ? <div {...terms.documentProps} /> : null}
      {terms.consentError ? <p {...terms.consentErrorProps}>{terms.consentError}</p> : null}
      <input {...terms.consentCheckboxProps} />
      <label {...terms.consentLabelProps}>I agree</label>
      <button type="submit">Accept</button>
    </form>
  );
}

describe('useTermsOfService and the next user', () => {
  it("never puts the last user's customer in the cache when their acceptance answers after the next user came", async () => {
    const user = userEvent.setup({ delay: null });
    const client = clientWithTerms();
    const adas = client.customer as Customer;
    // Ada's acceptance is slow: it answers only once Grace, with no customer yet, has the tab.
    let answer: (customer: Customer) => void = () => undefined;
    client.acceptTermsOfService = () => new Promise<Customer>((resolve) => (answer = resolve));
    const queryClient = createTestQueryClient();
    const view = render(
      <KycKitProvider client={client} userKey="user_ada" queryClient={queryClient}>
        <PartnerTerms />
      </KycKitProvider>,
    );
    const box = await screen.findByRole('checkbox', { name: 'I agree' });
    await waitFor(() => expect(box).toBeEnabled());
    await user.click(box);
    await user.click(screen.getByRole('button', { name: 'Accept' }));

    client.customer = null;
    view.rerender(
      <KycKitProvider client={client} userKey="user_grace" queryClient={queryClient}>
        <PartnerTerms />
      </KycKitProvider>,
    );
    await waitFor(() => expect(queryClient.getQueryData(['kyc-kit', 'customer'])).toBeNull());
    answer({ ...adas, requirements: {} });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(queryClient.getQueryData(['kyc-kit', 'customer'])).toBeNull();
  });
});

describe('useTermsOfService prop bags', () => {
  it('clears the consent error once the box is ticked, and shows it again only on the next submit without it', async () => {
    const user = userEvent.setup({ delay: null });
    render(<PartnerTerms />, { wrapper: kycKitWrapper(clientWithTerms()) });
    const box = await screen.findByRole('checkbox', { name: 'I agree' });
    await waitFor(() => expect(box).toBeEnabled());
    await user.click(screen.getByRole('button', { name: 'Accept' }));
    expect(await screen.findByText('Read and accept the Terms of Service to continue')).toBeVisible();

    await user.click(box);
    expect(box).not.toHaveAttribute('aria-invalid');
    expect(screen.queryByText('Read and accept the Terms of Service to continue')).toBeNull();
    // Unticked again, or unticked by another language: an unchecked box, not an error, until the next submit.
    await user.click(box);
    expect(box).not.toHaveAttribute('aria-invalid');
    await user.click(box);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Language' }), 'es');
    await waitFor(() => expect(box).not.toBeChecked());
    expect(box).not.toHaveAttribute('aria-invalid');
    expect(screen.queryByText('Read and accept the Terms of Service to continue')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Accept' }));
    expect(await screen.findByText('Read and accept the Terms of Service to continue')).toBeVisible();
    expect(box).toHaveAttribute('aria-invalid', 'true');
  });

  it('own the consent rule: an error without consent, the acceptance with it, unchecked again for another language', async () => {
    const user = userEvent.setup({ delay: null });
    const client = clientWithTerms();
    render(<PartnerTerms />, { wrapper: kycKitWrapper(client) });
    const box = await screen.findByRole('checkbox', { name: 'I agree' });
    await waitFor(() => expect(box).toBeEnabled());

    await user.click(screen.getByRole('button', { name: 'Accept' }));
    const error = await screen.findByText('Read and accept the Terms of Service to continue');
    expect(box).toHaveAttribute('aria-invalid', 'true');
    expect(box).toHaveAttribute('aria-describedby', error.id);
    // Focus goes where the problem is fixed: the box, whose error is read with it.
    expect(box).toHaveFocus();
    expect(client.writes).toHaveLength(0);

    await user.click(box);
    expect(box).toBeChecked();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Language' }), 'es');
    await waitFor(() => expect(screen.getByRole('checkbox', { name: 'I agree' })).not.toBeChecked());

    await user.click(screen.getByRole('checkbox', { name: 'I agree' }));
    await user.click(screen.getByRole('button', { name: 'Accept' }));
    await waitFor(() => expect(client.writes).toHaveLength(1));
    expect(client.writes[0]?.body).toEqual({ versionId: VERSION.versionId, language: 'es' });
  });
});

describe('useTermsOfService', () => {
  it('offers the versions to accept and picks the document language from the locale', async () => {
    const { result } = renderKycKitHook(() => useTermsOfService(), clientWithTerms(), { locale: 'es-MX' });
    await waitFor(() => expect(result.current.document?.title).toBe('Términos del servicio'));
    expect(result.current.isRequired).toBe(true);
    expect(result.current.versions).toEqual([VERSION]);
    expect(result.current.languages).toEqual(['en', 'es']);
    expect(result.current.language).toBe('es');
  });

  it('refuses to accept before the document was loaded and shown', async () => {
    const client = clientWithTerms();
    const { result } = renderKycKitHook(() => useTermsOfService(), client);
    await waitFor(() => expect(result.current.document).toBeDefined());
    // Loaded but never rendered: not shown yet.
    expect(result.current.canAccept).toBe(false);
    await expect(result.current.accept()).rejects.toMatchObject({ code: 'tos_not_shown' });
    expect(client.writes).toHaveLength(0);

    act(() => result.current.markShown());
    expect(result.current.canAccept).toBe(true);
    await act(() => result.current.accept());
    expect(client.writes).toEqual([
      {
        method: 'acceptTermsOfService',
        fieldKeys: ['tos'],
        body: { versionId: VERSION.versionId, language: 'en' },
        idempotencyKey: expect.any(String),
      },
    ]);
    expect(result.current.isRequired).toBe(false);
  });

  it('marks the document shown once its element is rendered, per language', async () => {
    const user = userEvent.setup({ delay: null });
    const client = clientWithTerms();
    const { rerender } = render(<Terms />, { wrapper: kycKitWrapper(client) });
    const accept = screen.getByRole('button', { name: 'Accept' });
    expect(accept).toBeDisabled();
    expect(await screen.findByText('English terms.')).toBeInTheDocument();
    await waitFor(() => expect(accept).toBeEnabled());

    function SpanishTerms() {
      const terms = useTermsOfService();
      return (
        <>
          <button type="button" onClick={() => terms.setLanguage('es')}>
            Español
          </button>
          <TermsView terms={terms} />
        </>
      );
    }
    rerender(<SpanishTerms />);
    await user.click(screen.getByRole('button', { name: 'Español' }));
    expect(await screen.findByText('Términos en español.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Accept' }));
    await waitFor(() => expect(client.writes).toHaveLength(1));
    expect(client.writes[0]?.body).toEqual({ versionId: VERSION.versionId, language: 'es' });
  });

  it('cannot accept when the document fails to load, and says so', async () => {
    const client = clientWithTerms();
    client.failDocuments = true;
    render(<Terms />, { wrapper: kycKitWrapper(client) });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      "We couldn't load the Terms of Service. Try again.",
    );
    expect(screen.getByRole('button', { name: 'Accept' })).toBeDisabled();
  });

  it('reuses the idempotency key when a failed acceptance is retried', async () => {
    const client = clientWithTerms();
    client.failNextWrite(
      new KycKitApiError({ code: 'upstream_unavailable', message: 'Busy', status: 503, retryable: true }),
    );
    const { result } = renderKycKitHook(() => useTermsOfService(), client);
    await waitFor(() => expect(result.current.document).toBeDefined());
    act(() => result.current.markShown());

    await act(() => result.current.accept().catch(() => undefined));
    expect(result.current.acceptErrorMessage).toBe('The service is busy. Try again in a few minutes.');
    await act(() => result.current.accept());

    expect(client.writes).toHaveLength(2);
    expect(client.writes[0]?.idempotencyKey).toBe(client.writes[1]?.idempotencyKey);
  });
});

describe('useTermsOfService in a second tab', () => {
  it('reads the customer again when the Terms were already accepted elsewhere, so the flow moves on', async () => {
    const client = clientWithTerms();
    const { result } = renderKycKitHook(() => useTermsOfService(), client);
    await waitFor(() => expect(result.current.document).toBeDefined());
    act(() => result.current.markShown());

    // Another tab of the same user accepted them: the provider no longer asks, the proxy answers 409.
    client.customer = fakeCustomer({ id: client.customer?.id, requirements: {} });
    client.failNextWrite(
      new KycKitApiError({
        code: 'conflict',
        message: 'This was already sent. Refresh the page to see the latest status.',
        status: 409,
        retryable: false,
      }),
    );
    const reads = client.reads;
    await act(() => result.current.accept().catch(() => undefined));

    // Not "refresh the page" left to the person: the kit read the customer itself, the Terms are no longer due.
    expect(client.reads).toBeGreaterThan(reads);
    expect(result.current.version).toBeUndefined();
  });
});
