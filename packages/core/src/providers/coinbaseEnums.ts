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

/**
 * The spec's `ErrorType` enum (API-wide, verbatim). The strict error schema
 * accepts exactly these; the loose one reads any string, since the enum grows.
 */
export const COINBASE_ERROR_TYPES = [
  'already_exists',
  'authorization_expired',
  'bad_gateway',
  'capture_expired',
  'client_closed_request',
  'customer_not_authorized',
  'endpoint_unavailable',
  'faucet_limit_exceeded',
  'forbidden',
  'idempotency_error',
  'internal_server_error',
  'invalid_request',
  'invalid_sql_query',
  'invalid_signature',
  'malformed_transaction',
  'not_found',
  'payment_method_required',
  'payment_required',
  'settlement_failed',
  'rate_limit_exceeded',
  'request_canceled',
  'service_unavailable',
  'timed_out',
  'unauthorized',
  'unsupported_tos_language',
  'policy_violation',
  'policy_in_use',
  'account_limit_exceeded',
  'network_not_tradable',
  'guest_permission_denied',
  'guest_region_forbidden',
  'guest_transaction_limit',
  'guest_transaction_count',
  'phone_number_verification_expired',
  'otp_verification_code_invalid',
  'otp_verification_destination_mismatch',
  'otp_verification_expired',
  'otp_verification_invalid',
  'otp_verification_not_found',
  'otp_verification_required',
  'document_verification_failed',
  'recipient_allowlist_violation',
  'recipient_allowlist_pending',
  'refund_expired',
  'travel_rules_recipient_violation',
  'source_account_invalid',
  'target_account_invalid',
  'source_account_not_found',
  'target_account_not_found',
  'source_asset_not_supported',
  'target_asset_not_supported',
  'target_email_invalid',
  'target_onchain_address_invalid',
  'transfer_amount_invalid',
  'transfer_asset_not_supported',
  'transfer_quote_expired',
  'insufficient_balance',
  'metadata_too_many_entries',
  'metadata_key_too_long',
  'metadata_value_too_long',
  'travel_rules_field_missing',
  'asset_mismatch',
  'mfa_already_enrolled',
  'mfa_invalid_code',
  'mfa_flow_expired',
  'mfa_required',
  'mfa_not_enrolled',
  'order_quote_expired',
  'order_already_filled',
  'order_already_canceled',
  'account_not_ready',
  'insufficient_liquidity',
  'insufficient_allowance',
  'transaction_simulation_failed',
  'delegation_not_found',
  'delegation_expired',
  'delegation_revoked',
  'delegation_not_authorized',
  'delegation_not_enabled',
  'network_mismatch',
  'already_enabled',
  'payment_session_already_canceled',
  'payment_session_already_authorized',
  'payment_session_action_pending',
  'no_capturable_balance',
  'no_voidable_balance',
  'no_refundable_balance',
  'entity_not_configured_for_payment_acceptance',
  'daily_transaction_limit_exceeded',
  'daily_amount_limit_exceeded',
  'stale_attestation',
  'moderation_rejected',
] as const;

/** One of {@link COINBASE_ERROR_TYPES}. */
export type CoinbaseErrorType = (typeof COINBASE_ERROR_TYPES)[number];
