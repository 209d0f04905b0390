/**
 * The ledger: what counting needs of a learner's events, merged by a commutative, associative and
 * idempotent rule (by event id; the earliest first answer per card wins), with the counted fields
 * decided again from the whole trail by the one rule in plausibility.ts. See progress.ts for the
 * design and the XP table.
 */
import { localDate } from './calendar';
import type { ProgressEvent } from './events';
import {
  dayOf,
  judge,
  PLAUSIBLE_FRACTION,
  type Fact,
  type NotCountedReason,
  type Settled,
  type Verdicts,
} from './plausibility';
import { gradeAnswer } from './quiz';

export const DAILY_GOALS = [1, 2, 3] as const;
export type DailyGoal = (typeof DAILY_GOALS)[number];
export const DEFAULT_GOAL: DailyGoal = 1;
export { PLAUSIBLE_FRACTION };

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
  /**
   * Facts that can no longer change any verdict, taken out of the trail and kept as what judging
   * needs of them and the totals they counted for (ledger-settle.ts); absent until the first.
   */
  settled?: SettledLedger;
  /**
   * Ids of the trail's completions that count, replays included (decided with the fields above):
   * the counted days before a sync are read off them instead of judging the old trail again.
   * Absent from ledgers stored before it was kept; ids the trail no longer holds are settled.
   */
  counting?: string[];
}

/** The settled part of a ledger: judging's part (plausibility.ts) and the totals counted. */
export interface SettledLedger extends Settled, Totals {
  /** Counted completions per local date and lesson, replays included (`countedByDay`). */
  counted: Record<string, Record<string, CountedOnDay>>;
}

/** Completions of one lesson on one local day that count (replays included). */
export interface CountedOnDay {
  n: number;
  /** The earliest of them, epoch ms. */
  first: number;
}

export interface DayEntry {
  lessons: string[];
  first: Stamp & { tz: string };
  last: Stamp & { tz: string };
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

export const earlier = (a: Stamp, b: Stamp) => a.at < b.at || (a.at === b.at && a.id < b.id);
export const earliest = <T extends Stamp>(a: T | undefined, b: T): T =>
  a && !earlier(b, a) ? a : b;
export const latest = <T extends Stamp>(a: T | undefined, b: T): T => (a && earlier(b, a) ? a : b);

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

/** Verdicts already reached, by the trail they judged (a trail is never changed in place). */
const judged = new WeakMap<
  object,
  { devices: object; settled: object | undefined; lookup: LessonLookup; verdicts: Verdicts }
>();

/**
 * The verdicts on a ledger's trail (plausibility.ts), judged once for a trail, devices, settled
 * part and content: a sync's counting, settling and counted days all read the same verdicts.
 */
export function verdictsOf(
  ledger: Pick<Ledger, 'trail' | 'devices' | 'settled'>,
  lookup: LessonLookup,
): Verdicts {
  const seen = judged.get(ledger.trail);
  if (
    seen &&
    seen.devices === ledger.devices &&
    seen.settled === ledger.settled &&
    seen.lookup === lookup
  )
    return seen.verdicts;
  const verdicts = judge(
    Object.values(ledger.trail),
    (id) => lookup(id)?.estimateMinutes,
    ledger.devices,
    ledger.settled,
  );
  judged.set(ledger.trail, {
    devices: ledger.devices,
    settled: ledger.settled,
    lookup,
    verdicts,
  });
  return verdicts;
}

/** The ledger's counted fields, decided from its trail by the one rule (plausibility.ts). */
export function counted(ledger: Ledger, lookup: LessonLookup): Ledger {
  const verdicts = verdictsOf(ledger, lookup);
  return {
    ...ledger,
    ...tally(Object.values(ledger.trail), verdicts, lookup, ledger.settled),
    counting: verdicts.completions.map((f) => f.id),
  };
}

/** The fields XP, goal and streak are read from. */
export type Totals = Pick<Ledger, 'completions' | 'flagged' | 'days' | 'reviews'>;

/** What `verdicts` on `facts` add to `base` (the settled history's totals, if any). */
export function tally(
  facts: readonly Fact[],
  verdicts: Pick<Verdicts, 'completions' | 'reviews' | 'notCounted'>,
  lookup: LessonLookup,
  base?: Totals,
): Totals {
  const completions = { ...base?.completions };
  const days = { ...base?.days };
  const reviews = { ...base?.reviews };
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
  const flagged = { ...base?.flagged };
  for (const f of facts) {
    const reason = verdicts.notCounted[f.id];
    if (f.k !== 'c' || !reason) continue;
    const prior = flagged[f.l];
    if (!prior || earlier(f, prior)) flagged[f.l] = { at: f.at, id: f.id, reason };
  }
  for (const lessonId of Object.keys(flagged)) if (completions[lessonId]) delete flagged[lessonId];
  return { completions, flagged, days, reviews };
}

/** Joins two ledgers: the result is what both event sets together would give. */
export function joinLedgers(a: Ledger, b: Ledger, lookup: LessonLookup): Ledger {
  let trail = a.trail;
  for (const [key, fact] of Object.entries(b.trail)) trail = keepFact(trail, key, fact);
  const firstAnswers = { ...a.firstAnswers };
  for (const [slot, answer] of Object.entries(b.firstAnswers))
    firstAnswers[slot] = earliest(firstAnswers[slot], answer);
  const devices = joinDevices(a.devices, b.devices);
  // Settled history is the server's (ledger-settle.ts); a ledger joined with one keeps it.
  const settled = a.settled ?? b.settled;
  return counted(
    {
      ...a,
      trail,
      firstAnswers,
      goals: { ...a.goals, ...b.goals },
      devices,
      ...(settled && { settled }),
    },
    lookup,
  );
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

export function ledgerOf(events: Iterable<LedgerEvent>, lookup: LessonLookup): Ledger {
  return addEvents(emptyLedger, events, lookup);
}
