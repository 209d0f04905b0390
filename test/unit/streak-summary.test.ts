/**
 * The streak kept beside the ledger (src/core/streak-summary.ts) gives the current streak
 * `streakOf` walks from the whole ledger, on any later day: gaps covered by freezes or not, goals
 * of one to three lessons, zones east and west, DST changes. The team view reads it instead of
 * every report's ledger.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/core/calendar';
import type { ProgressEvent } from '../../src/core/events';
import { ledgerOf, streakOf, type LessonFacts } from '../../src/core/progress';
import { currentStreakOn, streakSummary } from '../../src/core/streak-summary';

const lookup = (id: string): LessonFacts | undefined =>
  id.startsWith('m.') ? { estimateMinutes: 4, quiz: {} } : undefined;
const zones = ['Europe/Berlin', 'America/New_York', 'Pacific/Auckland', 'UTC'];
const FROM = Date.parse('2026-03-01T00:00:00Z');

let seq = 0;
const eventArb = fc
  .record({
    goal: fc.constantFrom(false, false, false, false, false, true),
    day: fc.nat(16),
    hour: fc.nat(23),
    lesson: fc.constantFrom('m.a', 'm.b', 'm.c'),
    tz: fc.constantFrom(...zones),
    size: fc.constantFrom(1 as const, 2 as const, 3 as const),
  })
  .map((r): ProgressEvent => {
    seq++;
    const base = {
      id: `0190a000-0000-7000-8000-${String(seq).padStart(12, '0')}`,
      occurredAt: new Date(FROM + r.day * 86_400_000 + r.hour * 3_600_000).toISOString(),
      tz: r.tz,
      deviceId: 'device-0001',
      seq,
    };
    return r.goal
      ? { ...base, type: 'goal_set', goal: r.size }
      : { ...base, type: 'lesson_completed', lessonId: r.lesson, durationMs: 240_000 };
  });

describe('streak summary', () => {
  it('gives the current streak of the whole ledger on every day from its last met day on', () => {
    fc.assert(
      fc.property(
        fc.array(eventArb, { minLength: 20, maxLength: 80 }),
        fc.nat(5),
        (events, after) => {
          const ledger = ledgerOf(events, lookup);
          const summary = streakSummary(ledger);
          const last = summary?.last ?? '2026-03-01';
          const today = addDays(last, after);
          expect(currentStreakOn(summary, today)).toBe(streakOf(ledger, today).current);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('leaves a day before the last met day to the ledger', () => {
    const ledger = ledgerOf(
      [
        {
          id: '0190a000-0000-7000-8000-000000000000',
          occurredAt: '2026-03-02T09:55:00Z',
          tz: 'UTC',
          deviceId: 'device-0001',
          seq: 1,
          type: 'lesson_started',
          lessonId: 'm.a',
        },
        {
          id: '0190a000-0000-7000-8000-000000000001',
          occurredAt: '2026-03-02T10:00:00Z',
          tz: 'UTC',
          deviceId: 'device-0001',
          seq: 2,
          type: 'lesson_completed',
          lessonId: 'm.a',
          durationMs: 240_000,
        },
      ],
      lookup,
    );
    expect(currentStreakOn(streakSummary(ledger), '2026-03-01')).toBeUndefined();
    expect(currentStreakOn(streakSummary(ledger), '2026-03-02')).toBe(1);
  });
});
