/**
 * Localisation: one messages module per locale (`messages/en.ts` is the reference), a `locale`
 * signal that follows the browser's languages until the learner picks one (kept on the device,
 * client/preferences.ts), `t()` for messages with `{placeholders}` and `Intl.PluralRules` plurals, and
 * Intl formatters for numbers, minutes, dates and relative times in that locale.
 *
 * Screens that load lazily (manager, admin, pilot) keep their messages in their own catalogs
 * (`messages/<area>.<locale>.ts`), bound with `defineMessages`, so a learner's first screen never
 * downloads them.
 */
import { signal } from '@preact/signals';
import { storedLocale, storeLocale } from '../client/preferences';
import {
  fillPart,
  localeOf,
  LOCALES,
  messageText,
  numberFormat,
  dateFormat as dateFormatIn,
  wordDate,
  word,
  type Catalogs,
  type Locale,
  type Message,
  type MessagesOf,
  type Params,
  type Phrase,
} from '../core/wording';
import { de as badgesDe } from '../core/phrases/badges.de';
import { en as badgesEn } from '../core/phrases/badges.en';
import { de as errorsDe } from '../core/phrases/errors.de';
import { en as errorsEn } from '../core/phrases/errors.en';
import { de as notificationsDe } from '../core/phrases/notifications.de';
import { en as notificationsEn } from '../core/phrases/notifications.en';
import { de } from './messages/de';
import { en } from './messages/en';

export { LOCALES, numberFormat, type Locale, type Message, type MessagesOf, type Phrase };
export const localeNames: Record<Locale, string> = { en: 'English', de: 'Deutsch' };

/** A catalog's `t`: the message for `key` in the current (or given) locale, placeholders filled. */
export interface Translate<K extends string> {
  (key: K, params?: Params, inLocale?: Locale): string;
  /**
   * The message cut at its placeholders, with `nodes` (e.g. `<strong>`) put in their place, for
   * messages where part of the sentence is marked up.
   */
  rich<N>(key: K, nodes: Record<string, N>, params?: Params): Array<string | N>;
  readonly catalogs: Catalogs<K>;
}

/** Every catalog bound so far: the core one, and each lazy area's once its chunk has loaded. */
const definedCatalogs: Array<Catalogs<string>> = [];

/**
 * A phrase the server composed, in the reader's locale, from whichever loaded catalog holds its
 * key (the people screens' catalog holds their refusals); its English text when none does.
 */
export function sayPhrase(p: Phrase): string {
  const catalog = definedCatalogs.find((c) => Object.hasOwn(c.en, p.key));
  return catalog ? word(catalog, p.key, p.params, locale.value) : p.text;
}

/**
 * Binds one catalog (English reference plus every other locale, all required by type) to a `t`.
 * @example const t = defineMessages({ en, de }); t('team.title') // "Your team" / "Dein Team"
 */
export function defineMessages<M extends Record<string, Message>>(
  catalogs: { en: M } & { [L in Exclude<Locale, 'en'>]: MessagesOf<M> },
): Translate<keyof M & string> {
  type K = keyof M & string;
  const all = catalogs as unknown as Catalogs<K>;
  const translate = (key: K, params: Params = {}, inLocale: Locale = locale.value) =>
    word(all, key, params, inLocale);
  function rich<N>(key: K, nodes: Record<string, N>, params: Params = {}): Array<string | N> {
    const inLocale = locale.value;
    const parts: Array<string | N> = [];
    messageText(all, key, params.count, inLocale)
      .split(/\{(\w+)\}/)
      .forEach((part, i) => {
        const value =
          i % 2 === 0 ? part : part in nodes ? nodes[part]! : fillPart(part, params, inLocale);
        const last = parts.length - 1;
        if (typeof value === 'string' && typeof parts[last] === 'string') parts[last] += value;
        else parts.push(value);
      });
    return parts.filter((part) => part !== '');
  }
  definedCatalogs.push(all);
  return Object.assign(translate, { rich, catalogs: all });
}

/** The first supported language among the stored choice and the browser's preferences. */
export function pickLocale(preferred: readonly string[], stored?: string | null): Locale {
  for (const tag of [stored ?? '', ...preferred]) {
    const found = localeOf(tag);
    if (found) return found;
  }
  return 'en';
}

export const locale = signal<Locale>(
  typeof navigator === 'undefined' ? 'en' : pickLocale(navigator.languages ?? [], storedLocale()),
  { name: 'i18n.locale' },
);

if (typeof document !== 'undefined') document.documentElement.lang = locale.value;

export function setLocale(next: Locale): void {
  locale.value = next;
  document.documentElement.lang = next;
  storeLocale(next);
}

/**
 * The message for `key` of the core catalog (the learner's screens, and the phrases the server
 * composes for a learner — its refusals, badge titles and notifications, which `sayPhrase`
 * finds here) in the current locale.
 * @example t('home.moduleMeta', { count: 3, minutes: '12 min', done: 1 }) // "3 lessons · 12 min · 1 of 3 done"
 */
export const t = defineMessages({
  en: { ...en, ...errorsEn, ...badgesEn, ...notificationsEn },
  de: { ...de, ...errorsDe, ...badgesDe, ...notificationsDe },
});
export const catalogs = t.catalogs;

export function dateFormat(options: Intl.DateTimeFormatOptions) {
  return dateFormatIn(locale.value, options);
}

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
  return wordDate(value, locale.value);
}

/** "25%" / "25 %" — a share given in percent (0–100), to at most one decimal. */
export function formatPercent(percent: number): string {
  return numberFormat(locale.value, { style: 'percent', maximumFractionDigits: 1 }).format(
    percent / 100,
  );
}

/** The server's refusal in the reader's locale (its English message for a key this app lacks). */
export function errorText(err: { phrase: Phrase }): string {
  return sayPhrase(err.phrase);
}
