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

/** The ids of a nested catalogue: each key path joined by dots (a key may hold dots itself). */
type Ids<Tree, Prefix extends string = ''> = {
  [Key in keyof Tree & string]: Tree[Key] extends string
    ? `${Prefix}${Key}`
    : Ids<Tree[Key], `${Prefix}${Key}.`>;
}[keyof Tree & string];

/** A nested catalogue as dotted ids: `{ form: { back: 'Back' } }` is `{ 'form.back': 'Back' }`. */
function flatten<Tree extends object>(
  tree: Tree,
  prefix = '',
  into: Record<string, string> = {},
): Record<Ids<Tree>, string> {
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') into[prefix + key] = value;
    else flatten(value as object, `${prefix}${key}.`, into);
  }
  return into as Record<Ids<Tree>, string>;
}

/**
 * The English catalogue. Every id the kit renders lives here; Spanish (es.ts)
 * must translate each one (its type enforces it). Texts follow the GOV.UK
 * pattern: errors say what to do. No text takes a provider string as a
 * parameter: the only parameters are numbers and kit-made values.
 *
 * Written nested by the ids' segments (`form: { back: 'Back' }` is the id
 * `form.back`; a key may hold dots itself, `'change.label'`), so a field's
 * texts sit together and each prefix is written once, in the source and in
 * the bundle (`enTree`); `en` itself is flat, by id. Two paths that join to
 * one id would drop a message: messages.test.ts checks that none do.
 */
export const enTree = {
  status: {
    // Generic, compliance-safe: the only thing an end-user sees about a
    // compliance decision (seed 000: "Show a generic message such as ...").
    unableToComplete: "We're unable to complete this request. Please contact support.",
    // Any wait the kit shows without a more specific text (a customer read, a step loading).
    loading: 'Loading…',
    retry: 'Try again',
  },

  capability: {
    'custodyFiat.name': 'Hold US dollars',
    'custodyStablecoin.name': 'Hold stablecoins',
    'custodyCrypto.name': 'Hold crypto',
    'transferFiat.name': 'Send bank transfers',
    'transferCrypto.name': 'Send crypto',
    'transferStablecoin.name': 'Send stablecoins',
    'tradeStablecoin.name': 'Convert stablecoins',
    'tradeCrypto.name': 'Trade crypto',
    'basic.name': 'Basic account',
    'cryptoCustody.name': 'Crypto account',
    'usd.name': 'US dollar account',
    'unknown.name': 'This feature',
    status: {
      unrequested: 'Not set up',
      'unrequested.description': "This feature isn't set up for your account yet.",
      pending: 'In progress',
      'pending.description': "We're reviewing your details. Some information may still be needed.",
      actionNeeded: 'Action needed',
      inReview: 'In review',
      active: 'Ready',
      'active.description': 'This feature is ready to use.',
      inactive: 'Unavailable',
      'inactive.description': "We're unable to complete this request. Please contact support.",
      unknown: 'Status unavailable',
      'unknown.description': "We can't show the status of this feature right now. Please try again later.",
    },
  },

  requirements: {
    // One line for everything the provider is verifying, instead of a row per field.
    verifying: {
      one: '1 detail is being verified.',
      other: '{count} details are being verified.',
    },
    title: 'What we still need',
  },

  gate: {
    reason: {
      active: "You're all set.",
      needs_input: 'We need a few more details before you can continue.',
      verifying: "We're verifying your details. This usually takes less than a minute.",
      unavailable: "We're unable to complete this request. Please contact support.",
      not_requested: "This feature isn't set up for your account yet.",
    },
    start: 'Continue setup',
  },

  requirement: {
    status: {
      eventually_due: 'Needed later',
      due: 'Needed now',
      pending: 'Being verified',
      rejected: 'Check and enter again',
      overdue: 'Overdue',
      unknown: 'In review',
      not_submitted: 'Needed',
    },
  },

  step: {
    'personal.title': 'About you',
    'address.title': 'Your home address',
    'taxId.title': 'Tax information',
    'financial.title': 'About your account',
    'contact.title': 'Contact details',
    'terms.title': 'Terms of Service',
    progress: 'Step {current} of {total}',
    // The review step ("Check your answers", GOV.UK): a sensitive value is never shown, only that it was given.
    'review.title': 'Check your answers',
    // A value the provider rejected is asked again: what happened, never why.
    recheck: {
      title: {
        one: 'We need to check one detail',
        other: 'We need to check a few details',
      },
    },
  },

  form: {
    submit: 'Continue',
    submitting: 'Saving…',
    'errorSummary.title': 'There is a problem',
    waiting: "We're verifying the details you sent. You don't need to do anything.",
    complete: 'Thanks, we have everything we need.',
    deadline: 'Needed by {date}',
    // The styled components' Back button, before Continue on a step, the review and the Terms.
    back: 'Back',
  },

  review: {
    provided: 'Provided',
    change: 'Change',
    // `{field}` is the field's catalogue label.
    'change.label': 'Change {field}',
  },

  onboarding: {
    // After the last submit, on the verifying screen.
    next: {
      title: 'What happens next',
      body: 'This page updates when the check is done. You can leave and come back later.',
    },
    'verifying.title': 'Checking your details',
    done: {
      title: "You're all set",
      // Names what is ready now: `{capabilities}` is the catalogue names of the capabilities, joined by the kit.
      unlocked: 'Ready to use: {capabilities}.',
    },
    'unavailable.title': 'We can’t continue',
    exit: 'Finish later',
    close: 'Close',
  },

  field: {
    ssn: {
      show: 'Show',
      hide: 'Hide',
    },
    rejected: "We couldn't verify this. Check it and enter it again.",
    error: {
      tooLong: 'Enter 256 characters or fewer',
      // Control characters, direction overrides and broken characters: what no keyboard types.
      characters: 'Remove the special characters you entered',
      // The proxy's field-level codes: a key outside the registry, and `tos` sent as a field.
      unknown: 'This field is not part of onboarding.',
      tosNotAField: 'Accept the Terms of Service on their own step.',
    },
    'select.placeholder': 'Select an option',
    generic: {
      label: 'Additional information',
      error: { required: 'Enter this information' },
    },
    // A requirement the kit has no field spec for: never an unsubmittable field.
    unsupported: {
      title: 'We need something else from you',
      description: "We need more information that can't be collected here. Please contact support.",
    },
    firstName: {
      label: 'First name',
      error: { required: 'Enter your first name' },
    },
    lastName: {
      label: 'Last name',
      error: { required: 'Enter your last name' },
    },
    dateOfBirth: {
      label: 'Date of birth',
      hint: 'For example, {example}',
      'day.label': 'Day',
      'month.label': 'Month',
      'year.label': 'Year',
      error: {
        required: 'Enter your date of birth',
        day: 'Date of birth must include a day',
        month: 'Date of birth must include a month',
        year: 'Date of birth must include a year',
        yearFormat: 'Enter the year as 4 digits, for example 1990',
        real: 'Date of birth must be a real date',
        past: 'Date of birth must be in the past',
        minimumAge: "You're not old enough to open this account",
        tooOld: 'Date of birth must be within the last 120 years',
      },
    },
    ssnLast4: {
      label: 'Last 4 digits of your Social Security number',
      error: {
        required: 'Enter the last 4 digits of your Social Security number',
        invalid: 'Enter exactly 4 digits',
      },
    },
    fullSsn: {
      label: 'Social Security number',
      hint: 'All 9 digits, with or without dashes: 123-45-6789 or 123456789.',
      error: {
        required: 'Enter your Social Security number',
        invalid: 'Enter a 9-digit Social Security number',
      },
    },
    itin: {
      label: 'Individual Taxpayer Identification Number (ITIN)',
      hint: 'All 9 digits, with or without dashes: 912-70-1234 or 912701234.',
      error: {
        required: 'Enter your ITIN',
        invalid: 'Enter a 9-digit ITIN that starts with 9, like 912-70-1234',
      },
    },
    passport: {
      label: 'Passport number',
      error: {
        required: 'Enter your passport number',
        invalid: 'Enter the passport number as letters and numbers only',
      },
    },
    driversLicense: {
      label: "Driver's license number",
      error: {
        required: "Enter your driver's license number",
        invalid: "Enter the driver's license number as letters and numbers only",
      },
    },
    addressLine1: {
      label: 'Street address',
      error: { required: 'Enter your street address' },
    },
    addressCity: {
      label: 'City',
      error: { required: 'Enter your city' },
    },
    addressSubdivision: {
      label: 'State',
      error: {
        required: 'Select your state',
        invalid: 'Select a US state, district or territory',
      },
    },
    addressPostalCode: {
      label: 'ZIP code',
      error: {
        required: 'Enter your ZIP code',
        invalid: 'Enter a 5-digit ZIP code, or ZIP+4',
      },
    },
    addressCountryCode: {
      label: 'Country',
      hint: 'Only US addresses are supported.',
      error: {
        required: 'Select your country',
        invalid: 'Enter an address in the United States',
      },
    },
    email: {
      label: 'Email address',
      error: {
        required: 'Enter your email address',
        invalid: 'Enter an email address in the correct format, like name@example.com',
      },
    },
    phoneNumber: {
      label: 'Phone number',
      hint: 'Include the area code.',
      'country.label': 'Country code',
      'number.label': 'Number',
      error: {
        required: 'Enter your phone number',
        invalid: 'Enter a real phone number, including the area code',
      },
    },
    citizenship: {
      label: 'Country of citizenship',
      error: {
        required: 'Select your country of citizenship',
        invalid: 'Select a country from the list',
      },
    },
    purposeOfAccount: {
      label: 'Main purpose of this account',
      error: { required: 'Select the main purpose of this account' },
    },
    sourceOfFunds: {
      label: 'Main source of your funds',
      error: { required: 'Select where most of your money comes from' },
    },
    employmentStatus: {
      label: 'Employment status',
      error: { required: 'Select your employment status' },
    },
    occupation: {
      label: 'Occupation or industry',
      error: { required: 'Select your occupation or industry' },
    },
    expectedVolume: {
      label: 'Expected yearly activity',
      hint: 'How much you expect to move through this account in a year, in US dollars.',
      error: { required: 'Select how much you expect to move through this account each year' },
    },
    tos: {
      label: 'Terms of Service',
      accept: 'I have read and accept the Terms of Service',
      error: { required: 'Read and accept the Terms of Service to continue' },
      language: 'Language',
      openFull: 'Open the full Terms of Service (new tab)',
      loading: 'Loading the Terms of Service…',
      unavailable: "We couldn't load the Terms of Service. Try again.",
    },
    taxAttestation: {
      label: 'Tax certification (IRS Form W-9)',
      hint: 'Under penalties of perjury, you certify the statements you check.',
      certifyTaxpayerId: 'The Social Security number I gave is my correct taxpayer identification number',
      certifyUsPerson: 'I am a US citizen or other US person',
      isExemptBackupWithholding: 'I am exempt from backup withholding',
      edeliveryConsent: 'Send my tax documents to me electronically',
      error: {
        certifyTaxpayerId: 'Confirm that your taxpayer identification number is correct',
        certifyUsPerson: 'Confirm that you are a US person',
        required: 'Complete the tax certification',
      },
    },
  },

  // How to reach the partner's support (`support` option): a link, an email, the partner's own reference.
  support: {
    link: 'Contact support',
    reference: 'Your reference: {reference}',
  },

  'tos.accept.submit': 'Accept and continue',

  error: {
    api: {
      no_customer: "You haven't started onboarding yet.",
      invalid_fields: 'Check the highlighted fields and try again.',
      invalid_request: 'Something went wrong with this request. Please try again.',
      unauthorized: 'Sign in again to continue.',
      forbidden: "We're unable to complete this request. Please contact support.",
      not_found: "We couldn't find what you asked for. Refresh the page and try again.",
      conflict: 'This was already sent. Refresh the page to see the latest status.',
      rate_limited: 'Too many attempts. Wait a moment and try again.',
      upstream_unavailable: 'The service is busy. Try again in a few minutes.',
      unsupported_tos_language:
        "The Terms of Service aren't available in that language. Choose another language.",
      customer_not_authorized: "We're unable to complete this request. Please contact support.",
      network: 'Check your internet connection and try again.',
      internal: 'Something went wrong on our side. Please try again.',
    },
  },
};

/** The English catalogue by id: the tree's ids and the select options' labels. */
export const en = {
  ...flatten(enTree),
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
};
