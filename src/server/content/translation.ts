/**
 * Content in several languages. A module's translation is its own file, `<module>.<locale>.md`
 * beside `<module>.md` (the original, which every other language falls back to); it changes words
 * only. Lessons (ids, order), cards (count, kind) and quizzes (type, option ids, which are
 * correct) stay the original's, so progress, grading and mastery are one whatever the language:
 * `structureProblems` says where a translation differs, naming the file, line and card.
 *
 * A translation is stored inside its module (`StoredModule.translations`) and served by
 * `localizeModule`: the original with the translated words laid over it. Estimates stay the
 * original's (the plausibility rule reads them), and the version names the language, so a device
 * holding the other language sees a new version and updates its download.
 */
import type { Card, LearningModule } from '../../core/content';
import { uploadPhrase } from '../../core/phrases/uploads';
import { LOCALES, type Locale } from '../../core/wording';
import type { ContentProblem, ParseResult } from './parse';

/** A name in `catalog.yaml`: one string, or one per language (`title: { en: …, de: … }`). */
export type LocalText = string | Partial<Record<Locale, string>>;

export type Translations = Partial<Record<Locale, LearningModule>>;
/** A module as the store keeps it: the original, with its translations. */
export type StoredModule = LearningModule & { translations?: Translations };

/** `giving-feedback.de.md` → `{ base: 'giving-feedback', locale: 'de' }`; undefined for an original. */
export function translationOf(fileName: string): { base: string; locale: string } | undefined {
  // Cut by hand, not by one pattern over the whole name: a long name must not make a regex backtrack.
  const name = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  if (!name.toLowerCase().endsWith('.md')) return undefined;
  const stem = name.slice(0, -3);
  const dot = stem.lastIndexOf('.');
  const locale = stem.slice(dot + 1);
  if (dot < 1 || !/^[a-z]{2}(?:-[a-z]{2})?$/i.test(locale)) return undefined;
  return { base: stem.slice(0, dot), locale: locale.toLowerCase() };
}

export const isLocale = (value: string | undefined): value is Locale =>
  (LOCALES as readonly string[]).includes(value ?? '');

/** A problem when `locale` is not one the app can show. */
export function languageProblem(file: string, locale: string): ContentProblem[] {
  if (isLocale(locale)) return [];
  const phrase = uploadPhrase('upload.translation.language', {
    locale,
    locales: LOCALES.join('|'),
  });
  return [{ file, line: 1, message: phrase.text, phrase }];
}

/** A translation whose original is missing. */
export function noOriginal(file: string, id: string): ContentProblem {
  const phrase = uploadPhrase('upload.translation.noOriginal', { id });
  return { file, line: 1, message: phrase.text, phrase };
}

/**
 * Checks an upload named `<module>.<locale>.md` against the organisation's module it translates
 * (`original`, undefined when there is none); an original's upload passes unchanged.
 */
export function checkTranslation(
  file: string,
  result: ParseResult,
  original: LearningModule | undefined,
): ParseResult & { locale?: Locale } {
  const translation = translationOf(file);
  if (!translation) return result;
  const errors = [
    ...languageProblem(file, translation.locale),
    ...result.errors,
    ...(original ? structureProblems(file, original, result) : [noOriginal(file, translation.base)]),
  ];
  return { ...result, errors, ...(isLocale(translation.locale) && { locale: translation.locale }) };
}

const quizShape = (c: Card) =>
  c.kind === 'quiz'
    ? `${c.mode}: ${c.options.map((o) => `${o.id}${o.correct ? '✓' : ''}`).join(' ')}`
    : '';

/** Where `translation` (parsed from `file`) differs in structure from `original`. */
export function structureProblems(
  file: string,
  original: LearningModule,
  translation: ParseResult,
): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const t = translation.module;
  if (!t) return problems;
  const lineOf = (key: string) => translation.lines?.[key] ?? 1;
  const add = (line: number, phrase: ReturnType<typeof uploadPhrase>) =>
    problems.push({ file, line, message: phrase.text, phrase });
  if (t.id !== original.id) {
    add(2, uploadPhrase('upload.translation.id', { id: t.id, original: original.id }));
    return problems;
  }
  const ids = (m: LearningModule) => m.lessons.map((l) => l.id.slice(m.id.length + 1)).join(', ');
  if (ids(t) !== ids(original)) {
    add(
      lineOf(t.lessons[0]?.id ?? ''),
      uploadPhrase('upload.translation.lessons', { original: ids(original), translation: ids(t) }),
    );
    return problems;
  }
  original.lessons.forEach((lesson, i) => {
    const other = t.lessons[i]!;
    if (other.cards.length !== lesson.cards.length) {
      add(
        lineOf(lesson.id),
        uploadPhrase('upload.translation.cards', {
          lesson: lesson.id,
          original: lesson.cards.length,
          translation: other.cards.length,
        }),
      );
      return;
    }
    lesson.cards.forEach((card, j) => {
      const mine = other.cards[j]!;
      const params = { card: j + 1, lesson: lesson.id };
      const line = lineOf(`${lesson.id}/${mine.id}`);
      if (mine.kind !== card.kind)
        add(
          line,
          uploadPhrase('upload.translation.kind', {
            ...params,
            original: card.kind,
            translation: mine.kind,
          }),
        );
      else if (quizShape(mine) !== quizShape(card))
        add(
          line,
          uploadPhrase('upload.translation.quiz', {
            ...params,
            original: quizShape(card),
            translation: quizShape(mine),
          }),
        );
    });
  });
  return problems;
}

/** The words of `translated` over `card`, whose structure it shares. */
function overlay(card: Card, translated: Card | undefined): Card {
  if (card.kind === 'quiz' && translated?.kind === 'quiz')
    return {
      ...card,
      promptHtml: translated.promptHtml,
      options: card.options.map((o, k) => ({
        ...o,
        html: translated.options[k]?.html ?? o.html,
        ...(o.explanationHtml !== undefined && {
          explanationHtml: translated.options[k]?.explanationHtml ?? o.explanationHtml,
        }),
      })),
    };
  if (card.kind !== 'quiz' && translated && translated.kind !== 'quiz')
    return { ...card, html: translated.html };
  return card;
}

/** Authored text in `locale`: a plain string, or a map's entry for it, else English, else any. */
export function textIn(value: LocalText, locale: Locale = 'en'): string {
  if (typeof value === 'string') return value;
  return value[locale] ?? value.en ?? Object.values(value).find(Boolean) ?? '';
}

/** The module in `locale`: its translation laid over the original, else the original. */
export function localizeModule(stored: StoredModule, locale?: Locale): LearningModule {
  const { translations, ...original } = stored;
  const t = locale ? translations?.[locale] : undefined;
  if (!t) return original;
  return {
    ...original,
    title: t.title,
    summary: t.summary || original.summary,
    version: `${original.version}.${locale}.${t.version.slice(0, 6)}`,
    lessons: original.lessons.map((lesson, i) => ({
      ...lesson,
      title: t.lessons[i]?.title ?? lesson.title,
      cards: lesson.cards.map((card, j) => overlay(card, t.lessons[i]?.cards[j])),
    })),
  };
}

/** The translations of `previous` that still fit `next` (an original replaced by an upload). */
export function keptTranslations(
  previous: StoredModule | undefined,
  next: LearningModule,
): Translations | undefined {
  const kept = Object.entries(previous?.translations ?? {}).filter(
    ([, t]) => structureProblems('', next, { module: t, errors: [], warnings: [] }).length === 0,
  );
  return kept.length ? (Object.fromEntries(kept) as Translations) : undefined;
}
