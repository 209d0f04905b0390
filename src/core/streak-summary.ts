/**
 * A streak kept beside the ledger, so a team's streaks are read without parsing every ledger.
 *
 * `streakOf(ledger, today)` walks the met days up to today, then spends freezes on the days
 * missed since the last one. Walked up to the last met day, it leaves a run and the freezes in
 * hand; for any later `today` the only step left is that final spend, which needs nothing but
 * those two numbers. A `today` before the last met day (a device in a zone ahead) is not covered:
 * the caller reads the ledger then.
 */
import { daysBetween } from './calendar';
import { metDays, streakOf, type Ledger } from './progress';

export interface StreakSummary {
  /** The last local date the daily goal was met. */
  last: string;
  run: number;
  freezes: number;
}

/** The summary of a ledger; null when no day met the goal. */
export function streakSummary(ledger: Ledger): StreakSummary | null {
  const last = metDays(ledger).at(-1);
  if (last === undefined) return null;
  const { current: run, freezes } = streakOf(ledger, last);
  return { last, run, freezes };
}

/** The current streak on `today` (what `streakOf(ledger, today).current` gives), or undefined before `last`. */
export function currentStreakOn(summary: StreakSummary | null, today: string): number | undefined {
  if (summary === null) return 0;
  if (today < summary.last) return undefined;
  const missed = Math.max(0, daysBetween(summary.last, today) - 1);
  return missed <= summary.freezes ? summary.run : 0;
}
