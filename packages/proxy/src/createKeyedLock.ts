/** Runs tasks one at a time per key. */
export interface KeyedLock {
  /** Runs `task` after every earlier task of the same key has settled. */
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
}

/**
 * An in-process mutex per key. The proxy takes it per user around customer
 * creation, so 50 simultaneous creates from one browser are served one after
 * the other and all but the first find the customer already linked; the
 * store's uniqueness rule covers several processes.
 */
export function createKeyedLock(): KeyedLock {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run(key, task) {
      const previous = tails.get(key) ?? Promise.resolve();
      const result = previous.then(task, task);
      const tail = result.then(
        () => undefined,
        () => undefined,
      );
      tails.set(key, tail);
      // Drop the entry once the chain is idle, so the map does not grow with every user ever seen.
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },
  };
}
