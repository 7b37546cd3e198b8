import { describe, expect, it } from 'vitest';
import { resolveClientAddress } from './resolveClientAddress';

describe('resolveClientAddress', () => {
  it('uses the socket address and ignores X-Forwarded-For when no proxy is trusted', () => {
    expect(
      resolveClientAddress({
        socketAddress: '203.0.113.7',
        forwardedFor: '198.51.100.1',
        trustedProxyCount: 0,
      }),
    ).toBe('203.0.113.7');
  });

  it('reads the hop the trusted proxies vouch for, not what the client wrote further left', () => {
    const forwardedFor = '6.6.6.6, 203.0.113.42, 10.0.0.5';
    expect(resolveClientAddress({ socketAddress: '10.0.0.9', forwardedFor, trustedProxyCount: 1 })).toBe(
      '10.0.0.5',
    );
    expect(resolveClientAddress({ socketAddress: '10.0.0.9', forwardedFor, trustedProxyCount: 2 })).toBe(
      '203.0.113.42',
    );
  });

  it('knows no address when fewer hops arrived than proxies are trusted', () => {
    expect(
      resolveClientAddress({ socketAddress: '10.0.0.9', forwardedFor: null, trustedProxyCount: 1 }),
    ).toBeUndefined();
  });

  it('unwraps IPv4-mapped IPv6, brackets and ports, and refuses what is not an IP', () => {
    expect(
      resolveClientAddress({ socketAddress: '::ffff:203.0.113.9', forwardedFor: null, trustedProxyCount: 0 }),
    ).toBe('203.0.113.9');
    expect(
      resolveClientAddress({
        socketAddress: '10.0.0.1',
        forwardedFor: '[2001:db8::1]:443',
        trustedProxyCount: 1,
      }),
    ).toBe('2001:db8::1');
    expect(
      resolveClientAddress({
        socketAddress: '10.0.0.1',
        forwardedFor: '203.0.113.5:5123',
        trustedProxyCount: 1,
      }),
    ).toBe('203.0.113.5');
    expect(
      resolveClientAddress({ socketAddress: '10.0.0.1', forwardedFor: 'unknown', trustedProxyCount: 1 }),
    ).toBeUndefined();
    expect(
      resolveClientAddress({ socketAddress: undefined, forwardedFor: null, trustedProxyCount: 0 }),
    ).toBeUndefined();
  });
});
