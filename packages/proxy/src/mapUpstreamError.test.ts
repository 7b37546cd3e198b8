import { messages } from '@kyc-kit/core/server';
import { describe, expect, it } from 'vitest';
import { isCustomerGone, mapUpstreamError } from './mapUpstreamError';
import { UpstreamError } from './UpstreamError';

function answerTo(status: number, errorType?: string) {
  const error = mapUpstreamError(new UpstreamError('http', { status, ...(errorType ? { errorType } : {}) }));
  return { status: error.status, body: error.toBody() };
}

describe('mapUpstreamError', () => {
  it.each([
    ['customer_not_authorized', 403],
    ['forbidden', 403],
    [undefined, 403],
  ])(
    'answers an upstream 403 (%s) as a compliance block: 403, generic message, no retry',
    (errorType, status) => {
      const answer = answerTo(status, errorType);
      expect(answer).toEqual({
        status: 403,
        body: {
          error: {
            code: 'customer_not_authorized',
            message: messages.en['error.api.customer_not_authorized'],
            retryable: false,
          },
        },
      });
      expect(answer.body.error.message).toBe(messages.en['status.unableToComplete']);
    },
  );

  it("answers refused provider credentials as an unavailable service, never as the user's session", () => {
    const answer = answerTo(401, 'unauthorized');
    expect(answer.status).toBe(502);
    expect(answer.body.error).toMatchObject({ code: 'upstream_unavailable', retryable: false });
  });

  it('answers a reused idempotency key as a conflict, from either provider', () => {
    expect(answerTo(422, 'idempotency_error')).toMatchObject({
      status: 409,
      body: { error: { code: 'conflict', retryable: false } },
    });
    expect(answerTo(422, 'idempotency_conflict')).toMatchObject({
      status: 409,
      body: { error: { code: 'conflict', retryable: false } },
    });
  });

  it('answers a missing customer as no_customer', () => {
    expect(answerTo(404, 'not_found')).toMatchObject({
      status: 404,
      body: { error: { code: 'no_customer', retryable: false } },
    });
  });

  it('keeps retryable answers for a busy provider', () => {
    expect(answerTo(429, 'rate_limit_exceeded')).toMatchObject({
      status: 503,
      body: { error: { code: 'upstream_unavailable', retryable: true } },
    });
    expect(answerTo(503, 'service_unavailable')).toMatchObject({
      status: 503,
      body: { error: { code: 'upstream_unavailable', retryable: true } },
    });
  });
});

describe('isCustomerGone', () => {
  it('is true only for a provider 404 that names the customer as not found', () => {
    expect(isCustomerGone(new UpstreamError('http', { status: 404, errorType: 'not_found' }))).toBe(true);
    // A 404 without the provider's error type is a wrong base URL, not a deleted customer.
    expect(isCustomerGone(new UpstreamError('http', { status: 404 }))).toBe(false);
    expect(isCustomerGone(new UpstreamError('http', { status: 403, errorType: 'not_found' }))).toBe(false);
    expect(isCustomerGone(new Error('not_found'))).toBe(false);
  });
});
