/**
 * Settling: the ledger's trail would grow with every event a learner ever sent. Facts that can no
 * longer change any verdict are taken out of it and kept as what judging needs of them
 * (plausibility.ts `Settled`) and the totals they counted for, so the trail holds about the last
 * acceptance window of history while XP, streak, boards and the learner days stay exactly what the
 * whole history gives (test/unit/ledger-settle.test.ts checks this over random histories).
 *
 * Why a settled fact's verdict is final. The server refuses events dated more than the acceptance
 * window before they arrive, and every later event arrives after the latest receipt `R` in the
 * trail; so every later fact is dated after `R − window`. Settled are, per device, a prefix of its
 * facts in outbox order, each received over RECEIPT_SLACK_MS before `R` and dated before the cut
 * (at most `R − window − SETTLE_MARGIN_MS`), and the cut is lowered until every fact left in the
 * trail is dated at or after it. Then:
 * - a later fact with a settled device's lower `seq` is late by receipt, and late facts change no
 *   other verdict; a later fact with a higher `seq` only looks back (the prefix's latest instant
 *   and, per lesson, the last start or completion: `order` and `anchors`);
 * - lesson spans are taken earliest end first and answers replayed in time order, and every fact
 *   left ends after every settled one: the settled spans come first (`busyUntil`), the settled
 *   answers are the schedule's starting point (`cards`).
 * Quiz answers stay in the trail (one per card, so bounded by the content): they decide which
 * answer is a card's first.
 */
import { tally, verdictsOf, type Ledger, type LessonLookup, type SettledLedger } from './ledger';
import {
  lessonKey,
  outOfOrder,
  RECEIPT_SLACK_MS,
  replayAnswers,
  type Fact,
  type Settled,
} from './plausibility';
import { countOnDays } from './progress';

/** Room between the acceptance window and the cut (the skew the sync leaves uncorrected). */
export const SETTLE_MARGIN_MS = 86_400_000;

const bySeq = (a: Fact, b: Fact) => a.q - b.q || (a.id < b.id ? -1 : 1);

/**
 * The ledger with every fact settled that no event the server can still accept (dated within
 * `windowMs` of its arrival) could judge differently; the ledger itself when none is.
 */
export function settle(ledger: Ledger, windowMs: number, lookup: LessonLookup): Ledger {
  const facts = Object.values(ledger.trail);
  const received = facts.flatMap((f) => (f.rx === undefined ? [] : [f.rx]));
  if (received.length === 0) return ledger;
  const lastReceipt = Math.max(...received);
  const prior = ledger.settled;
  let cut = lastReceipt - windowMs - SETTLE_MARGIN_MS;
  if (prior && cut <= prior.cut) return ledger;

  const { byReceipt } = outOfOrder(facts, prior);
  const verdicts = verdictsOf(ledger, lookup);
  const devices = new Map<string, Fact[]>();
  for (const f of facts) if (f.k !== 'a') devices.set(f.d, [...(devices.get(f.d) ?? []), f]);
  for (const list of devices.values()) list.sort(bySeq);
  const old = (f: Fact) => f.rx !== undefined && f.rx < lastReceipt - RECEIPT_SLACK_MS;
  const prefix = (list: Fact[]) => {
    const end = list.findIndex((f) => !byReceipt.has(f.id) && !(f.at < cut && old(f)));
    return end === -1 ? list.length : end;
  };
  // Lower the cut until every fact that stays and may count is dated at or after it (a late
  // fact counts nothing and moves no other verdict, so it may stay from before the cut).
  for (;;) {
    let lowest = cut;
    for (const list of devices.values())
      for (const f of list.slice(prefix(list)))
        if (!verdicts.late.has(f.id)) lowest = Math.min(lowest, f.at);
    for (const f of facts) if (f.k === 'a' && !old(f)) lowest = Math.min(lowest, f.at);
    if (lowest >= cut) break;
    cut = lowest;
  }
  if (prior && cut <= prior.cut) return ledger;
  const settledFacts = [...devices.values()].flatMap((list) => list.slice(0, prefix(list)));
  if (settledFacts.length === 0) return ledger;
  const settling = new Set(settledFacts.map((f) => f.id));

  const completions = verdicts.completions.filter((f) => settling.has(f.id));
  const reviews = verdicts.reviews.filter((f) => settling.has(f.id));
  const { notCounted } = verdicts;
  const totals = tally(settledFacts, { completions, reviews, notCounted }, lookup, prior);
  const busyUntil = Math.max(prior?.busyUntil ?? -Infinity, ...completions.map((f) => f.at));
  const answers = answersToFold(facts, verdicts.late, settling, prior, cut);
  const settled: SettledLedger = {
    ...totals,
    cut,
    order: { ...prior?.order },
    anchors: { ...prior?.anchors },
    busyUntil: busyUntil === -Infinity ? null : busyUntil,
    cards: replayAnswers(prior?.cards ?? [], answers),
    counted: Object.fromEntries(countOnDays(completions, prior?.counted)),
  };
  for (const f of settledFacts) {
    // In outbox order per device: the last start or completion of a lesson is its anchor.
    const floor = settled.order[f.d];
    const inOrder = !byReceipt.has(f.id);
    settled.order[f.d] = {
      q: Math.max(floor?.q ?? f.q, f.q),
      at: inOrder ? Math.max(floor?.at ?? f.at, f.at) : (floor?.at ?? -Number.MAX_VALUE),
    };
    if ((f.k === 's' || f.k === 'c') && !verdicts.late.has(f.id) && lookup(f.l))
      settled.anchors[lessonKey(f)] = { k: f.k, at: f.at };
  }
  const trail = Object.fromEntries(
    Object.entries(ledger.trail).filter(([, f]) => !settling.has(f.id)),
  );
  const counting = ledger.counting?.filter((id) => !settling.has(id));
  return { ...ledger, trail, settled, ...(counting && { counting }) };
}

/** The answers the settled schedule takes in: settled review answers and quiz answers before the cut. */
function answersToFold(
  facts: readonly Fact[],
  late: ReadonlySet<string>,
  settling: ReadonlySet<string>,
  prior: Settled | undefined,
  cut: number,
): Fact[] {
  return facts.filter((f) =>
    f.k === 'r'
      ? settling.has(f.id) && !late.has(f.id)
      : f.k === 'a' && f.at < cut && f.at >= (prior?.cut ?? -Infinity),
  );
}
