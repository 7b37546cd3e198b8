export { createSandbox } from './createSandbox';
export type { Sandbox, SandboxOptions } from './createSandbox';
export type { SandboxWebhookOptions } from './sandboxEngine';
export type { SandboxCredentials } from './sandboxCredentials';
export { MAGIC_VALUES } from './magicValues';
export { DEFAULT_TOS_VERSION_ID } from './termsOfService';
export {
  BASE_FIELD_KEYS,
  COINBASE_CAPABILITIES,
  OMS_ENDORSEMENTS,
  TAX_ATTESTATION_CAPABILITIES,
  TRADE_CRYPTO_EXTRA_KEYS,
  coinbaseRequirementKeysFor,
  omsRequirementNamesFor,
} from './requirementRules';
export type { CoinbaseCapability, OmsEndorsement } from './requirementRules';
export { signHook0Payload, verifyHook0Signature } from './hook0Signature';
export type { WebhookAttempt, WebhookDelivery } from './webhookDispatcher';
export type { Fault, FaultKind, FaultStatus } from './faultInjector';
export { DEFAULT_OMS_SHAPES, isSandboxDialect, SANDBOX_DIALECTS } from './sandboxDialect';
export type { OmsShapes, SandboxDialect } from './sandboxDialect';
