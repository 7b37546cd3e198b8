import { hasMessage } from '@kyc-kit/core';
import { KycKitApiError } from './KycKitApiError';
import type { Translate } from './KycKitProvider';

/**
 * The codes the client makes itself (no answer, or one it could not read), by
 * their catalogue name. The proxy's own codes are core's `API_ERROR_CODES`,
 * each its own `error.api.<code>` (the proxy maps its internal reasons to
 * them before answering); a gateway's `http_<status>` is `internal`, but its
 * 429 asks the person to wait and its 503 says the service is briefly
 * unavailable, as the proxy's own would (a "try again" at once would only be
 * refused again).
 */
const CATALOGUE_NAMES: Record<string, string> = {
  network_error: 'network',
  malformed_response: 'internal',
  internal_error: 'internal',
  http_429: 'rate_limited',
  http_503: 'upstream_unavailable',
};

/**
 * The end-user message for a failed request, in the provider's locale: the
 * catalogue's `error.api.*` text for the code, else the proxy's own message
 * (which the proxy guarantees is end-user safe), else a generic one.
 */
export function translateApiError(t: Translate, error: unknown): string {
  if (!(error instanceof KycKitApiError)) return t('error.api.internal');
  const name = CATALOGUE_NAMES[error.code] ?? (error.code.startsWith('http_') ? 'internal' : error.code);
  const id = `error.api.${name}`;
  if (hasMessage(id)) return t(id);
  return error.message;
}
