/** A requirement deadline (ISO 8601) as a long date in `locale`; the raw text when it does not parse. */
export function formatDeadline(deadline: string, locale: string): string {
  const date = new Date(deadline);
  if (Number.isNaN(date.getTime())) return deadline;
  try {
    // UTC: a deadline is a provider's instant, and the day must not shift with the test machine's zone.
    return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
  } catch {
    return new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' }).format(date);
  }
}
