import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { isPhoneMetadataLoaded } from '@kyc-kit/core';
import { RequirementsForm } from '../components/RequirementsForm';
import { customerFixtures } from '@kyc-kit/testing/fixtures';
import { onlyRequirements } from '@kyc-kit/testing';

/**
 * Every input kind of core's field registry, each valid and invalid. Each
 * story shows the one-field step of a sandbox customer (other requirements
 * left out), so the field renders exactly as inside the flow.
 */
const meta = {
  title: 'Fields/Every input kind',
  component: RequirementsForm,
  args: { capabilities: ['custodyFiat'], saveDraft: false },
} satisfies Meta<typeof RequirementsForm>;

export default meta;
type Story = StoryObj<typeof meta>;

type Canvas = ReturnType<typeof within>;

interface KindCase {
  /** The requirement key shown. */
  key: string;
  /** The sandbox fixture the requirement comes from. */
  fixture: keyof typeof customerFixtures;
  capability: string;
  /** Fills the field with a valid value. */
  fillValid: (canvas: Canvas) => Promise<void>;
  /** Fills the field with an invalid value (or leaves it empty). */
  fillInvalid: (canvas: Canvas) => Promise<void>;
  /** The error text the invalid value shows. */
  error: string;
}

const typeInto = async (canvas: Canvas, name: string | RegExp, text: string) => {
  await userEvent.type(await canvas.findByRole('textbox', { name }), text);
};
const chooseOption = async (canvas: Canvas, name: string, value: string) => {
  const select = (await canvas.findByRole('combobox', { name })) as HTMLSelectElement;
  // A country list fills in right after the first paint, as a person would find it.
  await waitFor(() => expect([...select.options].some((option) => option.value === value)).toBe(true));
  await userEvent.selectOptions(select, value);
};
const leaveEmpty = async () => undefined;

function kindStories(kind: KindCase): { valid: Story; invalid: Story } {
  const parameters = { kycKit: { customer: onlyRequirements(customerFixtures[kind.fixture], [kind.key]) } };
  const args = { capabilities: [kind.capability], saveDraft: false };
  return {
    valid: {
      args,
      parameters,
      play: async ({ canvasElement }) => {
        const canvas = within(canvasElement);
        await kind.fillValid(canvas);
        await userEvent.tab();
        await expect(canvas.queryByText(kind.error)).not.toBeInTheDocument();
        await expect(canvasElement.querySelector('[aria-invalid="true"]')).toBeNull();
      },
    },
    invalid: {
      args,
      parameters,
      play: async ({ canvasElement }) => {
        const canvas = within(canvasElement);
        await kind.fillInvalid(canvas);
        await userEvent.click(await canvas.findByRole('button', { name: 'Continue' }));
        await waitFor(() => expect(canvas.getAllByText(kind.error).length).toBeGreaterThan(0));
        await expect(canvasElement.querySelector('[aria-invalid="true"]')).not.toBeNull();
      },
    },
  };
}

const text = kindStories({
  key: 'firstName',
  fixture: 'pendingNew',
  capability: 'custodyFiat',
  fillValid: (canvas) => typeInto(canvas, 'First name', 'Ada'),
  fillInvalid: leaveEmpty,
  error: 'Enter your first name',
});
export const TextValid = text.valid;
export const TextInvalid = text.invalid;

const email = kindStories({
  key: 'email',
  fixture: 'pendingTradeCrypto',
  capability: 'tradeCrypto',
  fillValid: (canvas) => typeInto(canvas, 'Email address', 'ada@example.com'),
  fillInvalid: (canvas) => typeInto(canvas, 'Email address', 'ada.example.com'),
  error: 'Enter an email address in the correct format, like name@example.com',
});
export const EmailValid = email.valid;
export const EmailInvalid = email.invalid;

const date = kindStories({
  key: 'dateOfBirth',
  fixture: 'pendingNew',
  capability: 'custodyFiat',
  fillValid: async (canvas) => {
    await typeInto(canvas, 'Day', '27');
    await typeInto(canvas, 'Month', '3');
    await typeInto(canvas, 'Year', '1990');
  },
  fillInvalid: async (canvas) => {
    await typeInto(canvas, 'Day', '31');
    await typeInto(canvas, 'Month', '2');
    await typeInto(canvas, 'Year', '1990');
  },
  error: 'Date of birth must be a real date',
});
export const DateValid = date.valid;
export const DateInvalid = date.invalid;

const ssn = kindStories({
  key: 'fullSsn',
  fixture: 'pendingNew',
  capability: 'custodyFiat',
  fillValid: async (canvas) => {
    // Masked: a password box has no textbox role, so find it by its label.
    await userEvent.type(await canvas.findByLabelText('Social Security number'), '123-45-6789');
  },
  fillInvalid: async (canvas) => {
    await userEvent.type(await canvas.findByLabelText('Social Security number'), '1234');
  },
  error: 'Enter a 9-digit Social Security number',
});
export const SsnValid = ssn.valid;
export const SsnInvalid = ssn.invalid;

/** The SSN is masked until the person asks to see it; pasting works. */
export const SsnShowHide: Story = {
  args: { capabilities: ['custodyFiat'], saveDraft: false },
  parameters: { kycKit: { customer: onlyRequirements(customerFixtures.pendingNew, ['fullSsn']) } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const input = await canvas.findByLabelText('Social Security number');
    await expect(input).toHaveAttribute('type', 'password');
    await expect(input).toHaveAttribute('autocomplete', 'off');
    await userEvent.click(input);
    await userEvent.paste('123456789');
    await expect(input).toHaveValue('123456789');
    await userEvent.click(canvas.getByRole('button', { name: 'Show: Social Security number' }));
    await expect(input).toHaveAttribute('type', 'text');
    await userEvent.click(canvas.getByRole('button', { name: 'Hide: Social Security number' }));
    await expect(input).toHaveAttribute('type', 'password');
  },
};

const ssnLast4 = kindStories({
  key: 'ssnLast4',
  fixture: 'pendingTax',
  capability: 'custodyFiat',
  fillValid: async (canvas) =>
    userEvent.type(await canvas.findByLabelText('Last 4 digits of your Social Security number'), '6789'),
  fillInvalid: async (canvas) =>
    userEvent.type(await canvas.findByLabelText('Last 4 digits of your Social Security number'), '67'),
  error: 'Enter exactly 4 digits',
});
export const SsnLast4Valid = ssnLast4.valid;
export const SsnLast4Invalid = ssnLast4.invalid;

const phone = kindStories({
  key: 'phoneNumber',
  fixture: 'pendingTradeCrypto',
  capability: 'tradeCrypto',
  fillValid: async (canvas) => {
    await userEvent.type(await canvas.findByRole('textbox', { name: 'Number' }), '(201) 555-0123');
  },
  fillInvalid: async (canvas) => {
    await userEvent.type(await canvas.findByRole('textbox', { name: 'Number' }), '12');
  },
  error: 'Enter a real phone number, including the area code',
});
export const PhoneValid = phone.valid;
export const PhoneInvalid = phone.invalid;

/** Another country: choosing it loads every country's phone rules (only +1's ship inline), then checks by them. */
const chooseUnitedKingdom = async (canvas: Canvas) => {
  await chooseOption(canvas, 'Country code', 'GB');
  await waitFor(() => expect(isPhoneMetadataLoaded()).toBe(true));
};
const phoneOtherCountry = kindStories({
  key: 'phoneNumber',
  fixture: 'pendingTradeCrypto',
  capability: 'tradeCrypto',
  fillValid: async (canvas) => {
    await chooseUnitedKingdom(canvas);
    await typeInto(canvas, 'Number', '020 7946 0958');
  },
  fillInvalid: async (canvas) => {
    await chooseUnitedKingdom(canvas);
    // Long enough to pass on length alone: only the United Kingdom's own rules refuse it.
    await typeInto(canvas, 'Number', '020 7946 09');
  },
  error: 'Enter a real phone number, including the area code',
});
export const PhoneOtherCountryValid = phoneOtherCountry.valid;
export const PhoneOtherCountryInvalid = phoneOtherCountry.invalid;

/** The whole address step: line 1, city, the state list (states, DC, territories), ZIP and country. */
const address = kindStories({
  key: 'addressPostalCode',
  fixture: 'pendingNew',
  capability: 'custodyFiat',
  fillValid: (canvas) => typeInto(canvas, 'ZIP code', '62701'),
  fillInvalid: (canvas) => typeInto(canvas, 'ZIP code', '6270'),
  error: 'Enter a 5-digit ZIP code, or ZIP+4',
});
export const PostalCodeValid = address.valid;
export const PostalCodeInvalid = address.invalid;

const subdivision = kindStories({
  key: 'addressSubdivision',
  fixture: 'pendingNew',
  capability: 'custodyFiat',
  fillValid: (canvas) => chooseOption(canvas, 'State', 'PR'),
  fillInvalid: leaveEmpty,
  error: 'Select your state',
});
export const StateSelectValid = subdivision.valid;
export const StateSelectInvalid = subdivision.invalid;

const country = kindStories({
  key: 'citizenship',
  fixture: 'pendingTradeCrypto',
  capability: 'tradeCrypto',
  fillValid: (canvas) => chooseOption(canvas, 'Country of citizenship', 'FR'),
  fillInvalid: leaveEmpty,
  error: 'Select your country of citizenship',
});
export const CountryValid = country.valid;
export const CountryInvalid = country.invalid;

const select = kindStories({
  key: 'purposeOfAccount',
  fixture: 'pendingNew',
  capability: 'custodyFiat',
  fillValid: (canvas) => chooseOption(canvas, 'Main purpose of this account', 'investing'),
  fillInvalid: leaveEmpty,
  error: 'Select the main purpose of this account',
});
export const SelectValid = select.valid;
export const SelectInvalid = select.invalid;

const checkbox = kindStories({
  key: 'taxAttestation',
  fixture: 'pendingTax',
  capability: 'custodyFiat',
  fillValid: async (canvas) => {
    for (const box of await canvas.findAllByRole('checkbox')) await userEvent.click(box);
  },
  fillInvalid: leaveEmpty,
  error: 'Confirm that your taxpayer identification number is correct',
});
export const CheckboxGroupValid = checkbox.valid;
export const CheckboxGroupInvalid = checkbox.invalid;

/**
 * A requirement key nobody describes (no registry entry, no partner spec):
 * never a field nobody can submit, but the generic "contact support" state.
 */
export const UnknownKeyContactSupport: Story = {
  parameters: {
    kycKit: { customer: onlyRequirements(customerFixtures.pendingUnknownKey, ['employerName']) },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('We need something else from you')).toBeInTheDocument();
    await expect(canvas.queryByRole('textbox')).toBeNull();
  },
};

/** The address step as a whole, from the sandbox's new customer. */
export const AddressStep: Story = {
  parameters: {
    kycKit: {
      customer: onlyRequirements(customerFixtures.pendingNew, [
        'addressLine1',
        'addressCity',
        'addressSubdivision',
        'addressPostalCode',
        'addressCountryCode',
      ]),
    },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const state = await canvas.findByRole('combobox', { name: 'State' });
    await expect(within(state).getByRole('option', { name: 'District of Columbia' })).toBeInTheDocument();
    await expect(within(state).getByRole('option', { name: 'Guam' })).toBeInTheDocument();
  },
};

/** A field the provider rejected: asked again, with a calm note, never the reason. */
export const RejectedField: Story = { parameters: { kycKit: { fixture: 'pendingRejected' } } };

/** Overdue and due-by-a-date fields show their deadline. */
export const OverdueField: Story = {
  parameters: {
    kycKit: { customer: onlyRequirements(customerFixtures.pendingOverdue, ['addressLine1', 'addressCity']) },
  },
  play: async ({ canvasElement }) => {
    await expect(
      await within(canvasElement).findByText('Overdue · Needed by March 1, 2026'),
    ).toBeInTheDocument();
  },
};

/** The three-box date, the masked SSN and the phone pair on one step, for the theme, language and width stories. */
const compoundKinds = {
  args: { capabilities: ['tradeCrypto'], saveDraft: false },
  customer: onlyRequirements(customerFixtures.pendingTradeCrypto, ['dateOfBirth', 'fullSsn', 'phoneNumber']),
};

/** Invalid in Spanish: the errors and the date boxes' labels come from the Spanish catalogue. */
export const CompoundKindsSpanishInvalid: Story = {
  args: compoundKinds.args,
  parameters: { kycKit: { customer: compoundKinds.customer, locale: 'es' } },
  play: async ({ canvasElement }) => {
    await userEvent.click(await within(canvasElement).findByRole('button', { name: 'Continuar' }));
    await waitFor(() =>
      expect(canvasElement.querySelectorAll('[aria-invalid="true"]').length).toBeGreaterThan(1),
    );
  },
};

export const CompoundKindsDarkInvalid: Story = {
  args: { ...compoundKinds.args, appearance: { theme: 'dark' } },
  parameters: { kycKit: { customer: compoundKinds.customer } },
  play: async ({ canvasElement }) => {
    await userEvent.click(await within(canvasElement).findByRole('button', { name: 'Continue' }));
    await waitFor(() =>
      expect(canvasElement.querySelectorAll('[aria-invalid="true"]').length).toBeGreaterThan(1),
    );
  },
};

/** On a phone: the date boxes and the phone pair fit in 375 px, nothing scrolls sideways. */
export const CompoundKindsPhone375: Story = {
  args: compoundKinds.args,
  parameters: { kycKit: { customer: compoundKinds.customer, width: 375 } },
  globals: { viewport: { value: 'mobile2', isRotated: false } },
  play: async ({ canvasElement }) => {
    const form = await within(canvasElement).findByRole('form');
    await expect(form.scrollWidth).toBeLessThanOrEqual(375);
  },
};
