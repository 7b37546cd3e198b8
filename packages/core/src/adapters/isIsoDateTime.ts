/**
 * ISO 8601 dates and date-times as providers send them: `2026-09-01`,
 * `2026-09-01T00:00:00Z`, `2026-09-01T10:00:00.000+02:00`.
 */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Whether `value` is a valid ISO 8601 date or date-time (a real calendar
 * day). Adapters drop any other deadline, and the UI formats only these, so
 * free provider text such as "soon" never reaches a screen.
 */
export function isIsoDateTime(value: unknown): value is string {
  if (typeof value !== 'string' || !ISO_DATE_TIME.test(value) || Number.isNaN(Date.parse(value)))
    return false;
  // Date.parse rolls 2026-02-31 over to March: compare the calendar day it names.
  const [year, month, day] = value.slice(0, 10).split('-').map(Number) as [number, number, number];
  return utcDay(year, month, day) !== undefined;
}

/**
 * The time of `year`-`month`-`day` at midnight UTC (`month` 1 to 12), or
 * `undefined` when that is no calendar day (a 31 February, a month 13).
 */
export function utcDay(year: number, month: number, day: number): number | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
    ? date.getTime()
    : undefined;
}
