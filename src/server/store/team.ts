/**
 * The reads of a manager's team view (src/server/team-view.ts): each one statement for the whole
 * team, whatever its size, and each selecting only the columns the view shows. None reads the
 * event log; the learner days, totals, streak summaries and mastery they read are kept at ingest.
 */
import type { Career } from '../../core/career';
import type { AssessmentResult } from '../../core/mastery';
import type { Db } from './db';
import { parseAssessments } from './learner-mastery';

/** An active direct report, as the team view lists them. */
export interface TeamMember {
  id: string;
  name: string;
  email: string;
  tz: string;
  career: Career | null;
}

/** A report's lessons on one local date; `completions` (times per lesson) only when asked for. */
export interface TeamDay {
  userId: string;
  day: string;
  lessons: number;
  completions: Record<string, number> | null;
}

export interface TeamStore {
  /** The manager's active direct reports in the organisation, by name then id. */
  teamMembers(orgId: string, managerId: string): Promise<TeamMember[]>;
  /**
   * The learners' days from `fromDay` on that have a completion; `completions` is read for the
   * days from `detailFromDay` on (null before).
   */
  teamDays(userIds: readonly string[], fromDay: string, detailFromDay: string): Promise<TeamDay[]>;
  /** The learners' assignments, by due date then pathway. */
  teamAssignments(
    orgId: string,
    userIds: readonly string[],
  ): Promise<Array<{ userId: string; pathwayId: string; dueDate: string }>>;
  /** The learners' graded assessments (learners without any left out). */
  teamAssessments(
    userIds: readonly string[],
  ): Promise<Map<string, Record<string, AssessmentResult>>>;
}

export function teamStore(db: Db): TeamStore {
  return {
    async teamMembers(orgId, managerId) {
      const rows = await db
        .selectFrom('users as u')
        .leftJoin('user_careers as c', 'c.user_id', 'u.id')
        .select(['u.id', 'u.name', 'u.email', 'u.tz', 'c.role_id as roleId', 'c.level'])
        .where('u.manager_id', '=', managerId)
        .where('u.org_id', '=', orgId)
        .where('u.active', '=', 1)
        .orderBy('u.name')
        .orderBy('u.id')
        .execute();
      return rows.map(({ roleId, level, ...row }) => ({
        ...row,
        career: roleId !== null ? { roleId, level: level! } : null,
      }));
    },
    async teamDays(userIds, fromDay, detailFromDay) {
      if (userIds.length === 0) return [];
      const rows = await db
        .selectFrom('learner_days')
        .select((eb) => [
          'user_id',
          'day',
          'lessons',
          eb.case().when('day', '>=', detailFromDay).then(eb.ref('detail')).end().as('detail'),
        ])
        .where('user_id', 'in', userIds)
        .where('day', '>=', fromDay)
        .where('lessons', '>', 0)
        .execute();
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
    async teamAssignments(orgId, userIds) {
      if (userIds.length === 0) return [];
      return db
        .selectFrom('assignments')
        .select(['user_id as userId', 'pathway_id as pathwayId', 'due_date as dueDate'])
        .where('org_id', '=', orgId)
        .where('user_id', 'in', userIds)
        .orderBy('due_date')
        .orderBy('pathway_id')
        .execute();
    },
    async teamAssessments(userIds) {
      if (userIds.length === 0) return new Map();
      const rows = await db
        .selectFrom('learner_mastery')
        .select(['user_id', 'assessments'])
        .where('user_id', 'in', userIds)
        .execute();
      return new Map(rows.map((r) => [r.user_id, parseAssessments(r.assessments)]));
    },
  };
}
