import { isIsoDateTime } from '@kyc-kit/core';

/**
 * A requirement deadline (ISO 8601) as a long date in `locale`; `undefined`
 * for anything that is not a valid ISO date, so provider text never reaches
 * the screen (callers then show no date).
 */
export function formatDeadline(deadline: string, locale: string): string | undefined {
  if (!isIsoDateTime(deadline)) return undefined;
  const date = new Date(deadline);
  try {
    // UTC: a deadline is a provider's instant, and the day must not shift with the test machine's zone.
    return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
  } catch {
    return new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' }).format(date);
  }
}
