/** How an upstream call failed. */
export type UpstreamFailure = 'http' | 'timeout' | 'network' | 'malformed';

/**
 * A failed call to the provider. It keeps the provider's error type (such as
 * `invalid_request` or `unsupported_tos_language`) for mapping and for logs,
 * but never its message text: upstream messages may echo submitted values or
 * compliance detail, so they are dropped where they are read.
 */
export class UpstreamError extends Error {
  readonly failure: UpstreamFailure;
  readonly status: number | undefined;
  readonly errorType: string | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(
    failure: UpstreamFailure,
    options: { status?: number; errorType?: string; retryAfterSeconds?: number; cause?: unknown } = {},
  ) {
    super(
      `upstream ${failure}${options.status ? ` ${options.status}` : ''}${options.errorType ? ` ${options.errorType}` : ''}`,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = 'UpstreamError';
    this.failure = failure;
    this.status = options.status;
    this.errorType = options.errorType;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}
