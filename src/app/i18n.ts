/**
 * Localisation: one messages module per locale (`messages/en.ts` is the reference), a `locale`
 * signal that follows the browser's languages until the learner picks one (kept in
 * localStorage), `t()` for messages with `{placeholders}` and `Intl.PluralRules` plurals, and
 * Intl formatters for numbers, minutes, dates and relative times in that locale.
 *
 * Screens that load lazily (manager, admin, pilot) keep their messages in their own catalogs
 * (`messages/<area>.<locale>.ts`), bound with `defineMessages`, so a learner's first screen never
 * downloads them.
 */
import { signal } from '@preact/signals';
import { de } from './messages/de';
import { en } from './messages/en';

export type Locale = 'en' | 'de';
export const LOCALES: readonly Locale[] = ['en', 'de'];
export const localeNames: Record<Locale, string> = { en: 'English', de: 'Deutsch' };
const STORAGE_KEY = 'kindling.locale';

/** A message: text, or `{ one, other }` chosen by `Intl.PluralRules` from the `count` parameter. */
export type Message = string | { readonly one: string; readonly other: string };
/** What every locale of a catalog must hold: the reference's keys, plural where it is plural. */
export type MessagesOf<M> = {
  readonly [K in keyof M]: M[K] extends string ? string : { one: string; other: string };
};
type Params = Record<string, string | number>;

/** A catalog's `t`: the message for `key` in the current (or given) locale, placeholders filled. */
export interface Translate<K extends string> {
  (key: K, params?: Params, inLocale?: Locale): string;
  /**
   * The message cut at its placeholders, with `nodes` (e.g. `<strong>`) put in their place, for
   * messages where part of the sentence is marked up.
   */
  rich<N>(key: K, nodes: Record<string, N>, params?: Params): Array<string | N>;
  readonly catalogs: Readonly<Record<Locale, Readonly<Record<K, Message>>>>;
}

/**
 * Binds one catalog (English reference plus every other locale, all required by type) to a `t`.
 * @example const t = defineMessages({ en, de }); t('team.title') // "Your team" / "Dein Team"
 */
export function defineMessages<M extends Record<string, Message>>(
  catalogs: { en: M } & { [L in Exclude<Locale, 'en'>]: MessagesOf<M> },
): Translate<keyof M & string> {
  type K = keyof M & string;
  const all = catalogs as unknown as Record<Locale, Record<K, Message>>;
  const text = (key: K, count: unknown, inLocale: Locale) => {
    const message = all[inLocale][key] ?? all.en[key];
    return typeof message === 'string'
      ? message
      : new Intl.PluralRules(inLocale).select(Number(count ?? 0)) === 'one'
        ? message.one
        : message.other;
  };
  const translate = (key: K, params: Params = {}, inLocale: Locale = locale.value) =>
    text(key, params.count, inLocale).replace(/\{(\w+)\}/g, (_, name: string) =>
      name in params ? formatValue(params[name]!, inLocale) : `{${name}}`,
    );
  function rich<N>(key: K, nodes: Record<string, N>, params: Params = {}): Array<string | N> {
    const inLocale = locale.value;
    const parts: Array<string | N> = [];
    text(key, params.count, inLocale)
      .split(/\{(\w+)\}/)
      .forEach((part, i) => {
        const value =
          i % 2 === 0
            ? part
            : part in nodes
              ? nodes[part]!
              : part in params
                ? formatValue(params[part]!, inLocale)
                : `{${part}}`;
        const last = parts.length - 1;
        if (typeof value === 'string' && typeof parts[last] === 'string') parts[last] += value;
        else parts.push(value);
      });
    return parts.filter((part) => part !== '');
  }
  return Object.assign(translate, { rich, catalogs: all });
}

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

/**
 * The message for `key` of the core catalog (the learner's screens) in the current locale.
 * @example t('home.moduleMeta', { count: 3, minutes: '12 min', done: 1 }) // "3 lessons · 12 min · 1 of 3 done"
 */
export const t = defineMessages({ en, de });
export const catalogs = t.catalogs;

/**
 * Intl formatters, made once per locale and options: building one costs far more than using it,
 * and a home screen formats dozens of numbers on a cheap phone's first render.
 */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
export function numberFormat(inLocale: Locale, options: Intl.NumberFormatOptions = {}) {
  const key = `n ${inLocale} ${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.NumberFormat(inLocale, options)));
  return f as Intl.NumberFormat;
}
export function dateFormat(options: Intl.DateTimeFormatOptions) {
  const key = `d ${locale.value} ${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(locale.value, options)));
  return f as Intl.DateTimeFormat;
}

const formatValue = (value: string | number, inLocale: Locale) =>
  typeof value === 'number' ? numberFormat(inLocale).format(value) : value;

export function formatNumber(n: number): string {
  return numberFormat(locale.value).format(n);
}

/** "5 min" / "5 Min." — a duration in whole minutes. */
export function formatMinutes(n: number): string {
  return numberFormat(locale.value, { style: 'unit', unit: 'minute', unitDisplay: 'short' }).format(
    n,
  );
}

export function formatDateTime(iso: string): string {
  return dateFormat({ dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/**
 * A date as the learner reads it ("Mar 31, 2099" / "31.03.2099"). A calendar date
 * (`YYYY-MM-DD`) is that day wherever the reader is; an instant is shown in their own zone.
 */
export function formatDate(value: string): string {
  const calendarDay = /^\d{4}-\d{2}-\d{2}$/.test(value);
  return dateFormat({ dateStyle: 'medium', ...(calendarDay ? { timeZone: 'UTC' } : {}) }).format(
    new Date(calendarDay ? `${value}T12:00:00Z` : value),
  );
}

/** "25%" / "25 %" — a share given in percent (0–100), to at most one decimal. */
export function formatPercent(percent: number): string {
  return numberFormat(locale.value, { style: 'percent', maximumFractionDigits: 1 }).format(
    percent / 100,
  );
}
