/**
 * Wording shared by the app and the server: catalogs of messages per locale, filled with
 * `{placeholders}` and `{ one, other }` plurals by the locale's rules.
 *
 * Texts the server composes (error messages, the 1:1 script, risk reasons, badge titles, pilot
 * notes, push reminders) travel as phrases: a catalog key, its parameters, and the English text
 * for readers that have no catalog (logs, CSV, API users). The app words a phrase again in the
 * reader's locale from the same catalog (`sayPhrase`, src/app/i18n.ts), so no server text is
 * English-only.
 */
export type Locale = 'en' | 'de';
export const LOCALES: readonly Locale[] = ['en', 'de'];

/** A message: text, or `{ one, other }` chosen by `Intl.PluralRules` from the `count` parameter. */
export type Message = string | { readonly one: string; readonly other: string };
/** What every locale of a catalog must hold: the reference's keys, plural where it is plural. */
export type MessagesOf<M> = {
  readonly [K in keyof M]: M[K] extends string ? string : { one: string; other: string };
};
export type Params = Record<string, string | number>;
export type Catalogs<K extends string> = Readonly<Record<Locale, Readonly<Record<K, Message>>>>;

/** A composed text: what to look up, with what, and how it reads in English. */
export interface Phrase {
  key: string;
  params?: Params;
  text: string;
}

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
export function dateFormat(inLocale: Locale, options: Intl.DateTimeFormatOptions) {
  const key = `d ${inLocale} ${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(inLocale, options)));
  return f as Intl.DateTimeFormat;
}

const CALENDAR_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A date as the reader reads it ("Mar 31, 2099" / "31.03.2099"). A calendar date (`YYYY-MM-DD`)
 * is that day wherever the reader is; an instant is shown in the reader's own zone.
 */
export function wordDate(value: string, inLocale: Locale): string {
  const calendarDay = CALENDAR_DAY.test(value);
  return dateFormat(inLocale, {
    dateStyle: 'medium',
    ...(calendarDay ? { timeZone: 'UTC' } : {}),
  }).format(new Date(calendarDay ? `${value}T12:00:00Z` : value));
}

/** A parameter as text: numbers in the locale, and calendar dates in parameters named `…date`. */
function wordValue(name: string, value: string | number, inLocale: Locale): string {
  if (typeof value === 'number') return numberFormat(inLocale).format(value);
  return /date$/i.test(name) && CALENDAR_DAY.test(value) ? wordDate(value, inLocale) : value;
}

/** The message's text for `count` (its plural form) in a locale, English when the locale lacks it. */
export function messageText<K extends string>(
  catalogs: Catalogs<K>,
  key: K,
  count: unknown,
  inLocale: Locale,
): string {
  const message = catalogs[inLocale][key] ?? catalogs.en[key];
  return typeof message === 'string'
    ? message
    : new Intl.PluralRules(inLocale).select(Number(count ?? 0)) === 'one'
      ? message.one
      : message.other;
}

/** Fills a placeholder by name; one left unfilled stays visible as `{name}`. */
export function fillPart(part: string, params: Params, inLocale: Locale): string {
  return part in params ? wordValue(part, params[part]!, inLocale) : `{${part}}`;
}

/** The message for `key` in a locale with its placeholders filled. */
export function word<K extends string>(
  catalogs: Catalogs<K>,
  key: K,
  params: Params = {},
  inLocale: Locale = 'en',
): string {
  return messageText(catalogs, key, params.count, inLocale).replace(/\{(\w+)\}/g, (_, name) =>
    fillPart(name, params, inLocale),
  );
}

/** A catalog bound for the server and core: phrases with their English text, and wording. */
export interface Wording<K extends string> {
  (key: K, params?: Params): Phrase;
  say(key: K, params?: Params, inLocale?: Locale): string;
  readonly catalogs: Catalogs<K>;
}

/**
 * Binds one catalog (English reference plus every other locale, all required by type).
 * @example const say = defineWording({ en, de }); say('push.goal', { count: 2 }).text
 */
export function defineWording<M extends Record<string, Message>>(
  catalogs: { en: M } & { [L in Exclude<Locale, 'en'>]: MessagesOf<M> },
): Wording<keyof M & string> {
  type K = keyof M & string;
  const all = catalogs as unknown as Catalogs<K>;
  const phrase = (key: K, params?: Params): Phrase => ({
    key,
    ...(params && Object.keys(params).length ? { params } : {}),
    text: word(all, key, params, 'en'),
  });
  return Object.assign(phrase, {
    say: (key: K, params?: Params, inLocale: Locale = 'en') => word(all, key, params, inLocale),
    catalogs: all,
  });
}

/** The supported locale a language tag names, or undefined. */
export function localeOf(tag: string | null | undefined): Locale | undefined {
  const base = (tag ?? '').toLowerCase().split('-')[0] as Locale;
  return LOCALES.includes(base) ? base : undefined;
}
