import fc from 'fast-check';
import type { ProgressEvent } from '../../src/core/events';
import { uuidv7 } from '../../src/core/uuidv7';
import type { IncomingEvent } from '../../src/server/store/store';

/** Splits a list into consecutive batches at the given cut points (as fast-check draws them). */
export function splitAt<T>(items: T[], cuts: number[]): T[][] {
  const points = [...new Set(cuts.map((c) => c % (items.length + 1)))].sort((a, b) => a - b);
  const out: T[][] = [];
  let from = 0;
  for (const p of [...points, items.length]) {
    if (p > from) out.push(items.slice(from, p));
    from = Math.max(from, p);
  }
  return out;
}

/**
 * The events as a device may deliver them (as fast-check draws it): in the order `seed` shuffles
 * them to, followed by those at `resent` sent again (retries, which must not count twice), cut
 * into batches at `cuts`.
 */
export function arrival<T>(events: T[], cuts: number[], resent: number[], seed: number): T[][] {
  const shuffled = fc.sample(fc.shuffledSubarray(events, { minLength: events.length }), {
    seed,
    numRuns: 1,
  })[0]!;
  return splitAt([...shuffled, ...resent.map((i) => events[i % events.length]!)], cuts);
}

/**
 * The arbitraries of an arrival-order property, for `arrival`: 1 to `maxItems` items of `itemArb`,
 * up to 4 batch cuts, up to `maxResent` indices sent again, and a shuffle seed.
 */
export const arrivalArbs = <T>(itemArb: fc.Arbitrary<T>, maxItems: number, maxResent: number) =>
  [
    fc.array(itemArb, { minLength: 1, maxLength: maxItems }),
    fc.array(fc.nat(), { maxLength: 4 }),
    fc.array(fc.nat(), { maxLength: maxResent }),
    fc.nat(),
  ] as const;

/** 2026-03-01: the US and EU DST changes (8 and 29 March) lie in the five weeks after it. */
export const DST_FROM = Date.parse('2026-03-01T00:00:00Z');

/** When a drafted event happened: minutes after DST_FROM, in which zone, and its device's skew. */
export interface DraftedTime {
  minutes: number;
  zone: number;
  skewMinutes: number;
}

type Envelope = Pick<ProgressEvent, 'id' | 'occurredAt' | 'tz' | 'deviceId' | 'seq'>;

/**
 * Drafted events as one device sent them, stored as the server receives them: `make` adds each
 * event's own part to the envelope (a fresh id, its time in `zones[d.zone]`, the device and its
 * place in the device's sequence); the server's time is the device's corrected by the drawn skew.
 */
export function draftedEvents<D extends DraftedTime>(
  drafts: D[],
  device: string,
  zones: readonly string[],
  make: (d: D, envelope: Envelope) => ProgressEvent,
): IncomingEvent[] {
  return drafts.map((d, i) => {
    const at = DST_FROM + d.minutes * 60_000;
    const event = make(d, {
      id: uuidv7(),
      occurredAt: new Date(at).toISOString(),
      tz: zones[d.zone]!,
      deviceId: device,
      seq: i + 1,
    });
    const correctedAt = at + d.skewMinutes * 60_000;
    return { event, body: JSON.stringify(event), correctedAt, receivedAt: correctedAt };
  });
}
