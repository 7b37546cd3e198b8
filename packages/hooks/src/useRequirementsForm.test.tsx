import { fieldSpecFor } from '@kyc-kit/core';
import type { Customer, FieldSpecInput, RequirementStatus } from '@kyc-kit/core';
import { render, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { KycKitApiError } from './KycKitApiError';
import { createFakeClient, fakeCustomer } from '@kyc-kit/testing';
import type { FakeWrite } from '@kyc-kit/testing';
import { employerNameSpecs } from '@kyc-kit/testing/fixtures';
import {
  createTestQueryClient,
  FieldMarkup,
  kycKitWrapper,
  renderWithKycKit,
  RequirementsFormView,
} from '@kyc-kit/testing/react';
import { clearDrafts } from './draftStorage';
import { KycKitProvider } from './KycKitProvider';
import { useRequirementField } from './useRequirementField';
import { useRequirementsForm } from './useRequirementsForm';
import type { RequirementsForm, UseRequirementsFormOptions } from './useRequirementsForm';

const BASE_FIELDS = [
  'firstName',
  'lastName',
  'dateOfBirth',
  'fullSsn',
  'addressLine1',
  'addressCity',
  'addressSubdivision',
  'addressPostalCode',
  'addressCountryCode',
  'purposeOfAccount',
  'sourceOfFunds',
];

function Form(
  props: Partial<UseRequirementsFormOptions> & {
    onFieldRender?: (name: string) => void;
    onFormRender?: () => void;
  },
) {
  const form = useRequirementsForm({ capabilities: ['custodyFiat'], ...props });
  props.onFormRender?.();
  return <RequirementsFormView form={form} onFieldRender={props.onFieldRender} />;
}

/** After a write, the customer owes every base field not yet sent, due. */
function owesTheRest(write: FakeWrite, current: Customer | null): Customer {
  const sent = new Set([
    ...Object.keys((write.body.fields ?? {}) as object),
    ...BASE_FIELDS.filter((key) => current !== null && current.requirements[key] === undefined),
  ]);
  const requirements = Object.fromEntries(
    BASE_FIELDS.filter((key) => !sent.has(key)).map((key): [string, RequirementStatus] => [key, 'due']),
  );
  return fakeCustomer({ requirements });
}

const networkError = () =>
  new KycKitApiError({
    code: 'network_error',
    message: 'The connection failed.',
    status: 0,
    retryable: true,
  });

/** A partner's own field: it reads the requirement's status and deadline from the bags alone. */
function PartnerField({ form, name }: { form: RequirementsForm; name: string }) {
  const field = useRequirementField({ form, name });
  return (
    <p data-testid={name} data-status={field.status}>
      {field.label}
      {field.isOverdue ? ' (overdue)' : ''}
      {field.isRejected ? ' (enter again)' : ''}
      {field.deadline === undefined ? '' : ` by ${field.deadline}`}
    </p>
  );
}

function PartnerForm() {
  const form = useRequirementsForm({ capabilities: ['custodyFiat'] });
  return (
    <>
      {form.fieldKeys.map((key) => (
        <PartnerField key={key} form={form} name={key} />
      ))}
    </>
  );
}

describe('useRequirementsForm', () => {
  it("gives each field's bags the requirement's status and deadline", async () => {
    const customer = fakeCustomer({
      requirements: { addressLine1: 'overdue', addressCity: 'rejected', addressPostalCode: 'due' },
    });
    customer.requirements.addressLine1 = {
      ...customer.requirements.addressLine1!,
      deadline: '2026-03-01T00:00:00Z',
    };
    renderWithKycKit(<PartnerForm />, createFakeClient({ customer }));

    expect(await screen.findByTestId('addressLine1')).toHaveTextContent(
      'Street address (overdue) by 2026-03-01T00:00:00Z',
    );
    expect(screen.getByTestId('addressLine1')).toHaveAttribute('data-status', 'overdue');
    expect(screen.getByTestId('addressCity')).toHaveTextContent(/^City \(enter again\)$/);
    expect(screen.getByTestId('addressPostalCode')).toHaveAttribute('data-status', 'due');
    expect(screen.getByTestId('addressPostalCode')).toHaveTextContent(/^ZIP code$/);
  });

  it('creates the customer with the first step, then asks the next step', async () => {
    const user = userEvent.setup({ delay: null });
    const client = createFakeClient({ customer: null, onWrite: owesTheRest });
    renderWithKycKit(<Form />, client);

    expect(await screen.findByRole('heading', { name: 'About you' })).toBeInTheDocument();
    expect(screen.getByText('Step 1 of 4')).toBeInTheDocument();
    await user.type(screen.getByLabelText('First name'), 'Ada');
    await user.type(screen.getByLabelText('Last name'), 'Lovelace');
    await user.type(screen.getByLabelText('Day'), '10');
    await user.type(screen.getByLabelText('Month'), '12');
    await user.type(screen.getByLabelText('Year'), '1985');
    await user.click(screen.getByRole('button', { name: 'Continue' }));

    expect(await screen.findByRole('heading', { name: 'Your home address' })).toBeInTheDocument();
    expect(screen.getByText('Step 2 of 4')).toBeInTheDocument();
    expect(client.writes).toHaveLength(1);
    expect(client.writes[0]).toMatchObject({
      method: 'createCustomer',
      body: {
        capabilities: ['custodyFiat'],
        fields: {
          firstName: 'Ada',
          lastName: 'Lovelace',
          dateOfBirth: { day: '10', month: '12', year: '1985' },
        },
      },
    });
    // The address country has one choice (US) and starts answered.
    expect(screen.getByLabelText('Country')).toHaveValue('US');
  });

  it('wires labels, hints and errors by id, naming only rendered elements', async () => {
    const user = userEvent.setup({ delay: null });
    const client = createFakeClient({
      customer: fakeCustomer({ requirements: { firstName: 'due', dateOfBirth: 'due' } }),
    });
    renderWithKycKit(<Form />, client);

    const firstName = await screen.findByLabelText('First name');
    expect(firstName).not.toHaveAttribute('aria-invalid');
    expect(firstName).not.toHaveAttribute('aria-describedby');
    const dateGroup = screen.getByRole('group', { name: 'Date of birth' });
    expect(dateGroup).toHaveAccessibleDescription('For example, 3 27 1990');

    await user.click(screen.getByRole('button', { name: 'Continue' }));

    // The error summary takes focus, as GOV.UK's does.
    const summary = await screen.findByRole('alert');
    await waitFor(() => expect(summary).toHaveFocus());
    expect(firstName).toHaveAttribute('aria-invalid', 'true');
    expect(firstName).toHaveAccessibleDescription('Enter your first name');
    for (const element of [firstName, dateGroup]) {
      for (const id of (element.getAttribute('aria-describedby') ?? '').split(' ')) {
        expect(document.getElementById(id)).not.toBeNull();
      }
    }
    expect(dateGroup).toHaveAttribute('aria-invalid', 'true');
    expect(client.writes).toHaveLength(0);

    // It links to the first box of each invalid field.
    const links = within(summary).getAllByRole('link');
    expect(links.map((link) => link.textContent)).toEqual([
      'Enter your first name',
      expect.stringMatching(/date of birth/i),
    ]);
    expect(links[0]).toHaveAttribute('href', `#${firstName.id}`);
    await user.click(links[1] as HTMLElement);
    // The first box of a US date is the month.
    expect(screen.getByLabelText('Month')).toHaveFocus();

    // Fixing a field clears its error as the user types.
    await user.type(firstName, 'Ada');
    // Validation is asynchronous (the zod resolver): the error goes once it has run.
    await waitFor(() => expect(firstName).not.toHaveAttribute('aria-invalid'));
    expect(firstName).not.toHaveAttribute('aria-describedby');
  });

  it('reuses one idempotency key when the same submit is retried, and a new one for a new submit', async () => {
    const user = userEvent.setup({ delay: null });
    const client = createFakeClient({
      customer: fakeCustomer({ requirements: { firstName: 'due', lastName: 'due', email: 'due' } }),
    });
    client.failNextWrite(networkError(), 2);
    renderWithKycKit(<Form />, client);

    await user.type(await screen.findByLabelText('First name'), 'Ada');
    await user.type(screen.getByLabelText('Last name'), 'Lovelace');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByText('Check your internet connection and try again.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(client.writes).toHaveLength(2));
    await user.click(screen.getByRole('button', { name: 'Continue' }));

    expect(await screen.findByRole('heading', { name: 'Contact details' })).toBeInTheDocument();
    const keys = client.writes.map((write) => write.idempotencyKey);
    expect(new Set(keys).size).toBe(1);
    expect(client.writes.every((write) => write.method === 'updateCustomer')).toBe(true);

    await user.type(screen.getByLabelText('Email address'), 'ada@example.com');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(client.writes).toHaveLength(4));
    expect(client.writes[3]?.idempotencyKey).not.toBe(keys[0]);
  });

  it('uses a new idempotency key when a field was edited after a failed submit', async () => {
    const user = userEvent.setup({ delay: null });
    const client = createFakeClient({
      customer: fakeCustomer({ requirements: { firstName: 'due', lastName: 'due', email: 'due' } }),
    });
    client.failNextWrite(networkError());
    renderWithKycKit(<Form />, client);

    await user.type(await screen.findByLabelText('First name'), 'Ada');
    await user.type(screen.getByLabelText('Last name'), 'Lovelase');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByText('Check your internet connection and try again.')).toBeInTheDocument();

    // The first attempt may have reached the provider: the same key with another body would be refused as a conflict.
    await user.clear(screen.getByLabelText('Last name'));
    await user.type(screen.getByLabelText('Last name'), 'Lovelace');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByRole('heading', { name: 'Contact details' })).toBeInTheDocument();
    expect(client.writes.map((write) => write.body.fields)).toEqual([
      { firstName: 'Ada', lastName: 'Lovelase' },
      { firstName: 'Ada', lastName: 'Lovelace' },
    ]);
    expect(client.writes[1]?.idempotencyKey).not.toBe(client.writes[0]?.idempotencyKey);
  });

  it('reuses the key when a field is edited and changed back before the retry', async () => {
    const user = userEvent.setup({ delay: null });
    const client = createFakeClient({
      customer: fakeCustomer({ requirements: { firstName: 'due', lastName: 'due', email: 'due' } }),
    });
    client.failNextWrite(networkError());
    renderWithKycKit(<Form />, client);

    await user.type(await screen.findByLabelText('First name'), 'Ada');
    await user.type(screen.getByLabelText('Last name'), 'Lovelace');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByText('Check your internet connection and try again.')).toBeInTheDocument();

    // What counts is the body sent, not whether the user touched a field in between.
    await user.type(screen.getByLabelText('Last name'), 'x');
    await user.type(screen.getByLabelText('Last name'), '{Backspace}');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByRole('heading', { name: 'Contact details' })).toBeInTheDocument();
    expect(client.writes).toHaveLength(2);
    expect(client.writes[1]?.idempotencyKey).toBe(client.writes[0]?.idempotencyKey);
  });

  it('puts server field errors on their fields and keeps every typed value', async () => {
    const user = userEvent.setup({ delay: null });
    const client = createFakeClient({
      customer: fakeCustomer({ requirements: { firstName: 'due', lastName: 'due' } }),
    });
    client.failNextWrite(
      new KycKitApiError({
        code: 'invalid_fields',
        message: 'Some answers need your attention.',
        status: 400,
        retryable: false,
        fields: {
          lastName: { code: 'field.lastName.error.required', message: 'Enter your last name' },
          firstName: { code: 'name_not_allowed', message: 'Enter your first name as it appears on your ID' },
        },
      }),
    );
    renderWithKycKit(<Form />, client, { locale: 'es' });

    await user.type(await screen.findByRole('textbox', { name: /nombre/i }), 'Ada');
    await user.type(screen.getByRole('textbox', { name: /apellido/i }), 'L');
    await user.click(screen.getByRole('button', { name: 'Continue' }));

    // A catalogued code follows the locale; an uncatalogued one shows the proxy's safe text.
    await waitFor(() =>
      expect(screen.getByRole('textbox', { name: /apellido/i })).toHaveAccessibleDescription(
        'Ingrese su apellido',
      ),
    );
    expect(screen.getByRole('textbox', { name: /apellido/i })).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('textbox', { name: /nombre/i })).toHaveAccessibleDescription(
      'Enter your first name as it appears on your ID',
    );
    expect(screen.getByRole('textbox', { name: /nombre/i })).toHaveValue('Ada');
    expect(screen.getByRole('textbox', { name: /apellido/i })).toHaveValue('L');

    // Leaving the field keeps the server's error; changing the value clears it.
    await user.click(screen.getByRole('textbox', { name: /nombre/i }));
    expect(screen.getByRole('textbox', { name: /apellido/i })).toHaveAttribute('aria-invalid', 'true');
    await user.type(screen.getByRole('textbox', { name: /apellido/i }), 'ovelace');
    await waitFor(() =>
      expect(screen.getByRole('textbox', { name: /apellido/i })).not.toHaveAttribute('aria-invalid'),
    );
  });

  it('after a submit asks again only the fields that came back due or rejected', async () => {
    const user = userEvent.setup({ delay: null });
    const client = createFakeClient({
      customer: fakeCustomer({
        requirements: { firstName: 'due', lastName: 'due', purposeOfAccount: 'due' },
      }),
      onWrite: (_write, current) => ({
        ...(current as Customer),
        requirements: {
          lastName: {
            key: 'lastName',
            known: true,
            status: 'rejected',
            rawStatus: 'rejected',
            impact: ['custodyFiat'],
          },
          purposeOfAccount: {
            key: 'purposeOfAccount',
            known: true,
            status: 'due',
            rawStatus: 'due',
            impact: ['custodyFiat'],
          },
          firstName: {
            key: 'firstName',
            known: true,
            status: 'pending',
            rawStatus: 'pending',
            impact: ['custodyFiat'],
          },
        },
      }),
    });
    renderWithKycKit(<Form />, client);

    await user.type(await screen.findByLabelText('First name'), 'Ada');
    await user.type(screen.getByLabelText('Last name'), 'Lovelaec');
    await user.click(screen.getByRole('button', { name: 'Continue' }));

    await waitFor(() => expect(screen.queryByLabelText('First name')).not.toBeInTheDocument());
    expect(screen.getByRole('heading', { name: 'About you' })).toBeInTheDocument();
    const lastName = screen.getByLabelText('Last name');
    expect(lastName).toHaveValue('Lovelaec');
    expect(lastName).toHaveAccessibleDescription("We couldn't verify this. Check it and enter it again.");
  });

  it('sends one request when Continue is pressed twice in a row', async () => {
    const client = createFakeClient({ customer: fakeCustomer({ requirements: { email: 'due' } }) });
    const user = userEvent.setup({ delay: null });
    renderWithKycKit(<Form />, client);
    await user.type(await screen.findByLabelText('Email address'), 'ada@example.com');
    await user.dblClick(screen.getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(screen.getByText('Nothing to fill in')).toBeInTheDocument());
    expect(client.writes).toHaveLength(1);
  });

  it('goes back to a saved step with its values kept', async () => {
    const user = userEvent.setup({ delay: null });
    const client = createFakeClient({ customer: null, onWrite: owesTheRest });
    renderWithKycKit(<Form />, client);
    await user.type(await screen.findByLabelText('First name'), 'Ada');
    await user.type(screen.getByLabelText('Last name'), 'Lovelace');
    await user.type(screen.getByLabelText('Day'), '1');
    await user.type(screen.getByLabelText('Month'), '2');
    await user.type(screen.getByLabelText('Year'), '1990');
    expect(screen.queryByRole('button', { name: 'Back' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByRole('heading', { name: 'Your home address' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Back' }));

    expect(screen.getByRole('heading', { name: 'About you' })).toBeInTheDocument();
    expect(screen.getByText('Step 1 of 4')).toBeInTheDocument();
    expect(screen.getByLabelText('First name')).toHaveValue('Ada');
    expect(screen.getByLabelText('Year')).toHaveValue('1990');
  });

  it('re-renders only the field being typed in, not the form or the other 19 fields', async () => {
    const user = userEvent.setup({ delay: null });
    const keys = Array.from(
      { length: 20 },
      (_, index) => `partnerQuestion${String(index + 1).padStart(2, '0')}`,
    );
    const client = createFakeClient({
      customer: fakeCustomer({
        requirements: Object.fromEntries(keys.map((key): [string, RequirementStatus] => [key, 'due'])),
      }),
    });
    // The partner describes its 20 questions, so the kit can collect them.
    const fieldSpecs = Object.fromEntries(
      keys.map((key) => [
        key,
        {
          section: 'personal',
          kind: 'text',
          schema: fieldSpecFor('firstName').schema,
          sensitive: false,
          labelId: 'field.generic.label',
          paths: { coinbase: `individual.${key}`, oms: null },
        } satisfies FieldSpecInput,
      ]),
    );
    const fieldRenders = new Map<string, number>();
    let formRenders = 0;
    renderWithKycKit(
      <Form
        onFormRender={() => (formRenders += 1)}
        onFieldRender={(name) => fieldRenders.set(name, (fieldRenders.get(name) ?? 0) + 1)}
      />,
      client,
      { fieldSpecs },
    );
    await waitFor(() => expect(screen.getAllByRole('textbox')).toHaveLength(20));
    const inputs = screen.getAllByRole('textbox');
    const target = inputs[4] as HTMLElement;

    // Plain typing: uncontrolled inputs, so nothing re-renders at all.
    fieldRenders.clear();
    formRenders = 0;
    await user.type(target, 'hello');
    expect(target).toHaveValue('hello');
    expect(formRenders).toBe(0);
    expect([...fieldRenders.keys()]).toEqual([]);

    // Errors on every field, then one keystroke fixes one: that field alone renders again.
    await user.clear(target);
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(target).toHaveAttribute('aria-invalid', 'true'));
    fieldRenders.clear();
    formRenders = 0;
    await user.type(target, 'x');
    await waitFor(() => expect(target).not.toHaveAttribute('aria-invalid'));
    expect(formRenders).toBe(0);
    expect([...fieldRenders.keys()]).toEqual([keys[4]]);
  });
  it("gives a partner's key the plan does not list its own spec, in a per-field hook and in getFieldProps", async () => {
    const fieldSpecs = employerNameSpecs;
    function Unplanned() {
      const form = useRequirementsForm({ capabilities: ['custodyFiat'] });
      const field = useRequirementField({ form, name: 'employerName' });
      return (
        <>
          <p data-testid="field">{field.label}</p>
          <p data-testid="props">{form.getFieldProps('employerName').label}</p>
        </>
      );
    }
    renderWithKycKit(<Unplanned />, createFakeClient({ customer: fakeCustomer() }), { fieldSpecs });

    expect(await screen.findByTestId('field')).toHaveTextContent(/^Additional information$/);
    expect(screen.getByTestId('props')).toHaveTextContent(/^Additional information$/);
  });
});

describe('useRequirementsForm getFieldProps', () => {
  it('renders a whole step from one component, every input kind wired', async () => {
    const user = userEvent.setup({ delay: null });
    function OneComponentForm() {
      const form = useRequirementsForm({ capabilities: ['custodyFiat'] });
      return (
        <form {...form.formProps}>
          {form.fieldKeys.map((key) => (
            <FieldMarkup key={key} field={form.getFieldProps(key)} />
          ))}
          <button type="submit">Continue</button>
        </form>
      );
    }
    const client = createFakeClient({
      customer: fakeCustomer({
        requirements: {
          phoneNumber: 'due',
          email: 'due',
          taxAttestation: 'due',
          purposeOfAccount: 'due',
          citizenship: 'due',
        },
      }),
    });
    renderWithKycKit(<OneComponentForm />, client);

    // Citizenship is a select of countries; the step is "About you".
    const citizenship = await screen.findByLabelText('Country of citizenship');
    expect(within(citizenship).getByRole('option', { name: 'France' })).toHaveValue('FR');
    await user.selectOptions(citizenship, 'FR');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(client.writes).toHaveLength(1));
    expect(client.writes[0]?.body).toEqual({ fields: { citizenship: 'FR' } });

    // The tax step: a group of checkboxes, one per certification.
    const group = await screen.findByRole('group', { name: 'Tax certification (IRS Form W-9)' });
    const boxes = within(group).getAllByRole('checkbox');
    expect(boxes.length).toBeGreaterThanOrEqual(2);
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(group).toHaveAttribute('aria-invalid', 'true'));
    for (const box of boxes) await user.click(box);
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(client.writes).toHaveLength(2));
    expect(client.writes[1]?.body).toEqual({
      fields: {
        taxAttestation: Object.fromEntries(
          boxes.map((box) => [box.getAttribute('name')?.split('.')[1], true]),
        ),
      },
    });

    // Financial, then contact: the phone is a country select and a number box.
    await user.selectOptions(await screen.findByLabelText('Main purpose of this account'), 'investing');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    const phone = await screen.findByRole('group', { name: 'Phone number' });
    expect(within(phone).getByLabelText('Country code')).toHaveValue('US');
    await user.type(within(phone).getByLabelText('Number'), '415 555 0100');
    await user.type(screen.getByLabelText('Email address'), 'ada@example.com');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(client.writes).toHaveLength(4));
    expect(client.writes[3]?.body).toEqual({
      fields: { email: 'ada@example.com', phoneNumber: { country: 'US', number: '415 555 0100' } },
    });
  });
});

describe('useRequirementsForm composite fields', () => {
  it('links the summary of an impossible date to its first box in the locale order (the month in en-US)', async () => {
    const user = userEvent.setup({ delay: null });
    const client = createFakeClient({ customer: fakeCustomer({ requirements: { dateOfBirth: 'due' } }) });
    renderWithKycKit(<Form />, client);

    await user.type(await screen.findByLabelText('Month'), '2');
    await user.type(screen.getByLabelText('Day'), '30');
    await user.type(screen.getByLabelText('Year'), '1990');
    await user.click(screen.getByRole('button', { name: 'Continue' }));

    const summary = await screen.findByRole('alert');
    const link = within(summary).getAllByRole('link')[0];
    expect(link).toHaveAttribute('href', `#${screen.getByLabelText('Month').id}`);
  });

  it('marks only the wrong box of a date and of a checkbox group, and links the summary to it', async () => {
    const user = userEvent.setup({ delay: null });
    const client = createFakeClient({
      customer: fakeCustomer({ requirements: { dateOfBirth: 'due', taxAttestation: 'due' } }),
    });
    renderWithKycKit(<Form />, client);

    await user.type(await screen.findByLabelText('Month'), '3');
    await user.type(screen.getByLabelText('Year'), '1990');
    await user.click(screen.getByRole('button', { name: 'Continue' }));

    await waitFor(() => expect(screen.getByLabelText('Day')).toHaveAttribute('aria-invalid', 'true'));
    expect(screen.getByLabelText('Month')).not.toHaveAttribute('aria-invalid');
    expect(screen.getByRole('group', { name: 'Date of birth' })).toHaveAccessibleDescription(
      'For example, 3 27 1990 Date of birth must include a day',
    );
    const summaryLink = within(screen.getByRole('alert')).getByRole('link', {
      name: 'Date of birth must include a day',
    });
    expect(summaryLink).toHaveAttribute('href', `#${screen.getByLabelText('Day').id}`);

    await user.type(screen.getByLabelText('Day'), '27');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    const group = await screen.findByRole('group', { name: 'Tax certification (IRS Form W-9)' });
    await user.click(within(group).getByLabelText(/correct taxpayer identification number/));
    await user.click(screen.getByRole('button', { name: 'Continue' }));

    await waitFor(() =>
      expect(within(group).getByLabelText('I am a US citizen or other US person')).toHaveAttribute(
        'aria-invalid',
        'true',
      ),
    );
    expect(within(group).getByLabelText(/correct taxpayer identification number/)).not.toHaveAttribute(
      'aria-invalid',
    );
  });
});

describe('useRequirementsForm with a customer the server already read', () => {
  it('renders the first step in the first render, with no loading state, for a user with no customer yet', () => {
    const client = createFakeClient({ customer: null });
    render(
      <KycKitProvider client={client} queryClient={createTestQueryClient()} initialCustomer={null}>
        <Form />
      </KycKitProvider>,
    );
    // Synchronously: no wait for GET /customer.
    expect(screen.getByRole('heading', { name: 'About you' })).toBeInTheDocument();
    expect(screen.getByLabelText('First name')).toBeInTheDocument();
  });

  it("renders an existing customer's open step at once", () => {
    const customer = fakeCustomer({ requirements: { email: 'due' } });
    const client = createFakeClient({ customer });
    render(
      <KycKitProvider client={client} queryClient={createTestQueryClient()} initialCustomer={customer}>
        <Form />
      </KycKitProvider>,
    );
    expect(screen.getByLabelText('Email address')).toBeInTheDocument();
  });
});

describe('useRequirementsForm drafts per user', () => {
  it("never shows a user who signs in on the same tab the last user's draft", async () => {
    const user = userEvent.setup({ delay: null });
    const client = createFakeClient({ customer: null });
    const ada = renderWithKycKit(<Form />, client, { userKey: 'user_ada' });
    await user.type(await screen.findByLabelText('First name'), 'Ada');
    await user.type(screen.getByLabelText('Last name'), 'Lovelace');
    ada.unmount();
    // Kept for Ada, under a tag of her user key, never the key itself: her draft and her step plan.
    const stored = Object.keys(window.sessionStorage).filter((key) => key.startsWith('kyc-kit:draft:'));
    expect(stored).toHaveLength(2);
    for (const key of stored) expect(key).not.toContain('user_ada');
    const plan = stored.find((key) => key.startsWith('kyc-kit:draft:plan:')) ?? '';
    expect(window.sessionStorage.getItem(plan)).not.toMatch(/Ada|Lovelace/);

    const grace = renderWithKycKit(<Form />, client, { userKey: 'user_grace' });
    expect(await screen.findByLabelText('First name')).toHaveValue('');
    expect(screen.getByLabelText('Last name')).toHaveValue('');
    grace.unmount();

    renderWithKycKit(<Form />, client, { userKey: 'user_ada' });
    expect(await screen.findByLabelText('First name')).toHaveValue('Ada');
  });

  it('keeps nothing typed before the customer exists when no user key says whose it is', async () => {
    // A page of custom elements, or a partner who gives no user key: the next person on the tab may be anyone.
    const user = userEvent.setup({ delay: null });
    const client = createFakeClient({ customer: null });
    const first = renderWithKycKit(<Form />, client);
    await user.type(await screen.findByLabelText('First name'), 'Ada');
    await user.type(screen.getByLabelText('Last name'), 'Lovelace');
    first.unmount();
    expect(JSON.stringify(Object.values(window.sessionStorage))).not.toMatch(/Ada|Lovelace/);

    renderWithKycKit(<Form />, client);
    expect(await screen.findByLabelText('First name')).toHaveValue('');
    expect(screen.getByLabelText('Last name')).toHaveValue('');
  });

  it('starts afresh when the user key changes under a mounted form', async () => {
    const user = userEvent.setup({ delay: null });
    const client = createFakeClient({ customer: null });
    const wrapper = kycKitWrapper(client, { userKey: 'user_ada' });
    const view = render(<Form />, { wrapper });
    await user.type(await screen.findByLabelText('First name'), 'Ada');
    view.rerender(
      <KycKitProvider client={client} userKey="user_grace" queryClient={createTestQueryClient()}>
        <Form />
      </KycKitProvider>,
    );
    await waitFor(() => expect(screen.getByLabelText('First name')).toHaveValue(''));
  });

  it("never puts the last user's customer in the cache when their save answers after the next user came", async () => {
    const user = userEvent.setup({ delay: null });
    const adas = fakeCustomer({ id: 'customer_ada', requirements: { firstName: 'due', lastName: 'due' } });
    const client = createFakeClient({ customer: adas });
    // Ada's save is slow: it answers only once Grace, with no customer yet, has the tab.
    let answer: (customer: Customer) => void = () => undefined;
    client.updateCustomer = () => new Promise<Customer>((resolve) => (answer = resolve));
    const queryClient = createTestQueryClient();
    const view = render(
      <KycKitProvider client={client} userKey="user_ada" queryClient={queryClient}>
        <Form />
      </KycKitProvider>,
    );
    await user.type(await screen.findByLabelText('First name'), 'Ada');
    await user.type(screen.getByLabelText('Last name'), 'Lovelace');
    await user.click(screen.getByRole('button', { name: 'Continue' }));

    client.customer = null;
    view.rerender(
      <KycKitProvider client={client} userKey="user_grace" queryClient={queryClient}>
        <Form />
      </KycKitProvider>,
    );
    await waitFor(() => expect(queryClient.getQueryData(['kyc-kit', 'customer'])).toBeNull());
    answer({ ...adas, requirements: {}, profile: { firstName: 'Ada', lastName: 'Lovelace' } });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(queryClient.getQueryData(['kyc-kit', 'customer'])).toBeNull();
    expect(screen.getByLabelText('First name')).toHaveValue('');
  });

  it('clearDrafts removes every draft of the tab, for sign-out', async () => {
    const user = userEvent.setup({ delay: null });
    const client = createFakeClient({ customer: null });
    const ada = renderWithKycKit(<Form />, client, { userKey: 'user_ada' });
    await user.type(await screen.findByLabelText('First name'), 'Ada');
    ada.unmount();
    window.sessionStorage.setItem('unrelated', 'kept');
    clearDrafts();
    expect(Object.keys(window.sessionStorage)).toEqual(['unrelated']);
    renderWithKycKit(<Form />, client, { userKey: 'user_ada' });
    expect(await screen.findByLabelText('First name')).toHaveValue('');
  });
});

describe('useRequirementsForm drafts', () => {
  it('keeps typed non-sensitive values across a reload, scoped to the customer', async () => {
    const user = userEvent.setup({ delay: null });
    const customer = fakeCustomer({
      requirements: { firstName: 'due', lastName: 'due', dateOfBirth: 'due' },
    });
    const client = createFakeClient({ customer });
    const first = renderWithKycKit(<Form />, client);
    await user.type(await screen.findByLabelText('First name'), 'Ada');
    await user.type(screen.getByLabelText('Day'), '10');
    await user.type(screen.getByLabelText('Year'), '1985');
    first.unmount();

    const stored = window.sessionStorage.getItem(`kyc-kit:draft:${customer.id}`) ?? '';
    expect(stored).toContain('Ada');
    expect(stored).not.toContain('1985');

    renderWithKycKit(<Form />, client);
    await waitFor(() => expect(screen.getByLabelText('First name')).toHaveValue('Ada'));
    expect(screen.getByLabelText('Year')).toHaveValue('');

    // Another customer in the same tab does not see it.
    const other = createFakeClient({
      customer: fakeCustomer({ id: 'customer_other', requirements: { firstName: 'due' } }),
    });
    const third = renderWithKycKit(<Form />, other);
    expect(await within(third.container).findByLabelText('First name')).toHaveValue('');
  });

  it('moves a draft typed before the customer existed under the new customer', async () => {
    const user = userEvent.setup({ delay: null });
    const client = createFakeClient({ customer: null, onWrite: owesTheRest });
    // Only a user key says whose a draft typed before the customer exists is.
    renderWithKycKit(<Form />, client, { userKey: 'user_ada' });
    await user.type(await screen.findByLabelText('First name'), 'Ada');
    const draftKeys = () =>
      Object.keys(window.sessionStorage).filter((key) => key.startsWith('kyc-kit:draft:u'));
    const newDraft = draftKeys().find((key) => key.endsWith(':new')) ?? '';
    expect(window.sessionStorage.getItem(newDraft)).toContain('Ada');
    await user.type(screen.getByLabelText('Last name'), 'Lovelace');
    await user.type(screen.getByLabelText('Day'), '1');
    await user.type(screen.getByLabelText('Month'), '2');
    await user.type(screen.getByLabelText('Year'), '1990');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await user.type(await screen.findByLabelText('City'), 'San Francisco');

    expect(window.sessionStorage.getItem(newDraft)).toBeNull();
    // Saved fields leave the draft; the city is an address field, so it never enters it.
    expect(draftKeys().filter((key) => key.endsWith(`:${fakeCustomer().id}`))).toEqual([]);
  });

  it('takes a saved step out of the draft at once and leaves no draft once no step is open', async () => {
    const user = userEvent.setup({ delay: null });
    const customer = fakeCustomer({ requirements: { firstName: 'due', email: 'due' } });
    const client = createFakeClient({ customer });
    const view = renderWithKycKit(<Form />, client);
    const draftKey = `kyc-kit:draft:${customer.id}`;

    await user.type(await screen.findByLabelText('First name'), 'Ada');
    expect(window.sessionStorage.getItem(draftKey)).toContain('Ada');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByLabelText('Email address')).toBeInTheDocument();
    // Saved, and nothing typed since: the proxy holds the name, so the page keeps no copy.
    expect(window.sessionStorage.getItem(draftKey) ?? '').not.toContain('Ada');

    await user.type(screen.getByLabelText('Email address'), 'ada@example.com');
    expect(window.sessionStorage.getItem(draftKey)).toContain('ada@example.com');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByText('Nothing to fill in')).toBeInTheDocument();
    expect(window.sessionStorage.getItem(draftKey)).toBeNull();

    view.unmount();
    // Only the plan is left, with no steps: the mark that this user has a customer (never a value).
    expect(Object.keys(window.sessionStorage).filter((key) => key.startsWith('kyc-kit:draft:'))).toEqual([
      'kyc-kit:draft:plan',
    ]);
    expect(JSON.parse(window.sessionStorage.getItem('kyc-kit:draft:plan') ?? '')).toMatchObject({
      steps: [],
    });
  });

  it('removes the draft when a compliance decision ends the flow with steps still open', async () => {
    const user = userEvent.setup({ delay: null });
    const customer = fakeCustomer({ requirements: { firstName: 'due', email: 'due' } });
    const client = createFakeClient({ customer });
    renderWithKycKit(<Form />, client);
    const draftKey = `kyc-kit:draft:${customer.id}`;

    await user.type(await screen.findByLabelText('First name'), 'Ada');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await user.type(await screen.findByLabelText('Email address'), 'ada@example.com');
    expect(window.sessionStorage.getItem(draftKey)).toContain('ada@example.com');

    // Meanwhile the provider turned the user down; the refused save makes the form read the customer again.
    client.customer = fakeCustomer({
      capabilities: { custodyFiat: 'inactive' },
      requirements: { email: 'due' },
    });
    client.failNextWrite(
      new KycKitApiError({ code: 'forbidden', message: 'Refused.', status: 403, retryable: false }),
    );
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(window.sessionStorage.getItem(draftKey)).toBeNull());
  });

  it('never writes an SSN, date of birth or address to any storage', async () => {
    const user = userEvent.setup({ delay: null });
    const setItem = vi.spyOn(Storage.prototype, 'setItem');
    const client = createFakeClient({
      customer: fakeCustomer({
        requirements: {
          firstName: 'due',
          dateOfBirth: 'due',
          addressLine1: 'due',
          addressPostalCode: 'due',
          fullSsn: 'due',
        },
      }),
    });
    renderWithKycKit(<Form />, client);

    await user.type(await screen.findByLabelText('First name'), 'Ada');
    await user.type(screen.getByLabelText('Day'), '27');
    await user.type(screen.getByLabelText('Month'), '3');
    await user.type(screen.getByLabelText('Year'), '1990');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await user.type(await screen.findByLabelText('Street address'), '1 Main Street');
    await user.type(screen.getByLabelText('ZIP code'), '94105');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await user.type(await screen.findByLabelText('Social Security number'), '123-45-6789');

    const written = setItem.mock.calls.map(([key, value]) => `${key}=${value}`).join('\n');
    expect(written).toContain('Ada');
    expect(written).not.toMatch(/1990|"27"|Main Street|94105|6789/);
    const everything =
      JSON.stringify({ ...window.sessionStorage }) + JSON.stringify({ ...window.localStorage });
    expect(everything).not.toMatch(/1990|Main Street|94105|6789/);
    setItem.mockRestore();
  });
});
