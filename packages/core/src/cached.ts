/**
 * `cache`'s value for `key`, made by `make` on first use and kept: the kit's
 * `Intl` objects, per-locale tables and completed field specs are each built once.
 */
export function cached<Key, Value>(
  cache: { get(key: Key): Value | undefined; set(key: Key, value: Value): unknown },
  key: Key,
  make: () => Value,
): Value {
  let value = cache.get(key);
  if (value === undefined) {
    value = make();
    cache.set(key, value);
  }
  return value;
}
