/** A pilot's goals (up to three, set at the start) and whether the pilot group meets them. */
import type { GroupOutcomes } from './outcomes';
import type { WeekMetrics } from './tally';
import type { Group } from './window';

export const GOAL_METRICS = [
  'weeklyActivePct',
  'lessonsPerActive',
  'minutesPerMember',
  'pathwayCompletionPct',
  'retentionPct',
  'mobilityPct',
] as const;
export type GoalMetric = (typeof GOAL_METRICS)[number];

export interface PilotGoal {
  metric: GoalMetric;
  op: '>=' | '<=';
  target: number;
}

export interface GoalResult extends PilotGoal {
  /** The pilot group's value: the latest week for weekly metrics, the window for HR outcomes. */
  value: number | null;
  met: boolean | null;
}

export function evaluateGoals(
  goals: readonly PilotGoal[],
  weeks: readonly WeekMetrics[],
  outcomes: Record<Group, GroupOutcomes>,
): GoalResult[] {
  const latest = weeks.at(-1)?.pilot;
  return goals.map((goal) => {
    const value =
      goal.metric === 'retentionPct'
        ? outcomes.pilot.retention.pct
        : goal.metric === 'mobilityPct'
          ? outcomes.pilot.mobility.pct
          : (latest?.[goal.metric] ?? null);
    const met =
      value === null ? null : goal.op === '>=' ? value >= goal.target : value <= goal.target;
    return { ...goal, value, met };
  });
}
