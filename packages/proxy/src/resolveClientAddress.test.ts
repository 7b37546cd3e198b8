import { describe, expect, it } from 'vitest';
import { addressBucket, resolveClientAddress } from './resolveClientAddress';

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

describe('addressBucket', () => {
  it('counts IPv6 addresses by their /64 however they are written, and IPv4 ones whole', () => {
    expect(addressBucket('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(addressBucket('2001:0DB8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(addressBucket('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressBucket('::1')).toBe('0:0:0:0::/64');
    expect(addressBucket('fe80::')).toBe('fe80:0:0:0::/64');
    expect(addressBucket('203.0.113.10')).toBe('203.0.113.10');
    expect(addressBucket('64:ff9b::192.0.2.1')).toBe('64:ff9b::192.0.2.1');
  });
});
