/**
 * The XP table, the daily goal and the streak with freezes, on a fixed clock. Every expected
 * number here is one a learner would see on home.
 */
import { describe, expect, it } from 'vitest';
import { withStarts } from '../support/starts';
import { localDate } from '../../src/core/calendar';
import * as progress from '../../src/core/progress';
import {
  lookup,
  completed,
  answered,
  goal,
  daily,
  dates,
  state,
  ledgerWithStarts,
} from '../support/progress-events';

describe('XP table', () => {
  it('earns LESSON_XP on the first completion; replays earn nothing', () => {
    const s = state(
      [
        completed('m.a', '2026-03-01T09:00:00+01:00'),
        completed('m.a', '2026-03-01T10:00:00+01:00'),
        completed('m.b', '2026-03-02T09:00:00+01:00'),
      ],
      '2026-03-02',
    );
    expect(s.xp).toBe(2 * progress.LESSON_XP);
    expect(s.completedLessonIds).toEqual(['m.a', 'm.b']);
  });

  it('adds the first-attempt accuracy bonus, graded against the key', () => {
    const done = completed('m.q', '2026-03-01T09:10:00+01:00');
    const perfect = state(
      [
        answered('q1', ['a'], '2026-03-01T09:05:00+01:00'),
        answered('q2', ['c', 'b'], '2026-03-01T09:06:00+01:00'),
        done,
      ],
      '2026-03-01',
    );
    expect(perfect.xp).toBe(progress.LESSON_XP + progress.QUIZ_BONUS_XP);
    const half = state(
      [
        answered('q1', ['a'], '2026-03-01T09:05:00+01:00'),
        answered('q2', ['b'], '2026-03-01T09:06:00+01:00'),
        done,
      ],
      '2026-03-01',
    );
    expect(half.xp).toBe(progress.LESSON_XP + Math.round(progress.QUIZ_BONUS_XP / 2));
  });

  it('counts only the first attempt: a later right answer adds no bonus', () => {
    const s = state(
      [
        answered('q1', ['x'], '2026-03-01T09:05:00+01:00'),
        answered('q1', ['a'], '2026-03-01T09:05:30+01:00'),
        answered('q2', ['x'], '2026-03-01T09:06:00+01:00'),
        answered('q2', ['b', 'c'], '2026-03-02T09:06:00+01:00'),
        completed('m.q', '2026-03-01T09:10:00+01:00'),
        completed('m.q', '2026-03-02T09:10:00+01:00'),
      ],
      '2026-03-02',
    );
    expect(s.xp).toBe(progress.LESSON_XP);
  });

  it('gives an implausibly fast completion 0 XP and flags it; a real one later earns', () => {
    // 4 minute lesson: the floor is 1 minute.
    const rushed = completed('m.a', '2026-03-01T09:00:00+01:00', 'Europe/Berlin', 20_000);
    const s = state([rushed], '2026-03-01');
    expect(s.xp).toBe(0);
    expect(s.ledger.flagged['m.a']).toMatchObject({ id: rushed.id });
    expect(s.streak.current).toBe(0);
    const later = state(
      [rushed, completed('m.a', '2026-03-02T09:00:00+01:00', 'Europe/Berlin', 60_000)],
      '2026-03-02',
    );
    expect(later.xp).toBe(progress.LESSON_XP);
  });

  it('gives lessons it does not know nothing, so XP cannot be made up', () => {
    expect(state([completed('made.up', '2026-03-01T09:00:00+01:00')], '2026-03-01').xp).toBe(0);
  });

  it('awards XP at the instant of the earliest plausible completion', () => {
    const awards = progress.awardsOf(
      ledgerWithStarts([
        completed('m.a', '2026-03-02T09:00:00+01:00'),
        completed('m.a', '2026-03-01T09:00:00+01:00'),
      ]),
    );
    expect(awards).toEqual([
      {
        lessonId: 'm.a',
        kind: 'lesson',
        at: Date.parse('2026-03-01T08:00:00Z'),
        xp: progress.LESSON_XP,
      },
    ]);
  });

  it('reads lesson facts off module content', () => {
    expect(
      progress.lessonFacts({
        estimateMinutes: 3,
        cards: [
          { id: 'c1', kind: 'text' },
          {
            id: 'q',
            kind: 'quiz',
            options: [
              { id: 'a', correct: false },
              { id: 'b', correct: true },
            ],
          },
        ],
      }),
    ).toEqual({ estimateMinutes: 3, quiz: { q: ['b'] } });
  });
});

describe('daily goal', () => {
  it('defaults to one lesson a day', () => {
    const s = state(daily(['2026-03-01']), '2026-03-01');
    expect(s.goal).toBe(1);
    expect(s.todayCount).toBe(1);
    expect(s.activeDays).toEqual(['2026-03-01']);
  });

  it('needs as many distinct lessons as the goal, from the day the goal was chosen', () => {
    const events = [
      goal(2, '2026-03-02T07:00:00+01:00'),
      completed('m.a', '2026-03-01T09:00:00+01:00'),
      completed('m.b', '2026-03-02T09:00:00+01:00'),
      completed('m.b', '2026-03-02T10:00:00+01:00'),
      completed('m.c', '2026-03-03T09:00:00+01:00'),
      completed('m.a', '2026-03-03T10:00:00+01:00'),
    ];
    const s = state(events, '2026-03-03');
    expect(s.goal).toBe(2);
    // 1 March met the old goal of 1; 2 March had one distinct lesson; 3 March had two.
    expect(s.activeDays).toEqual(['2026-03-01', '2026-03-03']);
  });

  it('uses the latest choice when several are made', () => {
    const s = state(
      [goal(3, '2026-03-01T08:00:00+01:00'), goal(1, '2026-03-01T09:00:00+01:00')],
      '2026-03-01',
    );
    expect(s.goal).toBe(1);
  });
});

describe('streak', () => {
  it('counts the run ending today or yesterday, and keeps the longest', () => {
    expect(state(daily(dates('2026-03-01', 3)), '2026-03-03').streak.current).toBe(3);
    expect(state(daily(dates('2026-03-01', 3)), '2026-03-04').streak.current).toBe(3);
    expect(state(daily(dates('2026-03-01', 3)), '2026-03-05').streak).toEqual({
      current: 0,
      longest: 3,
      freezes: 0,
    });
  });

  it('puts a late-evening lesson on the local date, not the UTC date', () => {
    expect(localDate('2026-03-02T04:30:00Z', 'America/New_York')).toBe('2026-03-01');
    const s = state([completed('m.a', '2026-03-02T04:30:00Z', 'America/New_York')], '2026-03-01');
    expect(s.activeDays).toEqual(['2026-03-01']);
  });

  it('earns a freeze every 7 days, holds at most 2, and spends them on missed days', () => {
    const week = daily(dates('2026-03-01', 7));
    expect(state(week, '2026-03-07').streak).toEqual({ current: 7, longest: 7, freezes: 1 });
    // 8 March missed: the freeze covers it and the streak lives on.
    expect(state(week, '2026-03-09').streak).toEqual({ current: 7, longest: 7, freezes: 0 });
    const withNext = [...week, ...daily(['2026-03-09'])];
    expect(state(withNext, '2026-03-09').streak).toEqual({ current: 8, longest: 8, freezes: 0 });
    // Two days missed with one freeze: the streak ends.
    expect(state(week, '2026-03-10').streak.current).toBe(0);
    const month = daily(dates('2026-03-01', 28));
    expect(state(month, '2026-03-28').streak.freezes).toBe(2);
  });

  it('uses a freeze for a day on which the goal was not met', () => {
    const events = [
      ...daily(dates('2026-03-01', 7)),
      goal(2, '2026-03-08T07:00:00+01:00'),
      completed('m.x', '2026-03-08T09:00:00+01:00'),
      completed('m.y', '2026-03-09T09:00:00+01:00'),
      completed('m.z', '2026-03-09T10:00:00+01:00'),
    ];
    expect(state(events, '2026-03-09').streak).toEqual({ current: 8, longest: 8, freezes: 0 });
  });

  it('counts a day that arrives late (offline) on the day it happened', () => {
    const [d1, d2, d3] = daily(dates('2026-03-01', 3));
    const before = progress.mergePending(state([d1!, d3!], '2026-03-03'), [], '2026-03-03', lookup);
    expect(before.streak.current).toBe(1);
    expect(
      progress.mergePending(before, withStarts([d2!]), '2026-03-03', lookup).streak.current,
    ).toBe(3);
  });

  it('keeps a streak across spring-forward and fall-back nights', () => {
    // Berlin changes clocks on 29 March and 25 October 2026; lessons just after midnight.
    const spring = dates('2026-03-27', 5).map((d, i) =>
      completed(`m.s${i}`, `${d}T00:30:00${d > '2026-03-29' ? '+02:00' : '+01:00'}`),
    );
    expect(state(spring, '2026-03-31').streak.current).toBe(5);
    const autumn = dates('2026-10-23', 5).map((d, i) =>
      completed(`m.f${i}`, `${d}T23:30:00${d >= '2026-10-25' ? '+01:00' : '+02:00'}`),
    );
    expect(state(autumn, '2026-10-27').streak.current).toBe(5);
  });

  it('is not broken by flying east across the date line', () => {
    // Monday 20:00 in Los Angeles (Tuesday afternoon in Tokyo), then Wednesday 08:00 in Tokyo.
    const s = state(
      [
        completed('m.a', '2026-03-02T20:00:00-08:00', 'America/Los_Angeles'),
        completed('m.b', '2026-03-04T08:00:00+09:00', 'Asia/Tokyo'),
      ],
      '2026-03-04',
    );
    expect(s.streak.current).toBe(2);
  });

  it('still breaks when a whole local day was skipped at home', () => {
    const s = state(daily(['2026-03-02', '2026-03-04']), '2026-03-04');
    expect(s.streak.current).toBe(1);
  });
});
