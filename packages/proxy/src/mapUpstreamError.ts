import { ProxyError } from './ProxyError';
import { UpstreamError } from './UpstreamError';

/**
 * Turns a provider failure into the proxy's own error, keeping only what the
 * browser may act on: whether to try again and, for field problems, that the
 * answers need checking. The provider's message never crosses over.
 */
export function mapUpstreamError(error: UpstreamError): ProxyError {
  const options = {
    detail: error.message,
    cause: error,
    ...(error.retryAfterSeconds !== undefined ? { retryAfterSeconds: error.retryAfterSeconds } : {}),
  };
  switch (error.failure) {
    case 'timeout':
      return new ProxyError('upstream_timeout', options);
    case 'network':
      return new ProxyError('upstream_unavailable', options);
    case 'malformed':
      return new ProxyError('upstream_malformed', options);
    case 'http':
      break;
    default:
      error.failure satisfies never;
  }
  const status = error.status ?? 502;
  switch (error.errorType) {
    // Coinbase `idempotency_error` (422) and OMS `idempotency_conflict`: the key was already used for another body.
    case 'idempotency_error':
    case 'idempotency_conflict':
      return new ProxyError('idempotency_conflict', options);
    case 'customer_not_authorized':
      return new ProxyError('customer_not_authorized', options);
    case 'unsupported_tos_language':
      return new ProxyError('unsupported_tos_language', options);
    case 'already_exists':
      return new ProxyError('upstream_conflict', options);
    default:
      break;
  }
  if (status === 429 || status >= 500) return new ProxyError('upstream_unavailable', options);
  if (status === 404) return new ProxyError('no_customer', options);
  // The spec's only 403 on customers is "this customer cannot be modified" (errorType `forbidden`): a
  // compliance block. The user gets the generic compliance-safe message, as for customer_not_authorized.
  if (status === 403) return new ProxyError('customer_not_authorized', options);
  // Our credentials were refused (after the OMS client's one token refresh): the partner must fix its setup.
  if (status === 401) return new ProxyError('upstream_unauthorized', options);
  if (status === 409) return new ProxyError('upstream_conflict', options);
  return new ProxyError('request_rejected', options);
}

/**
 * Whether a provider error says the customer itself no longer exists (it was
 * deleted upstream), as opposed to a 404 of a wrong base URL, which must not
 * cost a user the link to their customer.
 */
export function isCustomerGone(error: unknown): boolean {
  return (
    error instanceof UpstreamError &&
    error.failure === 'http' &&
    error.status === 404 &&
    error.errorType === 'not_found'
  );
}

/** Any thrown value as a {@link ProxyError}; unknown errors become `internal_error`. */
export function toProxyError(error: unknown): ProxyError {
  if (error instanceof ProxyError) return error;
  if (error instanceof UpstreamError) return mapUpstreamError(error);
  return new ProxyError('internal_error', {
    detail: error instanceof Error ? error.name : 'non-error thrown',
    cause: error,
  });
}
