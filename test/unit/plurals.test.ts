/**
 * Every plural message of every catalog (the app's, each lazy area's and the server's phrases),
 * rendered in every locale at 0, 1 and 2: each count takes its form by the locale's rules, no
 * placeholder is left unfilled, and German says "1 Tag", never "1 Tage". A label shown beside a
 * number ("1 Tag in Folge") is a plural message too, so it is rendered here with the rest.
 */
import { describe, expect, it } from 'vitest';
import { LOCALES, word, type Catalogs, type Locale } from '../../src/core/wording';
import { catalogAreas } from '../support/catalogs';

type Plural = { one: string; other: string };
const isPlural = (m: unknown): m is Plural =>
  typeof m === 'object' && m !== null && 'one' in m && 'other' in m;

/** Every plural message: [area, key, locale, the catalogs of its area]. */
const plurals = [...catalogAreas].flatMap(([area, byLocale]) =>
  Object.entries(byLocale.get('en') ?? {})
    .filter(([, m]) => isPlural(m))
    .flatMap(([key]) =>
      LOCALES.map(
        (code) =>
          [area, key, code, Object.fromEntries(byLocale) as unknown as Catalogs<string>] as const,
      ),
    ),
);

/** Placeholders other than `count`, filled with a marker so a missing one shows. */
const others = (m: Plural) =>
  Object.fromEntries(
    [...`${m.one} ${m.other}`.matchAll(/\{(\w+)\}/g)]
      .map((x) => x[1]!)
      .filter((name) => name !== 'count')
      .map((name) => [name, 'X']),
  );

/** German words whose plural must never follow a 1. */
const GERMAN_PLURALS =
  /\b1\s+(Tage|Lektionen|Minuten|Karten|Fragen|Personen|Wochen|Module|Stunden|Einträge|Antworten)\b/;

describe('plural messages at 0, 1 and 2', () => {
  it('are found in the app, the lazy areas and the server’s phrases', () => {
    const areas = new Set(plurals.map(([area]) => area));
    expect([...areas]).toEqual(expect.arrayContaining(['core', 'people', 'phrases/push']));
    expect(plurals.find(([, key]) => key === 'home.streak')).toBeDefined();
  });

  it.each(plurals)('%s %s in %s', (_area, key, code, catalogs) => {
    const message = catalogs[code as Locale][key] as Plural;
    const rules = new Intl.PluralRules(code);
    for (const count of [0, 1, 2]) {
      const text = word(catalogs, key, { ...others(message), count }, code as Locale);
      const form = rules.select(count) === 'one' ? message.one : message.other;
      expect(text, `${key} at ${count}`).not.toMatch(/\{\w+\}/);
      if (form.includes('{count}')) expect(text, `${key} at ${count}`).toContain(String(count));
      if (code === 'de') expect(text, `${key} at ${count}`).not.toMatch(GERMAN_PLURALS);
    }
    const one = word(catalogs, key, { ...others(message), count: 1 }, code as Locale);
    if (code === 'de') expect(`1 ${one}`, key).not.toMatch(GERMAN_PLURALS);
  });

  it('leave no German "{n} Tage" in a message that is not a plural, unless n is never 1', () => {
    // A number placeholder right before a plural noun in a plain message reads "1 Tage" at 1.
    const beforeNoun =
      /\{(\w+)\}\s+(Tage|Tagen|Lektionen|Minuten|Karten|Fragen|Personen|Wochen|Modulen?|Stunden)\b/;
    const neverOne: Record<string, string> = {
      'quick.none': 'time budgets are 5, 10 and 15 minutes',
      'coach.celebrate.streak': 'celebrated from a 2-day streak',
      'coach.risk.quiet': 'QUIET_DAYS_AT_RISK is 7',
      'upload.invite.tooMany': 'said only above the maximum',
      'badge.howStreak': 'streak badges are 7, 30 and 100 days',
    };
    const found = [...catalogAreas.values()].flatMap((byLocale) =>
      Object.entries(byLocale.get('de') ?? {}).flatMap(([key, m]) =>
        typeof m === 'string' && beforeNoun.test(m) ? [key] : [],
      ),
    );
    expect(found.filter((key) => !(key in neverOne))).toEqual([]);
  });

  it('say "1 Tag in Folge" and "2 Tage in Folge" beside the streak', () => {
    const core = Object.fromEntries(catalogAreas.get('core')!) as unknown as Catalogs<string>;
    expect(`1 ${word(core, 'home.streak', { count: 1 }, 'de')}`).toBe('1 Tag in Folge');
    expect(`2 ${word(core, 'home.streak', { count: 2 }, 'de')}`).toBe('2 Tage in Folge');
    expect(`0 ${word(core, 'done.streak', { count: 0 }, 'de')}`).toBe('0 Tage in Folge');
    expect(`1 ${word(core, 'done.streak', { count: 1 }, 'en')}`).toBe('1 day streak');
  });
});
