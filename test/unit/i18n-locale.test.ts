/// <reference types="vite/client" />
/**
 * Every catalog — the learner's core messages and each lazily loaded area's (people, pilot) — has
 * a file per locale with every message of the English reference, no others, the same plural forms
 * and the same {placeholders}; the locale follows the browser until the learner chooses; numbers,
 * dates and plurals follow the locale's rules; the people and pilot screens speak German.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { formatDate, formatPercent, locale, pickLocale, t } from '../../src/app/i18n';
import { t as peopleT } from '../../src/app/areas/people/messages';

describe('choosing and using a locale', () => {
  afterEach(() => {
    locale.value = 'en';
  });

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

  it('writes dates and percentages the way the reader does', () => {
    expect(formatDate('2099-03-31')).toBe('Mar 31, 2099');
    expect(formatPercent(25)).toBe('25%');
    locale.value = 'de';
    expect(formatDate('2099-03-31')).toBe('31.03.2099');
    expect(formatPercent(62.5)).toMatch(/^62,5\s%$/);
  });

  it('puts marked-up parts into a sentence in the locale’s word order', () => {
    locale.value = 'de';
    expect(
      peopleT.rich('account.goal', { percent: { strong: '80 %' } }, { label: 'Ziel', count: 1200 }),
    ).toEqual(['Ziel: ', { strong: '80 %' }, ' von 1.200 Personen']);
  });
});
