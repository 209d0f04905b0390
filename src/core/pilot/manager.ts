/**
 * Manager engagement per group and pilot week: assignments made (assigning again, e.g. to move
 * the due date, counts again), 1:1 scripts opened (at most once per manager, report and day) and
 * nudges sent, by the managers (and admins coaching someone) of the group, on the actor's local
 * date.
 */
import { daysBetween, localDate } from '../calendar';
import type { Group, PilotMember, PilotWindow } from './window';

export interface ManagerCounts {
  assignmentsMade: number;
  scriptsOpened: number;
  nudgesSent: number;
}

/** One thing a manager did for their people, as the pilot counts it. */
export interface ManagerAction {
  /** Who did it: a manager, or an admin coaching someone. */
  userId: string;
  kind: 'assignment' | 'script' | 'nudge';
  /** Epoch ms. */
  at: number;
  /** The actor's time zone: the action counts on their local date. */
  tz: string;
}

const ACTION_COUNT: Record<ManagerAction['kind'], keyof ManagerCounts> = {
  assignment: 'assignmentsMade',
  script: 'scriptsOpened',
  nudge: 'nudgesSent',
};

/**
 * Manager actions per group and pilot week. An action counts in the group of whoever did it, on
 * their local date; actors who are not members (deactivated) and days outside the window are
 * left out.
 */
export function managerCounts(
  members: readonly PilotMember[],
  window: PilotWindow,
  actions: Iterable<ManagerAction>,
): Record<Group, ManagerCounts[]> {
  const zero = (): ManagerCounts[] =>
    Array.from({ length: window.weeks }, () => ({
      assignmentsMade: 0,
      scriptsOpened: 0,
      nudgesSent: 0,
    }));
  const counts: Record<Group, ManagerCounts[]> = { pilot: zero(), comparison: zero() };
  const groupOf = new Map(members.map((m) => [m.userId, m.group]));
  // Zone offsets and their changes fall on quarter hours, so a quarter hour has one local date.
  const days = new Map<string, Map<number, number>>();
  for (const a of actions) {
    const group = groupOf.get(a.userId);
    if (!group) continue;
    let byZone = days.get(a.tz);
    if (!byZone) days.set(a.tz, (byZone = new Map()));
    const slot = Math.floor(a.at / 900_000);
    let day = byZone.get(slot);
    if (day === undefined)
      byZone.set(slot, (day = daysBetween(window.startDate, localDate(a.at, a.tz))));
    if (day < 0 || day >= window.weeks * 7) continue;
    counts[group][Math.floor(day / 7)]![ACTION_COUNT[a.kind]]++;
  }
  return counts;
}
