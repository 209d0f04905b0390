/**
 * The XP table, the daily goal and the streak with freezes, on a fixed clock. Every expected
 * number here is one a learner would see on home.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withStarts } from '../support/starts';
import { localDate } from '../../src/core/calendar';
import type { ProgressEvent } from '../../src/core/events';
import {
  awardsOf,
  deriveState,
  emptyLedger,
  emptyState,
  joinLedgers,
  LESSON_XP,
  REVIEW_XP,
  ledgerOf,
  lessonFacts,
  lessonOutcome,
  mergePending,
  QUIZ_BONUS_XP,
  stateOf,
  type LessonFacts,
} from '../../src/core/progress';

/** Every lesson takes 4 minutes; `m.q` has two quiz questions. */
const lessons: Record<string, LessonFacts> = {
  'm.q': { estimateMinutes: 4, quiz: { q1: ['a'], q2: ['b', 'c'] } },
};
const lookup = (id: string): LessonFacts | undefined =>
  lessons[id] ?? (id.startsWith('m.') ? { estimateMinutes: 4, quiz: {} } : undefined);

let made = 0;
/** One device whose outbox numbers events in the order they happen, as a real one does. */
function envelope(occurredAt: string, tz: string) {
  made++;
  return {
    id: `0190a000-0000-7000-8000-${String(made).padStart(12, '0')}`,
    occurredAt,
    tz,
    deviceId: 'device-0001',
    seq: Date.parse(occurredAt) * 100 + (made % 100),
  };
}

function completed(
  lessonId: string,
  occurredAt: string,
  tz = 'Europe/Berlin',
  durationMs = 180_000,
): ProgressEvent {
  return { ...envelope(occurredAt, tz), type: 'lesson_completed', lessonId, durationMs };
}
function answered(cardId: string, answerIds: string[], occurredAt: string): ProgressEvent {
  return {
    ...envelope(occurredAt, 'Europe/Berlin'),
    type: 'quiz_answered',
    lessonId: 'm.q',
    cardId,
    answerIds,
  };
}
function goal(g: 1 | 2 | 3, occurredAt: string, tz = 'Europe/Berlin'): ProgressEvent {
  return { ...envelope(occurredAt, tz), type: 'goal_set', goal: g };
}
/** One lesson a day at 09:00 Berlin for each date given. */
function daily(dates: string[], tz = 'Europe/Berlin'): ProgressEvent[] {
  return dates.map((d, i) => completed(`m.d${i}`, `${d}T09:00:00+01:00`, tz));
}
function dates(from: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) =>
    new Date(Date.parse(`${from}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10),
  );
}
const state = (events: ProgressEvent[], today: string) =>
  deriveState(withStarts(events), today, lookup);
const ledgerWithStarts = (events: ProgressEvent[]) => ledgerOf(withStarts(events), lookup);

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
    expect(s.xp).toBe(2 * LESSON_XP);
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
    expect(perfect.xp).toBe(LESSON_XP + QUIZ_BONUS_XP);
    const half = state(
      [
        answered('q1', ['a'], '2026-03-01T09:05:00+01:00'),
        answered('q2', ['b'], '2026-03-01T09:06:00+01:00'),
        done,
      ],
      '2026-03-01',
    );
    expect(half.xp).toBe(LESSON_XP + Math.round(QUIZ_BONUS_XP / 2));
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
    expect(s.xp).toBe(LESSON_XP);
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
    expect(later.xp).toBe(LESSON_XP);
  });

  it('gives lessons it does not know nothing, so XP cannot be made up', () => {
    expect(state([completed('made.up', '2026-03-01T09:00:00+01:00')], '2026-03-01').xp).toBe(0);
  });

  it('awards XP at the instant of the earliest plausible completion', () => {
    const awards = awardsOf(
      ledgerWithStarts([
        completed('m.a', '2026-03-02T09:00:00+01:00'),
        completed('m.a', '2026-03-01T09:00:00+01:00'),
      ]),
    );
    expect(awards).toEqual([
      { lessonId: 'm.a', kind: 'lesson', at: Date.parse('2026-03-01T08:00:00Z'), xp: LESSON_XP },
    ]);
  });

  it('reads lesson facts off module content', () => {
    expect(
      lessonFacts({
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
    const before = mergePending(state([d1!, d3!], '2026-03-03'), [], '2026-03-03', lookup);
    expect(before.streak.current).toBe(1);
    expect(mergePending(before, withStarts([d2!]), '2026-03-03', lookup).streak.current).toBe(3);
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

describe('merging', () => {
  it('adds pending events on top of a server snapshot without counting a lesson twice', () => {
    const snapshot = state([completed('m.a', '2026-03-01T09:00:00+01:00')], '2026-03-01');
    const merged = mergePending(
      snapshot,
      withStarts([
        completed('m.a', '2026-03-02T09:00:00+01:00'),
        completed('m.b', '2026-03-02T10:00:00+01:00'),
      ]),
      '2026-03-02',
      lookup,
    );
    expect(merged.xp).toBe(2 * LESSON_XP);
    expect(merged.streak.current).toBe(2);
    expect(mergePending(emptyState, [], '2026-03-02', lookup)).toEqual(emptyState);
  });

  it('reads snapshots saved before ledgers existed as empty', () => {
    const { ledger: _, ...old } = emptyState;
    expect(mergePending(old as typeof emptyState, [], '2026-03-01', lookup).xp).toBe(0);
  });
});

// ---- order independence -------------------------------------------------------------------

const zones = ['Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'Pacific/Auckland', 'UTC'];
/** Instants spread over both 2026 DST changes in Europe and America. */
const instant = fc
  .integer({ min: Date.parse('2026-03-05T00:00:00Z'), max: Date.parse('2026-04-05T00:00:00Z') })
  .chain((t) =>
    fc.constantFrom(t, t + Date.parse('2026-10-20T00:00:00Z') - Date.parse('2026-03-05T00:00:00Z')),
  );
const anEvent = fc
  .record({
    kind: fc.constantFrom('done', 'done', 'done', 'quiz', 'goal', 'review'),
    lesson: fc.constantFrom('m.a', 'm.b', 'm.c', 'm.q', 'nope.x'),
    card: fc.constantFrom('q1', 'q2'),
    answer: fc.subarray(['a', 'b', 'c'], { minLength: 1 }),
    at: instant,
    tz: fc.constantFrom(...zones),
    durationMs: fc.constantFrom(10_000, 60_000, 240_000),
    goal: fc.constantFrom(1 as const, 2 as const, 3 as const),
  })
  .map((r): ProgressEvent => {
    const base = envelope(new Date(r.at).toISOString(), r.tz);
    if (r.kind === 'quiz')
      return {
        ...base,
        type: 'quiz_answered',
        lessonId: 'm.q',
        cardId: r.card,
        answerIds: r.answer,
      };
    if (r.kind === 'goal') return { ...base, type: 'goal_set', goal: r.goal };
    if (r.kind === 'review')
      return {
        ...base,
        type: 'review_answered',
        lessonId: r.lesson === 'nope.x' ? 'nope.x' : 'm.q',
        cardId: r.card,
        answerIds: r.answer,
      };
    return { ...base, type: 'lesson_completed', lessonId: r.lesson, durationMs: r.durationMs };
  });

/** The same set, shuffled and with some events repeated. */
const reshuffled = (events: ProgressEvent[]) =>
  fc
    .tuple(
      fc.shuffledSubarray(events, { minLength: events.length }),
      fc.array(fc.nat(), { maxLength: 8 }),
    )
    .chain(([shuffled, repeats]) => {
      const dupes = events.length ? repeats.map((i) => events[i % events.length]!) : [];
      return fc.shuffledSubarray([...shuffled, ...dupes], {
        minLength: shuffled.length + dupes.length,
      });
    });

describe('order independence (property-based)', () => {
  const todays = ['2026-03-20', '2026-04-06', '2026-10-30', '2026-11-10'];

  it('gives the same XP, streak and state for any permutation or duplication', () => {
    fc.assert(
      fc.property(
        fc
          .array(anEvent, { maxLength: 30 })
          .chain((events) => fc.tuple(fc.constant(events), reshuffled(events))),
        fc.constantFrom(...todays),
        ([events, other], today) => {
          expect(state(other, today)).toEqual(state(events, today));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('gives the device (snapshot + outbox, any split) what the server gives', () => {
    fc.assert(
      fc.property(
        fc.array(anEvent, { maxLength: 30 }),
        fc.array(fc.boolean(), { maxLength: 30 }),
        fc.constantFrom(...todays),
        (events, onServer, today) => {
          const synced = events.filter((_, i) => onServer[i]);
          const outbox = events.filter((_, i) => !onServer[i] || i % 3 === 0);
          const device = mergePending(state(synced, today), withStarts(outbox), today, lookup);
          expect(device).toEqual(state(events, today));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('joins ledgers commutatively, associatively and idempotently', () => {
    fc.assert(
      fc.property(
        fc.array(anEvent, { maxLength: 12 }),
        fc.array(anEvent, { maxLength: 12 }),
        fc.array(anEvent, { maxLength: 12 }),
        (a, b, c) => {
          const [la, lb, lc] = [a, b, c].map((e) => ledgerWithStarts(e)) as [
            typeof emptyLedger,
            typeof emptyLedger,
            typeof emptyLedger,
          ];
          const norm = deriveView;
          const join = (x: typeof la, y: typeof la) => joinLedgers(x, y, lookup);
          expect(norm(join(la, lb))).toEqual(norm(join(lb, la)));
          expect(norm(join(join(la, lb), lc))).toEqual(norm(join(la, join(lb, lc))));
          expect(norm(join(la, la))).toEqual(norm(la));
          expect(norm(join(la, lb))).toEqual(norm(ledgerWithStarts([...a, ...b])));
        },
      ),
      { numRuns: 100 },
    );
  });
});

/** A ledger with keys sorted, so equal contents compare equal. */
function deriveView(l: typeof emptyLedger) {
  const sortKeys = (o: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
  return {
    completions: sortKeys(l.completions),
    trail: sortKeys(l.trail),
    flagged: sortKeys(l.flagged),
    firstAnswers: sortKeys(l.firstAnswers),
    days: sortKeys(l.days),
    goals: sortKeys(l.goals),
    reviews: sortKeys(l.reviews),
  };
}

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

describe('a device that lies about its progress (issue 17)', () => {
  const T = Date.parse('2026-03-10T09:00:00Z');
  const at = (ms: number) => new Date(ms).toISOString();
  const started = (lessonId: string, ms: number, seq: number): ProgressEvent => ({
    ...envelope(at(ms), 'UTC'),
    seq,
    type: 'lesson_started',
    lessonId,
  });
  const finished = (lessonId: string, ms: number, seq: number, durationMs = 240_000) => ({
    ...envelope(at(ms), 'UTC'),
    seq,
    type: 'lesson_completed' as const,
    lessonId,
    durationMs,
  });
  const ids = ['m.a', 'm.b', 'm.c', 'm.d', 'm.e', 'm.f'];

  it('counts no completion without a start on the same device', () => {
    const ledger = ledgerOf(
      ids.map((id, i) => finished(id, T, i + 1, 60_000)),
      lookup,
    );
    expect(stateOf(ledger, '2026-03-10')).toMatchObject({ xp: 0, todayCount: 0 });
    expect(lessonOutcome(ledger, 'm.a')).toEqual({ kind: 'not_counted', reason: 'no_start' });
    // …the learner's record is kept: the lessons still show as finished.
    expect(stateOf(ledger, '2026-03-10').completedLessonIds).toEqual(ids);
  });

  it('counts one lesson at a time: every lesson finished at one instant earns one lesson', () => {
    // Each claims exactly a quarter of its 4-minute estimate, started a minute before.
    const events = ids.flatMap((id, i) => [
      started(id, T - 60_000, 2 * i + 1),
      finished(id, T, 2 * i + 2, 60_000),
    ]);
    const s = stateOf(ledgerOf(events, lookup), '2026-03-10');
    expect(s.xp).toBe(LESSON_XP);
    expect(Object.keys(s.ledger.completions)).toHaveLength(1);
    const notCounted = ids
      .map((id) => lessonOutcome(s.ledger, id))
      .filter((o) => o.kind !== 'earned');
    expect(notCounted).toEqual(Array(5).fill({ kind: 'not_counted', reason: 'overlap' }));
  });

  it('times a lesson from its start on the device, not from the duration it claims', () => {
    const events = [started('m.a', T - 30_000, 1), finished('m.a', T, 2, 240_000)];
    expect(lessonOutcome(ledgerOf(events, lookup), 'm.a')).toEqual({ kind: 'too_fast' });
  });

  it('counts lessons one after another, each with its own start', () => {
    const events = ids.flatMap((id, i) => [
      started(id, T + i * 120_000, 2 * i + 1),
      finished(id, T + i * 120_000 + 60_000, 2 * i + 2, 60_000),
    ]);
    expect(stateOf(ledgerOf(events, lookup), '2026-03-10').xp).toBe(ids.length * LESSON_XP);
  });

  it('counts nothing back-dated behind what the device already sent', () => {
    const DAY = 86_400_000;
    // Synced yesterday up to seq 2, received then.
    const synced = [
      { ...started('m.a', T - DAY, 1), receivedAt: T - DAY + 300_000 },
      { ...finished('m.a', T - DAY + 200_000, 2), receivedAt: T - DAY + 300_000 },
    ];
    // Today, later outbox numbers claiming days before yesterday.
    const backdated = [3, 4, 5].flatMap((n) => [
      { ...started(`m.${n}`, T - n * DAY, 2 * n), receivedAt: T },
      { ...finished(`m.${n}`, T - n * DAY + 200_000, 2 * n + 1), receivedAt: T },
    ]);
    const ledger = ledgerOf([...synced, ...backdated], lookup);
    expect(stateOf(ledger, '2026-03-10')).toMatchObject({
      xp: LESSON_XP,
      activeDays: ['2026-03-09'],
    });
    expect(lessonOutcome(ledger, 'm.3')).toEqual({ kind: 'not_counted', reason: 'backdated' });
  });

  it('counts nothing filled in later under outbox numbers already passed', () => {
    const DAY = 86_400_000;
    // The device started numbering at 100 and synced yesterday…
    const synced = [
      { ...started('m.a', T - DAY, 100), receivedAt: T - DAY + 300_000 },
      { ...finished('m.a', T - DAY + 200_000, 101), receivedAt: T - DAY + 300_000 },
    ];
    // …and today sends numbers below 100, dated before them (the outbox sends in order).
    const filled = [
      { ...started('m.b', T - 3 * DAY, 10), receivedAt: T },
      { ...finished('m.b', T - 3 * DAY + 200_000, 11), receivedAt: T },
    ];
    const ledger = ledgerOf([...synced, ...filled], lookup);
    expect(stateOf(ledger, '2026-03-10').xp).toBe(LESSON_XP);
    expect(lessonOutcome(ledger, 'm.b')).toEqual({ kind: 'not_counted', reason: 'backdated' });
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
