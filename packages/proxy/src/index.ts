export { createOnboardingHandler } from './createOnboardingHandler';
export type {
  OnboardingHandler,
  OnboardingHandlerOptions,
  OnboardingRequestContext,
  OnboardingUser,
} from './createOnboardingHandler';
export { createNodeListener } from './createNodeListener';
export { createCoinbaseUpstream } from './createCoinbaseUpstream';
export type { CoinbaseUpstreamOptions } from './createCoinbaseUpstream';
export { createOmsUpstream } from './createOmsUpstream';
export type { OmsUpstreamOptions } from './createOmsUpstream';
export type { Upstream, UpstreamCallContext, UpstreamWebhookEvent, UpstreamWriteContext } from './Upstream';
export { UpstreamError } from './UpstreamError';
export type { UpstreamFailure } from './UpstreamError';
export { createCdpJwt, parseCdpSigningKey } from './createCdpJwt';
export type { CdpApiKey, CdpSigningKey } from './createCdpJwt';
export { createSqliteStore } from './createSqliteStore';
export { createPostgresStore } from './createPostgresStore';
export type { PostgresStore, PostgresStoreOptions } from './createPostgresStore';
export type { SqliteStoreOptions } from './createSqliteStore';
export type {
  CreationClaim,
  CustomerEvent,
  CustomerEventBody,
  NewCustomerEvent,
  OnboardingStore,
} from './OnboardingStore';
export { ProxyError } from './ProxyError';
export type { ErrorBody, FieldError, ProxyErrorReason } from './ProxyError';
export type { RetryOptions } from './requestWithRetry';
export {
  verifyWebhookSignature,
  signWebhookPayload,
  createWebhookSignatureHeader,
  WEBHOOK_TOLERANCE_SECONDS,
} from './verifyWebhookSignature';
export type { WebhookSignatureFailure, WebhookSignatureResult } from './verifyWebhookSignature';
export {
  createStandardWebhookHeaders,
  STANDARD_WEBHOOK_HEADERS,
  toStandardWebhookSecret,
  verifyStandardWebhook,
} from './verifyStandardWebhook';
export { verifyProviderWebhook, WEBHOOK_SCHEMES } from './verifyProviderWebhook';

export { buildOpenApiDocument } from './buildOpenApiDocument';
export { createRateLimiter } from './createRateLimiter';
export type { RateLimit, RateLimiter, RateLimitResult } from './createRateLimiter';
export { addressBucket, resolveClientAddress } from './resolveClientAddress';
export type { WatchOptions } from './createCustomerWatcher';
