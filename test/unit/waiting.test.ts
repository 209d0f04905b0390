/**
 * "N waiting" in the header counts what a learner recognises: one lesson taken offline is one
 * lesson, however many card views and answers it recorded.
 */
import { describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../src/core/events';
import { waitingSummary } from '../../src/core/waiting';

type Draft = Pick<ProgressEvent, 'type'> & Record<string, unknown>;
const lesson = (lessonId: string, cards: number): Draft[] => [
  { type: 'lesson_started', lessonId },
  ...Array.from({ length: cards }, (_, i) => ({
    type: 'card_viewed' as const,
    lessonId,
    cardId: `c${i}`,
  })),
  { type: 'quiz_answered', lessonId, cardId: 'q1', answerIds: ['a'] },
  { type: 'lesson_completed', lessonId, durationMs: 60_000 },
];

describe('waitingSummary', () => {
  it('counts a whole lesson taken offline as one lesson, not its twelve events', () => {
    const events = lesson('m.l1', 9);
    expect(events).toHaveLength(12);
    expect(waitingSummary(events)).toEqual({ lessons: 1, reviewAnswers: 0, settings: 0, total: 1 });
  });

  it('counts two lessons, an assessment attempt, review answers and a goal change apart', () => {
    const events: Draft[] = [
      ...lesson('m.l1', 3),
      ...lesson('m.l2', 2),
      { type: 'assessment_submitted', lessonId: 'm.check', answers: [] },
      { type: 'review_answered', lessonId: 'm.l1', cardId: 'q1', answerIds: ['a'] },
      { type: 'review_answered', lessonId: 'm.l1', cardId: 'q2', answerIds: ['b'] },
      { type: 'goal_set', goal: 2 },
    ];
    expect(waitingSummary(events)).toEqual({ lessons: 3, reviewAnswers: 2, settings: 1, total: 6 });
  });

  it('says nothing waits when the outbox is empty', () => {
    expect(waitingSummary([]).total).toBe(0);
  });

  it('counts a lesson only started (one card seen) as a lesson waiting', () => {
    const started: Draft[] = [{ type: 'lesson_started', lessonId: 'm.l3' }];
    expect(waitingSummary(started).lessons).toBe(1);
  });
});
