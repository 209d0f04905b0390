/**
 * Progress state, folded from the event log: XP, daily goal, streak with freezes.
 *
 * Design. Events are first turned into a *ledger*: a small record in which every field is merged
 * by a commutative, associative and idempotent rule (earliest stamp wins, sets are unioned). The
 * ledger is therefore a function of the *set* of events — order and duplicates cannot matter —
 * and it is all the state needs: XP, streak and leaderboard contributions are read off it.
 *
 * - The server keeps one ledger per user, joins each accepted batch into it inside the ingest
 *   transaction, and answers `state` from it.
 * - The device shows `mergePending(snapshot, outbox)`: the server's ledger joined with the events
 *   not yet sent — the very same join, so the numbers match after sync.
 *
 * Grading (quiz answers against the module's key, completion speed against the lesson's estimate)
 * happens when an event enters the ledger, through a `LessonLookup`. Lessons the lookup does not
 * know earn nothing, so XP cannot be minted with made-up lesson ids.
 *
 * XP table (also in ARCHITECTURE.md, "Rules"):
 * - first plausible completion of a lesson: LESSON_XP;
 * - first-attempt quiz accuracy bonus: round(QUIZ_BONUS_XP × correct first answers / questions);
 * - a day's review session (the first review answer to a known card on a local date): REVIEW_XP,
 *   once per day however many cards are reviewed;
 * - replays: 0 (they still count toward the daily goal);
 * - a completion faster than PLAUSIBLE_FRACTION of the lesson's estimate: 0, flagged for admins.
 *
 * Streak: a day is the local date in each event's own `tz`; it is *met* when the number of distinct
 * lessons completed (plausibly) that day reaches the daily goal in effect. Walking the met days in
 * order, every STREAK_FREEZE_EVERY days of a run earn a freeze (at most MAX_FREEZES held); each
 * missed day in a gap uses one, or the run ends. A gap created only by flying east across many
 * zones (the previous day's last lesson, seen in the next day's zone, is already the day before)
 * is not a missed day. Today never counts as missed.
 */
import { addDays, daysBetween, localDate } from './calendar';
import type { ProgressEvent } from './events';
import { gradeAnswer, isSealed, quizKey } from './quiz';

export const LESSON_XP = 10;
export const QUIZ_BONUS_XP = 5;
export const REVIEW_XP = 5;
/** A completion faster than this share of the lesson's estimate is implausible. */
export const PLAUSIBLE_FRACTION = 0.25;
export const DAILY_GOALS = [1, 2, 3] as const;
export type DailyGoal = (typeof DAILY_GOALS)[number];
export const DEFAULT_GOAL: DailyGoal = 1;
export const STREAK_FREEZE_EVERY = 7;
export const MAX_FREEZES = 2;

/** What grading needs to know about a lesson: its estimate and its quiz answer key. */
export interface LessonFacts {
  estimateMinutes: number;
  /** Quiz card id → ids of the correct options. */
  quiz: Record<string, readonly string[]>;
}
export type LessonLookup = (lessonId: string) => LessonFacts | undefined;

/** An instant and the event it came from; the earliest (at, id) wins every merge. */
export interface Stamp {
  at: number;
  id: string;
}

export interface Ledger {
  /** Earliest plausible completion per lesson, with the lesson's number of quiz questions. */
  completions: Record<string, Stamp & { quizzes: number }>;
  /** Earliest implausibly fast completion per lesson (for admins). */
  flagged: Record<string, Stamp>;
  /** First attempt per `lessonId#cardId`, graded against the key. */
  firstAnswers: Record<string, Stamp & { correct: boolean }>;
  /** Per local date: lessons completed plausibly, and the first and last of them. */
  days: Record<string, DayEntry>;
  /** Daily-goal choices by event id. */
  goals: Record<string, Stamp & { day: string; goal: DailyGoal }>;
  /** Per local date: the first answer in that day's review session. */
  reviews: Record<string, Stamp>;
}

export interface DayEntry {
  lessons: string[];
  first: Stamp & { tz: string };
  last: Stamp & { tz: string };
}

export interface Streak {
  current: number;
  longest: number;
  freezes: number;
}

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

/** What a day's review session adds to that day's count toward the goal. */
export const REVIEW_UNIT = 'review';

export const emptyLedger: Ledger = {
  completions: {},
  flagged: {},
  firstAnswers: {},
  days: {},
  goals: {},
  reviews: {},
};

/** A ledger stored before a field existed gets that field empty (the store rebuilds old ones). */
export function ledgerFrom(stored: Partial<Ledger> | undefined): Ledger {
  return { ...emptyLedger, ...stored };
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

const earlier = (a: Stamp, b: Stamp) => a.at < b.at || (a.at === b.at && a.id < b.id);
const earliest = <T extends Stamp>(a: T | undefined, b: T): T => (a && !earlier(b, a) ? a : b);
const latest = <T extends Stamp>(a: T | undefined, b: T): T => (a && earlier(b, a) ? a : b);

/** Whether the answer chose exactly the correct options. */
/** True when a completion took at least the plausible share of the lesson's estimate. */
export function isPlausible(durationMs: number, facts: LessonFacts): boolean {
  return durationMs >= facts.estimateMinutes * 60_000 * PLAUSIBLE_FRACTION;
}

/**
 * Joins one event into a ledger, returning a new ledger (the input is not changed).
 *
 * @example
 * const ledger = events.reduce((l, e) => addEvent(l, e, lookup), emptyLedger);
 */
export function addEvent(ledger: Ledger, event: ProgressEvent, lookup: LessonLookup): Ledger {
  const at = Date.parse(event.occurredAt);
  const stamp: Stamp = { at, id: event.id };
  switch (event.type) {
    case 'lesson_completed': {
      const facts = lookup(event.lessonId);
      if (!facts) return ledger;
      if (!isPlausible(event.durationMs, facts)) {
        const flagged = earliest(ledger.flagged[event.lessonId], stamp);
        return { ...ledger, flagged: { ...ledger.flagged, [event.lessonId]: flagged } };
      }
      const quizzes = Object.keys(facts.quiz).length;
      const completion = earliest(ledger.completions[event.lessonId], { ...stamp, quizzes });
      const day = localDate(at, event.tz);
      const entry = ledger.days[day];
      const tzStamp = { ...stamp, tz: event.tz };
      const lessons = entry?.lessons.includes(event.lessonId)
        ? entry.lessons
        : [...(entry?.lessons ?? []), event.lessonId].sort();
      return {
        ...ledger,
        completions: { ...ledger.completions, [event.lessonId]: completion },
        days: {
          ...ledger.days,
          [day]: {
            lessons,
            first: earliest(entry?.first, tzStamp),
            last: latest(entry?.last, tzStamp),
          },
        },
      };
    }
    case 'quiz_answered': {
      const key = lookup(event.lessonId)?.quiz[event.cardId];
      if (!key) return ledger;
      const slot = `${event.lessonId}#${event.cardId}`;
      const answer = { ...stamp, correct: gradeAnswer(key, event.answerIds) };
      return {
        ...ledger,
        firstAnswers: {
          ...ledger.firstAnswers,
          [slot]: earliest(ledger.firstAnswers[slot], answer),
        },
      };
    }
    case 'review_answered': {
      // A review session counts toward the daily goal as one unit, like a lesson, and earns
      // REVIEW_XP once a day. Only cards the content knows count, so XP cannot be minted.
      if (!lookup(event.lessonId)?.quiz[event.cardId]) return ledger;
      const day = localDate(at, event.tz);
      const entry = ledger.days[day];
      const reviews = { ...ledger.reviews, [day]: earliest(ledger.reviews[day], stamp) };
      const tzStamp = { ...stamp, tz: event.tz };
      // Every answer moves the day's first/last instants, whichever arrives first (order-free).
      return {
        ...ledger,
        reviews,
        days: {
          ...ledger.days,
          [day]: {
            lessons: entry?.lessons.includes(REVIEW_UNIT)
              ? entry.lessons
              : [...(entry?.lessons ?? []), REVIEW_UNIT].sort(),
            first: earliest(entry?.first, tzStamp),
            last: latest(entry?.last, tzStamp),
          },
        },
      };
    }
    case 'goal_set':
      return {
        ...ledger,
        goals: {
          ...ledger.goals,
          [event.id]: { ...stamp, day: localDate(at, event.tz), goal: event.goal },
        },
      };
    default:
      return ledger;
  }
}

/** Joins two ledgers: the result is what both event sets together would give. */
export function joinLedgers(a: Ledger, b: Ledger): Ledger {
  const merge = <T>(x: Record<string, T>, y: Record<string, T>, pick: (p: T, q: T) => T) => {
    const out = { ...x };
    for (const [k, v] of Object.entries(y)) out[k] = k in out ? pick(out[k]!, v) : v;
    return out;
  };
  return {
    completions: merge(a.completions, b.completions, (p, q) => earliest(p, q)),
    flagged: merge(a.flagged, b.flagged, (p, q) => earliest(p, q)),
    firstAnswers: merge(a.firstAnswers, b.firstAnswers, (p, q) => earliest(p, q)),
    days: merge(a.days, b.days, (p, q) => ({
      lessons: [...new Set([...p.lessons, ...q.lessons])].sort(),
      first: earliest(p.first, q.first),
      last: latest(p.last, q.last),
    })),
    goals: { ...a.goals, ...b.goals },
    reviews: merge(a.reviews, b.reviews, (p, q) => earliest(p, q)),
  };
}

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
  return ledger.flagged[lessonId] ? { kind: 'too_fast' } : { kind: 'unknown' };
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

/** The daily goal in effect on a local date: the latest choice made on or before it. */
export function goalOn(ledger: Ledger, day: string): DailyGoal {
  let chosen: (Stamp & { goal: DailyGoal }) | undefined;
  for (const g of Object.values(ledger.goals)) if (g.day <= day) chosen = latest(chosen, g);
  return chosen?.goal ?? DEFAULT_GOAL;
}

/** Local dates on which the goal in effect was met, ascending. */
export function metDays(ledger: Ledger): string[] {
  return Object.entries(ledger.days)
    .filter(([day, entry]) => entry.lessons.length >= goalOn(ledger, day))
    .map(([day]) => day)
    .sort();
}

/** Missed days between two met days; a gap made only by flying east counts none. */
function missedBetween(ledger: Ledger, previous: string, day: string): number {
  const gap = daysBetween(previous, day) - 1;
  if (gap <= 0) return 0;
  const before = ledger.days[previous]!.last;
  const next = ledger.days[day]!.first;
  const previousSeenFromNext = localDate(before.at, next.tz);
  return Math.max(0, daysBetween(previousSeenFromNext, day) - 1);
}

/** Current run, longest run and freezes held, walking the met days up to today. */
export function streakOf(ledger: Ledger, today: string): Streak {
  const days = metDays(ledger).filter((d) => d <= today);
  let run = 0;
  let longest = 0;
  let freezes = 0;
  let previous: string | undefined;
  const spend = (missed: number) => {
    if (missed === 0) return;
    if (missed <= freezes) freezes -= missed;
    else {
      run = 0;
      freezes = 0;
    }
  };
  for (const day of days) {
    if (previous !== undefined) spend(missedBetween(ledger, previous, day));
    run += 1;
    if (run % STREAK_FREEZE_EVERY === 0) freezes = Math.min(MAX_FREEZES, freezes + 1);
    longest = Math.max(longest, run);
    previous = day;
  }
  if (previous !== undefined) spend(Math.max(0, daysBetween(previous, today) - 1));
  return { current: run, longest, freezes };
}

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

export function ledgerOf(events: Iterable<ProgressEvent>, lookup: LessonLookup): Ledger {
  let ledger = emptyLedger;
  for (const event of events) ledger = addEvent(ledger, event, lookup);
  return ledger;
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
  let ledger = ledgerFrom(base.ledger); // snapshots saved before a field existed lack it
  for (const event of events) ledger = addEvent(ledger, event, lookup);
  return stateOf(ledger, today);
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
