/**
 * Every locale has every message of the English reference, with the same plural forms and the
 * same {placeholders}; the locale follows the browser until the learner chooses; numbers and
 * plurals follow the locale's rules.
 */
import { describe, expect, it } from 'vitest';
import { catalogs, LOCALES, pickLocale, t } from '../../src/app/i18n';
import { en } from '../../src/app/messages/en';

const placeholders = (m: unknown): string[] =>
  [...JSON.stringify(m).matchAll(/\{(\w+)\}/g)].map((x) => x[1]!).sort();

describe.each(LOCALES.filter((l) => l !== 'en'))('locale %s', (locale) => {
  const messages = catalogs[locale] as Record<string, unknown>;

  it('has every key of English and no others', () => {
    expect(Object.keys(messages).sort()).toEqual(Object.keys(en).sort());
  });

  it('keeps the plural forms and placeholders of each English message', () => {
    for (const [key, reference] of Object.entries(en)) {
      const message = messages[key];
      expect(typeof message, key).toBe(typeof reference);
      expect([...new Set(placeholders(message))], key).toEqual([
        ...new Set(placeholders(reference)),
      ]);
      expect(String(message).trim(), key).not.toBe('');
    }
  });
});

describe('choosing and using a locale', () => {
  it('follows the browser until the learner picks one', () => {
    expect(pickLocale(['de-AT', 'en'])).toBe('de');
    expect(pickLocale(['fr-FR', 'de-DE'])).toBe('de');
    expect(pickLocale(['fr-FR'])).toBe('en');
    expect(pickLocale(['de-DE'], 'en')).toBe('en');
  });

  it('fills placeholders with numbers and plurals in the locale', () => {
    expect(t('home.moduleMeta', { count: 1, minutes: '5 min', done: 0 }, 'en')).toBe(
      '1 lesson · 5 min · 0 of 1 done',
    );
    expect(t('sync.waiting', { count: 1234 }, 'de')).toBe('1.234 warten auf Synchronisierung');
    expect(t('sync.waiting', { count: 1 }, 'de')).toBe('1 wartet auf Synchronisierung');
  });
});
