/** The pilot report the API answers and the dashboard reads. */
import type { PathwayTime, WeekMetrics } from './tally';
import type { GoalResult, PilotGoal } from './goals';
import type { GroupOutcomes } from './outcomes';
import type { Group } from './window';
import type { Phrase } from '../wording';

/** What `GET /api/v1/pilot/report` answers: the dashboard's numbers. */
export interface PilotReport {
  pilot: {
    id: string;
    name: string;
    startDate: string;
    endDate: string;
    weeks: number;
    cohortIds: string[];
    goals: PilotGoal[];
    createdAt: number;
  };
  generatedAt: string;
  groups: Record<Group, { members: number }>;
  weeks: WeekMetrics[];
  timeToCompetency: PathwayTime[];
  outcomes: Record<Group, GroupOutcomes>;
  goals: GoalResult[];
  /** How the weekly `manager` counts are made. */
  managerEngagement: { note: Phrase };
  /** Association, not proof of cause. */
  note: Phrase;
}
