/** Shared setup of the progress-*.test.ts files (split from progress.test.ts). */
import { withStarts } from './starts';
import type { ProgressEvent } from '../../src/core/events';
import { deriveState, ledgerOf, type LessonFacts } from '../../src/core/progress';

/** Every lesson takes 4 minutes; `m.q` has two quiz questions. */
export const lessons: Record<string, LessonFacts> = {
  'm.q': { estimateMinutes: 4, quiz: { q1: ['a'], q2: ['b', 'c'] } },
};
export const lookup = (id: string): LessonFacts | undefined =>
  lessons[id] ?? (id.startsWith('m.') ? { estimateMinutes: 4, quiz: {} } : undefined);

export let made = 0;
/** One device whose outbox numbers events in the order they happen, as a real one does. */
export function envelope(occurredAt: string, tz: string) {
  made++;
  return {
    id: `0190a000-0000-7000-8000-${String(made).padStart(12, '0')}`,
    occurredAt,
    tz,
    deviceId: 'device-0001',
    seq: Date.parse(occurredAt) * 100 + (made % 100),
  };
}

export function completed(
  lessonId: string,
  occurredAt: string,
  tz = 'Europe/Berlin',
  durationMs = 180_000,
): ProgressEvent {
  return { ...envelope(occurredAt, tz), type: 'lesson_completed', lessonId, durationMs };
}
export function answered(cardId: string, answerIds: string[], occurredAt: string): ProgressEvent {
  return {
    ...envelope(occurredAt, 'Europe/Berlin'),
    type: 'quiz_answered',
    lessonId: 'm.q',
    cardId,
    answerIds,
  };
}
export function goal(g: 1 | 2 | 3, occurredAt: string, tz = 'Europe/Berlin'): ProgressEvent {
  return { ...envelope(occurredAt, tz), type: 'goal_set', goal: g };
}
/** One lesson a day at 09:00 Berlin for each date given. */
export function daily(dates: string[], tz = 'Europe/Berlin'): ProgressEvent[] {
  return dates.map((d, i) => completed(`m.d${i}`, `${d}T09:00:00+01:00`, tz));
}
export function dates(from: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) =>
    new Date(Date.parse(`${from}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10),
  );
}
export const state = (events: ProgressEvent[], today: string) =>
  deriveState(withStarts(events), today, lookup);
export const ledgerWithStarts = (events: ProgressEvent[]) => ledgerOf(withStarts(events), lookup);
