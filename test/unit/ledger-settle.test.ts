/**
 * Settling the ledger's trail (src/core/ledger-settle.ts): a ledger settled after every sync says
 * exactly what the unsettled one says — XP, streak, goal, flagged lessons and the learner days —
 * over random histories of syncs from two devices (lessons, rushed and overlapping ones, answers,
 * out-of-order and back-dated events), and its trail stays bounded however long the history.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localDate } from '../../src/core/calendar';
import type { ProgressEvent } from '../../src/core/events';
import { settle } from '../../src/core/ledger-settle';
import {
  addEvents,
  awardsOf,
  countedByDay,
  countedByDayAsStored,
  emptyLedger,
  stateOf,
  type Ledger,
  type LedgerEvent,
  type LessonFacts,
} from '../../src/core/progress';

const DAY = 86_400_000;
const WINDOW = 30 * DAY;
const T0 = Date.parse('2026-01-05T08:00:00Z');
const lessons: Record<string, LessonFacts> = {
  'm.a': { estimateMinutes: 4, quiz: { q1: ['x'], q2: ['y'] } },
  'm.b': { estimateMinutes: 4, quiz: {} },
  'm.c': { estimateMinutes: 8, quiz: { q3: ['z'] } },
};
const lookup = (id: string) => lessons[id];
const cards = [
  ['m.a', 'q1', 'x'],
  ['m.a', 'q2', 'y'],
  ['m.c', 'q3', 'z'],
] as const;

/** What one step of a device does: a lesson taken (start, then completion), or one event. */
const step = fc.record({
  device: fc.constantFrom('device-one-1', 'device-two-2'),
  what: fc.constantFrom('lesson', 'lesson', 'start', 'complete', 'quiz', 'review'),
  lesson: fc.constantFrom('m.a', 'm.b', 'm.c'),
  card: fc.integer({ min: 0, max: 2 }),
  right: fc.boolean(),
  /** How long before the sync it happened: mostly recent, sometimes back to the window's edge. */
  ageMs: fc.oneof(fc.integer({ min: 0, max: 3 * DAY }), fc.integer({ min: 0, max: WINDOW - 1 })),
  minutes: fc.integer({ min: 0, max: 12 }),
  /** Numbered out of turn (an outbox number below the device's last). */
  outOfTurn: fc.integer({ min: 0, max: 9 }),
  tz: fc.constantFrom('UTC', 'America/New_York', 'Pacific/Auckland'),
});
const history = fc.array(
  fc.record({
    gapMs: fc.integer({ min: 0, max: 12 * DAY }),
    steps: fc.array(step, { maxLength: 6 }),
  }),
  { minLength: 1, maxLength: 30 },
);

type History = typeof history extends fc.Arbitrary<infer T> ? T : never;

/** The syncs a history makes: each batch of events and when the server received it. */
function syncsOf(h: History) {
  let now = T0;
  let n = 0;
  const seqs = new Map<string, number>();
  const used = new Set<string>();
  const nextSeq = (device: string, outOfTurn: number) => {
    const last = seqs.get(device) ?? 0;
    let seq = outOfTurn === 0 && last > 3 ? last - 2 : last + 1;
    while (used.has(`${device} ${seq}`)) seq++;
    used.add(`${device} ${seq}`);
    seqs.set(device, Math.max(last, seq));
    return seq;
  };
  return h.map(({ gapMs, steps }) => {
    now += gapMs;
    const events: ProgressEvent[] = [];
    for (const s of steps) {
      const at = now - s.ageMs;
      const base = (ms: number, outOfTurn = s.outOfTurn) => ({
        id: `00000000-0000-7000-8000-${(++n).toString(16).padStart(12, '0')}`,
        occurredAt: new Date(Math.min(ms, now)).toISOString(),
        tz: s.tz,
        deviceId: s.device,
        seq: nextSeq(s.device, outOfTurn),
      });
      const [lessonId, cardId, key] = cards[s.card]!;
      const answerIds = [s.right ? key : 'wrong'];
      if (s.what === 'lesson' || s.what === 'start')
        events.push({ ...base(at), type: 'lesson_started', lessonId: s.lesson });
      if (s.what === 'lesson' || s.what === 'complete')
        events.push({
          ...base(at + s.minutes * 60_000, 1),
          type: 'lesson_completed',
          lessonId: s.lesson,
          durationMs: s.minutes * 60_000,
        });
      if (s.what === 'quiz')
        events.push({ ...base(at), type: 'quiz_answered', lessonId, cardId, answerIds });
      if (s.what === 'review')
        events.push({ ...base(at), type: 'review_answered', lessonId, cardId, answerIds });
    }
    return { receivedAt: now, events };
  });
}

/** Everything read off a ledger that anyone sees. */
function seen(ledger: Ledger, now: number) {
  const { ledger: _, ...state } = stateOf(ledger, localDate(now, 'UTC'));
  const { completions, flagged, days, reviews } = ledger;
  return {
    state,
    completions,
    flagged,
    days,
    reviews,
    awards: awardsOf(ledger),
    counted: Object.fromEntries(countedByDay(ledger, lookup)),
    // As the next sync reads it back: off the completions it counted, not judged again.
    countedAsStored: Object.fromEntries(
      countedByDayAsStored(JSON.parse(JSON.stringify(ledger)) as Ledger, lookup),
    ),
  };
}

const received = (events: ProgressEvent[], receivedAt: number): LedgerEvent[] =>
  events.map((e) => ({ ...e, receivedAt }));

describe('a settled ledger', () => {
  it('says what the whole history says, after every sync and with events still on the device', () => {
    fc.assert(
      fc.property(history, (h) => {
        let whole = emptyLedger;
        let settled = emptyLedger;
        const syncs = syncsOf(h);
        for (const { receivedAt, events } of syncs.slice(0, -1)) {
          whole = addEvents(whole, received(events, receivedAt), lookup);
          settled = settle(
            addEvents(settled, received(events, receivedAt), lookup),
            WINDOW,
            lookup,
          );
          expect(seen(settled, receivedAt)).toEqual(seen(whole, receivedAt));
        }
        // The last batch still waits in the outbox: the device shows it on top of the snapshot.
        const { receivedAt, events } = syncs.at(-1)!;
        expect(seen(addEvents(settled, events, lookup), receivedAt)).toEqual(
          seen(addEvents(whole, events, lookup), receivedAt),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('keeps its trail bounded over a year of daily lessons and reviews', () => {
    let whole = emptyLedger;
    let settled = emptyLedger;
    let seq = 0;
    const largest: number[] = [];
    for (let day = 0; day < 365; day++) {
      const now = T0 + day * DAY;
      const event = (at: number) => ({
        id: `00000000-0000-7000-8000-${(++seq).toString(16).padStart(12, '0')}`,
        occurredAt: new Date(at).toISOString(),
        tz: 'UTC',
        deviceId: 'device-one-1',
        seq,
      });
      const lessonId = ['m.a', 'm.b', 'm.c'][day % 3]!;
      const events: ProgressEvent[] = [
        { ...event(now - 20 * 60_000), type: 'lesson_started', lessonId },
        { ...event(now - 10 * 60_000), type: 'lesson_completed', lessonId, durationMs: 600_000 },
        {
          ...event(now - 5 * 60_000),
          type: 'review_answered',
          lessonId: 'm.a',
          cardId: 'q1',
          answerIds: ['x'],
        },
      ];
      whole = addEvents(whole, received(events, now), lookup);
      settled = settle(addEvents(settled, received(events, now), lookup), WINDOW, lookup);
      largest.push(Object.keys(settled.trail).length);
    }
    const now = T0 + 364 * DAY;
    expect(seen(settled, now)).toEqual(seen(whole, now));
    expect(seen(settled, now).state.streak.current).toBe(365);
    expect(Object.keys(whole.trail)).toHaveLength(3 * 365);
    // About the window and its margin of days, three facts a day, whatever the history's length.
    expect(Math.max(...largest)).toBeLessThanOrEqual(3 * 33);
    expect(largest.at(-1)).toBe(largest[100]);
  });
});
