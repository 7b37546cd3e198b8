import { ProxyError } from './ProxyError';
import { UpstreamError } from './UpstreamError';

/**
 * Turns a provider failure into the proxy's own error, keeping only what the
 * browser may act on: whether to try again and, for field problems, that the
 * answers need checking. The provider's message never crosses over.
 */
export function mapUpstreamError(error: UpstreamError): ProxyError {
  const options = { detail: error.message, cause: error, ...(error.retryAfterSeconds !== undefined ? { retryAfterSeconds: error.retryAfterSeconds } : {}) };
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
  if (error.errorType === 'idempotency_error') return new ProxyError('idempotency_conflict', options);
  if (error.errorType === 'customer_not_authorized') return new ProxyError('customer_not_authorized', options);
  if (error.errorType === 'unsupported_tos_language') return new ProxyError('unsupported_tos_language', options);
  if (status === 429 || status >= 500) return new ProxyError('upstream_unavailable', options);
  if (status === 404) return new ProxyError('no_customer', options);
  // 401 and 403 mean the partner's credentials or permissions are wrong: nothing the user can fix.
  if (status === 401 || status === 403) return new ProxyError('internal_error', options);
  return new ProxyError('request_rejected', options);
}

/** Any thrown value as a {@link ProxyError}; unknown errors become `internal_error`. */
export function toProxyError(error: unknown): ProxyError {
  if (error instanceof ProxyError) return error;
  if (error instanceof UpstreamError) return mapUpstreamError(error);
  return new ProxyError('internal_error', { detail: error instanceof Error ? error.name : 'non-error thrown', cause: error });
}
