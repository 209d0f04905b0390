/**
 * When to remind a learner: in their own evening, when today's goal is not met yet. The in-app
 * nudge and the optional Web Push reminder use the same rule.
 */
import type { ProgressState } from './progress';

/** Local hour from which an unmet goal earns a nudge. */
export const EVENING_HOUR = 18;

/** The learner's local hour (0–23) at an instant. */
export function localHour(instant: number, tz: string): number {
  const hour = new Intl.DateTimeFormat('en-GB', { timeZone: tz, hour: 'numeric', hourCycle: 'h23' })
    .formatToParts(new Date(instant))
    .find((p) => p.type === 'hour')!.value;
  return Number(hour);
}

/** Lessons still needed today, or 0 when no nudge is due (goal met, or not evening yet). */
export function nudgeDue(state: Pick<ProgressState, 'goal' | 'todayCount'>, hour: number): number {
  return hour >= EVENING_HOUR && state.todayCount < state.goal ? state.goal - state.todayCount : 0;
}
