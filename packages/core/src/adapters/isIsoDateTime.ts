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
  if (typeof value !== 'string' || !ISO_DATE_TIME.test(value)) return false;
  const time = Date.parse(value);
  if (Number.isNaN(time)) return false;
  // Date.parse rolls 2026-02-31 over to March: compare the calendar day it names.
  const [year, month, day] = value.slice(0, 10).split('-').map(Number);
  const check = new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1));
  return check.getUTCFullYear() === year && check.getUTCMonth() + 1 === month && check.getUTCDate() === day;
}
