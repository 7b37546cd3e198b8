import { hasMessage } from '@kyc-kit/core';
import { KycKitApiError } from './KycKitApiError';
import type { Translate } from './KycKitProvider';

/** Proxy codes whose catalogue message has another name. */
const CATALOGUE_NAMES: Record<string, string> = {
  network_error: 'network',
  malformed_response: 'internal',
  internal_error: 'internal',
  upstream_timeout: 'upstream_unavailable',
  upstream_malformed: 'upstream_unavailable',
  create_in_progress: 'rate_limited',
  idempotency_conflict: 'conflict',
  forbidden_origin: 'forbidden',
  csrf_header_missing: 'forbidden',
  request_rejected: 'customer_not_authorized',
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
