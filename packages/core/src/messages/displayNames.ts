import { cached } from '../cached';

const displayNames = new Map<string, Intl.DisplayNames | null>();

/**
 * One `Intl.DisplayNames` per locale and type, made on first use and kept:
 * the first construction loads the runtime's CLDR data, which costs 100-400 ms
 * on a slow phone, so it must never happen at module load or once per name.
 * `undefined` when the runtime has no such data (a very small ICU build) or
 * the locale is malformed: callers fall back to the code.
 */
export function displayNamesFor(
  locales: string | readonly string[],
  type: Intl.DisplayNamesType,
): Intl.DisplayNames | undefined {
  const names = cached(displayNames, `${type} ${String(locales)}`, () => {
    try {
      return new Intl.DisplayNames([locales].flat(), { type, fallback: 'code' });
    } catch {
      return null;
    }
  });
  return names ?? undefined;
}

/**
 * A point in time as a long date in `locale` ("September 1, 2026"), read in
 * UTC so the day never shifts with the device's zone; English when the
 * locale is malformed, `undefined` for an invalid time.
 *
 * @example longDate(Date.UTC(2026, 8, 1), 'es') // '1 de septiembre de 2026'
 */
export function longDate(time: number, locale: string): string | undefined {
  try {
    return new Intl.DateTimeFormat([locale, 'en'], { dateStyle: 'long', timeZone: 'UTC' }).format(time);
  } catch {
    // A malformed locale tag (English then), or not a time at all.
    return Number.isNaN(time) || locale === 'en' ? undefined : longDate(time, 'en');
  }
}
