/**
 * HR outcomes over the window (first to last day), from an imported HR file. Eligible: members
 * with an HR row, hired on or before the start date and not gone before it. Retention: eligible
 * members without an exit date inside the window. Internal mobility: eligible members with at
 * least one internal move or promotion date inside the window. Each rate comes with its group
 * size and a 95% Wilson score interval.
 */
import type { Phrase } from '../wording';
import { ASSOCIATION_NOTE } from './notes';
import { proportion, type Proportion } from './numbers';
import { pilotEndDate, type Group, type PilotMember, type PilotWindow } from './window';

export interface HrRecord {
  email: string;
  hireDate: string;
  exitDate: string | null;
  /** Dates of internal moves and promotions. */
  moves: string[];
}

export interface GroupOutcomes {
  members: number;
  withHrRecord: number;
  retention: Proportion;
  mobility: Proportion;
}

export function hrOutcomes(
  members: readonly PilotMember[],
  records: readonly HrRecord[],
  window: PilotWindow,
): Record<Group, GroupOutcomes> & { note: Phrase } {
  const start = window.startDate;
  const end = pilotEndDate(window);
  const byEmail = new Map(records.map((r) => [r.email.toLowerCase(), r]));
  const outcome = (g: Group): GroupOutcomes => {
    const group = members.filter((m) => m.group === g);
    const rows = group.flatMap((m) => byEmail.get(m.email.toLowerCase()) ?? []);
    const eligible = rows.filter(
      (r) => r.hireDate <= start && (r.exitDate === null || r.exitDate >= start),
    );
    const retained = eligible.filter((r) => r.exitDate === null || r.exitDate > end).length;
    const moved = eligible.filter((r) => r.moves.some((d) => d >= start && d <= end)).length;
    return {
      members: group.length,
      withHrRecord: rows.length,
      retention: proportion(retained, eligible.length),
      mobility: proportion(moved, eligible.length),
    };
  };
  return { pilot: outcome('pilot'), comparison: outcome('comparison'), note: ASSOCIATION_NOTE };
}
