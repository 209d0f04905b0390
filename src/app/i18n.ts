/**
 * Localisation: one messages module per locale (`messages/en.ts` is the reference), a `locale`
 * signal that follows the browser's languages until the learner picks one (kept in
 * localStorage), `t()` for messages with `{placeholders}` and `Intl.PluralRules` plurals, and
 * Intl formatters for numbers, minutes, dates and relative times in that locale.
 */
import { signal } from '@preact/signals';
import { de } from './messages/de';
import { en, type MessageKey, type Messages } from './messages/en';

export const catalogs: Record<Locale, Messages> = { en, de };
export type Locale = 'en' | 'de';
export const LOCALES: readonly Locale[] = ['en', 'de'];
export const localeNames: Record<Locale, string> = { en: 'English', de: 'Deutsch' };
const STORAGE_KEY = 'kindling.locale';

/** The first supported language among the stored choice and the browser's preferences. */
export function pickLocale(preferred: readonly string[], stored?: string | null): Locale {
  for (const tag of [stored ?? '', ...preferred]) {
    const base = tag.toLowerCase().split('-')[0] as Locale;
    if (LOCALES.includes(base)) return base;
  }
  return 'en';
}

const storedLocale = () => {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
};

export const locale = signal<Locale>(
  typeof navigator === 'undefined' ? 'en' : pickLocale(navigator.languages ?? [], storedLocale()),
  { name: 'i18n.locale' },
);

if (typeof document !== 'undefined') document.documentElement.lang = locale.value;

export function setLocale(next: Locale): void {
  locale.value = next;
  document.documentElement.lang = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Private mode: the choice lasts for this visit.
  }
}

type Params = Record<string, string | number>;

/**
 * The message for `key` in the current locale with its placeholders filled.
 * @example t('home.moduleMeta', { count: 3, minutes: '12 min', done: 1 }) // "3 lessons · 12 min · 1 of 3 done"
 */
export function t(key: MessageKey, params: Params = {}, inLocale: Locale = locale.value): string {
  const message = catalogs[inLocale][key] ?? en[key];
  const text =
    typeof message === 'string'
      ? message
      : new Intl.PluralRules(inLocale).select(Number(params.count ?? 0)) === 'one'
        ? message.one
        : message.other;
  return text.replace(/\{(\w+)\}/g, (_, name: string) =>
    name in params ? formatValue(params[name]!, inLocale) : `{${name}}`,
  );
}

const formatValue = (value: string | number, inLocale: Locale) =>
  typeof value === 'number' ? new Intl.NumberFormat(inLocale).format(value) : value;

export function formatNumber(n: number): string {
  return new Intl.NumberFormat(locale.value).format(n);
}

/** "5 min" / "5 Min." — a duration in whole minutes. */
export function formatMinutes(n: number): string {
  return new Intl.NumberFormat(locale.value, {
    style: 'unit',
    unit: 'minute',
    unitDisplay: 'short',
  }).format(n);
}

export function formatDateTime(iso: string): string {
  return new Intl.DateTimeFormat(locale.value, { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(iso),
  );
}
