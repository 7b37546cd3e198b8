import { describe, expect, it } from 'vitest';
import { parseCoinbaseError, parseOmsError } from './providerError';

describe('parseCoinbaseError', () => {
  const table = [
    ['invalid_request', 400, 'invalid_request', false],
    ['not_found', 404, 'not_found', false],
    ['idempotency_error', 422, 'conflict', false],
    ['already_exists', 409, 'conflict', false],
    ['rate_limit_exceeded', 429, 'rate_limited', true],
    ['internal_server_error', 500, 'upstream_unavailable', true],
    ['bad_gateway', 502, 'upstream_unavailable', true],
    ['service_unavailable', 503, 'upstream_unavailable', true],
    ['unsupported_tos_language', 400, 'unsupported_tos_language', false],
    ['customer_not_authorized', 403, 'customer_not_authorized', false],
    ['forbidden', 403, 'customer_not_authorized', false],
    ['unauthorized', 401, 'upstream_unavailable', false],
    ['a_new_error_type', 403, 'customer_not_authorized', false],
    ['a_new_error_type', 401, 'upstream_unavailable', false],
    ['a_new_error_type', 503, 'upstream_unavailable', true],
    ['a_new_error_type', 400, 'invalid_request', false],
  ] as const;
  for (const [errorType, status, code, retryable] of table) {
    it(`classifies ${errorType} (${status}) as ${code}`, () => {
      const error = parseCoinbaseError(
        { errorType, errorMessage: 'Upstream detail about 123-45-6789' },
        status,
      );
      expect(error).toMatchObject({
        provider: 'coinbase',
        errorType,
        code,
        retryable,
        messageId: `error.api.${code}`,
        httpStatus: status,
      });
      expect(JSON.stringify(error)).not.toContain('Upstream detail');
    });
  }

  it('keeps the unauthorized capabilities and correlation id', () => {
    expect(
      parseCoinbaseError(
        {
          errorType: 'customer_not_authorized',
          errorMessage: 'x',
          correlationId: '41deb8d59a9dc9a7-IAD',
          unauthorizedCapabilities: ['transferFiat'],
        },
        403,
      ),
    ).toMatchObject({ unauthorizedCapabilities: ['transferFiat'], correlationId: '41deb8d59a9dc9a7-IAD' });
  });

  it('never throws on an unreadable body', () => {
    expect(parseCoinbaseError('<html>Bad gateway</html>', 502)).toMatchObject({
      errorType: 'unknown',
      code: 'upstream_unavailable',
    });
    expect(parseCoinbaseError(undefined)).toMatchObject({
      errorType: 'unknown',
      code: 'internal',
      retryable: false,
    });
  });
});

describe('parseOmsError', () => {
  it('classifies by code, then by HTTP status', () => {
    expect(parseOmsError({ code: 'not_found', message: 'Customer cst_1 not found' }, 404)).toMatchObject({
      provider: 'oms',
      code: 'not_found',
    });
    expect(parseOmsError({ code: 'validation_error', message: 'birthDate invalid' }, 400)).toMatchObject({
      code: 'invalid_request',
    });
    expect(parseOmsError(null, 429)).toMatchObject({ code: 'rate_limited', retryable: true });
  });
});
