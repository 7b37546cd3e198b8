import { isPhoneMetadataLoaded } from '@kyc-kit/core';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useRequirementField, useRequirementsForm } from '@kyc-kit/hooks';
import type { RequirementsForm as RequirementsFormValue } from '@kyc-kit/hooks';
import { describe, expect, it } from 'vitest';
import { RequirementsForm } from '../components/RequirementsForm';
import { customerFixtures, employerNameSpecs } from '@kyc-kit/testing/fixtures';
import { createFakeClient, onlyRequirements } from '@kyc-kit/testing';
import { renderWithClient } from '@kyc-kit/testing/react';
import { FieldControl } from './RequirementField';

function renderField(
  customer: Parameters<typeof onlyRequirements>[0],
  keys: string[],
  capability = 'custodyFiat',
  locale = 'en',
) {
  const client = createFakeClient({ customer: onlyRequirements(customer, keys) });
  renderWithClient(<RequirementsForm capabilities={[capability]} saveDraft={false} />, client, { locale });
  return client;
}

/** A partner composing the hook and the styled control itself, with no access to the form's plan. */
function PartnerField({ form, name }: { form: RequirementsFormValue; name: string }) {
  return <FieldControl field={useRequirementField({ form, name })} />;
}

function PartnerForm() {
  const form = useRequirementsForm({ capabilities: ['custodyFiat'], saveDraft: false });
  return (
    <form {...form.formProps}>
      {form.fieldKeys.map((key) => (
        <PartnerField key={key} form={form} name={key} />
      ))}
    </form>
  );
}

describe('field components', () => {
  it("shows a field's deadline and that it is overdue from the field's own bags", async () => {
    const client = createFakeClient({
      customer: onlyRequirements(customerFixtures.pendingOverdue, ['addressLine1']),
    });
    renderWithClient(<PartnerForm />, client);
    expect(await screen.findByRole('textbox', { name: 'Street address' })).toBeInTheDocument();
    expect(screen.getByText('Overdue · Needed by March 1, 2026')).toBeInTheDocument();
  });

  it('masks the SSN, allows paste, turns autocomplete off, and shows it on request', async () => {
    const user = userEvent.setup({ delay: null });
    renderField(customerFixtures.pendingNew, ['fullSsn']);
    const input = await screen.findByLabelText('Social Security number');
    expect(input).toHaveAttribute('type', 'password');
    expect(input).toHaveAttribute('autocomplete', 'off');
    await user.click(input);
    await user.paste('123-45-6789');
    expect(input).toHaveValue('123-45-6789');
    await user.click(screen.getByRole('button', { name: 'Show: Social Security number' }));
    expect(input).toHaveAttribute('type', 'text');
    expect(screen.getByRole('button', { name: 'Hide: Social Security number' })).toHaveTextContent('Hide');
  });

  it('asks for a phone number as a country and a number, and sends both', async () => {
    const user = userEvent.setup({ delay: null });
    const client = renderField(customerFixtures.pendingTradeCrypto, ['phoneNumber'], 'tradeCrypto');
    const group = await screen.findByRole('group', { name: 'Phone number' });
    const country = within(group).getByRole('combobox', { name: 'Country code' });
    expect(country).toHaveValue('US');
    await user.type(within(group).getByRole('textbox', { name: 'Number' }), '(201) 555-0123');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await screen.findByText("We're verifying the details you sent. You don't need to do anything.");
    expect(client.writes[0]?.body).toMatchObject({
      fields: { phoneNumber: { country: 'US', number: '(201) 555-0123' } },
    });
  });

  it('tells a screen reader that each box of the date of birth and of the phone number is required', async () => {
    renderField(customerFixtures.pendingNew, ['dateOfBirth']);
    const date = await screen.findByRole('group', { name: 'Date of birth' });
    const boxes = within(date).getAllByRole('textbox');
    expect(boxes).toHaveLength(3);
    for (const box of boxes) expect(box).toBeRequired();
  });

  it('tells a screen reader that the country code and the number are required', async () => {
    renderField(customerFixtures.pendingTradeCrypto, ['phoneNumber'], 'tradeCrypto');
    const phone = await screen.findByRole('group', { name: 'Phone number' });
    expect(within(phone).getByRole('combobox', { name: 'Country code' })).toBeRequired();
    expect(within(phone).getByRole('textbox', { name: 'Number' })).toBeRequired();
  });

  it('checks a number by the rules of the country chosen, loading them when the country select is used', async () => {
    const user = userEvent.setup({ delay: null });
    const client = renderField(customerFixtures.pendingTradeCrypto, ['phoneNumber'], 'tradeCrypto');
    const group = await screen.findByRole('group', { name: 'Phone number' });
    await user.selectOptions(within(group).getByRole('combobox', { name: 'Country code' }), 'GB');
    // Only +1's rules ship in the bundle; choosing a country loads the rest.
    await waitFor(() => expect(isPhoneMetadataLoaded()).toBe(true));
    const number = within(group).getByRole('textbox', { name: 'Number' });
    await user.type(number, '020 7946 09');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(
      await within(group).findByText('Enter a real phone number, including the area code'),
    ).toBeVisible();
    expect(group).toHaveAccessibleDescription(expect.stringContaining('Enter a real phone number'));
    expect(number).toHaveAttribute('aria-invalid', 'true');
    expect(client.writes).toHaveLength(0);
    await user.type(number, '58');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await screen.findByText("We're verifying the details you sent. You don't need to do anything.");
    expect(client.writes[0]?.body).toMatchObject({
      fields: { phoneNumber: { country: 'GB', number: '020 7946 0958' } },
    });
  });

  it('shows a country list at once with its placeholder, then every country, and at once on focus', async () => {
    const user = userEvent.setup({ delay: null });
    renderField(customerFixtures.pendingTradeCrypto, ['citizenship'], 'tradeCrypto');
    const select = await screen.findByRole<HTMLSelectElement>('combobox', { name: 'Country of citizenship' });
    // The first render never waits for 250 country names: the placeholder shows, the list follows.
    await waitFor(() => expect(select.options.length).toBe(250));
    expect(select).toHaveValue('');
    await user.selectOptions(select, 'FR');
    expect(within(select).getByRole('option', { name: 'France', selected: true })).toBeInTheDocument();
  });

  it('names countries in the page language', async () => {
    renderField(customerFixtures.pendingTradeCrypto, ['citizenship'], 'tradeCrypto', 'es');
    const select = await screen.findByRole('combobox', { name: 'País de ciudadanía' });
    expect(await within(select).findByRole('option', { name: 'Alemania' })).toHaveValue('DE');
  });

  it('lists every state, DC and the territories, with human labels', async () => {
    renderField(customerFixtures.pendingNew, ['addressSubdivision']);
    const select = await screen.findByRole('combobox', { name: 'State' });
    for (const name of ['California', 'District of Columbia', 'Puerto Rico', 'Guam']) {
      expect(within(select).getByRole('option', { name })).toBeInTheDocument();
    }
  });

  it('shows provider enumerations with human labels', async () => {
    renderField(customerFixtures.pendingNew, ['sourceOfFunds']);
    const select = await screen.findByRole('combobox', { name: 'Main source of your funds' });
    expect(within(select).getByRole('option', { name: 'Family or another person' })).toHaveValue(
      'family_or_third_party',
    );
  });

  it('renders W-9 consents as unchecked checkboxes in a group, and says which must be checked', async () => {
    const user = userEvent.setup({ delay: null });
    renderField(customerFixtures.pendingTax, ['taxAttestation']);
    const group = await screen.findByRole('group', { name: 'Tax certification (IRS Form W-9)' });
    const boxes = within(group).getAllByRole('checkbox');
    expect(boxes.length).toBeGreaterThan(1);
    for (const box of boxes) expect(box).not.toBeChecked();
    // A screen reader says which boxes must be checked: the two certifications, not the choices.
    expect(
      boxes.filter((box) => box.matches('[aria-required="true"]')).map((box) => box.getAttribute('name')),
    ).toEqual(['taxAttestation.certifyTaxpayerId', 'taxAttestation.certifyUsPerson']);
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(
      await screen.findAllByText('Confirm that your taxpayer identification number is correct'),
    ).not.toHaveLength(0);
    expect(group).toHaveAttribute('aria-invalid', 'true');
  });

  it('asks the user to contact support for a requirement key no field spec describes', async () => {
    renderField(customerFixtures.pendingUnknownKey, ['employerName']);
    expect(await screen.findByText('We need something else from you')).toBeInTheDocument();
    expect(screen.getByText(/contact support/)).toBeInTheDocument();
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
    expect(screen.queryByText('employerName')).not.toBeInTheDocument();
  });

  it("renders a partner's field spec for a key the kit does not know", async () => {
    const client = createFakeClient({
      customer: onlyRequirements(customerFixtures.pendingUnknownKey, ['employerName']),
    });
    const fieldSpecs = employerNameSpecs;
    renderWithClient(<RequirementsForm capabilities={['custodyFiat']} saveDraft={false} />, client, {
      fieldSpecs,
    });
    expect(await screen.findByRole('textbox', { name: 'Additional information' })).toBeInTheDocument();
  });

  it('wires the hint and the error to the input by id, and only when they are shown', async () => {
    const user = userEvent.setup({ delay: null });
    renderField(customerFixtures.pendingNew, ['fullSsn']);
    const input = await screen.findByLabelText('Social Security number');
    const hint = screen.getByText('All 9 digits, with or without dashes: 123-45-6789 or 123456789.');
    expect(input.getAttribute('aria-describedby')).toBe(hint.id);
    expect(input).not.toHaveAttribute('aria-invalid');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    const error = (await screen.findAllByText('Enter your Social Security number')).find(
      (element) => element.tagName === 'P',
    );
    expect(input.getAttribute('aria-describedby')?.split(' ')).toEqual([hint.id, error?.id]);
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input.closest('.kyc-field')).toHaveAttribute('data-invalid');
  });
});
