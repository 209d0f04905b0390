/**
 * The XP table, the daily goal and the streak with freezes, on a fixed clock. Every expected
 * number here is one a learner would see on home.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withStarts } from '../support/starts';
import type { ProgressEvent } from '../../src/core/events';
import * as progress from '../../src/core/progress';
import { lookup, envelope, completed, state, ledgerWithStarts } from '../support/progress-events';

describe('merging', () => {
  it('adds pending events on top of a server snapshot without counting a lesson twice', () => {
    const snapshot = state([completed('m.a', '2026-03-01T09:00:00+01:00')], '2026-03-01');
    const merged = progress.mergePending(
      snapshot,
      withStarts([
        completed('m.a', '2026-03-02T09:00:00+01:00'),
        completed('m.b', '2026-03-02T10:00:00+01:00'),
      ]),
      '2026-03-02',
      lookup,
    );
    expect(merged.xp).toBe(2 * progress.LESSON_XP);
    expect(merged.streak.current).toBe(2);
    expect(progress.mergePending(progress.emptyState, [], '2026-03-02', lookup)).toEqual(
      progress.emptyState,
    );
  });

  it('reads snapshots saved before ledgers existed as empty', () => {
    const { ledger: _, ...old } = progress.emptyState;
    expect(
      progress.mergePending(old as typeof progress.emptyState, [], '2026-03-01', lookup).xp,
    ).toBe(0);
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
          const device = progress.mergePending(
            state(synced, today),
            withStarts(outbox),
            today,
            lookup,
          );
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
            typeof progress.emptyLedger,
            typeof progress.emptyLedger,
            typeof progress.emptyLedger,
          ];
          const norm = deriveView;
          const join = (x: typeof la, y: typeof la) => progress.joinLedgers(x, y, lookup);
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
function deriveView(l: typeof progress.emptyLedger) {
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
