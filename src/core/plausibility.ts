/**
 * Which learning counts: the one rule behind XP, the streak, the boards, the pilot report and the
 * organisation goal (issue 17, "a device that lies about its progress").
 *
 * The device's events are kept as small facts (its own id, device, outbox `seq`, instant, and
 * the instant the server received it); `judge` decides from the whole set which completions and
 * review answers count, so the verdict is a function of the set of events, never of arrival order.
 *
 * A completion counts when all of these hold:
 * - it is in its device's order: no fact of the same device with a lower `seq` is more than
 *   ORDER_SLACK_MS later (the outbox numbers events as they happen), and no fact with a higher
 *   `seq` was received in an earlier sync (the outbox sends in `seq` order). Back-dating an event
 *   after the device has synced later ones, or filling `seq` gaps later, breaks one of the two;
 * - the last event of that lesson on that device before it (by `seq`) is a `lesson_started`,
 *   and at least PLAUSIBLE_FRACTION of the lesson's estimate passed between the two (instants
 *   corrected for the device's measured clock skew, so a device cannot claim time its own
 *   clock did not show between two syncs);
 * - one person is in one lesson at a time: spans (start → completion) are taken earliest end
 *   first, and a span overlapping one already taken does not count (touching is fine).
 *
 * A review answer counts when it is in its device's order and its card was due that local day
 * (src/core/review.ts, replaying the learner's answers in time order).
 *
 * Neither counts when it is dated more than FIRST_CONTACT_SLACK_MS before the server first heard
 * from its device (`devices`: sign-in, a state read or a sync naming it): a device cannot have
 * recorded learning offline before it was signed in, so a new device id cannot fill the back-dating
 * window with invented days. Devices the map does not name (none on a bare device) are not limited.
 *
 * What does not count is kept (the learner's record stays) with the reason, which the
 * completion screen tells.
 */
import { localDate } from './calendar';
import { scheduleReview, type ReviewAnswer, type ReviewItem } from './review';

/** A completion faster than this share of the lesson's estimate is implausible. */
export const PLAUSIBLE_FRACTION = 0.25;
/** How far a device's clock may step back between two of its events (clock corrections). */
export const ORDER_SLACK_MS = 10 * 60_000;
/** How far apart two requests of one device may be received out of order (two tabs). */
export const RECEIPT_SLACK_MS = 60_000;

/**
 * How much earlier than the server first heard from its device an event may be dated: the clock
 * difference the sync's skew correction leaves uncorrected, with room to spare.
 */
export const FIRST_CONTACT_SLACK_MS = 10 * 60_000;

/** What an event says, as far as counting needs it. */
export interface Fact {
  id: string;
  /** s: lesson started, c: lesson completed, r: review answered, a: first quiz answer. */
  k: 's' | 'c' | 'r' | 'a';
  /** Lesson id. */
  l: string;
  /** Card id (answers). */
  card?: string;
  /** Device id and outbox sequence number. */
  d: string;
  q: number;
  /** Instant (server-corrected), epoch ms. */
  at: number;
  /** When the server received it, epoch ms; absent while still in the device's outbox. */
  rx?: number;
  tz: string;
  /** Answers: right or wrong. */
  ok?: boolean;
}

export type NotCountedReason =
  'no_start' | 'too_fast' | 'overlap' | 'backdated' | 'before_device' | 'not_due';

/** When the server first heard from each device, epoch ms by device id. */
export type DeviceContacts = Readonly<Record<string, number>>;

export interface Verdicts {
  /** Completions that count (replays included), earliest first. */
  completions: Fact[];
  /** Review answers that count, earliest first. */
  reviews: Fact[];
  /** Why each completion or review answer that does not count does not. */
  notCounted: Record<string, NotCountedReason>;
  /** Ids of the facts out of their device's order or dated before it was first heard from. */
  late: Set<string>;
}

const byTime = (a: Fact, b: Fact) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Ids of the device-ordered facts (s, c, r) dated before their device was first heard from. */
function beforeDevice(facts: readonly Fact[], devices: DeviceContacts): Set<string> {
  const out = new Set<string>();
  for (const f of facts) {
    const first = devices[f.d];
    if (f.k !== 'a' && first !== undefined && f.at < first - FIRST_CONTACT_SLACK_MS) out.add(f.id);
  }
  return out;
}

/**
 * What judging needs of facts a ledger no longer holds (settled by ledger-settle.ts: their verdicts
 * can no longer change), so the verdicts on the facts it holds stay what the whole history gives.
 */
export interface Settled {
  /** Every settled fact is dated before this; so is every quiz answer folded into `cards`. */
  cut: number;
  /** Per device: its highest settled outbox `seq`, and the latest instant of its in-order facts. */
  order: Record<string, { q: number; at: number }>;
  /** Per `device lesson`: the last settled start or completion that counted in its order. */
  anchors: Record<string, { k: 's' | 'c'; at: number }>;
  /** When the last counted settled lesson ended (null: none). */
  busyUntil: number | null;
  /** The review schedule after every settled answer. */
  cards: ReviewItem[];
}

export const lessonKey = (f: { d: string; l: string }) => `${f.d}\u0000${f.l}`;

/**
 * Ids of the device-ordered facts (s, c, r) that break their device's order: `byReceipt`, those
 * sent after a higher `seq` had been received (or at or below a settled `seq`); `all`, also those
 * dated more than ORDER_SLACK_MS before a lower `seq` that is not late by receipt.
 */
export function outOfOrder(
  facts: readonly Fact[],
  settled?: Settled,
): { byReceipt: Set<string>; all: Set<string> } {
  const byReceipt = new Set<string>();
  const all = new Set<string>();
  const devices = new Map<string, Fact[]>();
  for (const f of facts) {
    if (f.k === 'a') continue;
    const list = devices.get(f.d);
    if (list) list.push(f);
    else devices.set(f.d, [f]);
  }
  for (const [device, list] of devices) {
    list.sort((a, b) => a.q - b.q || (a.id < b.id ? -1 : 1));
    const floor = settled?.order[device];
    let firstReceived = Infinity;
    for (let i = list.length - 1; i >= 0; i--) {
      const f = list[i]!;
      const rx = f.rx ?? Infinity;
      if (
        (rx !== Infinity && rx > firstReceived + RECEIPT_SLACK_MS) ||
        (rx === Infinity && firstReceived !== Infinity) ||
        (floor && f.q <= floor.q)
      )
        byReceipt.add(f.id);
      firstReceived = Math.min(firstReceived, rx);
    }
    // A fact sent out of turn is late itself; it does not make the facts around it late.
    let latest = floor?.at ?? -Infinity;
    for (const f of list) {
      if (byReceipt.has(f.id)) continue;
      if (latest > f.at + ORDER_SLACK_MS) all.add(f.id);
      latest = Math.max(latest, f.at);
    }
  }
  for (const id of byReceipt) all.add(id);
  return { byReceipt, all };
}

/**
 * Decides what counts. `estimateMinutes` answers for lessons the content knows (others are
 * left out, so invented ids count nothing); `devices`: when each device was first heard from.
 *
 * @example
 * const { completions } = judge(Object.values(ledger.trail), (id) => lookup(id)?.estimateMinutes);
 */
export function judge(
  facts: readonly Fact[],
  estimateMinutes: (lessonId: string) => number | undefined,
  devices: DeviceContacts = {},
  settled?: Settled,
): Verdicts {
  const notCounted: Record<string, NotCountedReason> = {};
  const early = beforeDevice(facts, devices);
  const late = new Set([...outOfOrder(facts, settled).all, ...early]);
  const lateReason = (f: Fact): NotCountedReason =>
    early.has(f.id) ? 'before_device' : 'backdated';
  const lessonEvents = new Map<string, Fact[]>();
  for (const f of facts) {
    if ((f.k !== 's' && f.k !== 'c') || late.has(f.id) || estimateMinutes(f.l) === undefined)
      continue;
    const key = lessonKey(f);
    const list = lessonEvents.get(key);
    if (list) list.push(f);
    else lessonEvents.set(key, [f]);
  }
  for (const f of facts) if (f.k === 'c' && late.has(f.id)) notCounted[f.id] = lateReason(f);

  const spans: Array<{ from: number; done: Fact }> = [];
  for (const [key, list] of lessonEvents) {
    list.sort((a, b) => a.q - b.q || (a.id < b.id ? -1 : 1));
    list.forEach((f, i) => {
      if (f.k !== 'c') return;
      const start = i > 0 ? list[i - 1] : settled?.anchors[key];
      if (!start || start.k !== 's') notCounted[f.id] = 'no_start';
      else if (f.at - start.at < estimateMinutes(f.l)! * 60_000 * PLAUSIBLE_FRACTION)
        notCounted[f.id] = 'too_fast';
      else spans.push({ from: start.at, done: f });
    });
  }
  spans.sort((a, b) => byTime(a.done, b.done));
  const completions: Fact[] = [];
  let busyUntil = settled?.busyUntil ?? -Infinity;
  for (const span of spans) {
    if (span.from < busyUntil) notCounted[span.done.id] = 'overlap';
    else {
      completions.push(span.done);
      busyUntil = span.done.at;
    }
  }

  // Quiz answers before the cut are in the settled schedule already.
  const answers = facts.filter(
    (f) => (f.k === 'r' || (f.k === 'a' && f.at >= (settled?.cut ?? -Infinity))) && !late.has(f.id),
  );
  for (const f of facts) if (f.k === 'r' && late.has(f.id)) notCounted[f.id] = lateReason(f);
  const due = new Set<string>();
  replayAnswers(settled?.cards ?? [], answers, (id, wasDue) => wasDue && due.add(id));
  const reviews = answers.filter((f) => f.k === 'r' && due.has(f.id)).sort(byTime);
  for (const f of answers) if (f.k === 'r' && !due.has(f.id)) notCounted[f.id] = 'not_due';
  return { completions, reviews, notCounted, late };
}

/** The review schedule after `answers` (graded facts) on top of `base`. */
export function replayAnswers(
  base: readonly ReviewItem[],
  answers: readonly Fact[],
  onReview?: (answerId: string, wasDue: boolean) => void,
): ReviewItem[] {
  return scheduleReview(
    base,
    answers.map((f): ReviewAnswer => ({
      id: f.id,
      type: f.k === 'a' ? 'quiz_answered' : 'review_answered',
      lessonId: f.l,
      cardId: f.card ?? '',
      answerIds: [f.ok ? 'right' : 'wrong'],
      occurredAt: new Date(f.at).toISOString(),
      tz: f.tz,
    })),
    (_lesson, _card, [graded]) => graded === 'right',
    onReview,
  );
}

/** The local date a fact falls on, in its own zone. */
export const dayOf = (f: Fact): string => localDate(f.at, f.tz);
