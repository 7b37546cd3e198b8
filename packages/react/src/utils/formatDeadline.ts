import { isIsoDateTime, longDate } from '@kyc-kit/core';

/**
 * A requirement deadline (ISO 8601) as a long date in `locale`; `undefined`
 * for anything that is not a valid ISO date, so provider text never reaches
 * the screen (callers then show no date). UTC: a deadline is a provider's
 * instant, and the day must not shift with the device's zone.
 */
export function formatDeadline(deadline: string, locale: string): string | undefined {
  return isIsoDateTime(deadline) ? longDate(Date.parse(deadline), locale) : undefined;
}
