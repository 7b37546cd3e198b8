import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { coinbaseAdapter } from './adapters/coinbaseAdapter';
import { omsAdapter } from './adapters/omsAdapter';
import {
  API_ERROR_CODES,
  apiErrorMessageId,
  apiErrorSchema,
  createCustomerBodySchema,
  customerReadResponseSchema,
  customerResponseSchema,
  tosAcceptBodySchema,
  updateCustomerBodySchema,
} from './api';
import { es } from './locales/es';
import { createTranslator, messages } from './messages/messages';

// Spanish ships as its own entry point; this is how a partner's app reads it.
const spanish = createTranslator('es', es);

describe('proxy wire schemas', () => {
  it('accept a create body and refuse an empty capability list or unknown keys', () => {
    expect(
      createCustomerBodySchema.safeParse({ capabilities: ['custodyFiat'], fields: { firstName: 'Jane' } })
        .success,
    ).toBe(true);
    expect(createCustomerBodySchema.safeParse({ capabilities: [] }).success).toBe(false);
    expect(createCustomerBodySchema.safeParse({ capabilities: ['custodyFiat'], admin: true }).success).toBe(
      false,
    );
  });

  it('refuse field keys that could address nested or prototype properties', () => {
    const parsed = updateCustomerBodySchema.parse({
      fields: JSON.parse('{"__proto__": {"polluted": 1}, "firstName": "Jane"}'),
    });
    expect(Object.keys(parsed.fields ?? {})).toEqual(['firstName']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(updateCustomerBodySchema.safeParse({ fields: { 'individual.fullSsn': '1' } }).success).toBe(false);
  });

  it('need fields or capabilities in an update', () => {
    expect(updateCustomerBodySchema.safeParse({}).success).toBe(false);
    expect(updateCustomerBodySchema.safeParse({ capabilities: ['tradeCrypto'] }).success).toBe(true);
  });

  it('take a ToS acceptance without a client timestamp', () => {
    expect(tosAcceptBodySchema.safeParse({ versionId: 'v1', language: 'en' }).success).toBe(true);
    expect(
      tosAcceptBodySchema.safeParse({ versionId: 'v1', language: 'en', acceptedAt: '2020-01-01T00:00:00Z' })
        .success,
    ).toBe(false);
  });

  it('round-trip normalized customers of both adapters', () => {
    const coinbaseCustomer = coinbaseAdapter.parseCustomer({
      customerId: 'customer_af2937b0-9846-4fe7-bfe9-ccc22d935114',
      capabilities: { custodyFiat: { requested: true, status: 'pending' } },
      requirements: {
        tos: {
          status: 'due',
          tosVersions: [{ versionId: 'v', languages: ['en'], url: 'https://x.example/tos' }],
        },
      },
    });
    const omsCustomer = omsAdapter.parseCustomer({ id: 'cst_1', signedAgreement: false, endorsements: [] });
    for (const customer of [coinbaseCustomer, omsCustomer]) {
      expect(customerResponseSchema.parse(JSON.parse(JSON.stringify({ customer })))).toEqual({ customer });
    }
  });

  it('let GET /customer answer "no customer yet" as a customer of null, and nothing looser', () => {
    expect(customerReadResponseSchema.parse({ customer: null })).toEqual({ customer: null });
    expect(customerReadResponseSchema.safeParse({}).success).toBe(false);
    expect(customerResponseSchema.safeParse({ customer: null }).success).toBe(false);
  });

  it('describe the error body', () => {
    expect(
      apiErrorSchema.safeParse({
        error: {
          code: 'invalid_fields',
          message: 'Check the highlighted fields and try again.',
          fields: {
            fullSsn: {
              code: 'field.fullSsn.error.invalid',
              message: 'Enter a 9-digit Social Security number',
            },
          },
          retryable: false,
        },
      }).success,
    ).toBe(true);
  });

  it("convert to JSON Schema, for the proxy's OpenAPI document", () => {
    for (const schema of [
      createCustomerBodySchema,
      updateCustomerBodySchema,
      tosAcceptBodySchema,
      customerResponseSchema,
      customerReadResponseSchema,
      apiErrorSchema,
    ]) {
      expect(z.toJSONSchema(schema)).toMatchObject({ type: 'object' });
    }
  });

  for (const code of API_ERROR_CODES) {
    it(`has an end-user message for the error code ${code}`, () => {
      expect(messages.en[apiErrorMessageId(code)]).toBeTruthy();
      expect(spanish(apiErrorMessageId(code))).toBeTruthy();
    });
  }
});
