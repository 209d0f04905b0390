/**
 * The reads of a manager's team view (src/server/team-view.ts): each one statement for the whole
 * team, whatever its size, and each selecting only the columns the view shows. None reads the
 * event log; the learner days, totals, streak summaries and mastery they read are kept at ingest.
 */
import type { Career } from '../../core/career';
import type { AssessmentResult } from '../../core/mastery';
import { sql } from 'kysely';
import type { Db } from './db';
import { prepared } from './prepared';
import { parseAssessments } from './learner-mastery';

/** An active direct report, as the team view lists them. */
export interface TeamMember {
  id: string;
  name: string;
  email: string;
  tz: string;
  career: Career | null;
}

/** A report and what is kept of their learning (each null when nothing is kept yet). */
export interface TeamRow extends TeamMember {
  /** Learner totals: the latest event's instant and every lesson completed, sorted. */
  totals: { lastAt: number; completed: string[] } | null;
  /** The ledger's streak summary, as kept (JSON; see core/streak-summary.ts). */
  streak: string | null;
  /** Whether they have a ledger at all (it is not read). */
  hasLedger: boolean;
  /** Graded assessments. */
  assessments: Record<string, AssessmentResult> | null;
}

/** A report's lessons on one local date; `completions` (times per lesson) only when asked for. */
export interface TeamDay {
  userId: string;
  day: string;
  lessons: number;
  completions: Record<string, number> | null;
}

/** Whose team: the manager and their organisation. */
export interface TeamOf {
  orgId: string;
  managerId: string;
}

export interface TeamStore {
  /**
   * The manager's active direct reports in the organisation, by name then id, each with their
   * kept totals, streak summary and assessments: one statement.
   */
  teamRows(team: TeamOf): Promise<TeamRow[]>;
  /**
   * The reports' days that have a completion: each such day from `detailFromDay` on with its
   * completions, and before it (from `fromDay`) only each report's latest such day, without
   * (`completions` null; its `lessons` is that day's or another's, never 0).
   */
  teamDays(team: TeamOf, fromDay: string, detailFromDay: string): Promise<TeamDay[]>;
  /**
   * The organisation's cohorts the manager leads, by name then id (the caller is an active
   * manager or admin: a cohort manager who leads, see people.ts).
   */
  teamCohorts(team: TeamOf): Promise<Array<{ id: string; name: string; tz: string }>>;
  /** The reports' assignments, by due date then pathway. */
  teamAssignments(
    team: TeamOf,
  ): Promise<Array<{ userId: string; pathwayId: string; dueDate: string }>>;
}

/** The reports' ids, for a join (the users_manager index finds them). */
const reportIds = (db: Db, { orgId, managerId }: TeamOf) =>
  db
    .selectFrom('users')
    .select('id')
    .where('manager_id', '=', managerId)
    .where('org_id', '=', orgId)
    .where('active', '=', 1);

// Each compiled once (and planned once per connection on PostgreSQL): see prepared.ts.
const rowsOf = prepared((db, team: TeamOf) =>
  db
    .selectFrom('users as u')
    .leftJoin('user_careers as c', 'c.user_id', 'u.id')
    .leftJoin('learner_totals as t', 't.user_id', 'u.id')
    .leftJoin('ledger_streaks as s', 's.user_id', 'u.id')
    .leftJoin('learner_mastery as m', 'm.user_id', 'u.id')
    .select([
      'u.id',
      'u.name',
      'u.email',
      'u.tz',
      'c.role_id as roleId',
      'c.level',
      't.last_at as lastAt',
      't.completed',
      's.streak',
      'm.assessments',
      (eb) =>
        eb
          .exists(
            eb
              .selectFrom('progress_ledgers as l')
              .select('l.user_id')
              .whereRef('l.user_id', '=', 'u.id'),
          )
          .as('hasLedger'),
    ])
    .where('u.manager_id', '=', team.managerId)
    .where('u.org_id', '=', team.orgId)
    .where('u.active', '=', 1)
    .orderBy('u.name')
    .orderBy('u.id'),
);

const daysOf = prepared((db, q: TeamOf & { fromDay: string; detailFromDay: string }) =>
  db
    .selectFrom('learner_days')
    .select((eb) => [
      'user_id',
      'day',
      'lessons',
      eb.ref('detail').$castTo<string | null>().as('detail'),
    ])
    .where('user_id', 'in', reportIds(db, q))
    .where('day', '>=', q.detailFromDay)
    .where('lessons', '>', 0)
    .unionAll(
      // Before that, each report's latest day with a completion, off the learner_days_lessons
      // index alone (no row's detail read).
      db
        .selectFrom('learner_days')
        .select((eb) => [
          'user_id',
          eb.fn.max('day').as('day'),
          eb.fn.max('lessons').as('lessons'),
          sql<string | null>`NULL`.as('detail'),
        ])
        .where('user_id', 'in', reportIds(db, q))
        .where('day', '>=', q.fromDay)
        .where('day', '<', q.detailFromDay)
        .where('lessons', '>', 0)
        .groupBy('user_id'),
    ),
);

const assignmentsOf = prepared((db, team: TeamOf) =>
  db
    .selectFrom('assignments')
    .select(['user_id as userId', 'pathway_id as pathwayId', 'due_date as dueDate'])
    .where('org_id', '=', team.orgId)
    .where('user_id', 'in', reportIds(db, team))
    .orderBy('due_date')
    .orderBy('pathway_id'),
);

const cohortsOf = prepared((db, team: TeamOf) =>
  db
    .selectFrom('cohort_managers as m')
    .innerJoin('cohorts as c', 'c.id', 'm.cohort_id')
    .select(['c.id', 'c.name', 'c.tz'])
    .where('m.user_id', '=', team.managerId)
    .where('c.org_id', '=', team.orgId)
    .orderBy('c.name')
    .orderBy('c.id'),
);

export function teamStore(db: Db): TeamStore {
  return {
    async teamRows(team) {
      const rows = await rowsOf(db, team);
      return rows.map((r) => ({
        id: r.id,
        name: r.name,
        email: r.email,
        tz: r.tz,
        career: r.roleId !== null ? { roleId: r.roleId, level: r.level! } : null,
        totals:
          r.completed !== null
            ? { lastAt: r.lastAt!, completed: JSON.parse(r.completed) as string[] }
            : null,
        streak: r.streak,
        hasLedger: Boolean(r.hasLedger),
        assessments: r.assessments !== null ? parseAssessments(r.assessments) : null,
      }));
    },
    async teamDays(team, fromDay, detailFromDay) {
      const rows = await daysOf(db, { ...team, fromDay, detailFromDay });
      return rows.map((r) => {
        let completions: Record<string, number> | null = null;
        if (r.detail !== null) {
          completions = {};
          const c = (JSON.parse(r.detail) as { c: Record<string, [number, number]> }).c;
          for (const lessonId in c) completions[lessonId] = c[lessonId]![0];
        }
        return { userId: r.user_id, day: r.day, lessons: r.lessons, completions };
      });
    },
    teamAssignments: (team) => assignmentsOf(db, team),
    teamCohorts: (team) => cohortsOf(db, team),
  };
}
