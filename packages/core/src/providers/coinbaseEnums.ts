/**
 * Enumerations of the Coinbase Customers API (IndividualInput), taken verbatim
 * from the published OpenAPI file (coinbase/cdp-sdk, 2026-08-20). The field
 * registry turns each into select options with translated labels.
 */

/** `individual.purposeOfAccount` values. */
export const PURPOSE_OF_ACCOUNT_VALUES = [
  'investing',
  'long_term_investment',
  'short_term_investment',
  'trading',
  'trading_on_coinbase',
  'trading_on_other_exchanges',
  'day_trading',
  'arbitrage_trading',
  'online_purchases',
  'online_payments',
  'payments_or_gifts',
  'payments_to_friends',
  'transfer_crypto',
  'investing_on_other_exchanges',
  'business',
  'other',
] as const;

/** `individual.sourceOfFunds` values. */
export const SOURCE_OF_FUNDS_VALUES = [
  'salary',
  'employment_business_income',
  'investments',
  'savings',
  'pension',
  'business_earnings',
  'crypto_assets',
  'inheritance',
  'sale_of_assets',
  'sale_of_company_shares_or_dividends',
  'sale_of_property',
  'sale_of_other_assets',
  'credit_or_loan',
  'government_benefits_or_credits',
  'legal_settlement',
  'family_or_third_party',
  'lottery_or_gambling',
  'crypto_mining',
  'other',
] as const;

/** `individual.employmentStatus` values. */
export const EMPLOYMENT_STATUS_VALUES = [
  'employed_fulltime',
  'employed_parttime',
  'self_employed',
  'employed_government_official',
  'employed_company_officer_or_board_member',
  'employed_crypto_related_business',
  'personal_trader_or_angel_investor',
  'crypto_miner',
  'student',
  'retired',
  'homemaker',
  'unemployed',
  'dependent',
] as const;

/** `individual.occupation` values (industry or occupation). */
export const OCCUPATION_VALUES = [
  'agriculture',
  'arts_and_media',
  'casinos_and_gaming',
  'construction',
  'cryptocurrency',
  'defense',
  'education',
  'energy_oil_and_gas',
  'energy_other',
  'entertainment',
  'finance',
  'financial_services_non_crypto',
  'fintech_non_crypto_software_development',
  'fintech_non_crypto_internet_only_financial_institution',
  'fintech_non_crypto_other',
  'food_and_hospitality',
  'government',
  'health_and_fitness',
  'healthcare',
  'healthcare_other',
  'healthcare_pharmaceuticals',
  'mining',
  'mining_crypto',
  'non_profit_and_charity',
  'pharma_industry',
  'politics',
  'professional_services',
  'property_and_construction_building_work',
  'property_and_construction_commercial_and_management',
  'property_and_construction_design',
  'real_estate',
  'retail_fashion',
  'retail_food_and_beverage',
  'retail_jewelry_and_antiques',
  'retail_other',
  'retail_pharmacy',
  'technology',
  'technology_and_it',
  'transportation',
  'all_other_industries_and_services',
  'dependent_student_unemployed',
  'other',
] as const;

/** `individual.expectedVolume` values (annual dollar ranges). */
export const EXPECTED_VOLUME_VALUES = [
  'under_1k',
  '1k_to_10k',
  '10k_to_100k',
  '100k_to_250k',
  '250k_to_750k',
  '750k_to_1_5m',
  '1_5m_plus',
] as const;

/** The spec's `CapabilityStatus`. */
export const COINBASE_CAPABILITY_STATUSES = ['unrequested', 'pending', 'active', 'inactive'] as const;

/**
 * Requirement statuses: the spec's due, pending and rejected plus the guides'
 * eventually_due and overdue.
 */
export const COINBASE_REQUIREMENT_STATUSES = [
  'eventually_due',
  'due',
  'pending',
  'rejected',
  'overdue',
] as const;

/** The spec's `TaxForm` values. */
export const COINBASE_TAX_FORMS = ['us_w9'] as const;
