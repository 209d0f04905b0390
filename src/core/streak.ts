/**
 * The daily goal in effect and the streak with freezes, read off a ledger's met days (progress.ts,
 * "Streak").
 */
import { daysBetween, localDate } from './calendar';
import { DEFAULT_GOAL, latest, type DailyGoal, type Ledger, type Stamp } from './ledger';

export const STREAK_FREEZE_EVERY = 7;
export const MAX_FREEZES = 2;

export interface Streak {
  current: number;
  longest: number;
  freezes: number;
}

/** The daily goal in effect on a local date: the latest choice made on or before it. */
export function goalOn(ledger: Ledger, day: string): DailyGoal {
  let chosen: (Stamp & { goal: DailyGoal }) | undefined;
  for (const g of Object.values(ledger.goals)) if (g.day <= day) chosen = latest(chosen, g);
  return chosen?.goal ?? DEFAULT_GOAL;
}

/** Local dates on which the goal in effect was met, ascending. */
export function metDays(ledger: Ledger): string[] {
  return Object.entries(ledger.days)
    .filter(([day, entry]) => entry.lessons.length >= goalOn(ledger, day))
    .map(([day]) => day)
    .sort();
}

/** Missed days between two met days; a gap made only by flying east counts none. */
function missedBetween(ledger: Ledger, previous: string, day: string): number {
  const gap = daysBetween(previous, day) - 1;
  if (gap <= 0) return 0;
  const before = ledger.days[previous]!.last;
  const next = ledger.days[day]!.first;
  const previousSeenFromNext = localDate(before.at, next.tz);
  return Math.max(0, daysBetween(previousSeenFromNext, day) - 1);
}

/** Current run, longest run and freezes held, walking the met days up to today. */
export function streakOf(ledger: Ledger, today: string): Streak {
  const days = metDays(ledger).filter((d) => d <= today);
  let run = 0;
  let longest = 0;
  let freezes = 0;
  let previous: string | undefined;
  const spend = (missed: number) => {
    if (missed === 0) return;
    if (missed <= freezes) freezes -= missed;
    else {
      run = 0;
      freezes = 0;
    }
  };
  for (const day of days) {
    if (previous !== undefined) spend(missedBetween(ledger, previous, day));
    run += 1;
    if (run % STREAK_FREEZE_EVERY === 0) freezes = Math.min(MAX_FREEZES, freezes + 1);
    longest = Math.max(longest, run);
    previous = day;
  }
  if (previous !== undefined) spend(Math.max(0, daysBetween(previous, today) - 1));
  return { current: run, longest, freezes };
}
