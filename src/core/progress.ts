/**
 * Progress state, folded from the event log: XP, daily goal, streak with freezes.
 *
 * Design. Events are first turned into a *ledger*. Its `trail` keeps what counting needs of each
 * start, completion and answer, merged by a commutative, associative and idempotent rule (by
 * event id; the earliest first answer per card wins); what counts is then decided from the whole
 * trail by the one rule in plausibility.ts (a matching start, plausible time, one lesson at a
 * time, in the device's order, reviews only of due cards) — the same rule the learner days of the
 * pilot report use. The ledger is therefore a function of the *set* of events — order and
 * duplicates cannot matter — and it is all the state needs: XP, streak and leaderboard
 * contributions are read off it.
 *
 * - The server keeps one ledger per user, joins each accepted batch into it inside the ingest
 *   transaction, and answers `state` from it.
 * - The device shows `mergePending(snapshot, outbox)`: the server's ledger joined with the events
 *   not yet sent — the very same join, so the numbers match after sync.
 *
 * Grading (quiz answers against the module's key, completion time against the lesson's estimate)
 * happens when an event enters the ledger, through a `LessonLookup`. Lessons the lookup does not
 * know earn nothing, so XP cannot be minted with made-up lesson ids.
 *
 * XP table (also in ARCHITECTURE.md, "Rules"):
 * - first counted completion of a lesson: LESSON_XP;
 * - first-attempt quiz accuracy bonus: round(QUIZ_BONUS_XP × correct first answers / questions);
 * - a day's review session (the first answer to a card that was due, on a local date): REVIEW_XP,
 *   once per day however many cards are reviewed;
 * - replays: 0 (they still count toward the daily goal);
 * - a completion that does not count (no start, under PLAUSIBLE_FRACTION of the estimate since it,
 *   overlapping another lesson, back-dated): 0, kept in `flagged` with its reason.
 *
 * Streak: a day is the local date in each event's own `tz`; it is *met* when the number of distinct
 * lessons whose completion counts that day reaches the daily goal in effect. Walking the met days in
 * order, every STREAK_FREEZE_EVERY days of a run earn a freeze (at most MAX_FREEZES held); each
 * missed day in a gap uses one, or the run ends. A gap created only by flying east across many
 * zones (the previous day's last lesson, seen in the next day's zone, is already the day before)
 * is not a missed day. Today never counts as missed.
 *
 * Modules: ledger.ts (the ledger and its join), awards.ts (the XP table), streak.ts (goal and
 * streak); this file reads the learner-facing state off them and re-exports them.
 */
import { addDays } from './calendar';
import type { ProgressEvent } from './events';
import { awardsOf } from './awards';
import {
  addEvents,
  DEFAULT_GOAL,
  emptyLedger,
  ledgerFrom,
  ledgerOf,
  type DailyGoal,
  type Ledger,
  type LessonFacts,
  type CountedOnDay,
  type LessonLookup,
  verdictsOf,
} from './ledger';
import { dayOf, type Fact } from './plausibility';
import { isSealed, quizKey } from './quiz';
import { goalOn, streakOf, metDays, type Streak } from './streak';

export * from './awards';
export * from './ledger';
export * from './streak';

export interface ProgressState {
  xp: number;
  streak: Streak;
  completedLessonIds: string[];
  /** Local dates (YYYY-MM-DD) on which the daily goal was met, ascending. */
  activeDays: string[];
  /** The daily goal in effect today, and lessons done toward it today. */
  goal: DailyGoal;
  todayCount: number;
  /** The mergeable record the numbers above are read from. */
  ledger: Ledger;
}

export const emptyState: ProgressState = {
  xp: 0,
  streak: { current: 0, longest: 0, freezes: 0 },
  completedLessonIds: [],
  activeDays: [],
  goal: DEFAULT_GOAL,
  todayCount: 0,
  ledger: emptyLedger,
};

/** Reads the learner-facing numbers off a ledger. `today` is the learner's local date. */
export function stateOf(ledger: Ledger, today: string): ProgressState {
  const awards = awardsOf(ledger);
  return {
    xp: awards.reduce((sum, a) => sum + a.xp, 0),
    streak: streakOf(ledger, today),
    completedLessonIds: [
      ...new Set([...Object.keys(ledger.completions), ...Object.keys(ledger.flagged)]),
    ].sort(),
    activeDays: metDays(ledger),
    goal: goalOn(ledger, today),
    todayCount: ledger.days[today]?.lessons.length ?? 0,
    ledger,
  };
}

/** Folds a set of events into state. `today` is the learner's current local date. */
export function deriveState(
  events: Iterable<ProgressEvent>,
  today: string,
  lookup: LessonLookup,
): ProgressState {
  return stateOf(ledgerOf(events, lookup), today);
}

/**
 * Adds events to a state: the server's snapshot plus the outbox on the device. The same join the
 * server does, so the device shows what the server will say after sync.
 */
export function mergePending(
  base: ProgressState,
  events: Iterable<ProgressEvent>,
  today: string,
  lookup: LessonLookup,
): ProgressState {
  // Snapshots saved before a field existed lack it.
  return stateOf(addEvents(ledgerFrom(base.ledger), events, lookup), today);
}

/** The last `count` days up to today, oldest first: the week strip on home. */
export function recentDays(today: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addDays(today, i - count + 1));
}

/** Lesson facts from a module's content: what a lookup needs. */
export function lessonFacts(lesson: {
  estimateMinutes: number;
  cards: ReadonlyArray<
    | { kind: 'quiz'; id: string; options: ReadonlyArray<{ id: string; correct?: boolean }> }
    | { kind: string; id: string }
  >;
}): LessonFacts {
  const quiz: Record<string, string[]> = {};
  // A sealed card (an assessment's, as devices and XP see it) is graded by mastery, not here.
  for (const card of lesson.cards)
    if ('options' in card && !isSealed(card)) quiz[card.id] = quizKey(card);
  return { estimateMinutes: lesson.estimateMinutes, quiz };
}

/**
 * The completions that count, per local date and lesson: what the pilot report and the
 * organisation goal count (store/learner-days.ts), decided by the same rule as XP and streak.
 */
export function countedByDay(
  ledger: Ledger,
  lookup: LessonLookup,
): Map<string, Record<string, CountedOnDay>> {
  return countOnDays(verdictsOf(ledger, lookup).completions, ledger.settled?.counted);
}

/**
 * `countedByDay` as the ledger was stored: off the completions it counted then (`counting`),
 * without judging its trail again; judged when it was stored before `counting` was kept.
 */
export function countedByDayAsStored(
  ledger: Ledger,
  lookup: LessonLookup,
): Map<string, Record<string, CountedOnDay>> {
  if (!ledger.counting) return countedByDay(ledger, lookup);
  const completions = ledger.counting.flatMap((id) => ledger.trail[id] ?? []);
  return countOnDays(completions, ledger.settled?.counted);
}

/** `completions` per local date and lesson, added to `base` (settled days). */
export function countOnDays(
  completions: readonly Fact[],
  base: Record<string, Record<string, CountedOnDay>> = {},
): Map<string, Record<string, CountedOnDay>> {
  const days = new Map(Object.entries(base).map(([day, lessons]) => [day, { ...lessons }]));
  for (const f of completions) {
    const day = dayOf(f);
    const lessons = days.get(day) ?? {};
    const prior = lessons[f.l];
    lessons[f.l] = prior
      ? { n: prior.n + 1, first: Math.min(prior.first, f.at) }
      : { n: 1, first: f.at };
    days.set(day, lessons);
  }
  return days;
}
