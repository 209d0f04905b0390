/**
 * Content in several languages: a translation (`<module>.<locale>.md`) must keep the original's
 * lessons, cards and quizzes, so progress and grading stay one; the learner reads their language
 * with the original as fallback, in module texts and catalog names alike.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sealAssessment } from '../../src/core/mastery';
import { uploadPhrase } from '../../src/core/phrases/uploads';
import { loadContentDir } from '../../src/server/content/load';
import { localizeModule } from '../../src/server/content/translation';
import { buildCatalog } from '../../src/server/store/catalog';
import { ROOT } from '../support/server';

function folder(files: Record<string, string>, catalog = ''): string {
  const dir = mkdtempSync(join(tmpdir(), 'kindling-lang-'));
  mkdirSync(join(dir, 'modules'));
  if (catalog) writeFileSync(join(dir, 'catalog.yaml'), catalog);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'modules', name), text);
  return dir;
}

/** The module "saying-no" in one language: the same lesson, cards and quiz, other words. */
const sayingNo = (words: string[]) => {
  const [title, lesson, text, quiz, maybe, why, no, right] = words;
  return `---
id: saying-no
title: ${title}
---

## ${lesson} {#decline}

${text}

---

### Quiz: ${quiz}
- [ ] ${maybe}
  > ${why}
- [x] ${no}
  > ${right}
`;
};
const original = sayingNo([
  'Saying no',
  'Decline clearly',
  'Every yes is a no to something else.',
  'Which reply is clearest?',
  '"Maybe."',
  'It leaves them waiting.',
  '"I can\'t this month."',
  'Clear and kind.',
]);
const german = sayingNo([
  'Nein sagen',
  'Klar absagen',
  'Jedes Ja ist ein Nein zu etwas anderem.',
  'Welche Antwort ist am klarsten?',
  '„Vielleicht.“',
  'Das lässt sie warten.',
  '„Diesen Monat nicht.“',
  'Klar und freundlich.',
]);

const problems = (dir: string) =>
  loadContentDir(dir).errors.map((e) => `${e.file.split('/').pop()}:${e.line}: ${e.message}`);

describe('a module in several languages', () => {
  it('serves the translation over the original and falls back to the original', () => {
    const { modules, errors } = loadContentDir(
      folder({ 'saying-no.md': original, 'saying-no.de.md': german }),
    );
    expect(errors).toEqual([]);
    const [stored] = modules;
    const de = localizeModule(stored!, 'de');
    const en = localizeModule(stored!, 'en');
    expect(de.title).toBe('Nein sagen');
    expect(de.lessons[0]!.title).toBe('Klar absagen');
    expect(de.lessons[0]!.cards[0]).toMatchObject({
      id: 'c1',
      html: expect.stringContaining('Jedes Ja'),
    });
    expect(en.title).toBe('Saying no');
    expect(en).not.toHaveProperty('translations');
    // One structure: same ids, same key, the original's estimate; the version names the language.
    const shape = (m: typeof de) =>
      m.lessons.map((l) => [
        l.id,
        l.estimateMinutes,
        l.cards.map((c) => (c.kind === 'quiz' ? c.options : c.id)),
      ]);
    expect(JSON.stringify(shape(de)).replace(/"html":"[^"]*"|"explanationHtml":"[^"]*"/g, '')).toBe(
      JSON.stringify(shape(en)).replace(/"html":"[^"]*"|"explanationHtml":"[^"]*"/g, ''),
    );
    expect(de.version).not.toBe(en.version);
    expect(sealAssessment(de).lessons[0]!.cards[1]).toMatchObject({
      promptHtml: expect.stringContaining('Welche Antwort'),
    });
  });

  it('names the file, line and card where a translation moves a correct answer', () => {
    const moved = german
      .replace('- [ ] „Vielleicht.“', '- [x] „Vielleicht.“')
      .replace('- [x] „Diesen', '- [ ] „Diesen');
    expect(problems(folder({ 'saying-no.md': original, 'saying-no.de.md': moved }))).toEqual([
      'saying-no.de.md:12: quiz card 2 of lesson "saying-no.decline" must keep the original’s type, options and correct answers (single: a b✓), not single: a✓ b',
    ]);
    expect(
      uploadPhrase.say(
        'upload.translation.quiz',
        {
          card: 2,
          lesson: 'saying-no.decline',
          original: 'single: a b✓',
          translation: 'single: a✓ b',
        },
        'de',
      ),
    ).toBe(
      'Quizkarte 2 der Lektion „saying-no.decline“ muss Typ, Optionen und richtige Antworten des Originals behalten (single: a b✓), nicht single: a✓ b',
    );
  });

  it('refuses a translation with other lessons, cards, options, language or no original', () => {
    const otherLesson = german.replace('{#decline}', '{#absagen}');
    const extraCard = german.replace(
      '---\n\n### Quiz',
      'Mehr Text.\n\n---\n\nNoch eine Karte.\n\n---\n\n### Quiz',
    );
    const extraOption = `${german}- [ ] „Nie.“\n  > Zu hart.\n`;
    const quizAsText = german.replace('### Quiz: Welche', '### Welche');
    expect(problems(folder({ 'saying-no.md': original, 'saying-no.de.md': otherLesson }))).toEqual([
      'saying-no.de.md:6: the original’s lessons are decline; this translation has absagen (same ids, same order)',
    ]);
    expect(problems(folder({ 'saying-no.md': original, 'saying-no.de.md': extraCard }))).toEqual([
      'saying-no.de.md:6: lesson "saying-no.decline" has another number of cards: 2 in the original, 3 here',
    ]);
    expect(
      problems(folder({ 'saying-no.md': original, 'saying-no.de.md': extraOption }))[0],
    ).toMatch(/^saying-no\.de\.md:12: quiz card 2 .*\(single: a b✓\), not single: a b✓ c$/);
    expect(problems(folder({ 'saying-no.md': original, 'saying-no.de.md': quizAsText }))).toEqual([
      'saying-no.de.md:12: card 2 of lesson "saying-no.decline" is a quiz card in the original, a text card here',
    ]);
    expect(problems(folder({ 'saying-no.md': original, 'saying-no.fr.md': german }))).toEqual([
      'saying-no.fr.md:1: "fr" is not a language Kindling speaks; name a translation <module>.en|de.md',
    ]);
    expect(problems(folder({ 'saying-no.de.md': german }))).toEqual([
      'saying-no.de.md:1: this translates module "saying-no", which does not exist here; add the original first',
    ]);
  });

  it('names catalog entries in the learner’s language, else in the original', () => {
    const dir = folder(
      { 'saying-no.md': original, 'saying-no.de.md': german },
      [
        'competencies:',
        '  - id: focus',
        '    title: { en: Protecting focus, de: Fokus schützen }',
        'roles:',
        '  - id: lead',
        '    title: { en: Team lead, de: Teamleitung }',
        '    levels: [{ id: first, title: First level, competencies: [focus] }]',
        'pathways:',
        '  - id: calm',
        '    title: { en: A calmer week, de: Eine ruhigere Woche }',
        '    summary: Fewer interruptions.',
        '    moduleIds: [saying-no]',
      ].join('\n'),
    );
    const { catalog, modules, errors } = loadContentDir(dir);
    expect(errors).toEqual([]);
    const de = buildCatalog(
      catalog,
      modules.map((m) => localizeModule(m, 'de')),
      'de',
    );
    expect(de.competencies[0]!.title).toBe('Fokus schützen');
    expect(de.roles[0]).toMatchObject({ title: 'Teamleitung', levels: [{ title: 'First level' }] });
    expect(de.pathways[0]).toMatchObject({
      title: 'Eine ruhigere Woche',
      summary: 'Fewer interruptions.',
    });
    expect(de.modules[0]!.title).toBe('Nein sagen');
    const en = buildCatalog(
      catalog,
      modules.map((m) => localizeModule(m)),
    );
    expect(en.pathways[0]!.title).toBe('A calmer week');
    expect(en.modules[0]!.title).toBe('Saying no');
  });

  it('ships German for every catalog name and three modules', () => {
    const { catalog, modules, errors } = loadContentDir(join(ROOT, 'content'));
    expect(errors).toEqual([]);
    const names = [
      ...catalog.competencies,
      ...catalog.roles,
      ...catalog.roles.flatMap((r) => r.levels),
      ...catalog.pathways,
    ].map((x) => x.title);
    for (const name of names) expect(name).toHaveProperty('de');
    expect(
      modules
        .filter((m) => m.translations?.de)
        .map((m) => m.id)
        .sort(),
    ).toEqual(['giving-feedback', 'planning-learning-time', 'running-one-on-ones']);
  });
});
