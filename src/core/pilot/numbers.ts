/** The pilot's arithmetic: rounding, percentages, ratios, medians, Wilson intervals, chart axes. */

export const round = (x: number, places = 1) => Math.round(x * 10 ** places) / 10 ** places;
export const pct = (k: number, n: number) => (n === 0 ? null : round((k / n) * 100));
export const ratio = (k: number, n: number) => (n === 0 ? null : round(k / n, 2));

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface Proportion {
  n: number;
  k: number;
  pct: number | null;
  /** 95% Wilson score interval, in percent. */
  low: number | null;
  high: number | null;
}

/**
 * The 95% Wilson score interval for k successes out of n, as fractions.
 *
 * @example
 * wilson(8, 10) // { low: 0.4902, high: 0.9433 }
 */
export function wilson(k: number, n: number, z = 1.959964): { low: number; high: number } | null {
  if (n === 0) return null;
  const p = k / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

export function proportion(k: number, n: number): Proportion {
  const ci = wilson(k, n);
  return {
    n,
    k,
    pct: pct(k, n),
    low: ci ? round(ci.low * 100) : null,
    high: ci ? round(ci.high * 100) : null,
  };
}

/**
 * The axis top: the first of 1, 2, 2.5 and 5 (times a power of ten) at or above the highest value,
 * so its label and the half-way tick are the values they stand at (a 1.5 bar under a "2" is at 75%).
 */
export function niceTop(highest: number): number {
  if (!(highest > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(highest));
  const step = [1, 2, 2.5, 5, 10].find((s) => s * power >= highest * (1 - 1e-9))!;
  return step * power;
}
