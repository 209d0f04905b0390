/** Display helpers, formatted with Intl in the learner's chosen locale (see i18n.ts). */
import { dateFormat, formatMinutes, locale, numberFormat, t } from './i18n';

export function minutes(n: number): string {
  return formatMinutes(n);
}

export function relativeTime(iso: string | null, now = Date.now()): string {
  if (!iso) return t('sync.never');
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  const rtf = new Intl.RelativeTimeFormat(locale.value, { numeric: 'auto' });
  const abs = Math.abs(seconds);
  if (abs < 45) return t('sync.justNow');
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return rtf.format(Math.round(seconds / 3600), 'hour');
  return rtf.format(Math.round(seconds / 86_400), 'day');
}

export function weekday(date: string): string {
  return dateFormat({ weekday: 'narrow', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));
}

/** A byte count as the learner reads it: 840 B, 12 kB, 3.4 MB. */
export function bytes(n: number): string {
  return numberFormat(locale.value, {
    notation: 'compact',
    style: 'unit',
    unit: n < 1000 ? 'byte' : n < 1e6 ? 'kilobyte' : 'megabyte',
    unitDisplay: 'short',
    maximumFractionDigits: 1,
  }).format(n < 1000 ? n : n < 1e6 ? n / 1000 : n / 1e6);
}
