import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localDate } from '../../src/core/calendar';
import type { ProgressEvent } from '../../src/core/events';
import {
  deriveState,
  emptyState,
  LESSON_XP,
  mergePending,
  streakOn,
} from '../../src/core/progress';

let seq = 0;
function completed(lessonId: string, occurredAt: string, tz = 'Europe/Berlin'): ProgressEvent {
  seq++;
  return {
    type: 'lesson_completed',
    id: `0190a000-0000-7000-8000-${String(seq).padStart(12, '0')}`,
    lessonId,
    durationMs: 180_000,
    occurredAt,
    tz,
    deviceId: 'device-0001',
    seq,
  };
}

describe('streakOn', () => {
  it('counts the run ending today or yesterday', () => {
    expect(streakOn(['2026-03-01', '2026-03-02', '2026-03-03'], '2026-03-03').current).toBe(3);
    expect(streakOn(['2026-03-01', '2026-03-02', '2026-03-03'], '2026-03-04').current).toBe(3);
    expect(streakOn(['2026-03-01', '2026-03-02', '2026-03-03'], '2026-03-05').current).toBe(0);
  });

  it('keeps the longest run even after a break', () => {
    expect(
      streakOn(['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-06'], '2026-03-06'),
    ).toEqual({
      current: 1,
      longest: 3,
    });
  });

  it('crosses month ends and leap days', () => {
    expect(streakOn(['2028-02-28', '2028-02-29', '2028-03-01'], '2028-03-01').current).toBe(3);
  });
});

describe('local days', () => {
  it('puts a late-evening lesson on the local date, not the UTC date', () => {
    // 23:30 in New York on 1 March is already 2 March in UTC.
    expect(localDate('2026-03-02T04:30:00Z', 'America/New_York')).toBe('2026-03-01');
    expect(localDate('2026-03-02T04:30:00Z', 'Asia/Tokyo')).toBe('2026-03-02');
  });
});

describe('deriveState', () => {
  it('earns XP once per lesson; replays earn nothing', () => {
    const state = deriveState(
      [
        completed('m.a', '2026-03-01T09:00:00+01:00'),
        completed('m.a', '2026-03-01T10:00:00+01:00'),
        completed('m.b', '2026-03-02T09:00:00+01:00'),
      ],
      '2026-03-02',
    );
    expect(state.xp).toBe(2 * LESSON_XP);
    expect(state.completedLessonIds).toEqual(['m.a', 'm.b']);
    expect(state.streak.current).toBe(2);
  });

  it('gives the same state for any order or duplication of the same events', () => {
    const events = [
      completed('m.a', '2026-03-01T09:00:00+01:00'),
      completed('m.b', '2026-03-02T23:30:00-05:00', 'America/New_York'),
      completed('m.c', '2026-03-04T08:00:00+09:00', 'Asia/Tokyo'),
      completed('m.a', '2026-03-05T08:00:00+01:00'),
    ];
    const reference = deriveState(events, '2026-03-05');
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...events), { minLength: events.length, maxLength: 12 }),
        (picked) => {
          const all = [...picked, ...events];
          const shuffled = all.map(
            (e) => [Math.sin(all.indexOf(e) * 7 + picked.length), e] as const,
          );
          shuffled.sort((a, b) => a[0] - b[0]);
          expect(
            deriveState(
              shuffled.map(([, e]) => e),
              '2026-03-05',
            ),
          ).toEqual(reference);
        },
      ),
    );
  });

  it('adds pending events on top of a server snapshot without counting a lesson twice', () => {
    const snapshot = deriveState([completed('m.a', '2026-03-01T09:00:00+01:00')], '2026-03-01');
    const merged = mergePending(
      snapshot,
      [
        completed('m.a', '2026-03-02T09:00:00+01:00'),
        completed('m.b', '2026-03-02T10:00:00+01:00'),
      ],
      '2026-03-02',
    );
    expect(merged.xp).toBe(2 * LESSON_XP);
    expect(merged.streak.current).toBe(2);
    expect(mergePending(emptyState, [], '2026-03-02')).toEqual(emptyState);
  });
});
