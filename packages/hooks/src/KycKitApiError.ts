/** One field-level error as the proxy reports it. */
export interface KycKitFieldError {
  /** A message id of @kyc-kit/core's catalogue (or a proxy code). */
  code: string;
  /** End-user safe English text, used when the code has no translation. */
  message: string;
}

/** What {@link KycKitApiError} is built from. */
export interface KycKitApiErrorInit {
  /** The proxy's error code, `network_error` when no answer came, `malformed_response` when it could not be read. */
  code: string;
  /** End-user safe English text. The proxy never puts upstream reasons here. */
  message: string;
  /** The HTTP status; 0 when the request never got an answer. */
  status: number;
  /** Per-field errors of an `invalid_fields` answer, keyed by requirement key. */
  fields?: Record<string, KycKitFieldError>;
  /** Whether sending the same request again (with the same idempotency key) may succeed. */
  retryable: boolean;
}

/**
 * The one error type every {@link ProxyClient} call rejects with, so a caller
 * can branch on `code`, place `fields` on their inputs and offer "try again"
 * when `retryable`, without parsing response bodies itself.
 */
export class KycKitApiError extends Error {
  override readonly name = 'KycKitApiError';
  /** The proxy's error code. */
  declare readonly code: string;
  /** The HTTP status; 0 when no answer came. */
  declare readonly status: number;
  /** Per-field errors, keyed by requirement key. */
  declare readonly fields: Record<string, KycKitFieldError> | undefined;
  /** Whether a retry with the same idempotency key may succeed. */
  declare readonly retryable: boolean;

  constructor({ message, ...rest }: KycKitApiErrorInit) {
    super(message);
    Object.assign(this, { fields: undefined, ...rest });
  }
}

/** Narrows an unknown thrown value to {@link KycKitApiError}. */
export function isKycKitApiError(value: unknown): value is KycKitApiError {
  return value instanceof KycKitApiError;
}

/**
 * The error a failed write shows: the proxy's `KycKitApiError` as it came,
 * anything else (a network failure, a bug) as a retryable `internal_error`
 * with the catalogue's text, so no write drops an error another keeps.
 */
export function toKycKitApiError(error: unknown, internalMessage: string): KycKitApiError {
  return error instanceof KycKitApiError
    ? error
    : new KycKitApiError({ code: 'internal_error', message: internalMessage, status: 0, retryable: true });
}
