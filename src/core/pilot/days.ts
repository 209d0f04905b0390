/**
 * A learner's days: what the pilot report and the team view need from the event log, kept per
 * person and local date (the date in each event's own `tz`, as the streak and the tally count it).
 *
 * Every field merges by a commutative, associative rule (counts add, earliest and latest instants
 * win, pass instants are unioned), and ingest folds in only events stored for the first time, so
 * a day's row is a function of the set of stored events: arrival order, late events, replays
 * (which are new events and count) and retried duplicates (which are not stored again and do not)
 * cannot change it.
 *
 * Content is read when the numbers are made, not when the day is kept: lesson minutes and pathway
 * lessons come from the catalog of the moment, so a day keeps lessons by id and count. Only an
 * assessment's pass is decided at ingest (against the answer key stored then).
 */
import { localDate } from '../calendar';

/** Completions of one lesson on one day. */
export interface LessonOnDay {
  /** `lesson_completed` events (replays included). */
  n: number;
  /** The earliest of them, epoch ms (server-corrected). */
  first: number;
}

export interface LearnerDay {
  /** Local date, YYYY-MM-DD. */
  day: string;
  /** `lesson_completed` events that day (the sum of `completions[*].n`). */
  lessons: number;
  /** The latest event of any type that day, epoch ms. */
  lastAt: number;
  completions: Record<string, LessonOnDay>;
  /** Module id → instants of the passing assessment attempts that day, ascending, distinct. */
  passes: Record<string, number[]>;
}

/** What one stored event adds to its day. */
export interface DayEvent {
  type: string;
  lessonId?: string | undefined;
  tz: string;
  /** Server-corrected instant, epoch ms. */
  at: number;
  /** The module whose assessment this attempt passed, if it is one. */
  passed?: string | undefined;
}

export const emptyDay = (day: string): LearnerDay => ({
  day,
  lessons: 0,
  lastAt: -Infinity,
  completions: {},
  passes: {},
});

function union(a: readonly number[] = [], b: readonly number[] = []): number[] {
  return [...new Set([...a, ...b])].sort((x, y) => x - y);
}

/** Joins two records of the same day (order does not matter). */
export function joinDays(a: LearnerDay, b: LearnerDay): LearnerDay {
  const completions = { ...a.completions };
  for (const [lessonId, c] of Object.entries(b.completions)) {
    const prior = completions[lessonId];
    completions[lessonId] = prior
      ? { n: prior.n + c.n, first: Math.min(prior.first, c.first) }
      : { ...c };
  }
  const passes = { ...a.passes };
  for (const [moduleId, ats] of Object.entries(b.passes))
    passes[moduleId] = union(passes[moduleId], ats);
  return {
    day: a.day,
    lessons: a.lessons + b.lessons,
    lastAt: Math.max(a.lastAt, b.lastAt),
    completions,
    passes,
  };
}

/**
 * The days a set of new events adds, one record per local date touched.
 *
 * @example
 * foldDays([{ type: 'lesson_completed', lessonId: 'a.l1', tz: 'UTC', at: 0 }])
 * // [{ day: '1970-01-01', lessons: 1, lastAt: 0, completions: { 'a.l1': { n: 1, first: 0 } }, passes: {} }]
 */
export function foldDays(events: Iterable<DayEvent>): LearnerDay[] {
  const days = new Map<string, LearnerDay>();
  for (const e of events) {
    const day = localDate(e.at, e.tz);
    const one = emptyDay(day);
    one.lastAt = e.at;
    if (e.type === 'lesson_completed' && e.lessonId) {
      one.lessons = 1;
      one.completions[e.lessonId] = { n: 1, first: e.at };
    }
    if (e.passed) one.passes[e.passed] = [e.at];
    const prior = days.get(day);
    days.set(day, prior ? joinDays(prior, one) : one);
  }
  return [...days.values()];
}
