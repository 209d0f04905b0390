import fc from 'fast-check';

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
