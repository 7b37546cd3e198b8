import { randomBytes } from 'node:crypto';

/** The spec's error types the sandbox answers with. */
export type CoinbaseErrorType =
  | 'invalid_request'
  | 'unsupported_tos_language'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'idempotency_error'
  | 'rate_limit_exceeded'
  | 'internal_server_error'
  | 'bad_gateway'
  | 'service_unavailable'
  | 'timed_out';

/** A Coinbase error body: `{ errorType, errorMessage, correlationId, errorLink }`. */
export interface CoinbaseErrorBody {
  errorType: CoinbaseErrorType;
  errorMessage: string;
  correlationId: string;
  errorLink: string;
}

/** A correlation id shaped like CDP's (`<hex>-<site>`). */
export function newCorrelationId(): string {
  return `${randomBytes(8).toString('hex')}-SBX`;
}

/** Builds a Coinbase error response. */
export function coinbaseError(
  status: number,
  errorType: CoinbaseErrorType,
  errorMessage: string,
  headers?: Record<string, string>,
): Response {
  const body: CoinbaseErrorBody = {
    errorType,
    errorMessage,
    correlationId: newCorrelationId(),
    errorLink: `https://docs.cdp.coinbase.com/api-reference/v2/errors#${errorType.replace(/_/g, '-')}`,
  };
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/** The error type and message the spec uses for each simulated server-side failure. */
export function coinbaseFailureFor(status: number): { errorType: CoinbaseErrorType; errorMessage: string } {
  switch (status) {
    case 429:
      return { errorType: 'rate_limit_exceeded', errorMessage: 'Rate limit exceeded.' };
    case 502:
      return { errorType: 'bad_gateway', errorMessage: 'Bad gateway. Please try again later.' };
    case 503:
      return {
        errorType: 'service_unavailable',
        errorMessage: 'Service unavailable. Please try again later.',
      };
    case 504:
      return { errorType: 'timed_out', errorMessage: 'The request timed out. Please try again later.' };
    default:
      return {
        errorType: 'internal_server_error',
        errorMessage: 'An internal server error occurred. Please try again later.',
      };
  }
}
