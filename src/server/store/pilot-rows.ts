/** Row shapes of the pilot tables and their mapping to domain objects, shared by both stores. */
import type { HrRecord } from '../../core/pilot';
import type { EventRow, Pilot } from './store';

export interface PilotRow {
  id: string;
  org_id: string;
  name: string;
  start_date: string;
  weeks: number;
  cohort_ids: string;
  goals: string;
  created_at: number;
}
export interface StepRow {
  step: string;
  done_at: number;
  done_by: string;
}
export interface HrRow {
  email: string;
  hire_date: string;
  exit_date: string | null;
  moves: string;
}
export interface EventSqlRow {
  id: string;
  user_id: string;
  email: string;
  type: string;
  occurred_at: string;
  corrected_at: number;
  tz: string;
  lesson_id: string | null;
  body: string;
}

export function toPilot(p: PilotRow, steps: StepRow[]): Pilot {
  return {
    id: p.id,
    orgId: p.org_id,
    name: p.name,
    startDate: p.start_date,
    weeks: p.weeks,
    cohortIds: JSON.parse(p.cohort_ids) as string[],
    goals: JSON.parse(p.goals) as Pilot['goals'],
    createdAt: p.created_at,
    checklist: Object.fromEntries(
      steps.map((s) => [s.step, { doneAt: s.done_at, doneBy: s.done_by }]),
    ),
  };
}

export function toHrRecord(r: HrRow): HrRecord {
  return {
    email: r.email,
    hireDate: r.hire_date,
    exitDate: r.exit_date,
    moves: JSON.parse(r.moves) as string[],
  };
}

export function toEventRow(r: EventSqlRow): EventRow {
  return {
    id: r.id,
    userId: r.user_id,
    email: r.email,
    type: r.type,
    occurredAt: r.occurred_at,
    correctedAt: r.corrected_at,
    tz: r.tz,
    lessonId: r.lesson_id,
    body: r.body,
  };
}
