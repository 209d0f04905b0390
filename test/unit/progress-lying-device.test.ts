/**
 * The XP table, the daily goal and the streak with freezes, on a fixed clock. Every expected
 * number here is one a learner would see on home.
 */
import { describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../src/core/events';
import { LESSON_XP, ledgerOf, lessonOutcome, stateOf } from '../../src/core/progress';
import { lookup, envelope } from '../support/progress-events';

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
