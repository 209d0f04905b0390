/**
 * The pilot's window and groups. The pilot group is every active member of the organisation in
 * one of the pilot's cohorts; the comparison group is every other active member of the same
 * organisation. Pilot day 0 is the start date; week w is days 7w … 7w+6.
 */
import { addDays } from '../calendar';

export type Group = 'pilot' | 'comparison';
export const GROUPS: readonly Group[] = ['pilot', 'comparison'];

export const DEFAULT_PILOT_WEEKS = 12;

export interface PilotWindow {
  /** Day 0, YYYY-MM-DD. */
  startDate: string;
  weeks: number;
}

export interface PilotMember {
  userId: string;
  email: string;
  group: Group;
}

export function pilotEndDate(window: PilotWindow): string {
  return addDays(window.startDate, window.weeks * 7 - 1);
}
