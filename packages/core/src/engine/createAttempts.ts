import { payloadFingerprint } from './payloadFingerprint';

/**
 * One logical write's idempotency key: the same body sent again (a retry)
 * reuses it; a changed body gets a new one, since the provider refuses a key
 * reused with another body. Only the body's fingerprint is kept, never the body.
 */
export interface Attempts {
  /** The key for this body: the last one while the body is unchanged, else a new one. */
  keyFor: (payload: unknown) => string;
  /** The write went through: the next one is a new submit. */
  settle: () => void;
}

/** Idempotency keys for one kind of write (a step, a capability request, a ToS acceptance). */
export function createAttempts(createKey: () => string): Attempts {
  let current: { fingerprint: string; key: string } | null = null;
  return {
    keyFor(payload) {
      const fingerprint = payloadFingerprint(payload);
      if (current?.fingerprint !== fingerprint) current = { fingerprint, key: createKey() };
      return current.key;
    },
    settle() {
      current = null;
    },
  };
}
