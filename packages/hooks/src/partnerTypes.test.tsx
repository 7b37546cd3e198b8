import { describe, expectTypeOf, it } from 'vitest';
// What a partner imports: the package's entry, nothing deeper.
import type {
  KycKitApiError,
  Onboarding,
  OnboardingStatus,
  RequirementFieldProps,
  RequirementsErrorSummary,
  TermsOfService,
  Translate,
  UseCapabilityResult,
  UseOnboardingOptions,
} from './index';

/**
 * A partner's own markup, type-checked (`pnpm run typecheck`) and never rendered: every bag spreads onto a
 * plain element without a cast, and a typo in a message id, a state or an option is a compile error.
 */
export function PartnerMarkup({
  t,
  onboarding,
  field,
  summary,
}: {
  t: Translate;
  onboarding: Onboarding;
  field: RequirementFieldProps;
  summary: RequirementsErrorSummary;
}) {
  const terms: TermsOfService = onboarding.terms;
  return (
    <>
      <form {...onboarding.form.formProps}>
        <h2 {...onboarding.form.titleProps}>{t('form.errorSummary.title')}</h2>
        {field.control === 'input' && <input {...field.inputProps} />}
        {field.control === 'select' && <select {...field.selectProps} />}
        {field.control === 'date' && (
          <fieldset {...field.groupProps}>
            <legend {...field.labelProps}>{field.label}</legend>
            <input {...field.day.controlProps} />
            <label {...field.month.labelProps}>{field.month.label}</label>
          </fieldset>
        )}
        {field.control === 'phone' && (
          <div {...field.groupProps}>
            <select {...field.country.controlProps} />
            <input {...field.number.controlProps} />
          </div>
        )}
        {field.control === 'checkboxGroup' &&
          field.options.map((option) => <input key={option.value} {...option.controlProps} />)}
        <p {...field.descriptionProps}>{field.description}</p>
        <p {...field.errorMessageProps}>{field.errorMessage}</p>
      </form>
      <div {...summary.summaryProps}>
        <h2 {...summary.titleProps}>{summary.title}</h2>
        {summary.items.map((item) => (
          <a key={item.key} {...summary.getLinkProps(item)}>
            {item.message}
          </a>
        ))}
      </div>
      <form {...terms.formProps}>
        <label {...terms.languageLabelProps}>{t('field.tos.language')}</label>
        <select {...terms.languageSelectProps} />
        {terms.documentProps && <div {...terms.documentProps} />}
        {terms.documentLinkProps && <a {...terms.documentLinkProps}>{t('field.tos.openFull')}</a>}
        <input {...terms.consentCheckboxProps} />
        <label {...terms.consentLabelProps}>{t('field.tos.accept')}</label>
        <p {...terms.consentErrorProps}>{terms.consentError}</p>
      </form>
      {onboarding.review?.steps.map((step) =>
        step.rows.map((row) => <button key={row.key} {...row.changeButtonProps} />),
      )}
    </>
  );
}

describe("a partner's TypeScript", () => {
  // Checked by `pnpm run typecheck` (each @ts-expect-error fails it when the line compiles).
  it('catches a misspelt message id, state or option, and types every error', () => {
    // @ts-expect-error: no such message id
    expectTypeOf<Translate>().toBeCallableWith('field.firtName.label');
    expectTypeOf<Translate>().toBeCallableWith('field.firstName.label');
    // @ts-expect-error: no such state
    expectTypeOf<'verfying'>().toExtend<OnboardingStatus>();
    // @ts-expect-error: one capability or several, never both
    const both: UseOnboardingOptions = { capability: 'custodyFiat', capabilities: ['tradeCrypto'] };
    expectTypeOf(both).toEqualTypeOf<UseOnboardingOptions>();
    expectTypeOf<Onboarding['form']['submitError']>().toEqualTypeOf<KycKitApiError | null>();
    expectTypeOf<UseCapabilityResult['error']>().toEqualTypeOf<KycKitApiError | null>();
    expectTypeOf<KycKitApiError['code']>().toEqualTypeOf<string>();
  });
});
