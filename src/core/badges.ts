/**
 * Badges mark skill and habit, not clicks:
 * - a competency is reached when every lesson of a module that teaches it is completed and the
 *   learner's first attempts at the module's quiz questions were at least MASTERY right;
 * - streak milestones (longest streak 7, 30, 100 days);
 * - kudos received from colleagues (1, 10).
 * Raw completion counts never earn a badge.
 */
import { badgeHowPhrase } from './phrases/badge-how';
import { badgePhrase } from './phrases/badges';
import { rightFirstAnswers, type Ledger } from './progress';
import type { Phrase } from './wording';

export const MASTERY = 0.8;
export const STREAK_BADGES = [7, 30, 100] as const;
export const KUDOS_BADGES = [1, 10] as const;

export interface Badge {
  id: string;
  kind: 'competency' | 'streak' | 'kudos';
  /** The title in English (API users, logs); `phrase` words it in the reader's locale. */
  title: string;
  phrase: Phrase;
}

export interface ModuleOutline {
  id: string;
  competencies: string[];
  lessons: ReadonlyArray<{ id: string }>;
}

/** Whether a module is mastered: all lessons done and first-attempt accuracy ≥ MASTERY. */
export function moduleMastered(
  ledger: Ledger,
  module: ModuleOutline,
  rightByLesson = rightFirstAnswers(ledger),
): boolean {
  let questions = 0;
  let right = 0;
  for (const lesson of module.lessons) {
    const done = ledger.completions[lesson.id];
    if (!done) return false;
    questions += done.quizzes;
    right += Math.min(rightByLesson.get(lesson.id) ?? 0, done.quizzes);
  }
  return questions === 0 || right / questions >= MASTERY;
}

export function badgesOf(input: {
  ledger: Ledger;
  longestStreak: number;
  kudosReceived: number;
  modules: readonly ModuleOutline[];
  competencyTitles: Record<string, string>;
}): Badge[] {
  const reached = new Set<string>();
  const right = rightFirstAnswers(input.ledger);
  for (const m of input.modules)
    if (moduleMastered(input.ledger, m, right)) for (const c of m.competencies) reached.add(c);
  const badge = (id: string, kind: Badge['kind'], phrase: Phrase): Badge => ({
    id,
    kind,
    title: phrase.text,
    phrase,
  });
  return [
    ...[...reached]
      .sort()
      .map((c) =>
        badge(
          `competency:${c}`,
          'competency',
          badgePhrase('badge.competency', { title: input.competencyTitles[c] ?? c }),
        ),
      ),
    ...STREAK_BADGES.filter((n) => input.longestStreak >= n).map((n) =>
      badge(`streak:${n}`, 'streak', badgePhrase('badge.streak', { days: n })),
    ),
    ...KUDOS_BADGES.filter((n) => input.kudosReceived >= n).map((n) =>
      badge(
        `kudos:${n}`,
        'kudos',
        n === 1 ? badgePhrase('badge.firstKudos') : badgePhrase('badge.kudos', { count: n }),
      ),
    ),
  ];
}

/** One place in the badge gallery: a badge earned or still to earn, with what earns it. */
export interface BadgeSlot {
  id: string;
  kind: Badge['kind'];
  title: Phrase;
  earned: boolean;
  /** What earns it, worded for the reader. */
  how: Phrase;
  /** How far along the learner is, for counted badges (streak days, kudos). */
  progress?: { have: number; need: number };
}

/**
 * Every badge a learner can earn here, earned or not: the streak milestones, the kudos
 * milestones, and a competency for each competency some module teaches (in the catalog's
 * order). `earned` is the server's list (`GET /me/badges`), so the gallery never claims a badge
 * the server has not given. Earned badges come first; the order is otherwise fixed.
 */
export function badgeGallery(input: {
  earned: readonly Badge[];
  longestStreak: number;
  kudosReceived: number;
  modules: ReadonlyArray<{ id: string; title: string; competencies: readonly string[] }>;
  competencies: ReadonlyArray<{ id: string; title: string }>;
}): BadgeSlot[] {
  const earned = new Set(input.earned.map((b) => b.id));
  const percent = Math.round(MASTERY * 100);
  const slots: BadgeSlot[] = [
    ...STREAK_BADGES.map((n) => ({
      id: `streak:${n}`,
      kind: 'streak' as const,
      title: badgePhrase('badge.streak', { days: n }),
      how: badgeHowPhrase('badge.howStreak', { days: n }),
      progress: { have: Math.min(input.longestStreak, n), need: n },
    })),
    ...KUDOS_BADGES.map((n) => ({
      id: `kudos:${n}`,
      kind: 'kudos' as const,
      title: n === 1 ? badgePhrase('badge.firstKudos') : badgePhrase('badge.kudos', { count: n }),
      how:
        n === 1
          ? badgeHowPhrase('badge.howFirstKudos')
          : badgeHowPhrase('badge.howKudos', { count: n }),
      progress: { have: Math.min(input.kudosReceived, n), need: n },
    })),
    ...input.competencies.flatMap((c) => {
      const teaching = input.modules.filter((m) => m.competencies.includes(c.id));
      if (teaching.length === 0) return [];
      const how =
        teaching.length === 1
          ? badgeHowPhrase('badge.howCompetency', { module: teaching[0]!.title, percent })
          : badgeHowPhrase('badge.howCompetencyAny', { module: teaching[0]!.title, percent });
      return [
        {
          id: `competency:${c.id}`,
          kind: 'competency' as const,
          title: badgePhrase('badge.competency', { title: c.title }),
          how,
        },
      ];
    }),
  ].map((slot) => ({ ...slot, earned: earned.has(slot.id) }));
  return [...slots.filter((s) => s.earned), ...slots.filter((s) => !s.earned)];
}
