import { describe, expect, it } from 'vitest';
import { createLinkCache } from './createLinkCache';

describe('createLinkCache', () => {
  it("remembers each user's customer and forgets a deleted customer, whoever it belonged to", () => {
    const links = createLinkCache();
    links.set('ann', 'customer_1');
    links.set('bob', 'customer_2');
    expect(links.get('ann')).toBe('customer_1');
    links.forgetCustomer('customer_1');
    expect(links.get('ann')).toBeUndefined();
    expect(links.get('bob')).toBe('customer_2');
    // A user's new customer replaces the old one, and forgetting the old one leaves the new one.
    links.set('bob', 'customer_3');
    links.forgetCustomer('customer_2');
    expect(links.get('bob')).toBe('customer_3');
  });

  it('keeps at most its limit of users, dropping the oldest first', () => {
    const links = createLinkCache(2);
    links.set('ann', 'customer_1');
    links.set('bob', 'customer_2');
    links.set('cy', 'customer_3');
    expect([links.get('ann'), links.get('bob'), links.get('cy')]).toEqual([
      undefined,
      'customer_2',
      'customer_3',
    ]);
    // The dropped user's customer is no longer tied to them.
    links.set('dee', 'customer_1');
    links.forgetCustomer('customer_1');
    expect(links.get('dee')).toBeUndefined();
  });
});
