/**
 * The XP table applied to a ledger (progress.ts, "XP table"): one award per counted lesson with
 * its first-attempt quiz bonus, one per day's review session, and what the completion screen says
 * a finished lesson earned.
 */
import type { Ledger } from './ledger';
import type { NotCountedReason } from './plausibility';

export const LESSON_XP = 10;
export const QUIZ_BONUS_XP = 5;
export const REVIEW_XP = 5;

/** One XP award per lesson, and one per day's review session: when it was earned and how much. */
export interface Award {
  /** The lesson, or `review <local date>` for a review session. */
  lessonId: string;
  kind: 'lesson' | 'review';
  at: number;
  xp: number;
}

/** Right first attempts per lesson. */
export function rightFirstAnswers(ledger: Ledger): Map<string, number> {
  const right = new Map<string, number>();
  for (const [slot, answer] of Object.entries(ledger.firstAnswers)) {
    if (!answer.correct) continue;
    const lessonId = slot.slice(0, slot.lastIndexOf('#'));
    right.set(lessonId, (right.get(lessonId) ?? 0) + 1);
  }
  return right;
}

/** The first-attempt accuracy bonus for a lesson with `quizzes` questions, `right` of them right. */
function quizBonus(quizzes: number, right: number): number {
  return quizzes > 0 ? Math.round((QUIZ_BONUS_XP * Math.min(right, quizzes)) / quizzes) : 0;
}

/** What finishing a lesson earned, as the completion screen tells it. */
export type LessonOutcome =
  | { kind: 'earned'; lessonXp: number; quizBonus: number }
  /** Finished before: counts toward today's goal, earns no XP again. */
  | { kind: 'replay' }
  /** Faster than PLAUSIBLE_FRACTION of the estimate: no XP, no day toward the streak. */
  | { kind: 'too_fast' }
  /** Kept but not counted for another reason (no start, another lesson at the same time, back-dated). */
  | { kind: 'not_counted'; reason: Exclude<NotCountedReason, 'too_fast' | 'not_due'> }
  | { kind: 'unknown' };

/**
 * What the completion `completionId` of `lessonId` earned, read off the ledger the numbers come
 * from, so the screen never says more or less than the totals. Without an id (the completion is
 * not known to this page), an earned lesson is reported as earned.
 */
export function lessonOutcome(
  ledger: Ledger,
  lessonId: string,
  completionId?: string,
): LessonOutcome {
  const done = ledger.completions[lessonId];
  if (done && completionId && done.id !== completionId) return { kind: 'replay' };
  if (done)
    return {
      kind: 'earned',
      lessonXp: LESSON_XP,
      quizBonus: quizBonus(done.quizzes, rightFirstAnswers(ledger).get(lessonId) ?? 0),
    };
  const flagged = ledger.flagged[lessonId];
  if (!flagged) return { kind: 'unknown' };
  const reason = flagged.reason ?? 'too_fast';
  return reason === 'too_fast' || reason === 'not_due'
    ? { kind: 'too_fast' }
    : { kind: 'not_counted', reason };
}

/** The XP table applied to a ledger. */
export function awardsOf(ledger: Ledger): Award[] {
  const right = rightFirstAnswers(ledger);
  const lessons = Object.entries(ledger.completions).map(([lessonId, c]): Award => ({
    lessonId,
    kind: 'lesson',
    at: c.at,
    xp: LESSON_XP + quizBonus(c.quizzes, right.get(lessonId) ?? 0),
  }));
  const reviews = Object.entries(ledger.reviews).map(([day, r]): Award => ({
    lessonId: `review ${day}`,
    kind: 'review',
    at: r.at,
    xp: REVIEW_XP,
  }));
  return [...lessons, ...reviews].sort((a, b) => a.at - b.at || (a.lessonId < b.lessonId ? -1 : 1));
}
