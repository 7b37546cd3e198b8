/** FNV-1a's 32-bit prime. */
const FNV_PRIME = 0x01000193;

/**
 * JSON with object keys sorted, so the same values typed in another order
 * (react-hook-form rebuilds nested objects as fields change) give the same text.
 */
const canonicalJson = (value: unknown): string =>
  JSON.stringify(value, (_key, each: unknown) =>
    typeof each === 'object' && each !== null && !Array.isArray(each)
      ? // Keys are unique within an object, so no two compare equal.
        Object.fromEntries(Object.entries(each).sort(([left], [right]) => (left < right ? -1 : 1)))
      : each,
  ) ?? 'null';

/** FNV-1a (32 bits) over the UTF-16 code units of `text`, from `seed` (FNV's offset basis by default). */
export function fnv1a(text: string, seed = 0x811c9dc5): number {
  let hash = seed >>> 0;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, FNV_PRIME) >>> 0;
  }
  return hash;
}

const hex = (hash: number) => hash.toString(16).padStart(8, '0');

/**
 * A short fingerprint of a write's body, to tell a retry (the same body: the
 * same idempotency key) from a new submit (a changed body: a new key, since
 * the provider refuses a key reused with another body). The hooks keep this
 * instead of a copy of the body, whose values may be an SSN or a date of
 * birth. It is not a secret (a short value like an SSN could be guessed back
 * from it), so like the form's own values it lives only in memory and is
 * never stored, logged or sent. Two 32-bit FNV-1a passes with different seeds
 * make an accidental collision between two submits of one user negligible.
 */
export function payloadFingerprint(payload: unknown): string {
  const text = canonicalJson(payload);
  return `${hex(fnv1a(text))}${hex(fnv1a(text, 0x9e3779b9))}`;
}
