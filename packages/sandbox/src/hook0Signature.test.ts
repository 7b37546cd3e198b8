import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signHook0Payload, verifyHook0Signature } from './hook0Signature';

const headers = {
  'content-type': 'application/json',
  'x-event-id': 'evt-1',
  'x-event-type': 'customers.capability.changed',
};

describe('X-Hook0-Signature', () => {
  it('v0 is the hex HMAC-SHA256 of "{t}.{rawBody}"', () => {
    const rawBody = '{"eventId":"evt-1"}';
    const header = signHook0Payload({ secret: 'secret', rawBody, timestamp: 1_700_000_000, headers });
    const expected = createHmac('sha256', 'secret').update(`1700000000.${rawBody}`).digest('hex');
    expect(header.startsWith(`t=1700000000,v0=${expected},h=content-type x-event-id x-event-type,v1=`)).toBe(
      true,
    );
  });

  it('v1 also covers the named headers', () => {
    const rawBody = '{}';
    const header = signHook0Payload({ secret: 'secret', rawBody, timestamp: 1, headers });
    const v1 = createHmac('sha256', 'secret')
      .update(
        `1.content-type x-event-id x-event-type.application/json.evt-1.customers.capability.changed.${rawBody}`,
      )
      .digest('hex');
    expect(header.endsWith(`,v1=${v1}`)).toBe(true);
  });

  it('verifies in a five-minute window and refuses a changed body', () => {
    const rawBody = '{"a":1}';
    const header = signHook0Payload({ secret: 'secret', rawBody, timestamp: 1000, headers });
    expect(verifyHook0Signature({ secret: 'secret', rawBody, header, nowSeconds: 1200 })).toBe(true);
    expect(verifyHook0Signature({ secret: 'secret', rawBody, header, nowSeconds: 1301 })).toBe(false);
    expect(verifyHook0Signature({ secret: 'secret', rawBody: '{"a":2}', header, nowSeconds: 1000 })).toBe(
      false,
    );
    expect(verifyHook0Signature({ secret: 'secret', rawBody, header: 'garbage', nowSeconds: 1000 })).toBe(
      false,
    );
  });
});
