/**
 * Spaced review with Leitner boxes.
 *
 * Why Leitner and not SM-2: our items are multiple-choice answers, right or wrong, with no graded
 * recall quality (SM-2's 0–5), and a learner answers each item only a handful of times — too few
 * for SM-2's ease factor to settle. Leitner boxes are simple to explain ("you missed it, so it
 * comes back tomorrow"), need only right/wrong, and are a pure function of the answers.
 *
 * Rules:
 * - An item is a quiz card. It enters review when first answered in a lesson: a wrong first
 *   answer puts it in box 1; of the right first answers, a fixed sample (one in three, chosen by a
 *   hash of the card so it is the same on every device) goes to box 2 so knowledge is refreshed.
 * - In review, a right answer moves the item up a box (out of box 5 it graduates and leaves); a
 *   wrong one sends it back to box 1.
 * - An item is due BOX_DAYS[box] days after the local date of its last answer.
 * - Answers are applied in time order (occurredAt, then id), so arrival order does not matter.
 */
import { addDays, localDate } from './calendar';

export const BOX_DAYS = [0, 1, 2, 4, 8, 16] as const;
export const TOP_BOX = 5;
export const DAILY_REVIEW_SIZE = 5;

export interface ReviewItem {
  lessonId: string;
  cardId: string;
  box: number;
  due: string;
}

export interface ReviewAnswer {
  id: string;
  type: 'quiz_answered' | 'review_answered';
  lessonId: string;
  cardId: string;
  answerIds: string[];
  occurredAt: string;
  tz: string;
}

/** Grades an answer against the content; undefined when the card is unknown (content removed). */
export type Grader = (lessonId: string, cardId: string, answerIds: string[]) => boolean | undefined;

const keyOf = (lessonId: string, cardId: string) => `${lessonId}#${cardId}`;

/** Deterministic one-in-three sample of cards answered right the first time. */
export function sampledForReview(lessonId: string, cardId: string): boolean {
  let h = 2166136261;
  for (const ch of keyOf(lessonId, cardId)) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return (h >>> 0) % 3 === 0;
}

/** Replays answers onto existing items (the server's snapshot, or nothing). */
export function scheduleReview(
  base: readonly ReviewItem[],
  answers: Iterable<ReviewAnswer>,
  grade: Grader,
  /** Told of every review answer whether its card was due that local day (plausibility.ts). */
  onReview?: (answerId: string, wasDue: boolean) => void,
): ReviewItem[] {
  const items = new Map(base.map((i) => [keyOf(i.lessonId, i.cardId), { ...i }]));
  const graduated = new Set<string>();
  const seenFirst = new Set(items.keys());
  const ordered = [...new Map([...answers].map((a) => [a.id, a])).values()].sort(
    (a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt) || a.id.localeCompare(b.id),
  );
  for (const a of ordered) {
    const key = keyOf(a.lessonId, a.cardId);
    const right = grade(a.lessonId, a.cardId, a.answerIds);
    if (right === undefined) continue;
    const day = localDate(a.occurredAt, a.tz);
    if (a.type === 'quiz_answered') {
      if (seenFirst.has(key) || graduated.has(key)) continue;
      seenFirst.add(key);
      if (!right)
        items.set(key, {
          lessonId: a.lessonId,
          cardId: a.cardId,
          box: 1,
          due: addDays(day, BOX_DAYS[1]),
        });
      else if (sampledForReview(a.lessonId, a.cardId))
        items.set(key, {
          lessonId: a.lessonId,
          cardId: a.cardId,
          box: 2,
          due: addDays(day, BOX_DAYS[2]),
        });
      continue;
    }
    const item = items.get(key);
    onReview?.(a.id, item !== undefined && item.due <= day);
    if (!item) continue;
    if (right && item.box === TOP_BOX) {
      items.delete(key);
      graduated.add(key);
      continue;
    }
    item.box = right ? item.box + 1 : 1;
    item.due = addDays(day, BOX_DAYS[item.box]!);
  }
  return [...items.values()].sort(
    (a, b) =>
      a.due.localeCompare(b.due) ||
      keyOf(a.lessonId, a.cardId).localeCompare(keyOf(b.lessonId, b.cardId)),
  );
}

/** Today's review: the items due by today, lowest box first, at most DAILY_REVIEW_SIZE. */
export function dueForReview(
  items: readonly ReviewItem[],
  today: string,
  limit = DAILY_REVIEW_SIZE,
): ReviewItem[] {
  return items
    .filter((i) => i.due <= today)
    .sort((a, b) => a.box - b.box || a.due.localeCompare(b.due))
    .slice(0, limit);
}
