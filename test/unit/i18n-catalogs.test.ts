/// <reference types="vite/client" />
/**
 * Every catalog — the learner's core messages and each lazily loaded area's (people, pilot) — has
 * a file per locale with every message of the English reference, no others, the same plural forms
 * and the same {placeholders}; the locale follows the browser until the learner chooses; numbers,
 * dates and plurals follow the locale's rules; the people and pilot screens speak German.
 */
import { describe, expect, it } from 'vitest';
import { pilotPhrase } from '../../src/core/phrases/pilot';
import { pushPhrase } from '../../src/core/phrases/push';
import { uploadPhrase } from '../../src/core/phrases/uploads';
import { catalogs, LOCALES, type Locale } from '../../src/app/i18n';
import { badgePhrase } from '../../src/core/phrases/badges';
import { coachPhrase } from '../../src/core/phrases/coach';
import { errorPhrase } from '../../src/core/phrases/errors';
import { notificationPhrase } from '../../src/core/phrases/notifications';
import { t as peopleT } from '../../src/app/areas/people/messages';
import { t as pilotT } from '../../src/app/areas/pilot/messages';
import { catalogAreas as areas } from '../support/catalogs';

type Catalog = Record<string, unknown>;

const placeholders = (m: unknown): string[] => [
  ...new Set([...JSON.stringify(m).matchAll(/\{(\w+)\}/g)].map((x) => x[1]!)),
];

/** What is wrong with `other` measured against the English `reference`; empty when nothing. */
function catalogProblems(reference: Catalog, other: Catalog): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(reference)) if (!(key in other)) problems.push(`missing ${key}`);
  for (const key of Object.keys(other)) if (!(key in reference)) problems.push(`extra ${key}`);
  for (const [key, message] of Object.entries(other)) {
    const english = reference[key];
    if (english === undefined) continue;
    if (typeof message !== typeof english) problems.push(`${key}: plural forms differ`);
    const mine = placeholders(message);
    for (const name of placeholders(english))
      if (!mine.includes(name)) problems.push(`${key}: no {${name}}`);
    for (const name of mine)
      if (!placeholders(english).includes(name)) problems.push(`${key}: unknown {${name}}`);
    const texts = typeof message === 'string' ? [message] : Object.values(message as object);
    if (texts.some((text) => String(text).trim() === '')) problems.push(`${key}: empty`);
  }
  return problems;
}

describe('the message catalogs', () => {
  it('are found: the core catalog, the people and pilot areas and the server’s phrases', () => {
    expect([...areas.keys()]).toEqual(
      expect.arrayContaining([
        'core',
        'people',
        'pilot',
        'phrases/errors',
        'phrases/people-errors',
        'phrases/coach',
        'phrases/badges',
        'phrases/notifications',
        'phrases/pilot',
        'phrases/push',
        'phrases/uploads',
      ]),
    );
  });

  describe.each([...areas.keys()])('%s', (area) => {
    const byLocale = areas.get(area)!;
    const english = byLocale.get('en')!;

    it('has a file exporting its messages for every locale, and no other locales', () => {
      expect([...byLocale.keys()].sort()).toEqual([...LOCALES].sort());
      for (const code of LOCALES) expect(byLocale.get(code), code).toBeTypeOf('object');
    });

    it.each(LOCALES.filter((l) => l !== 'en'))(
      'has in %s exactly the English keys, plural forms and placeholders',
      (code) => {
        expect(catalogProblems(english, byLocale.get(code)!)).toEqual([]);
      },
    );
  });

  it('are the ones each area’s t() uses, each with the server’s phrases its screens meet', () => {
    /** The messages of some areas, merged as a `t` binds them. */
    const merged = (code: Locale, ...names: string[]) =>
      Object.assign({}, ...names.map((name) => areas.get(name)!.get(code)));
    // The learner's screens word their refusals, badge titles and notifications; the people
    // screens the 1:1 script, risk reasons and the people-only refusals; the pilot screens those
    // refusals and the report's notes and steps. Push texts are worded by the server only.
    for (const code of LOCALES) {
      expect(catalogs[code]).toEqual(
        merged(code, 'core', 'phrases/errors', 'phrases/badges', 'phrases/notifications'),
      );
      expect(peopleT.catalogs[code]).toEqual(
        merged(code, 'people', 'phrases/people-errors', 'phrases/uploads', 'phrases/coach'),
      );
      expect(pilotT.catalogs[code]).toEqual(
        merged(code, 'pilot', 'phrases/people-errors', 'phrases/uploads', 'phrases/pilot'),
      );
      // The LRS's refusals (xapi-errors) are read by LRS clients, never by a Kindling screen.
      expect(errorPhrase.catalogs[code]).toEqual(
        merged(code, 'phrases/errors', 'phrases/people-errors', 'phrases/xapi-errors'),
      );
    }
    for (const [area, bound] of [
      ['phrases/coach', coachPhrase.catalogs],
      ['phrases/badges', badgePhrase.catalogs],
      ['phrases/notifications', notificationPhrase.catalogs],
      ['phrases/pilot', pilotPhrase.catalogs],
      ['phrases/push', pushPhrase.catalogs],
      ['phrases/uploads', uploadPhrase.catalogs],
    ] as const)
      for (const code of LOCALES) expect(bound[code], area).toBe(areas.get(area)!.get(code));
  });

  it('catch a locale that misses a key, adds one, drops a placeholder or a plural', () => {
    const reference = { a: 'A {name}', b: { one: '{count} b', other: '{count} bs' }, c: 'C' };
    expect(catalogProblems(reference, { a: 'A', b: 'B', d: 'D' })).toEqual([
      'missing c',
      'extra d',
      'a: no {name}',
      'b: plural forms differ',
      'b: no {count}',
    ]);
  });
});
