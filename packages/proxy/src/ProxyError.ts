import { apiErrorMessageId, createTranslator, type ApiErrorCode } from '@kyc-kit/core/server';
import { jsonAnswer } from './jsonAnswer';

/** Error bodies are in English, like the catalogue's `message` fields; the hooks translate by code. */
const translate = createTranslator('en');

/**
 * Why the proxy refused or failed a request. Each reason maps to one wire
 * code of core's API_ERROR_CODES, one HTTP status and a fixed `retryable`
 * flag, so a browser can decide what to show and whether to offer "try
 * again" from the code alone; the finer reason is for logs.
 */
export type ProxyErrorReason =
  | 'unauthorized'
  | 'forbidden_origin'
  | 'csrf_header_missing'
  | 'unsupported_media_type'
  | 'payload_too_large'
  | 'body_timeout'
  | 'invalid_json'
  | 'invalid_request'
  | 'invalid_fields'
  | 'invalid_idempotency_key'
  | 'no_customer'
  | 'not_found'
  | 'rate_limited'
  | 'create_in_progress'
  | 'tos_not_required'
  | 'tos_version_unavailable'
  | 'unsupported_tos_language'
  | 'tos_document_unavailable'
  | 'customer_not_authorized'
  | 'request_rejected'
  | 'idempotency_conflict'
  | 'upstream_conflict'
  | 'upstream_unavailable'
  | 'upstream_unauthorized'
  | 'upstream_timeout'
  | 'upstream_malformed'
  | 'client_address_unavailable'
  | 'store_unavailable'
  | 'invalid_signature'
  | 'internal_error';

interface ErrorDefinition {
  /** The wire code, one of core's `API_ERROR_CODES`, so the hooks can translate it. */
  code: ApiErrorCode;
  status: number;
  retryable: boolean;
}

/**
 * Wire code, status and retryability of every reason. The reason stays in
 * the proxy's logs; the browser gets the code and the catalogue's message for
 * it, which says what the user can do and never carries an upstream reason.
 */
const DEFINITIONS: Record<ProxyErrorReason, ErrorDefinition> = {
  unauthorized: { code: 'unauthorized', status: 401, retryable: false },
  forbidden_origin: { code: 'forbidden', status: 403, retryable: false },
  csrf_header_missing: { code: 'forbidden', status: 403, retryable: false },
  unsupported_media_type: { code: 'invalid_request', status: 415, retryable: false },
  payload_too_large: { code: 'invalid_request', status: 413, retryable: false },
  body_timeout: { code: 'invalid_request', status: 408, retryable: true },
  invalid_json: { code: 'invalid_request', status: 400, retryable: false },
  invalid_request: { code: 'invalid_request', status: 400, retryable: false },
  invalid_fields: { code: 'invalid_fields', status: 400, retryable: false },
  invalid_idempotency_key: { code: 'invalid_request', status: 400, retryable: false },
  no_customer: { code: 'no_customer', status: 404, retryable: false },
  not_found: { code: 'not_found', status: 404, retryable: false },
  rate_limited: { code: 'rate_limited', status: 429, retryable: true },
  create_in_progress: { code: 'conflict', status: 409, retryable: true },
  tos_not_required: { code: 'conflict', status: 409, retryable: false },
  tos_version_unavailable: { code: 'invalid_request', status: 400, retryable: false },
  unsupported_tos_language: { code: 'unsupported_tos_language', status: 400, retryable: false },
  tos_document_unavailable: { code: 'upstream_unavailable', status: 502, retryable: true },
  request_rejected: { code: 'invalid_request', status: 422, retryable: false },
  customer_not_authorized: { code: 'customer_not_authorized', status: 403, retryable: false },
  idempotency_conflict: { code: 'conflict', status: 409, retryable: false },
  upstream_conflict: { code: 'conflict', status: 409, retryable: false },
  upstream_unavailable: { code: 'upstream_unavailable', status: 503, retryable: true },
  // The provider refused the partner's own credentials: a server misconfiguration, not the user's
  // session (so never 401, which would send the user to sign in again), and no retry will fix it.
  upstream_unauthorized: { code: 'upstream_unavailable', status: 502, retryable: false },
  upstream_timeout: { code: 'upstream_unavailable', status: 504, retryable: true },
  upstream_malformed: { code: 'upstream_unavailable', status: 502, retryable: true },
  client_address_unavailable: { code: 'internal', status: 500, retryable: false },
  // The store's database did not answer in time (or refused): like a provider outage to the browser.
  store_unavailable: { code: 'upstream_unavailable', status: 503, retryable: true },
  invalid_signature: { code: 'unauthorized', status: 401, retryable: false },
  internal_error: { code: 'internal', status: 500, retryable: false },
};

/** One field-level problem: a core message id as `code` and English text. */
export interface FieldError {
  code: string;
  message: string;
}

/** The error body every proxy route answers with (see docs/contracts.md). */
export interface ErrorBody {
  error: {
    code: ApiErrorCode;
    message: string;
    fields?: Record<string, FieldError>;
    retryable: boolean;
  };
}

/**
 * An error the proxy turns into its JSON error body. `reason` and `detail`
 * are for logs only (never sent to the browser); `retryAfterSeconds` becomes
 * a `Retry-After` header.
 */
export class ProxyError extends Error {
  readonly reason: ProxyErrorReason;
  readonly code: ApiErrorCode;
  readonly status: number;
  readonly retryable: boolean;
  readonly fields: Record<string, FieldError> | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(
    reason: ProxyErrorReason,
    options: {
      fields?: Record<string, FieldError>;
      retryAfterSeconds?: number;
      detail?: string;
      cause?: unknown;
    } = {},
  ) {
    super(options.detail ?? reason, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ProxyError';
    const definition = DEFINITIONS[reason];
    this.reason = reason;
    this.code = definition.code;
    this.status = definition.status;
    this.retryable = definition.retryable;
    this.fields = options.fields;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  /** The body sent to the browser: code, safe message, fields, retryable. */
  toBody(): ErrorBody {
    return {
      error: {
        code: this.code,
        message: translate(apiErrorMessageId(this.code)),
        ...(this.fields ? { fields: this.fields } : {}),
        retryable: this.retryable,
      },
    };
  }

  /** A JSON `Response` for this error, with `Retry-After` when known. */
  toResponse(): Response {
    return jsonAnswer(
      this.toBody(),
      this.status,
      this.retryAfterSeconds === undefined
        ? undefined
        : { 'retry-after': String(Math.max(1, Math.ceil(this.retryAfterSeconds))) },
    );
  }
}
