import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createWebhookSignatureHeader, verifyWebhookSignature } from './verifyWebhookSignature';

const secret = 'whsec_test';
const rawBody =
  '{"eventId":"3a7f8b2e-1c4d-4e9a-b5f6-d8a2c0e7f194","eventType":"customers.capability.changed"}';
const now = Date.UTC(2026, 4, 1, 12, 0, 0);
const nowSeconds = now / 1000;

describe('verifyWebhookSignature', () => {
  it('accepts a v0 signature over "{t}.{rawBody}"', () => {
    const header = createWebhookSignatureHeader(secret, rawBody, nowSeconds);
    expect(verifyWebhookSignature({ header, rawBody, secret, now })).toMatchObject({
      ok: true,
      timestamp: nowSeconds,
    });
  });

  it('refuses a body changed after signing, a wrong secret and a missing header', () => {
    const header = createWebhookSignatureHeader(secret, rawBody, nowSeconds);
    expect(
      verifyWebhookSignature({ header, rawBody: rawBody.replace('changed', 'deleted'), secret, now }),
    ).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyWebhookSignature({ header, rawBody, secret: 'other', now })).toEqual({
      ok: false,
      reason: 'mismatch',
    });
    expect(verifyWebhookSignature({ header: null, rawBody, secret, now })).toEqual({
      ok: false,
      reason: 'missing',
    });
    expect(verifyWebhookSignature({ header: 't=abc,v0=zz', rawBody, secret, now })).toEqual({
      ok: false,
      reason: 'malformed',
    });
  });

  it('refuses events older or newer than five minutes', () => {
    const old = createWebhookSignatureHeader(secret, rawBody, nowSeconds - 301);
    const future = createWebhookSignatureHeader(secret, rawBody, nowSeconds + 301);
    const edge = createWebhookSignatureHeader(secret, rawBody, nowSeconds - 300);
    expect(verifyWebhookSignature({ header: old, rawBody, secret, now })).toEqual({
      ok: false,
      reason: 'stale',
    });
    expect(verifyWebhookSignature({ header: future, rawBody, secret, now })).toEqual({
      ok: false,
      reason: 'stale',
    });
    expect(verifyWebhookSignature({ header: edge, rawBody, secret, now }).ok).toBe(true);
  });

  it('vouches for headers only when the v1 signature over them matches', () => {
    const names = 'content-type x-event-id x-event-type';
    const values = ['application/json', 'evt_1', 'customer.capability.status_changed'];
    const v1 = createHmac('sha256', secret)
      .update(`${nowSeconds}.${names}.${values.join('.')}.${rawBody}`)
      .digest('hex');
    const header = `${createWebhookSignatureHeader(secret, rawBody, nowSeconds)},h=${names},v1=${v1}`;
    const headers = new Headers({
      'content-type': values[0] ?? '',
      'x-event-id': values[1] ?? '',
      'x-event-type': values[2] ?? '',
    });
    const honest = verifyWebhookSignature({
      header,
      rawBody,
      secret,
      now,
      getHeader: (name) => headers.get(name),
    });
    expect(honest).toMatchObject({ ok: true, signedHeaders: ['content-type', 'x-event-id', 'x-event-type'] });
    headers.set('x-event-id', 'evt_forged');
    const forged = verifyWebhookSignature({
      header,
      rawBody,
      secret,
      now,
      getHeader: (name) => headers.get(name),
    });
    expect(forged).toMatchObject({ ok: true, signedHeaders: [] });
  });
});
