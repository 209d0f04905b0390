/**
 * The XP table, the daily goal and the streak with freezes, on a fixed clock. Every expected
 * number here is one a learner would see on home.
 */
import { describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../src/core/events';
import {
  awardsOf,
  emptyLedger,
  LESSON_XP,
  REVIEW_XP,
  lessonOutcome,
  mergePending,
} from '../../src/core/progress';
import {
  lookup,
  envelope,
  completed,
  answered,
  dates,
  state,
  ledgerWithStarts,
} from '../support/progress-events';

describe('the daily review', () => {
  /** A wrong answer: the card stays in box 1, due again the next day. */
  const reviewed = (occurredAt: string): ProgressEvent => ({
    ...envelope(occurredAt, 'Europe/Berlin'),
    type: 'review_answered',
    lessonId: 'm.q',
    cardId: 'q1',
    answerIds: ['b'],
  });
  /** Missed in the lesson on 1 March: due for review from 2 March. */
  const missed = answered('q1', ['b'], '2026-03-01T08:30:00+01:00');

  it('counts a review session toward the daily goal once, like a lesson, and keeps the streak', () => {
    const events = [
      missed,
      completed('m.a', '2026-03-01T09:00:00+01:00'),
      reviewed('2026-03-02T08:00:00+01:00'),
      reviewed('2026-03-02T08:01:00+01:00'),
    ];
    const s = state(events, '2026-03-02');
    expect(s.todayCount).toBe(1); // two answers in one session are one unit
    expect(s.activeDays).toEqual(['2026-03-01', '2026-03-02']);
    expect(s.streak.current).toBe(2);
    expect(s.completedLessonIds).toEqual(['m.a']); // a review completes no lesson
  });

  it('earns REVIEW_XP once per local day, however many cards are reviewed', () => {
    const lesson = completed('m.a', '2026-03-01T09:00:00+01:00');
    const monday = [
      missed,
      reviewed('2026-03-02T08:00:00+01:00'),
      reviewed('2026-03-02T21:00:00+01:00'),
    ];
    const tuesday = reviewed('2026-03-03T07:30:00+01:00');
    expect(state([lesson, ...monday], '2026-03-02').xp).toBe(LESSON_XP + REVIEW_XP);
    expect(state([lesson, ...monday, tuesday], '2026-03-03').xp).toBe(LESSON_XP + 2 * REVIEW_XP);
    const awards = awardsOf(ledgerWithStarts([...monday, tuesday]));
    expect(awards.map((a) => [a.kind, a.lessonId, a.at])).toEqual([
      ['review', 'review 2026-03-02', Date.parse('2026-03-02T07:00:00Z')], // the session's first answer
      ['review', 'review 2026-03-03', Date.parse('2026-03-03T06:30:00Z')],
    ]);
  });

  it('gives reviews of cards the content does not know nothing, not even a goal unit', () => {
    const fake = { ...reviewed('2026-03-02T08:00:00+01:00'), lessonId: 'made.up' };
    const s = state([fake as ProgressEvent], '2026-03-02');
    expect(s.xp).toBe(0);
    expect(s.todayCount).toBe(0);
  });

  it('shows a snapshot saved before trails were kept as it is until the next state', () => {
    const saved = state([completed('m.a', '2026-03-01T09:00:00+01:00')], '2026-03-01');
    const { trail: _, ...old } = saved.ledger;
    const shown = mergePending(
      { ...saved, ledger: old as typeof saved.ledger },
      [],
      '2026-03-01',
      lookup,
    );
    expect(shown.xp).toBe(LESSON_XP);
  });

  it('earns nothing for a review of a card that was not due (issue 17)', () => {
    // Never missed in a lesson: nothing is due, however many answers arrive.
    const answers = dates('2026-03-01', 5).map((d) => reviewed(`${d}T08:00:00+01:00`));
    expect(state(answers, '2026-03-05')).toMatchObject({ xp: 0, todayCount: 0, activeDays: [] });
    // Missed on 1 March, due on 2 March; answered right then, it is next due on 4 March.
    const right = (at: string) => ({ ...reviewed(at), answerIds: ['a'] }) as ProgressEvent;
    const s = state(
      [missed, right('2026-03-02T08:00:00+01:00'), right('2026-03-03T08:00:00+01:00')],
      '2026-03-03',
    );
    expect(s.xp).toBe(REVIEW_XP);
    expect(s.activeDays).toEqual(['2026-03-02']);
  });
});

describe('what one completion earned (the completion screen)', () => {
  const T = '2026-03-01T09:00:00+01:00';
  it('tells the lesson XP and the quiz bonus apart, adding up to the XP total', () => {
    const first = answered('q1', ['a'], T); // right
    const second = answered('q2', ['b'], T); // wrong: the key is b and c
    const done = completed('m.q', '2026-03-01T09:05:00+01:00');
    const ledger = ledgerWithStarts([first, second, done]);
    const outcome = lessonOutcome(ledger, 'm.q', done.id);
    expect(outcome).toEqual({ kind: 'earned', lessonXp: LESSON_XP, quizBonus: 3 });
    expect(state([first, second, done], '2026-03-01').xp).toBe(LESSON_XP + 3);
  });

  it('says a second finish of the same lesson is a replay that earns nothing more', () => {
    const once = completed('m.a', T);
    const again = completed('m.a', '2026-03-02T09:00:00+01:00');
    const ledger = ledgerWithStarts([once, again]);
    expect(lessonOutcome(ledger, 'm.a', again.id)).toEqual({ kind: 'replay' });
    expect(lessonOutcome(ledger, 'm.a', once.id).kind).toBe('earned');
  });

  it('says a finish under a quarter of the estimate was too fast to count', () => {
    const rushed = completed('m.a', T, 'Europe/Berlin', 4 * 60_000 * 0.25 - 1);
    const ledger = ledgerWithStarts([rushed]);
    expect(lessonOutcome(ledger, 'm.a', rushed.id)).toEqual({ kind: 'too_fast' });
    expect(state([rushed], '2026-03-01')).toMatchObject({ xp: 0, todayCount: 0 });
  });

  it('knows nothing of a lesson with no completion', () => {
    expect(lessonOutcome(emptyLedger, 'm.a')).toEqual({ kind: 'unknown' });
  });
});
