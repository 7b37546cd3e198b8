import {
  EMPLOYMENT_STATUS_VALUES,
  EXPECTED_VOLUME_VALUES,
  OCCUPATION_VALUES,
  PURPOSE_OF_ACCOUNT_VALUES,
  SOURCE_OF_FUNDS_VALUES,
} from '../providers/coinbaseEnums';

/**
 * `option.<field>.<value>` for each of a select's values: `words[value]`, or
 * else the value itself in words (`arts_and_media`: "Arts and media"), so a
 * label that only spells out its value is not written (and shipped) twice.
 */
function optionLabels<Field extends string, Value extends string>(
  field: Field,
  values: readonly Value[],
  words: Partial<Record<Value, string>>,
): Record<`option.${Field}.${Value}`, string> {
  const labels: Record<string, string> = {};
  for (const value of values) {
    const spelled = value.replaceAll('_', ' ');
    labels[`option.${field}.${value}`] = words[value] ?? spelled.charAt(0).toUpperCase() + spelled.slice(1);
  }
  return labels as Record<`option.${Field}.${Value}`, string>;
}

/**
 * The English catalogue. Every id the kit renders lives here; Spanish (es.ts)
 * must translate each one (its type enforces it). Texts follow the GOV.UK
 * pattern: errors say what to do. No text takes a provider string as a
 * parameter: the only parameters are numbers and kit-made values.
 */
export const en = {
  // Generic, compliance-safe: the only thing an end-user sees about a
  // compliance decision (seed 000: "Show a generic message such as ...").
  'status.unableToComplete': "We're unable to complete this request. Please contact support.",
  // Any wait the kit shows without a more specific text (a customer read, a step loading).
  'status.loading': 'Loading…',

  'capability.custodyFiat.name': 'Hold US dollars',
  'capability.custodyStablecoin.name': 'Hold stablecoins',
  'capability.custodyCrypto.name': 'Hold crypto',
  'capability.transferFiat.name': 'Send bank transfers',
  'capability.transferCrypto.name': 'Send crypto',
  'capability.transferStablecoin.name': 'Send stablecoins',
  'capability.tradeStablecoin.name': 'Convert stablecoins',
  'capability.tradeCrypto.name': 'Trade crypto',
  'capability.basic.name': 'Basic account',
  'capability.cryptoCustody.name': 'Crypto account',
  'capability.usd.name': 'US dollar account',
  'capability.unknown.name': 'This feature',

  'capability.status.unrequested': 'Not set up',
  'capability.status.pending': 'In progress',
  'capability.status.actionNeeded': 'Action needed',
  'capability.status.inReview': 'In review',
  // One line for everything the provider is verifying, instead of a row per field.
  'requirements.verifying.one': '1 detail is being verified.',
  'requirements.verifying.other': '{count} details are being verified.',
  'capability.status.active': 'Ready',
  'capability.status.inactive': 'Unavailable',
  'capability.status.unknown': 'Status unavailable',
  'capability.status.unrequested.description': "This feature isn't set up for your account yet.",
  'capability.status.pending.description':
    "We're reviewing your details. Some information may still be needed.",
  'capability.status.active.description': 'This feature is ready to use.',
  'capability.status.inactive.description': "We're unable to complete this request. Please contact support.",
  'capability.status.unknown.description':
    "We can't show the status of this feature right now. Please try again later.",

  'gate.reason.active': "You're all set.",
  'gate.reason.needs_input': 'We need a few more details before you can continue.',
  'gate.reason.verifying': "We're verifying your details. This usually takes less than a minute.",
  'gate.reason.unavailable': "We're unable to complete this request. Please contact support.",
  'gate.reason.not_requested': "This feature isn't set up for your account yet.",

  'requirement.status.eventually_due': 'Needed later',
  'requirement.status.due': 'Needed now',
  'requirement.status.pending': 'Being verified',
  'requirement.status.rejected': 'Check and enter again',
  'requirement.status.overdue': 'Overdue',
  'requirement.status.unknown': 'In review',
  'requirement.status.not_submitted': 'Needed',

  'step.personal.title': 'About you',
  'step.address.title': 'Your home address',
  'step.taxId.title': 'Tax information',
  'step.financial.title': 'About your account',
  'step.contact.title': 'Contact details',
  'step.terms.title': 'Terms of Service',
  'step.progress': 'Step {current} of {total}',

  'form.submit': 'Continue',
  'form.submitting': 'Saving…',
  'form.errorSummary.title': 'There is a problem',
  'form.waiting': "We're verifying the details you sent. You don't need to do anything.",
  'form.complete': 'Thanks, we have everything we need.',
  'form.deadline': 'Needed by {date}',

  // The styled components' own words: buttons and headings of the flow.
  'form.back': 'Back',
  // The review step ("Check your answers", GOV.UK): a sensitive value is never shown, only that it was given.
  'step.review.title': 'Check your answers',
  'review.provided': 'Provided',
  'review.change': 'Change',
  // `{field}` is the field's catalogue label.
  'review.change.label': 'Change {field}',
  // After the last submit, on the verifying screen.
  'onboarding.next.title': 'What happens next',
  'onboarding.next.body': 'This page updates when the check is done. You can leave and come back later.',
  'status.retry': 'Try again',
  'field.ssn.show': 'Show',
  'field.ssn.hide': 'Hide',
  'onboarding.verifying.title': 'Checking your details',
  'onboarding.done.title': "You're all set",
  // Names what is ready now: `{capabilities}` is the catalogue names of the capabilities, joined by the kit.
  'onboarding.done.unlocked': 'Ready to use: {capabilities}.',
  // A value the provider rejected is asked again: what happened, never why.
  'step.recheck.title.one': 'We need to check one detail',
  'step.recheck.title.other': 'We need to check a few details',
  'onboarding.unavailable.title': 'We can’t continue',
  // How to reach the partner's support (`support` option): a link, an email, the partner's own reference.
  'support.link': 'Contact support',
  'support.reference': 'Your reference: {reference}',
  'onboarding.exit': 'Finish later',
  'onboarding.close': 'Close',
  'gate.start': 'Continue setup',
  'tos.accept.submit': 'Accept and continue',
  'requirements.title': 'What we still need',

  'field.rejected': "We couldn't verify this. Check it and enter it again.",
  'field.error.tooLong': 'Enter 256 characters or fewer',
  // Control characters, direction overrides and broken characters: what no keyboard types.
  'field.error.characters': 'Remove the special characters you entered',
  // The proxy's field-level codes: a key outside the registry, and `tos` sent as a field.
  'field.error.unknown': 'This field is not part of onboarding.',
  'field.error.tosNotAField': 'Accept the Terms of Service on their own step.',
  'field.select.placeholder': 'Select an option',

  'field.generic.label': 'Additional information',
  'field.generic.error.required': 'Enter this information',
  // A requirement the kit has no field spec for: never an unsubmittable field.
  'field.unsupported.title': 'We need something else from you',
  'field.unsupported.description':
    "We need more information that can't be collected here. Please contact support.",

  'field.firstName.label': 'First name',
  'field.firstName.error.required': 'Enter your first name',
  'field.lastName.label': 'Last name',
  'field.lastName.error.required': 'Enter your last name',

  'field.dateOfBirth.label': 'Date of birth',
  'field.dateOfBirth.hint': 'For example, {example}',
  'field.dateOfBirth.day.label': 'Day',
  'field.dateOfBirth.month.label': 'Month',
  'field.dateOfBirth.year.label': 'Year',
  'field.dateOfBirth.error.required': 'Enter your date of birth',
  'field.dateOfBirth.error.day': 'Date of birth must include a day',
  'field.dateOfBirth.error.month': 'Date of birth must include a month',
  'field.dateOfBirth.error.year': 'Date of birth must include a year',
  'field.dateOfBirth.error.yearFormat': 'Enter the year as 4 digits, for example 1990',
  'field.dateOfBirth.error.real': 'Date of birth must be a real date',
  'field.dateOfBirth.error.past': 'Date of birth must be in the past',
  'field.dateOfBirth.error.minimumAge': "You're not old enough to open this account",
  'field.dateOfBirth.error.tooOld': 'Date of birth must be within the last 120 years',

  'field.ssnLast4.label': 'Last 4 digits of your Social Security number',
  'field.ssnLast4.error.required': 'Enter the last 4 digits of your Social Security number',
  'field.ssnLast4.error.invalid': 'Enter exactly 4 digits',
  'field.fullSsn.label': 'Social Security number',
  'field.fullSsn.hint': 'All 9 digits, with or without dashes: 123-45-6789 or 123456789.',
  'field.fullSsn.error.required': 'Enter your Social Security number',
  'field.fullSsn.error.invalid': 'Enter a 9-digit Social Security number',
  'field.itin.label': 'Individual Taxpayer Identification Number (ITIN)',
  'field.itin.hint': 'All 9 digits, with or without dashes: 912-70-1234 or 912701234.',
  'field.itin.error.required': 'Enter your ITIN',
  'field.itin.error.invalid': 'Enter a 9-digit ITIN that starts with 9, like 912-70-1234',
  'field.passport.label': 'Passport number',
  'field.passport.error.required': 'Enter your passport number',
  'field.passport.error.invalid': 'Enter the passport number as letters and numbers only',
  'field.driversLicense.label': "Driver's license number",
  'field.driversLicense.error.required': "Enter your driver's license number",
  'field.driversLicense.error.invalid': "Enter the driver's license number as letters and numbers only",

  'field.addressLine1.label': 'Street address',
  'field.addressLine1.error.required': 'Enter your street address',
  'field.addressCity.label': 'City',
  'field.addressCity.error.required': 'Enter your city',
  'field.addressSubdivision.label': 'State',
  'field.addressSubdivision.error.required': 'Select your state',
  'field.addressSubdivision.error.invalid': 'Select a US state, district or territory',
  'field.addressPostalCode.label': 'ZIP code',
  'field.addressPostalCode.error.required': 'Enter your ZIP code',
  'field.addressPostalCode.error.invalid': 'Enter a 5-digit ZIP code, or ZIP+4',
  'field.addressCountryCode.label': 'Country',
  'field.addressCountryCode.hint': 'Only US addresses are supported.',
  'field.addressCountryCode.error.required': 'Select your country',
  'field.addressCountryCode.error.invalid': 'Enter an address in the United States',

  'field.email.label': 'Email address',
  'field.email.error.required': 'Enter your email address',
  'field.email.error.invalid': 'Enter an email address in the correct format, like name@example.com',
  'field.phoneNumber.label': 'Phone number',
  'field.phoneNumber.hint': 'Include the area code.',
  'field.phoneNumber.country.label': 'Country code',
  'field.phoneNumber.number.label': 'Number',
  'field.phoneNumber.error.required': 'Enter your phone number',
  'field.phoneNumber.error.invalid': 'Enter a real phone number, including the area code',

  'field.citizenship.label': 'Country of citizenship',
  'field.citizenship.error.required': 'Select your country of citizenship',
  'field.citizenship.error.invalid': 'Select a country from the list',

  'field.purposeOfAccount.label': 'Main purpose of this account',
  'field.purposeOfAccount.error.required': 'Select the main purpose of this account',
  'field.sourceOfFunds.label': 'Main source of your funds',
  'field.sourceOfFunds.error.required': 'Select where most of your money comes from',
  'field.employmentStatus.label': 'Employment status',
  'field.employmentStatus.error.required': 'Select your employment status',
  'field.occupation.label': 'Occupation or industry',
  'field.occupation.error.required': 'Select your occupation or industry',
  'field.expectedVolume.label': 'Expected yearly activity',
  'field.expectedVolume.hint': 'How much you expect to move through this account in a year, in US dollars.',
  'field.expectedVolume.error.required': 'Select how much you expect to move through this account each year',

  'field.tos.label': 'Terms of Service',
  'field.tos.accept': 'I have read and accept the Terms of Service',
  'field.tos.error.required': 'Read and accept the Terms of Service to continue',
  'field.tos.language': 'Language',
  'field.tos.openFull': 'Open the full Terms of Service (new tab)',
  'field.tos.loading': 'Loading the Terms of Service…',
  'field.tos.unavailable': "We couldn't load the Terms of Service. Try again.",

  'field.taxAttestation.label': 'Tax certification (IRS Form W-9)',
  'field.taxAttestation.hint': 'Under penalties of perjury, you certify the statements you check.',
  'field.taxAttestation.certifyTaxpayerId':
    'The Social Security number I gave is my correct taxpayer identification number',
  'field.taxAttestation.certifyUsPerson': 'I am a US citizen or other US person',
  'field.taxAttestation.isExemptBackupWithholding': 'I am exempt from backup withholding',
  'field.taxAttestation.edeliveryConsent': 'Send my tax documents to me electronically',
  'field.taxAttestation.error.certifyTaxpayerId':
    'Confirm that your taxpayer identification number is correct',
  'field.taxAttestation.error.certifyUsPerson': 'Confirm that you are a US person',
  'field.taxAttestation.error.required': 'Complete the tax certification',

  ...optionLabels('purposeOfAccount', PURPOSE_OF_ACCOUNT_VALUES, {
    long_term_investment: 'Long-term investment',
    short_term_investment: 'Short-term investment',
    trading_on_coinbase: 'Trading digital assets',
    transfer_crypto: 'Transferring crypto',
  }),
  ...optionLabels('sourceOfFunds', SOURCE_OF_FUNDS_VALUES, {
    employment_business_income: 'Employment or business income',
    family_or_third_party: 'Family or another person',
  }),
  ...optionLabels('employmentStatus', EMPLOYMENT_STATUS_VALUES, {
    employed_fulltime: 'Employed full-time',
    employed_parttime: 'Employed part-time',
    self_employed: 'Self-employed',
    employed_government_official: 'Government official',
    employed_company_officer_or_board_member: 'Company officer or board member',
    employed_crypto_related_business: 'Employed in a crypto business',
  }),
  ...optionLabels('occupation', OCCUPATION_VALUES, {
    energy_oil_and_gas: 'Energy: oil and gas',
    energy_other: 'Energy: other',
    financial_services_non_crypto: 'Financial services (not crypto)',
    fintech_non_crypto_software_development: 'Fintech software development (not crypto)',
    fintech_non_crypto_internet_only_financial_institution: 'Online-only financial institution (not crypto)',
    fintech_non_crypto_other: 'Other fintech (not crypto)',
    healthcare_other: 'Healthcare: other',
    healthcare_pharmaceuticals: 'Healthcare: pharmaceuticals',
    mining_crypto: 'Crypto mining',
    non_profit_and_charity: 'Non-profit and charity',
    pharma_industry: 'Pharmaceutical industry',
    property_and_construction_building_work: 'Property and construction: building work',
    property_and_construction_commercial_and_management:
      'Property and construction: commercial and management',
    property_and_construction_design: 'Property and construction: design',
    retail_fashion: 'Retail: fashion',
    retail_food_and_beverage: 'Retail: food and beverage',
    retail_jewelry_and_antiques: 'Retail: jewelry and antiques',
    retail_other: 'Retail: other',
    retail_pharmacy: 'Retail: pharmacy',
    technology_and_it: 'Technology and IT',
    dependent_student_unemployed: 'Dependent, student or unemployed',
  }),
  ...optionLabels('expectedVolume', EXPECTED_VOLUME_VALUES, {
    under_1k: 'Under $1,000',
    '1k_to_10k': '$1,000 to $10,000',
    '10k_to_100k': '$10,000 to $100,000',
    '100k_to_250k': '$100,000 to $250,000',
    '250k_to_750k': '$250,000 to $750,000',
    '750k_to_1_5m': '$750,000 to $1.5 million',
    '1_5m_plus': 'Over $1.5 million',
  }),

  'error.api.no_customer': "You haven't started onboarding yet.",
  'error.api.invalid_fields': 'Check the highlighted fields and try again.',
  'error.api.invalid_request': 'Something went wrong with this request. Please try again.',
  'error.api.unauthorized': 'Sign in again to continue.',
  'error.api.forbidden': "We're unable to complete this request. Please contact support.",
  'error.api.not_found': "We couldn't find what you asked for. Refresh the page and try again.",
  'error.api.conflict': 'This was already sent. Refresh the page to see the latest status.',
  'error.api.rate_limited': 'Too many attempts. Wait a moment and try again.',
  'error.api.upstream_unavailable': 'The service is busy. Try again in a few minutes.',
  'error.api.unsupported_tos_language':
    "The Terms of Service aren't available in that language. Choose another language.",
  'error.api.customer_not_authorized': "We're unable to complete this request. Please contact support.",
  'error.api.network': 'Check your internet connection and try again.',
  'error.api.internal': 'Something went wrong on our side. Please try again.',
} as const satisfies Record<string, string>;
