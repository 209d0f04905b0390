/**
 * What managers and leaders do for their people: pathway assignments, notifications (assignments
 * and nudges), the 1:1 checklist and script opens, the sponsor's message and the learning goal.
 */
import type { Phrase } from '../../core/wording';
import type { Db } from './db';
import { deleteAt, fromInsert } from './rows';

export interface Assignment {
  id: string;
  orgId: string;
  userId: string;
  pathwayId: string;
  /** Local date YYYY-MM-DD. */
  dueDate: string;
  assignedBy: string;
  createdAt: number;
}

export interface Notification {
  id: string;
  orgId: string;
  userId: string;
  fromUserId: string | null;
  kind: 'nudge' | 'assignment';
  /** English, as composed (or as a manager typed it): for API users, CSV and logs. */
  text: string;
  /** What `text` says as a catalog phrase, so the app words it in the reader's locale; none for a typed message. */
  phrase?: Phrase;
  createdAt: number;
  readAt: number | null;
}

export interface SponsorMessage {
  orgId: string;
  sponsorUserId: string | null;
  name: string;
  title: string;
  text: string;
  /** Shown from this local date through `endsOn`, inclusive. */
  startsOn: string;
  endsOn: string;
}

export interface OrgGoal {
  orgId: string;
  /** e.g. 80 for "80% of people learn weekly". */
  targetPercent: number;
  label: string;
}

export interface CoachingStore {
  /** One assignment per person and pathway: assigning again moves the due date. */
  upsertAssignment(assignment: Assignment): Promise<void>;
  listAssignments(orgId: string, userIds: string[]): Promise<Assignment[]>;
  addNotification(notification: Notification): Promise<void>;
  /** Newest first. */
  listNotifications(orgId: string, userId: string, limit: number): Promise<Notification[]>;
  markNotificationsRead(orgId: string, userId: string, now: number): Promise<void>;
  setOneOnOneCheck(
    managerId: string,
    reportId: string,
    itemId: string,
    checked: boolean,
    now: number,
  ): Promise<void>;
  oneOnOneChecks(managerId: string, reportId: string): Promise<string[]>;
  /** Records that a manager opened a report's 1:1 script; once per manager, report and `day`. */
  recordScriptOpen(open: {
    orgId: string;
    managerId: string;
    reportId: string;
    /** The manager's local date, YYYY-MM-DD. */
    day: string;
    at: number;
  }): Promise<void>;
  setSponsorMessage(message: SponsorMessage): Promise<void>;
  getSponsorMessage(orgId: string): Promise<SponsorMessage | undefined>;
  setOrgGoal(goal: OrgGoal): Promise<void>;
  getOrgGoal(orgId: string): Promise<OrgGoal | undefined>;
}

const ASSIGNMENT_FIELDS = [
  'id',
  'org_id as orgId',
  'user_id as userId',
  'pathway_id as pathwayId',
  'due_date as dueDate',
  'assigned_by as assignedBy',
  'created_at as createdAt',
] as const;

export function coachingStore(db: Db): CoachingStore {
  return {
    async upsertAssignment(a) {
      await db
        .insertInto('assignments')
        .values({
          id: a.id,
          org_id: a.orgId,
          user_id: a.userId,
          pathway_id: a.pathwayId,
          due_date: a.dueDate,
          assigned_by: a.assignedBy,
          created_at: a.createdAt,
        })
        .onConflict((oc) =>
          oc
            .columns(['user_id', 'pathway_id'])
            .doUpdateSet(fromInsert('assignments', 'due_date', 'assigned_by', 'created_at')),
        )
        .execute();
    },
    async listAssignments(orgId, userIds) {
      if (userIds.length === 0) return [];
      return db
        .selectFrom('assignments')
        .select(ASSIGNMENT_FIELDS)
        .where('org_id', '=', orgId)
        .where('user_id', 'in', userIds)
        .orderBy('due_date')
        .orderBy('pathway_id')
        .execute();
    },
    async addNotification(n) {
      await db
        .insertInto('notifications')
        .values({
          id: n.id,
          org_id: n.orgId,
          user_id: n.userId,
          from_user_id: n.fromUserId,
          kind: n.kind,
          text: n.text,
          // The text is its own column: the phrase keeps only what words it again.
          phrase: n.phrase ? JSON.stringify({ key: n.phrase.key, params: n.phrase.params }) : null,
          created_at: n.createdAt,
          read_at: n.readAt,
        })
        .execute();
    },
    async listNotifications(orgId, userId, limit) {
      const rows = await db
        .selectFrom('notifications')
        .select([
          'id',
          'org_id as orgId',
          'user_id as userId',
          'from_user_id as fromUserId',
          'kind',
          'text',
          'phrase',
          'created_at as createdAt',
          'read_at as readAt',
        ])
        .where('org_id', '=', orgId)
        .where('user_id', '=', userId)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map(({ phrase, ...n }) => ({
        ...n,
        ...(phrase && {
          phrase: { ...(JSON.parse(phrase) as Omit<Phrase, 'text'>), text: n.text },
        }),
      }));
    },
    async markNotificationsRead(orgId, userId, now) {
      await db
        .updateTable('notifications')
        .set({ read_at: now })
        .where('org_id', '=', orgId)
        .where('user_id', '=', userId)
        .where('read_at', 'is', null)
        .execute();
    },
    async setOneOnOneCheck(managerId, reportId, itemId, checked, now) {
      if (checked)
        await db
          .insertInto('one_on_one_checks')
          .values({ manager_id: managerId, report_id: reportId, item_id: itemId, checked_at: now })
          .onConflict((oc) => oc.columns(['manager_id', 'report_id', 'item_id']).doNothing())
          .execute();
      else
        await deleteAt(db, 'one_on_one_checks', {
          manager_id: managerId,
          report_id: reportId,
          item_id: itemId,
        });
    },
    async oneOnOneChecks(managerId, reportId) {
      const rows = await db
        .selectFrom('one_on_one_checks')
        .select('item_id')
        .where('manager_id', '=', managerId)
        .where('report_id', '=', reportId)
        .orderBy('item_id')
        .execute();
      return rows.map((r) => r.item_id);
    },
    async recordScriptOpen(o) {
      await db
        .insertInto('one_on_one_opens')
        .values({
          manager_id: o.managerId,
          report_id: o.reportId,
          day: o.day,
          org_id: o.orgId,
          opened_at: o.at,
        })
        .onConflict((oc) => oc.columns(['manager_id', 'report_id', 'day']).doNothing())
        .execute();
    },
    async setSponsorMessage(m) {
      const row = {
        org_id: m.orgId,
        sponsor_user_id: m.sponsorUserId,
        name: m.name,
        title: m.title,
        text: m.text,
        starts_on: m.startsOn,
        ends_on: m.endsOn,
      };
      const { org_id: _key, ...update } = row;
      await db
        .insertInto('sponsor_messages')
        .values(row)
        .onConflict((oc) => oc.column('org_id').doUpdateSet(update))
        .execute();
    },
    async getSponsorMessage(orgId) {
      return db
        .selectFrom('sponsor_messages')
        .select([
          'org_id as orgId',
          'sponsor_user_id as sponsorUserId',
          'name',
          'title',
          'text',
          'starts_on as startsOn',
          'ends_on as endsOn',
        ])
        .where('org_id', '=', orgId)
        .executeTakeFirst();
    },
    async setOrgGoal(g) {
      await db
        .insertInto('org_goals')
        .values({ org_id: g.orgId, target_percent: g.targetPercent, label: g.label })
        .onConflict((oc) =>
          oc.column('org_id').doUpdateSet({ target_percent: g.targetPercent, label: g.label }),
        )
        .execute();
    },
    async getOrgGoal(orgId) {
      return db
        .selectFrom('org_goals')
        .select(['org_id as orgId', 'target_percent as targetPercent', 'label'])
        .where('org_id', '=', orgId)
        .executeTakeFirst();
    },
  };
}
