/** The OMS error codes the sandbox answers with. */
export type OmsErrorCode =
  | 'validation_error'
  | 'unauthorized'
  | 'not_found'
  | 'idempotency_key_required'
  | 'idempotency_conflict'
  | 'rate_limited'
  | 'internal_error'
  | 'bad_gateway'
  | 'service_unavailable'
  | 'gateway_timeout';

const reasonPhrases: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** Builds an OMS error response: `{ statusCode, error, code, message }`. */
export function omsError(
  status: number,
  code: OmsErrorCode,
  message: string,
  headers?: Record<string, string>,
): Response {
  return new Response(
    JSON.stringify({ statusCode: status, error: reasonPhrases[status] ?? 'Error', code, message }),
    {
      status,
      headers: { 'content-type': 'application/json', ...headers },
    },
  );
}

/** The code and message for each simulated server-side failure. */
export function omsFailureFor(status: number): { code: OmsErrorCode; message: string } {
  switch (status) {
    case 429:
      return { code: 'rate_limited', message: 'Too many requests. Retry after the time in Retry-After.' };
    case 502:
      return { code: 'bad_gateway', message: 'Bad gateway. Please try again later.' };
    case 503:
      return { code: 'service_unavailable', message: 'Service unavailable. Please try again later.' };
    case 504:
      return { code: 'gateway_timeout', message: 'The request timed out.' };
    default:
      return { code: 'internal_error', message: 'An internal error occurred. Please try again later.' };
  }
}
