/**
 * The user -> customer links this instance has seen, so a read needs no
 * store lookup. A link never changes once made; it only goes away when its
 * customer is deleted upstream. So an entry is dropped when this instance
 * learns that (the provider answers "customer gone", or a deletion webhook
 * arrives here), and a link another instance dropped is caught by the
 * provider's own "customer gone" on the next call (see
 * `createProxyDeps`'s `withLinkedCustomer`). Bounded: past `limit` users the
 * oldest entries are dropped, and are read from the store again when needed.
 */
export interface LinkCache {
  /** The cached customer of the user, if any. */
  get(userId: string): string | undefined;
  /** Remembers a link read from, or written to, the store. */
  set(userId: string, customerId: string): void;
  /** Forgets the link of a customer (deleted upstream), whichever user it belonged to. */
  forgetCustomer(customerId: string): void;
}

/** Users remembered at most: a few MB at worst, and far more than are active at once on one instance. */
const DEFAULT_LIMIT = 10_000;

/** An in-process {@link LinkCache} of at most `limit` users, oldest first out. */
export function createLinkCache(limit: number = DEFAULT_LIMIT): LinkCache {
  const byUser = new Map<string, string>();
  const byCustomer = new Map<string, string>();
  return {
    get: (userId) => byUser.get(userId),
    set(userId, customerId) {
      const previous = byUser.get(userId);
      if (previous === customerId) return;
      if (previous !== undefined) byCustomer.delete(previous);
      else if (byUser.size >= limit) {
        for (const [oldestUser, oldestCustomer] of byUser) {
          byUser.delete(oldestUser);
          byCustomer.delete(oldestCustomer);
          break;
        }
      }
      byUser.set(userId, customerId);
      byCustomer.set(customerId, userId);
    },
    forgetCustomer(customerId) {
      const userId = byCustomer.get(customerId);
      if (userId === undefined) return;
      byCustomer.delete(customerId);
      if (byUser.get(userId) === customerId) byUser.delete(userId);
    },
  };
}
