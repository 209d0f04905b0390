/**
 * One rule grades a quiz answer wherever it is graded: the card's own result on the device
 * (`gradeQuiz`) and the XP bonus the reducer awards for right first answers (device and server,
 * through `lessonFacts`'s answer key). They used to disagree on unknown option ids and empty keys.
 */
import { describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../src/core/events';
import { deriveState, lessonFacts, LESSON_XP, QUIZ_BONUS_XP } from '../../src/core/progress';
import { gradeAnswer, gradeQuiz } from '../../src/core/quiz';

const card = (correct: string[]) => ({
  kind: 'quiz' as const,
  id: 'q',
  options: ['a', 'b', 'c'].map((id) => ({ id, correct: correct.includes(id) })),
});

/** XP a learner gets for a 1-question lesson answered with `answerIds` first, then completed. */
function xpFor(correct: string[], answerIds: string[]): number {
  const facts = lessonFacts({ estimateMinutes: 4, cards: [card(correct)] });
  const base = { tz: 'Europe/Berlin', deviceId: 'device-0001' };
  const events: ProgressEvent[] = [
    {
      ...base,
      id: '0190a000-0000-7000-8000-000000000000',
      seq: 0,
      occurredAt: '2026-03-01T08:59:00+01:00',
      type: 'lesson_started',
      lessonId: 'm.q',
    },
    {
      ...base,
      id: '0190a000-0000-7000-8000-000000000001',
      seq: 1,
      occurredAt: '2026-03-01T09:00:00+01:00',
      type: 'quiz_answered',
      lessonId: 'm.q',
      cardId: 'q',
      answerIds,
    },
    {
      ...base,
      id: '0190a000-0000-7000-8000-000000000002',
      seq: 2,
      occurredAt: '2026-03-01T09:04:00+01:00',
      type: 'lesson_completed',
      lessonId: 'm.q',
      durationMs: 240_000,
    },
  ];
  return deriveState(events, '2026-03-01', (id) => (id === 'm.q' ? facts : undefined)).xp;
}

const cases: Array<[string, string[], string[], boolean]> = [
  ['the correct options, in any order', ['b', 'c'], ['c', 'b'], true],
  ['the correct option chosen twice', ['b'], ['b', 'b'], true],
  ['one correct option missing', ['b', 'c'], ['b'], false],
  ['a wrong option added', ['b'], ['b', 'a'], false],
  ['an option id the card does not have, beside the right one', ['b'], ['b', 'x'], false],
  ['only an option id the card does not have', ['b'], ['x'], false],
  ['an empty answer', ['b'], [], false],
  ['a card with no correct option, answered with nothing', [], [], false],
  ['a card with no correct option, answered with an unknown id', [], ['x'], false],
];

describe('a quiz answer', () => {
  it.each(cases)('%s: the card and the XP agree', (_, correct, answer, right) => {
    expect(gradeQuiz(card(correct), answer)).toBe(right);
    expect(gradeAnswer(correct, answer)).toBe(right);
    expect(xpFor(correct, answer)).toBe(LESSON_XP + (right ? QUIZ_BONUS_XP : 0));
  });
});
