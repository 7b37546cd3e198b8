import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { verifyProviderWebhook } from './verifyProviderWebhook';
import {
  createStandardWebhookHeaders,
  toStandardWebhookSecret,
  verifyStandardWebhook,
} from './verifyStandardWebhook';
import { createWebhookSignatureHeader, verifyWebhookSignature } from './verifyWebhookSignature';

// A secret in the form OMS hands out: `whsec_` and a base64 key.
const omsSecret = `whsec_${Buffer.from('oms-subscription-key-0123456789ab').toString('base64')}`;
const rawBody = '{"id":"evt_1","type":"customer.endorsement.granted","data":{"customerId":"cst_1"}}';

function headerReader(headers: Record<string, string>) {
  const lower = new Map(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
  return (name: string) => lower.get(name.toLowerCase());
}

function signedByLibrary(secret: string, body: string, at = new Date()) {
  const signature = new Webhook(secret).sign('msg_1', at, body);
  return {
    'Webhook-Id': 'msg_1',
    'Webhook-Timestamp': String(Math.floor(at.getTime() / 1000)),
    'Webhook-Signature': signature,
  };
}

describe('verifyStandardWebhook (OMS deliveries)', () => {
  it('accepts a delivery signed by the standardwebhooks library with a whsec_ secret', () => {
    const result = verifyStandardWebhook({
      getHeader: headerReader(signedByLibrary(omsSecret, rawBody)),
      rawBody,
      secret: omsSecret,
    });
    expect(result).toMatchObject({ ok: true, signedHeaders: ['webhook-id', 'webhook-timestamp'] });
  });

  it('refuses a changed body, a wrong secret, missing headers and a stale timestamp', () => {
    const headers = signedByLibrary(omsSecret, rawBody);
    expect(
      verifyStandardWebhook({
        getHeader: headerReader(headers),
        rawBody: rawBody.replace('granted', 'revoked'),
        secret: omsSecret,
      }),
    ).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyStandardWebhook({ getHeader: headerReader(headers), rawBody, secret: 'other' })).toEqual({
      ok: false,
      reason: 'mismatch',
    });
    expect(verifyStandardWebhook({ getHeader: headerReader({}), rawBody, secret: omsSecret })).toEqual({
      ok: false,
      reason: 'missing',
    });
    const old = signedByLibrary(omsSecret, rawBody, new Date(Date.now() - 301_000));
    expect(verifyStandardWebhook({ getHeader: headerReader(old), rawBody, secret: omsSecret })).toEqual({
      ok: false,
      reason: 'stale',
    });
  });

  it('accepts either secret during a rotation', () => {
    const next = `whsec_${Buffer.from('the-next-key-after-rotation-00').toString('base64')}`;
    const signedWithOld = signedByLibrary(omsSecret, rawBody);
    const signedWithNext = signedByLibrary(next, rawBody);
    for (const headers of [signedWithOld, signedWithNext]) {
      expect(
        verifyStandardWebhook({ getHeader: headerReader(headers), rawBody, secret: [omsSecret, next] }).ok,
      ).toBe(true);
    }
    expect(
      verifyStandardWebhook({ getHeader: headerReader(signedWithNext), rawBody, secret: omsSecret }).ok,
    ).toBe(false);
  });

  it('signs as the library verifies, and takes a plain secret as the key bytes', () => {
    const headers = createStandardWebhookHeaders({ secret: 'plain-secret', rawBody, messageId: 'msg_2' });
    expect(() => new Webhook(toStandardWebhookSecret('plain-secret')).verify(rawBody, headers)).not.toThrow();
    expect(
      verifyStandardWebhook({ getHeader: headerReader(headers), rawBody, secret: 'plain-secret' }).ok,
    ).toBe(true);
  });
});

describe('verifyProviderWebhook', () => {
  it("checks each provider's deliveries in that provider's scheme", () => {
    const omsHeaders = createStandardWebhookHeaders({ secret: omsSecret, rawBody, messageId: 'msg_3' });
    expect(
      verifyProviderWebhook({
        provider: 'oms',
        getHeader: headerReader(omsHeaders),
        rawBody,
        secret: omsSecret,
      }).ok,
    ).toBe(true);
    // A Hook0 header is no signature for OMS, and a Standard Webhooks one none for Coinbase.
    const hook0 = { 'X-Hook0-Signature': createWebhookSignatureHeader(omsSecret, rawBody) };
    expect(
      verifyProviderWebhook({ provider: 'oms', getHeader: headerReader(hook0), rawBody, secret: omsSecret }),
    ).toEqual({ ok: false, reason: 'missing' });
    expect(
      verifyProviderWebhook({
        provider: 'coinbase',
        getHeader: headerReader(omsHeaders),
        rawBody,
        secret: omsSecret,
      }),
    ).toEqual({ ok: false, reason: 'missing' });
    expect(
      verifyProviderWebhook({
        provider: 'coinbase',
        getHeader: headerReader(hook0),
        rawBody,
        secret: omsSecret,
      }).ok,
    ).toBe(true);
  });
});

describe('verifyWebhookSignature (Coinbase, Hook0) during a rotation', () => {
  it('accepts a signature made with any of the listed secrets', () => {
    const now = Date.now();
    const header = createWebhookSignatureHeader('new-secret', rawBody, Math.floor(now / 1000));
    expect(verifyWebhookSignature({ header, rawBody, secret: ['old-secret', 'new-secret'], now }).ok).toBe(
      true,
    );
    expect(verifyWebhookSignature({ header, rawBody, secret: ['old-secret'], now })).toEqual({
      ok: false,
      reason: 'mismatch',
    });
  });
});
