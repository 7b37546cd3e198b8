import { describe, expect, it } from 'vitest';
import { payloadFingerprint } from './payloadFingerprint';

describe('payloadFingerprint', () => {
  it('is the same for the same body, whatever the order of its keys', () => {
    const body = {
      method: 'update',
      body: { fields: { firstName: 'Ada', address: { line1: '1 Main Street', city: 'Springfield' } } },
    };
    const reordered = {
      body: { fields: { address: { city: 'Springfield', line1: '1 Main Street' }, firstName: 'Ada' } },
      method: 'update',
    };
    expect(payloadFingerprint(reordered)).toBe(payloadFingerprint(body));
  });

  it('changes when any value changes, and never contains one', () => {
    const first = payloadFingerprint({ fields: { fullSsn: '123-45-6789', lastName: 'Lovelace' } });
    const edited = payloadFingerprint({ fields: { fullSsn: '123-45-6780', lastName: 'Lovelace' } });
    expect(edited).not.toBe(first);
    expect(first).toMatch(/^[0-9a-f]{16}$/);
    expect(payloadFingerprint({ capabilities: ['custodyFiat'] })).not.toBe(
      payloadFingerprint({ capabilities: ['custodyFiat', 'tradeCrypto'] }),
    );
  });
});
