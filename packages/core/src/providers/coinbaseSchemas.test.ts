import { describe, expect, it } from 'vitest';
import { COINBASE_ERROR_TYPES } from './coinbaseEnums';
import { coinbase } from './coinbaseSchemas';

// The error bodies of the published spec's customer routes, verbatim.
const updateForbidden = {
  errorType: 'forbidden',
  errorMessage: 'This customer cannot be modified at this time.',
};
const notAuthorized = {
  errorType: 'customer_not_authorized',
  errorMessage: 'The customer is not authorized for this action.',
  correlationId: '41deb8d59a9dc9a7-IAD',
  errorLink: 'https://docs.cdp.coinbase.com/api-reference/v2/errors#customer-not-authorized',
  unauthorizedCapabilities: ['transferFiat'],
};

describe('coinbase.strict.error', () => {
  it("accepts the spec's 403 of a customer that cannot be modified", () => {
    expect(coinbase.strict.error.safeParse(updateForbidden).success).toBe(true);
  });

  it('accepts customer_not_authorized with the capabilities that blocked the call', () => {
    expect(coinbase.strict.error.parse(notAuthorized).unauthorizedCapabilities).toEqual(['transferFiat']);
  });

  it('accepts every error type the spec publishes', () => {
    for (const errorType of COINBASE_ERROR_TYPES) {
      expect(coinbase.strict.error.safeParse({ errorType, errorMessage: 'x' }).success).toBe(true);
    }
  });

  it('refuses an error type the spec does not publish, which the loose schema still reads', () => {
    const body = { errorType: 'customer_blocked', errorMessage: 'x' };
    expect(coinbase.strict.error.safeParse(body).success).toBe(false);
    expect(coinbase.error.safeParse(body).success).toBe(true);
  });

  it('refuses unauthorizedCapabilities beside any other error type', () => {
    const body = { ...updateForbidden, unauthorizedCapabilities: ['transferFiat'] };
    expect(coinbase.strict.error.safeParse(body).success).toBe(false);
  });
});
