import type { ApiErrorCode } from '../api';
import type { MessageId } from '../messages/messages';
import type { ProviderName } from '../model';
import { coinbase } from '../providers/coinbaseSchemas';
import { oms } from '../providers/omsSchemas';

/**
 * A provider error body, normalized to the kit's API error codes. The
 * provider's own message is deliberately not kept: it can echo submitted data
 * and is not written for end-users.
 */
export interface ProviderError {
  provider: ProviderName;
  /** The provider's error type (`invalid_request`, ...), or `unknown`. */
  errorType: string;
  /** The kit code the proxy answers with. */
  code: ApiErrorCode;
  /** Whether retrying the same request (same idempotency key) may succeed. */
  retryable: boolean;
  /** The end-user message. */
  messageId: MessageId;
  /** Coinbase `customer_not_authorized`: the capabilities that blocked the call. */
  unauthorizedCapabilities: string[];
  /** The provider's request id, for support. */
  correlationId?: string;
  httpStatus?: number;
}

function codeForStatus(httpStatus: number | undefined): ApiErrorCode {
  if (httpStatus === undefined) return 'internal';
  if (httpStatus === 429) return 'rate_limited';
  if (httpStatus === 404) return 'not_found';
  // The spec's only 403 on customers: "the customer cannot be modified at this time" (a compliance block).
  if (httpStatus === 403) return 'customer_not_authorized';
  // Our own credentials were refused: the provider is unusable until the partner fixes its configuration.
  if (httpStatus === 401) return 'upstream_unavailable';
  if (httpStatus === 409 || httpStatus === 422) return 'conflict';
  if (httpStatus >= 500) return 'upstream_unavailable';
  if (httpStatus === 400) return 'invalid_request';
  return 'internal';
}

function codeForErrorType(errorType: string, httpStatus: number | undefined): ApiErrorCode {
  switch (errorType) {
    case 'invalid_request':
    case 'malformed_transaction':
      return 'invalid_request';
    case 'not_found':
      return 'not_found';
    case 'already_exists':
    case 'idempotency_error':
      return 'conflict';
    case 'rate_limit_exceeded':
      return 'rate_limited';
    case 'service_unavailable':
    case 'bad_gateway':
    case 'internal_server_error':
    case 'timed_out':
    case 'endpoint_unavailable':
      return 'upstream_unavailable';
    case 'unsupported_tos_language':
      return 'unsupported_tos_language';
    // `forbidden` is what the spec's update answers for a customer whose
    // capabilities are permanently inactive: the same compliance block, told
    // to the end-user with the same generic message.
    case 'customer_not_authorized':
    case 'forbidden':
      return 'customer_not_authorized';
    // The partner's API key was refused: a server configuration problem the
    // end-user cannot fix by signing in again (so never `unauthorized`).
    case 'unauthorized':
    case 'invalid_signature':
      return 'upstream_unavailable';
    default:
      return codeForStatus(httpStatus);
  }
}

/** Whether the provider refused our credentials: retrying the same call cannot help. */
function isCredentialFailure(errorType: string, httpStatus: number | undefined): boolean {
  return errorType === 'unauthorized' || errorType === 'invalid_signature' || httpStatus === 401;
}

function isRetryable(code: ApiErrorCode, errorType: string, httpStatus: number | undefined): boolean {
  if (isCredentialFailure(errorType, httpStatus)) return false;
  return code === 'rate_limited' || code === 'upstream_unavailable' || code === 'network';
}

function build(
  provider: ProviderName,
  errorType: string,
  httpStatus: number | undefined,
  extra: { unauthorizedCapabilities?: string[]; correlationId?: string },
): ProviderError {
  const code = codeForErrorType(errorType, httpStatus);
  const error: ProviderError = {
    provider,
    errorType,
    code,
    retryable: isRetryable(code, errorType, httpStatus),
    messageId: `error.api.${code}`,
    unauthorizedCapabilities: extra.unauthorizedCapabilities ?? [],
  };
  if (extra.correlationId !== undefined) error.correlationId = extra.correlationId;
  if (httpStatus !== undefined) error.httpStatus = httpStatus;
  return error;
}

/**
 * Reads a Coinbase error body (`{ errorType, errorMessage, correlationId?,
 * unauthorizedCapabilities? }`). Never throws: an unreadable body is typed
 * `unknown` and classified by the HTTP status.
 */
export function parseCoinbaseError(raw: unknown, httpStatus?: number): ProviderError {
  const parsed = coinbase.error.safeParse(raw);
  if (!parsed.success) return build('coinbase', 'unknown', httpStatus, {});
  const extra: { unauthorizedCapabilities?: string[]; correlationId?: string } = {};
  if (parsed.data.unauthorizedCapabilities !== undefined) {
    extra.unauthorizedCapabilities = parsed.data.unauthorizedCapabilities;
  }
  if (parsed.data.correlationId !== undefined) extra.correlationId = parsed.data.correlationId;
  return build('coinbase', parsed.data.errorType, httpStatus, extra);
}

/**
 * Reads an OMS error body (`{ code?, message?, error? }`, shape not fixed by
 * the reference). Never throws; classified by code, then HTTP status.
 */
export function parseOmsError(raw: unknown, httpStatus?: number): ProviderError {
  const parsed = oms.error.safeParse(raw);
  const errorType = parsed.success ? (parsed.data.code ?? 'unknown') : 'unknown';
  return build('oms', errorType, httpStatus ?? (parsed.success ? parsed.data.statusCode : undefined), {});
}
