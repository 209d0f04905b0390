/**
 * Progress state, folded from the event log.
 *
 * The same reducer runs on the server (over every stored event: authoritative) and on the device
 * (over the last server snapshot plus the events still in the outbox: optimistic), so a learner
 * offline sees their numbers move at once and sees the same numbers after sync.
 *
 * Invariants:
 * - The result depends only on the *set* of events: order and duplicates do not matter.
 * - A lesson earns XP once, on its first completion; replays earn nothing.
 * - A day counts toward the streak when the daily goal (one lesson) was met on the learner's
 *   local date in the event's own time zone.
 */
import { addDays, daysBetween, localDate } from './calendar';
import type { ProgressEvent } from './events';

export const LESSON_XP = 10;

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
}

export const emptyState: ProgressState = {
  xp: 0,
  streak: { current: 0, longest: 0, freezes: 0 },
  completedLessonIds: [],
  activeDays: [],
};

/**
 * The run of consecutive active days ending today or yesterday, and the longest run ever.
 *
 * @example
 * streakOn(['2026-01-01', '2026-01-02'], '2026-01-03') // { current: 2, longest: 2 }
 */
export function streakOn(
  days: Iterable<string>,
  today: string,
): { current: number; longest: number } {
  const sorted = [...new Set(days)].sort();
  let longest = 0;
  let run = 0;
  let previous: string | undefined;
  for (const day of sorted) {
    run = previous !== undefined && daysBetween(previous, day) === 1 ? run + 1 : 1;
    longest = Math.max(longest, run);
    previous = day;
  }
  const last = sorted.at(-1);
  const current = last !== undefined && daysBetween(last, today) <= 1 && last <= today ? run : 0;
  return { current, longest };
}

/** Folds a set of events into state. `today` is the learner's current local date. */
export function deriveState(events: Iterable<ProgressEvent>, today: string): ProgressState {
  return mergePending(emptyState, events, today);
}

/**
 * Adds events to a state: the server's snapshot plus the outbox on the device, or nothing plus
 * every stored event on the server. Completions already in the state are not counted twice.
 */
export function mergePending(
  base: ProgressState,
  events: Iterable<ProgressEvent>,
  today: string,
): ProgressState {
  const completed = new Set(base.completedLessonIds);
  const days = new Set(base.activeDays);
  let xp = base.xp;
  for (const event of events) {
    // A review session counts toward the daily goal like a lesson does.
    if (event.type === 'review_answered') days.add(localDate(event.occurredAt, event.tz));
    if (event.type !== 'lesson_completed') continue;
    days.add(localDate(event.occurredAt, event.tz));
    if (!completed.has(event.lessonId)) {
      completed.add(event.lessonId);
      xp += LESSON_XP;
    }
  }
  const activeDays = [...days].sort();
  const { current, longest } = streakOn(activeDays, today);
  return {
    xp,
    streak: {
      current,
      longest: Math.max(longest, base.streak.longest),
      freezes: base.streak.freezes,
    },
    completedLessonIds: [...completed].sort(),
    activeDays,
  };
}

/** The last `count` days up to today, oldest first: the week strip on home. */
export function recentDays(today: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addDays(today, i - count + 1));
}
