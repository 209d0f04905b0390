/**
 * Local calendar dates. A learner's day is the date on their own wall clock, in the IANA zone
 * the device reported with the event, so travelling never moves a lesson to another day.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: tz,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** The local date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(instant: string | number | Date, tz: string): string {
  return formatterFor(tz).format(new Date(instant));
}

/** Whole days from date a to date b (both YYYY-MM-DD); positive when b is later. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
