/**
 * Weekly and all-time cohort boards: week keys in the cohort's zone, ranking with ties to whoever
 * reached the score first, and the same board for any order or duplication of events.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seqAt, withStarts } from '../support/starts';
import type { ProgressEvent } from '../../src/core/events';
import {
  boardNameKey,
  boardScores,
  rankBoard,
  standingOf,
  visibleRows,
  weekKey,
  weekResetsAt,
  withOptimisticMe,
  type BoardEntry,
} from '../../src/core/leaderboard';
import {
  awardsOf,
  ledgerOf,
  LESSON_XP,
  REVIEW_XP,
  type LessonFacts,
} from '../../src/core/progress';

const lookup = (id: string): LessonFacts | undefined =>
  id.startsWith('m.') ? { estimateMinutes: 4, quiz: { q1: ['a'] } } : undefined;

let seq = 0;
function completed(lessonId: string, occurredAt: string, tz = 'Europe/Berlin'): ProgressEvent {
  seq++;
  return {
    id: `0190b000-0000-7000-8000-${String(seq).padStart(12, '0')}`,
    type: 'lesson_completed',
    lessonId,
    durationMs: 200_000,
    occurredAt,
    tz,
    deviceId: 'device-0001',
    seq: seqAt(occurredAt, seq),
  };
}
const scores = (events: ProgressEvent[], cohortTz = 'Europe/Berlin') =>
  boardScores(awardsOf(ledgerOf(withStarts(events), lookup)), cohortTz);

describe('weekKey', () => {
  it('starts weeks on Monday 00:00 in the cohort zone', () => {
    expect(weekKey('2026-11-23T00:00:00+01:00', 'Europe/Berlin')).toBe('2026-11-23');
    expect(weekKey('2026-11-22T23:59:59+01:00', 'Europe/Berlin')).toBe('2026-11-16');
    // Monday 00:30 in Berlin is still Sunday evening in New York.
    expect(weekKey('2026-11-23T00:30:00+01:00', 'America/New_York')).toBe('2026-11-16');
    expect(weekKey('2026-11-29T12:00:00Z', 'Europe/Berlin')).toBe('2026-11-23');
  });

  it('is right across DST changes', () => {
    // Berlin springs forward on Sunday 29 March 2026 and falls back on Sunday 25 October.
    expect(weekKey('2026-03-29T23:59:00+02:00', 'Europe/Berlin')).toBe('2026-03-23');
    expect(weekKey('2026-03-30T00:00:00+02:00', 'Europe/Berlin')).toBe('2026-03-30');
    expect(weekKey('2026-10-25T23:59:00+01:00', 'Europe/Berlin')).toBe('2026-10-19');
    expect(weekKey('2026-10-26T00:00:00+01:00', 'Europe/Berlin')).toBe('2026-10-26');
  });
});

describe('boardScores', () => {
  it('adds a review session to XP but not to the lessons a challenge counts', () => {
    const lesson = completed('m.a', '2026-11-23T08:00:00+01:00');
    const missed = {
      ...completed('m.a', '2026-11-23T07:58:00+01:00'),
      type: 'quiz_answered',
      cardId: 'q1',
      answerIds: ['b'], // missed in the lesson: due for review the next day
    } as ProgressEvent;
    const review: ProgressEvent = {
      ...completed('m.a', '2026-11-24T08:00:00+01:00'),
      type: 'review_answered',
      cardId: 'q1',
      answerIds: ['b'], // a wrong answer still makes it a review session
    } as ProgressEvent;
    const reviewAt = Date.parse('2026-11-24T07:00:00Z');
    expect(scores([missed, lesson, review])).toEqual([
      { period: '2026-11-23', xp: LESSON_XP + REVIEW_XP, lessons: 1, reachedAt: reviewAt },
      { period: 'all', xp: LESSON_XP + REVIEW_XP, lessons: 1, reachedAt: reviewAt },
    ]);
  });

  it('buckets XP into all-time and the cohort week it was earned in', () => {
    const events = [
      completed('m.a', '2026-11-22T23:30:00+01:00'),
      completed('m.b', '2026-11-23T08:00:00+01:00'),
      // Made in New York; the cohort's Berlin week decides.
      completed('m.c', '2026-11-22T19:00:00-05:00', 'America/New_York'),
      completed('m.a', '2026-11-24T08:00:00+01:00'), // a replay: nothing
    ];
    expect(scores(events)).toEqual([
      { period: '2026-11-16', xp: 10, lessons: 1, reachedAt: Date.parse('2026-11-22T22:30:00Z') },
      { period: '2026-11-23', xp: 20, lessons: 2, reachedAt: Date.parse('2026-11-23T07:00:00Z') },
      { period: 'all', xp: 30, lessons: 3, reachedAt: Date.parse('2026-11-23T07:00:00Z') },
    ]);
  });
});

describe('ranking', () => {
  it('orders by XP, then whoever reached it first', () => {
    const entries: BoardEntry[] = [
      { userId: 'b', xp: 20, reachedAt: 200 },
      { userId: 'a', xp: 20, reachedAt: 300 },
      { userId: 'c', xp: 30, reachedAt: 900 },
      { userId: 'd', xp: 20, reachedAt: 200 },
    ];
    expect(rankBoard(entries).map((e) => [e.rank, e.userId])).toEqual([
      [1, 'c'],
      [2, 'b'],
      [3, 'd'],
      [4, 'a'],
    ]);
  });

  it('shows the top and the learner ± 2', () => {
    const ranked = rankBoard(
      Array.from({ length: 30 }, (_, i) => ({ userId: `u${i}`, xp: 100 - i, reachedAt: 0 })),
    );
    expect(visibleRows(ranked, 'u20', 3, 2).map((e) => e.rank)).toEqual([
      1, 2, 3, 19, 20, 21, 22, 23,
    ]);
    expect(visibleRows(ranked, 'nobody', 3, 2).map((e) => e.rank)).toEqual([1, 2, 3]);
  });
});

describe('order independence (property-based)', () => {
  // Ten minutes apart at least (one person, one lesson at a time: plausibility.ts).
  const instant = fc
    .integer({
      min: Date.parse('2026-03-20T00:00:00Z') / 600_000,
      max: Date.parse('2026-04-10T00:00:00Z') / 600_000,
    })
    .map((n) => n * 600_000);
  const zones = ['Europe/Berlin', 'America/Los_Angeles', 'Asia/Kolkata', 'Pacific/Chatham'];
  const userEvents = fc.uniqueArray(
    fc
      .record({
        lesson: fc.constantFrom('m.a', 'm.b', 'm.c', 'm.d'),
        at: instant,
        tz: fc.constantFrom(...zones),
      })
      .map((r) => completed(r.lesson, new Date(r.at).toISOString(), r.tz)),
    { maxLength: 10, selector: (e) => Date.parse(e.occurredAt) },
  );

  function board(byUser: ProgressEvent[][], period: (p: string) => boolean) {
    const entries = byUser.flatMap((events, i) =>
      scores(events, 'Europe/Berlin')
        .filter((s) => period(s.period))
        .map((s) => ({ userId: `u${i}`, period: s.period, xp: s.xp, reachedAt: s.reachedAt })),
    );
    return rankBoard(entries).map((e) => [e.period, e.userId, e.xp]);
  }

  it('gives the same weekly and all-time boards for any permutation or duplication', () => {
    fc.assert(
      fc.property(
        fc.array(userEvents, { minLength: 1, maxLength: 6 }),
        fc.integer(),
        (byUser, salt) => {
          const reordered = byUser.map((events, u) => {
            const dupes = events.filter((_, i) => (i + u + salt) % 3 === 0);
            return [...events, ...dupes].sort(
              (a, b) => ((a.seq * 7919 + salt) % 101) - ((b.seq * 7919 + salt) % 101),
            );
          });
          expect(board(reordered, () => true)).toEqual(board(byUser, () => true));
          expect(board(reordered, (p) => p === 'all')).toEqual(board(byUser, (p) => p === 'all'));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('counts each lesson once on the all-time board', () => {
    fc.assert(
      fc.property(userEvents, (events) => {
        const all = scores(events).find((s) => s.period === 'all');
        expect(all?.xp ?? 0).toBe(
          new Set(events.map((e) => (e as { lessonId: string }).lessonId)).size * LESSON_XP,
        );
      }),
    );
  });
});

describe('withOptimisticMe', () => {
  const rows = [
    { rank: 1, xp: 50, name: 'a' },
    { rank: 2, xp: 30, name: 'b' },
    { rank: 3, xp: 20, name: 'c' },
    { rank: 4, xp: 10, name: 'me', isMe: true },
  ];
  it('moves my row up past the rows my new XP beats, ties staying ahead', () => {
    expect(withOptimisticMe(rows, 30).map((r) => [r.rank, r.name, r.xp])).toEqual([
      [1, 'a', 50],
      [2, 'b', 30],
      [3, 'me', 30],
      [4, 'c', 20],
    ]);
  });
  it('leaves the board alone when nothing is pending', () => {
    expect(withOptimisticMe(rows, 10)).toEqual(rows);
  });
});

describe('boardNameKey', () => {
  it('reads names the way a colleague would: case, spacing and look-alike forms do not count', () => {
    expect(boardNameKey('  Leo   LEARNER ')).toBe(boardNameKey('leo learner'));
    expect(boardNameKey('Leo\u00a0Learner')).toBe(boardNameKey('Leo Learner'));
    expect(boardNameKey('Ｌｅｏ Learner')).toBe(boardNameKey('Leo Learner'));
    expect(boardNameKey('Leo Learners')).not.toBe(boardNameKey('Leo Learner'));
  });
});

describe("the learner's standing", () => {
  const row = (rank: number, displayName: string, xp: number, isMe = false) => ({
    rank,
    displayName,
    xp,
    isMe,
  });

  it('tells the XP that passes the person just ahead: one more than theirs, as ties stay ahead', () => {
    expect(standingOf([row(1, 'Amy', 40), row(2, 'Leo', 30), row(3, 'Me', 27, true)])).toEqual({
      kind: 'behind',
      xp: 4,
      name: 'Leo',
    });
    expect(standingOf([row(1, 'Leo', 30), row(2, 'Me', 30, true)])).toEqual({
      kind: 'behind',
      xp: 1,
      name: 'Leo',
    });
    // After the gap: the person just ahead is the last row before mine, not the top.
    expect(standingOf([row(1, 'Amy', 90), row(22, 'Kim', 12), row(23, 'Me', 5, true)])).toEqual({
      kind: 'behind',
      xp: 8,
      name: 'Kim',
    });
  });

  it('says the learner leads only with XP, and nothing without an own row', () => {
    expect(standingOf([row(1, 'Me', 10, true), row(2, 'Leo', 5)])).toEqual({ kind: 'lead' });
    expect(standingOf([row(1, 'Me', 0, true), row(2, 'Leo', 0)])).toBeNull();
    expect(standingOf([row(1, 'Leo', 5)])).toBeNull();
  });
});

describe('the weekly reset', () => {
  it("is the next Monday 00:00 in the cohort's zone, across daylight-saving changes", () => {
    expect(new Date(weekResetsAt('2026-11-30', 'Europe/Berlin')).toISOString()).toBe(
      '2026-12-06T23:00:00.000Z',
    );
    // The weeks of the changes: the Sunday night before the reset moved the clocks.
    expect(new Date(weekResetsAt('2026-10-19', 'Europe/Berlin')).toISOString()).toBe(
      '2026-10-25T23:00:00.000Z',
    );
    expect(new Date(weekResetsAt('2026-03-23', 'Europe/Berlin')).toISOString()).toBe(
      '2026-03-29T22:00:00.000Z',
    );
    expect(new Date(weekResetsAt('2026-10-26', 'Europe/Berlin')).toISOString()).toBe(
      '2026-11-01T23:00:00.000Z',
    );
    expect(new Date(weekResetsAt('2026-11-30', 'America/New_York')).toISOString()).toBe(
      '2026-12-07T05:00:00.000Z',
    );
  });
});
