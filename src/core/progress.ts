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
 */
import { addDays, daysBetween, localDate } from './calendar';
import type { ProgressEvent } from './events';
import { dayOf, judge, PLAUSIBLE_FRACTION, type Fact, type NotCountedReason } from './plausibility';
import { gradeAnswer, isSealed, quizKey } from './quiz';

export const LESSON_XP = 10;
export const QUIZ_BONUS_XP = 5;
export const REVIEW_XP = 5;
export { PLAUSIBLE_FRACTION };
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
  /**
   * What counting is decided from (plausibility.ts): starts, completions and review answers by
   * event id, the first quiz answer per card by `a lesson#card`. Every field below is read off it.
   */
  trail: Record<string, Fact>;
  /** Earliest completion per lesson that counts, with the lesson's number of quiz questions. */
  completions: Record<string, Stamp & { quizzes: number }>;
  /** Lessons finished but not counted: the earliest such completion and why (kept, not lost). */
  flagged: Record<string, Stamp & { reason?: NotCountedReason }>;
  /** First attempt per `lessonId#cardId`, graded against the key. */
  firstAnswers: Record<string, Stamp & { correct: boolean }>;
  /** Per local date: lessons whose completion counts, and the first and last of them. */
  days: Record<string, DayEntry>;
  /** Daily-goal choices by event id. */
  goals: Record<string, Stamp & { day: string; goal: DailyGoal }>;
  /** Per local date: the first answer in that day's review session. */
  reviews: Record<string, Stamp>;
  /**
   * When the server first heard from each of the person's devices, epoch ms by device id (the
   * earliest wins a join): what they date before it does not count (plausibility.ts).
   */
  devices: Record<string, number>;
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
  trail: {},
  completions: {},
  flagged: {},
  firstAnswers: {},
  days: {},
  goals: {},
  reviews: {},
  devices: {},
};

/**
 * A ledger stored before a field existed gets that field empty (the store rebuilds old ones:
 * migration 0090 drops ledgers without a trail, so they are folded again from the events).
 */
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

/** True when a completion took at least the plausible share of the lesson's estimate. */
export function isPlausible(durationMs: number, facts: LessonFacts): boolean {
  return durationMs >= facts.estimateMinutes * 60_000 * PLAUSIBLE_FRACTION;
}

/** An event as it reaches the ledger: on the server with the instant it was received. */
export type LedgerEvent = ProgressEvent & { receivedAt?: number };

/** The fact an event adds to the trail, and the key it is kept under (undefined: none). */
function factOf(event: LedgerEvent, lookup: LessonLookup): [string, Fact] | undefined {
  const base = {
    id: event.id,
    d: event.deviceId,
    q: event.seq,
    at: Date.parse(event.occurredAt),
    tz: event.tz,
    ...(event.receivedAt === undefined ? {} : { rx: event.receivedAt }),
  };
  switch (event.type) {
    case 'lesson_started':
      return lookup(event.lessonId) && [event.id, { ...base, k: 's', l: event.lessonId }];
    case 'lesson_completed':
      return lookup(event.lessonId) && [event.id, { ...base, k: 'c', l: event.lessonId }];
    case 'quiz_answered':
    case 'review_answered': {
      const key = lookup(event.lessonId)?.quiz[event.cardId];
      if (!key) return undefined;
      const fact: Fact = {
        ...base,
        k: event.type === 'quiz_answered' ? 'a' : 'r',
        l: event.lessonId,
        card: event.cardId,
        ok: gradeAnswer(key, event.answerIds),
      };
      // Only the first quiz answer per card starts its review; the earliest is kept.
      return event.type === 'quiz_answered'
        ? [`a ${event.lessonId}#${event.cardId}`, fact]
        : [event.id, fact];
    }
    default:
      return undefined;
  }
}

function keepFact(trail: Record<string, Fact>, key: string, fact: Fact): Record<string, Fact> {
  const prior = trail[key];
  if (prior && !earlier(fact, prior)) return trail;
  return { ...trail, [key]: fact };
}

/**
 * Joins events into a ledger, returning a new ledger (the input is not changed): their facts
 * join the trail, and what counts is decided again from the whole trail (plausibility.ts).
 *
 * @example
 * const ledger = addEvents(emptyLedger, events, lookup);
 */
export function addEvents(
  ledger: Ledger,
  events: Iterable<LedgerEvent>,
  lookup: LessonLookup,
): Ledger {
  let { trail, firstAnswers, goals } = ledger;
  let added = 0;
  for (const event of events) {
    added++;
    const at = Date.parse(event.occurredAt);
    const fact = factOf(event, lookup);
    if (fact) trail = keepFact(trail, fact[0], fact[1]);
    if (event.type === 'quiz_answered' && fact) {
      const slot = `${event.lessonId}#${event.cardId}`;
      const answer = { at, id: event.id, correct: fact[1].ok === true };
      firstAnswers = { ...firstAnswers, [slot]: earliest(firstAnswers[slot], answer) };
    }
    if (event.type === 'goal_set')
      goals = {
        ...goals,
        [event.id]: { at, id: event.id, day: localDate(at, event.tz), goal: event.goal },
      };
  }
  // Nothing new: the ledger as it is (also a snapshot saved before trails were kept).
  return added === 0 ? ledger : counted({ ...ledger, trail, firstAnswers, goals }, lookup);
}

/** One event into a ledger: `addEvents` with one event. */
export function addEvent(ledger: Ledger, event: LedgerEvent, lookup: LessonLookup): Ledger {
  return addEvents(ledger, [event], lookup);
}

/** The ledger's counted fields, decided from its trail by the one rule (plausibility.ts). */
function counted(ledger: Ledger, lookup: LessonLookup): Ledger {
  const verdicts = judge(
    Object.values(ledger.trail),
    (id) => lookup(id)?.estimateMinutes,
    ledger.devices,
  );
  const completions: Ledger['completions'] = {};
  const days: Ledger['days'] = {};
  const reviews: Ledger['reviews'] = {};
  const onDay = (day: string, unit: string, f: Fact) => {
    const entry = days[day];
    const stamp = { at: f.at, id: f.id, tz: f.tz };
    days[day] = {
      lessons: entry?.lessons.includes(unit)
        ? entry.lessons
        : [...(entry?.lessons ?? []), unit].sort(),
      first: earliest(entry?.first, stamp),
      last: latest(entry?.last, stamp),
    };
  };
  for (const f of verdicts.completions) {
    const quizzes = Object.keys(lookup(f.l)?.quiz ?? {}).length;
    completions[f.l] = earliest(completions[f.l], { at: f.at, id: f.id, quizzes });
    onDay(dayOf(f), f.l, f);
  }
  for (const f of verdicts.reviews) {
    const day = dayOf(f);
    reviews[day] = earliest(reviews[day], { at: f.at, id: f.id });
    onDay(day, REVIEW_UNIT, f);
  }
  const flagged: Ledger['flagged'] = {};
  for (const f of Object.values(ledger.trail)) {
    const reason = verdicts.notCounted[f.id];
    if (f.k !== 'c' || !reason || completions[f.l]) continue;
    const prior = flagged[f.l];
    if (!prior || earlier(f, prior)) flagged[f.l] = { at: f.at, id: f.id, reason };
  }
  return { ...ledger, completions, flagged, days, reviews };
}

/** Joins two ledgers: the result is what both event sets together would give. */
export function joinLedgers(a: Ledger, b: Ledger, lookup: LessonLookup): Ledger {
  let trail = a.trail;
  for (const [key, fact] of Object.entries(b.trail)) trail = keepFact(trail, key, fact);
  const firstAnswers = { ...a.firstAnswers };
  for (const [slot, answer] of Object.entries(b.firstAnswers))
    firstAnswers[slot] = earliest(firstAnswers[slot], answer);
  const devices = joinDevices(a.devices, b.devices);
  return counted({ ...a, trail, firstAnswers, goals: { ...a.goals, ...b.goals }, devices }, lookup);
}

function joinDevices(a: Ledger['devices'], b: Ledger['devices']): Ledger['devices'] {
  const out = { ...a };
  for (const [device, at] of Object.entries(b)) out[device] = Math.min(out[device] ?? at, at);
  return out;
}

/**
 * The ledger knowing when the server first heard from `devices` (the earliest instant wins), its
 * counted fields decided again when that changed anything.
 */
export function withDevices(
  ledger: Ledger,
  devices: Ledger['devices'],
  lookup: LessonLookup,
): Ledger {
  const joined = joinDevices(ledger.devices, devices);
  const same = Object.entries(joined).every(([device, at]) => ledger.devices[device] === at);
  return same ? ledger : counted({ ...ledger, devices: joined }, lookup);
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

export function ledgerOf(events: Iterable<LedgerEvent>, lookup: LessonLookup): Ledger {
  return addEvents(emptyLedger, events, lookup);
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

/** Completions of one lesson on one local day that count (replays included). */
export interface CountedOnDay {
  n: number;
  /** The earliest of them, epoch ms. */
  first: number;
}

/**
 * The completions that count, per local date and lesson: what the pilot report and the
 * organisation goal count (store/learner-days.ts), decided by the same rule as XP and streak.
 */
export function countedByDay(
  ledger: Ledger,
  lookup: LessonLookup,
): Map<string, Record<string, CountedOnDay>> {
  const { completions } = judge(
    Object.values(ledger.trail),
    (id) => lookup(id)?.estimateMinutes,
    ledger.devices,
  );
  const days = new Map<string, Record<string, CountedOnDay>>();
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
