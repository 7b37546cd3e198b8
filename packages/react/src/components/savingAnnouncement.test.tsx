import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { customerFixtures, tosDocumentFixtures } from '@kyc-kit/testing/fixtures';
import { createFakeClient } from '@kyc-kit/testing';
import type { FakeClient } from '@kyc-kit/testing';
import { renderWithClient } from '@kyc-kit/testing/react';
import { Onboarding } from './Onboarding';
import { RequirementsForm } from './RequirementsForm';
import { TermsOfService } from './TermsOfService';

type User = ReturnType<typeof userEvent.setup>;

/** Holds every `method` write of `client` until `release()`, so the page can be read while the save is in flight. */
function holdWrites(client: FakeClient, method: 'updateCustomer' | 'acceptTermsOfService') {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  const write = client[method].bind(client) as (...args: unknown[]) => Promise<unknown>;
  (client as unknown as Record<string, unknown>)[method] = async (...args: unknown[]) => {
    await gate;
    return write(...args);
  };
  return { release: () => open() };
}

/** The live regions on the page whose text is `text`: what a screen reader announces politely. */
const politeRegionsSaying = (text: string) =>
  screen.getAllByRole('status').filter((region) => region.textContent?.trim() === text);

/** Box labels of the "About you" step, per language. */
const english = { first: 'First name', last: 'Last name', day: 'Day', month: 'Month', year: 'Year' };
const spanish = { first: 'Nombre', last: 'Apellido', day: 'Día', month: 'Mes', year: 'Año' };

/** Types Ada's "About you" step (born 10 December 1985) once it has rendered. */
/** Ticks the Terms of Service box once the document is on screen, and accepts. */
async function acceptTerms(user: User) {
  const accept = await screen.findByRole('checkbox', {
    name: 'I have read and accept the Terms of Service',
  });
  await waitFor(() => expect(accept).toBeEnabled());
  await user.click(accept);
  await user.click(screen.getByRole('button', { name: 'Accept and continue' }));
}

async function typeAboutYou(user: User, labels = english) {
  await user.type(await screen.findByRole('textbox', { name: labels.first }), 'Ada');
  await user.type(screen.getByRole('textbox', { name: labels.last }), 'Lovelace');
  await user.type(screen.getByRole('textbox', { name: labels.day }), '10');
  await user.type(screen.getByRole('textbox', { name: labels.month }), '12');
  await user.type(screen.getByRole('textbox', { name: labels.year }), '1985');
}

describe('a save in flight is announced to screen readers, once', () => {
  it.each([
    ['en', english, 'Continue', 'Saving…', 'Your home address'],
    ['es', spanish, 'Continuar', 'Guardando…', 'Su domicilio'],
  ])(
    '<Onboarding> in %s says so politely while a step saves, then only the next heading speaks',
    async (locale, labels, submit, saving, nextHeading) => {
      const user = userEvent.setup({ delay: null });
      const client = createFakeClient({
        customer: customerFixtures.pendingNew,
        documents: tosDocumentFixtures,
      });
      const held = holdWrites(client, 'updateCustomer');
      renderWithClient(<Onboarding capability="custodyFiat" />, client, { locale });
      await typeAboutYou(user, labels);
      await user.click(screen.getByRole('button', { name: submit }));
      await waitFor(() => expect(politeRegionsSaying(saving)).toHaveLength(1));
      expect(politeRegionsSaying(saving)[0]).toHaveAttribute('aria-live', 'polite');
      held.release();
      const heading = await screen.findByRole('heading', { name: nextHeading });
      await waitFor(() => expect(heading).toHaveFocus());
      // The heading taking focus is the announcement of what came next: the live region says nothing more.
      expect(screen.getByRole('status')).toBeEmptyDOMElement();
    },
  );

  it('<Onboarding> says so while the Terms of Service are being accepted', async () => {
    const user = userEvent.setup({ delay: null });
    const client = createFakeClient({
      customer: customerFixtures.pendingTerms,
      documents: tosDocumentFixtures,
    });
    const held = holdWrites(client, 'acceptTermsOfService');
    renderWithClient(<Onboarding capability="custodyFiat" liveUpdates={false} />, client);
    await acceptTerms(user);
    await waitFor(() => expect(politeRegionsSaying('Saving…')).toHaveLength(1));
    held.release();
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Checking your details' })).toHaveFocus());
    expect(politeRegionsSaying('Saving…')).toHaveLength(0);
  });

  it('<RequirementsForm> says so politely while a step saves, and stops once it is saved', async () => {
    const user = userEvent.setup({ delay: null });
    const client = createFakeClient({
      customer: customerFixtures.pendingNew,
      documents: tosDocumentFixtures,
    });
    const held = holdWrites(client, 'updateCustomer');
    renderWithClient(<RequirementsForm capabilities={['custodyFiat']} />, client);
    await typeAboutYou(user);
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(politeRegionsSaying('Saving…')).toHaveLength(1));
    held.release();
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Your home address' })).toHaveFocus());
    expect(politeRegionsSaying('Saving…')).toHaveLength(0);
  });

  it('<TermsOfService> says so politely while the acceptance is sent', async () => {
    const user = userEvent.setup({ delay: null });
    const client = createFakeClient({
      customer: customerFixtures.pendingTerms,
      documents: tosDocumentFixtures,
    });
    const held = holdWrites(client, 'acceptTermsOfService');
    renderWithClient(<TermsOfService />, client);
    await acceptTerms(user);
    await waitFor(() => expect(politeRegionsSaying('Saving…')).toHaveLength(1));
    held.release();
    await waitFor(() => expect(politeRegionsSaying('Saving…')).toHaveLength(0));
  });
});
