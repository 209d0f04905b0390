/**
 * What waits to sync, counted the way a learner thinks of it. One lesson taken offline is a dozen
 * events (started, a card_viewed per card, answers, completed); "12 waiting" read as twelve
 * lessons. So the outbox is summed up as the lessons it touches (any event naming a lesson that
 * is not a review answer), the review answers, and everything else (a changed daily goal) as
 * "settings".
 *
 * Zod-free on purpose: the app imports it at runtime (see ARCHITECTURE.md, "The app bundle never
 * imports zod").
 */
import type { ProgressEvent } from './events';

export interface WaitingSummary {
  /** Distinct lessons with progress waiting (started, viewed, answered, finished). */
  lessons: number;
  /** Answers given in the daily review. */
  reviewAnswers: number;
  /** Other changes: the daily goal. */
  settings: number;
  /** lessons + reviewAnswers + settings: what the header counts. */
  total: number;
}

/**
 * @example
 * waitingSummary([started(a), viewed(a), viewed(a), completed(a), review(x)])
 * // → { lessons: 1, reviewAnswers: 1, settings: 0, total: 2 }
 */
export function waitingSummary(events: readonly Pick<ProgressEvent, 'type'>[]): WaitingSummary {
  const lessons = new Set<string>();
  let reviewAnswers = 0;
  let settings = 0;
  for (const event of events) {
    if (event.type === 'review_answered') reviewAnswers++;
    else if ('lessonId' in event && typeof event.lessonId === 'string') lessons.add(event.lessonId);
    else settings++;
  }
  return {
    lessons: lessons.size,
    reviewAnswers,
    settings,
    total: lessons.size + reviewAnswers + settings,
  };
}
