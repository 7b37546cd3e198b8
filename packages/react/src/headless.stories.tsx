import { datePartOrder } from '@kyc-kit/core';
import {
  useKycKit,
  useRequirementField,
  useRequirementsErrorSummary,
  useRequirementsForm,
} from '@kyc-kit/hooks';
import type { RequirementsForm } from '@kyc-kit/hooks';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';

/** One field from `useRequirementField`'s bags, spread onto plain elements: no kit component, no kit class. */
function PlainField({ form, name }: { form: RequirementsForm; name: string }) {
  const field = useRequirementField({ form, name });
  const { locale } = useKycKit();
  const messages = (
    <>
      {field.description !== undefined ? <p {...field.descriptionProps}>{field.description}</p> : null}
      {field.errorMessage !== undefined ? <p {...field.errorMessageProps}>{field.errorMessage}</p> : null}
    </>
  );
  switch (field.control) {
    case 'input':
      return (
        <div>
          <label {...field.labelProps}>{field.label}</label>
          {messages}
          <input {...field.inputProps} />
        </div>
      );
    case 'select':
      return (
        <div>
          <label {...field.labelProps}>{field.label}</label>
          {messages}
          <select {...field.selectProps}>
            {field.options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
      );
    case 'date':
      return (
        <fieldset {...field.groupProps}>
          <legend {...field.labelProps}>{field.label}</legend>
          {messages}
          {/* The boxes in the order the locale writes a date (core's `datePartOrder`). */}
          {datePartOrder(locale).map((name) => (
            <span key={name}>
              <label {...field[name].labelProps}>{field[name].label}</label>{' '}
              <input size={4} {...field[name].controlProps} />{' '}
            </span>
          ))}
        </fieldset>
      );
    case 'phone':
      return (
        <fieldset {...field.groupProps}>
          <legend {...field.labelProps}>{field.label}</legend>
          {messages}
          <label {...field.country.labelProps}>{field.country.label}</label>
          <select {...field.country.controlProps}>
            {field.country.options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
          <label {...field.number.labelProps}>{field.number.label}</label>
          <input {...field.number.controlProps} />
        </fieldset>
      );
    case 'checkboxGroup':
      return (
        <fieldset {...field.groupProps}>
          <legend {...field.labelProps}>{field.label}</legend>
          {messages}
          {field.options.map((option) => (
            <div key={option.value}>
              <input {...option.controlProps} /> <label {...option.labelProps}>{option.label}</label>
            </div>
          ))}
        </fieldset>
      );
    default:
      return field satisfies never;
  }
}

/** The summary from `useRequirementsErrorSummary`: it takes focus after a failed submit; each link focuses its field. */
function PlainErrorSummary({ form }: { form: RequirementsForm }) {
  const summary = useRequirementsErrorSummary(form);
  if (!summary.hasErrors) return null;
  return (
    <div {...summary.summaryProps}>
      <h3 {...summary.titleProps}>{summary.title}</h3>
      <ul>
        {summary.items.map((item) => (
          <li key={item.key}>
            <a {...summary.getLinkProps(item)}>{item.message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Props of {@link PlainRequirementsForm}. */
interface PlainRequirementsFormProps {
  /** The capabilities whose requirements the form collects. */
  capabilities: string[];
}

/**
 * A partner's own form over the headless hooks: `useRequirementsForm` plans
 * the steps and validates, `useRequirementField` gives each field's label,
 * control, hint and error bags wired by id, `useRequirementsErrorSummary`
 * the summary. Plain HTML elements only: the partner keeps its design system.
 */
function PlainRequirementsForm({ capabilities }: PlainRequirementsFormProps) {
  const { t } = useKycKit();
  const form = useRequirementsForm({ capabilities, saveDraft: false });
  if (form.step === undefined) return <p role="status">{form.isLoading ? t('status.loading') : ''}</p>;
  return (
    <form {...form.formProps}>
      <p>{form.progressLabel}</p>
      <h2 {...form.titleProps}>{form.step.title}</h2>
      <PlainErrorSummary form={form} />
      {form.fieldKeys.map((key) => (
        <PlainField key={key} form={form} name={key} />
      ))}
      <button type="submit">{t('form.submit')}</button>
    </form>
  );
}

const meta = {
  title: 'Headless hooks/useRequirementsForm',
  component: PlainRequirementsForm,
  args: { capabilities: ['custodyFiat'] },
  parameters: { kycKit: { fixture: 'pendingNew' } },
} satisfies Meta<typeof PlainRequirementsForm>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The first step as plain HTML: every control labelled by the bags' ids. */
export const PlainForm: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('textbox', { name: 'First name' })).toHaveAttribute(
      'aria-required',
      'true',
    );
    await expect(canvas.getByRole('group', { name: 'Date of birth' })).toHaveAccessibleDescription(
      'For example, 3 27 1990',
    );
  },
};

/** Submit with nothing typed: the bags mark each field invalid, the summary takes focus and links to the fields. */
export const FailedSubmit: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Continue' }));
    const summary = await canvas.findByRole('alert');
    await waitFor(() => expect(summary).toHaveFocus());
    const firstName = canvas.getByRole('textbox', { name: 'First name' });
    await expect(firstName).toHaveAttribute('aria-invalid', 'true');
    await expect(firstName).toHaveAccessibleDescription('Enter your first name');
    await userEvent.click(within(summary).getByRole('link', { name: 'Enter your first name' }));
    await expect(firstName).toHaveFocus();
  },
};

/** The same bags in Spanish: labels, hint and errors from the catalogue, the date day first. */
export const Spanish: Story = {
  globals: { locale: 'es' },
  play: async ({ canvasElement }) => {
    const group = await within(canvasElement).findByRole('group', { name: 'Fecha de nacimiento' });
    await expect(group).toHaveAccessibleDescription('Por ejemplo, 27 3 1990');
    await expect(
      within(group)
        .getAllByRole('textbox')
        .map((box) => box.getAttribute('autocomplete')),
    ).toEqual(['bday-day', 'bday-month', 'bday-year']);
  },
};

/** Another capability's fields (a phone with its calling code, citizenship by name) through the same bags. */
export const TradeCrypto: Story = {
  args: { capabilities: ['tradeCrypto'] },
  parameters: { kycKit: { fixture: 'pendingTradeCrypto' } },
};
