/**
 * The people model (issue 7) for both databases: people, cohorts, assignments, notifications,
 * 1:1 checklists, invite/reset tokens, sessions, sponsor message and learning goal. The SQL is the
 * common subset of SQLite and PostgreSQL, written with `?` placeholders; each store passes a small
 * driver (`sqlite.ts`, `postgres.ts`). Every query that reads people names the org, so a caller can
 * never reach outside their organisation.
 */
import type { LearningModule } from '../../core/content';
import type { ManagerAction } from '../../core/pilot';
import { localeOf, type Phrase } from '../../core/wording';
import type {
  AccessToken,
  Assignment,
  Cohort,
  Notification,
  Person,
  PushSubscriptionRow,
  SessionInfo,
  SponsorMessage,
  Store,
} from './store';

type PeopleMethods = Pick<
  Store,
  | 'listPeople'
  | 'getPerson'
  | 'updatePerson'
  | 'listCohorts'
  | 'updateCohort'
  | 'isCohortManager'
  | 'upsertAssignment'
  | 'listAssignments'
  | 'addNotification'
  | 'listNotifications'
  | 'markNotificationsRead'
  | 'setOneOnOneCheck'
  | 'oneOnOneChecks'
  | 'recordScriptOpen'
  | 'managerActions'
  | 'pushSubscriptionsOf'
  | 'createAccessToken'
  | 'peekAccessToken'
  | 'consumeAccessToken'
  | 'listSessions'
  | 'deleteUserSessions'
  | 'setSponsorMessage'
  | 'getSponsorMessage'
  | 'setOrgGoal'
  | 'getOrgGoal'
  | 'countLearnersSince'
  | 'saveModule'
>;

interface PersonRow {
  id: string;
  org_id: string;
  email: string;
  name: string;
  role: Person['role'];
  manager_id: string | null;
  tz: string;
  active: number;
  cohort_ids: string | null;
  career_role: string | null;
  career_level: number | null;
}

const concatFor = (dialect: SqlDriver['dialect'], column: string) =>
  dialect === 'sqlite' ? `group_concat(${column})` : `string_agg(${column}, ',')`;

/** Cohort managers count while they are active and still a manager or an admin. */
const LEADING_USER = "u.active = 1 AND u.role IN ('manager', 'admin')";

const personSelectFor = (dialect: SqlDriver['dialect']) => {
  const concat = concatFor(dialect, 'cohort_id');
  return `SELECT u.id, u.org_id, u.email, u.name, u.role, u.manager_id, u.tz, u.active,
  (SELECT ${concat} FROM cohort_members m WHERE m.user_id = u.id) AS cohort_ids,
  c.role_id AS career_role, c.level AS career_level
  FROM users u LEFT JOIN user_careers c ON c.user_id = u.id`;
};

function toPerson(r: PersonRow): Person {
  return {
    id: r.id,
    orgId: r.org_id,
    email: r.email,
    name: r.name,
    role: r.role,
    managerId: r.manager_id,
    tz: r.tz,
    cohortIds: r.cohort_ids ? r.cohort_ids.split(',').sort() : [],
    active: Number(r.active) === 1,
    career:
      r.career_role !== null ? { roleId: r.career_role, level: Number(r.career_level) } : null,
  };
}

interface TokenRow {
  kind: AccessToken['kind'];
  org_id: string;
  user_id: string | null;
  cohort_id: string | null;
  role: AccessToken['role'];
  email: string | null;
  manager_id: string | null;
  created_by: string;
  expires_at: number;
}

export function toAccessToken(r: TokenRow): AccessToken {
  return {
    kind: r.kind,
    orgId: r.org_id,
    userId: r.user_id,
    cohortId: r.cohort_id,
    role: r.role,
    email: r.email,
    managerId: r.manager_id,
    createdBy: r.created_by,
    expiresAt: Number(r.expires_at),
  };
}

interface NotificationRow {
  id: string;
  org_id: string;
  user_id: string;
  from_user_id: string | null;
  kind: Notification['kind'];
  text: string;
  phrase: string | null;
  created_at: number;
  read_at: number | null;
}

export function toNotification(r: NotificationRow): Notification {
  return {
    id: r.id,
    orgId: r.org_id,
    userId: r.user_id,
    fromUserId: r.from_user_id,
    kind: r.kind,
    text: r.text,
    ...(r.phrase
      ? { phrase: { ...(JSON.parse(r.phrase) as Omit<Phrase, 'text'>), text: r.text } }
      : {}),
    createdAt: Number(r.created_at),
    readAt: r.read_at === null ? null : Number(r.read_at),
  };
}

interface AssignmentRow {
  id: string;
  org_id: string;
  user_id: string;
  pathway_id: string;
  due_date: string;
  assigned_by: string;
  created_at: number;
}

export function toAssignment(r: AssignmentRow): Assignment {
  return {
    id: r.id,
    orgId: r.org_id,
    userId: r.user_id,
    pathwayId: r.pathway_id,
    dueDate: r.due_date,
    assignedBy: r.assigned_by,
    createdAt: Number(r.created_at),
  };
}

interface SponsorRow {
  org_id: string;
  sponsor_user_id: string | null;
  name: string;
  title: string;
  text: string;
  starts_on: string;
  ends_on: string;
}

export function toSponsor(r: SponsorRow): SponsorMessage {
  return {
    orgId: r.org_id,
    sponsorUserId: r.sponsor_user_id,
    name: r.name,
    title: r.title,
    text: r.text,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
  };
}

export type Statement = [sql: string, ...args: unknown[]];

/** What the people methods need from a database: `?` placeholders, numbers as JS numbers. */
export interface SqlDriver {
  dialect: 'sqlite' | 'postgres';
  all<T>(sql: string, ...args: unknown[]): Promise<T[]>;
  /** Runs a statement and returns the number of rows it changed. */
  run(sql: string, ...args: unknown[]): Promise<number>;
  /** Runs the statements in one transaction. */
  batch(statements: Statement[]): Promise<void>;
}

export function peopleMethods(d: SqlDriver): PeopleMethods {
  const one = async <T>(sql: string, ...args: unknown[]) => (await d.all<T>(sql, ...args))[0];
  const all = d.all.bind(d);
  const run = d.run.bind(d);
  const personSelect = personSelectFor(d.dialect);

  return {
    async listPeople(orgId) {
      const rows = await all<PersonRow>(
        `${personSelect} WHERE u.org_id = ? ORDER BY u.name, u.id`,
        orgId,
      );
      return rows.map(toPerson);
    },
    async getPerson(orgId, userId) {
      const row = await one<PersonRow>(
        `${personSelect} WHERE u.org_id = ? AND u.id = ?`,
        orgId,
        userId,
      );
      return row && toPerson(row);
    },
    async updatePerson(orgId, userId, patch) {
      if (!(await one(`SELECT 1 AS ok FROM users WHERE org_id = ? AND id = ?`, orgId, userId)))
        return false;
      const columns: Array<[string, unknown]> = [];
      if (patch.name !== undefined) columns.push(['name', patch.name]);
      if (patch.role !== undefined) columns.push(['role', patch.role]);
      if (patch.managerId !== undefined) columns.push(['manager_id', patch.managerId]);
      if (patch.tz !== undefined) columns.push(['tz', patch.tz]);
      if (patch.active !== undefined) columns.push(['active', patch.active ? 1 : 0]);
      if (patch.passwordHash !== undefined) columns.push(['password_hash', patch.passwordHash]);
      const statements: Statement[] = [];
      if (columns.length)
        statements.push([
          `UPDATE users SET ${columns.map(([c]) => `${c} = ?`).join(', ')} WHERE id = ?`,
          ...columns.map(([, v]) => v),
          userId,
        ]);
      if (patch.cohortIds) {
        statements.push(['DELETE FROM cohort_members WHERE user_id = ?', userId]);
        for (const cohortId of patch.cohortIds)
          statements.push([
            'INSERT INTO cohort_members (cohort_id, user_id) VALUES (?, ?)',
            cohortId,
            userId,
          ]);
      }
      if (patch.career === null)
        statements.push(['DELETE FROM user_careers WHERE user_id = ?', userId]);
      else if (patch.career)
        statements.push([
          `INSERT INTO user_careers (user_id, role_id, level) VALUES (?, ?, ?)
           ON CONFLICT (user_id) DO UPDATE SET role_id = excluded.role_id, level = excluded.level`,
          userId,
          patch.career.roleId,
          patch.career.level,
        ]);
      await d.batch(statements);
      return true;
    },
    async listCohorts(orgId) {
      const rows = await all<Cohort & { org_id: string; manager_ids: string | null }>(
        `SELECT c.id, c.org_id, c.name, c.tz,
           (SELECT ${concatFor(d.dialect, 'm.user_id')} FROM cohort_managers m
            JOIN users u ON u.id = m.user_id WHERE m.cohort_id = c.id AND ${LEADING_USER}) AS manager_ids
         FROM cohorts c WHERE c.org_id = ? ORDER BY c.name, c.id`,
        orgId,
      );
      return rows.map((r) => ({
        id: r.id,
        orgId: r.org_id,
        name: r.name,
        tz: r.tz,
        managerIds: r.manager_ids ? r.manager_ids.split(',').sort() : [],
      }));
    },
    async updateCohort(orgId, id, patch) {
      if (!(await one(`SELECT 1 AS ok FROM cohorts WHERE org_id = ? AND id = ?`, orgId, id)))
        return false;
      const statements: Statement[] = [
        [
          'UPDATE cohorts SET name = coalesce(?, name), tz = coalesce(?, tz) WHERE id = ?',
          patch.name ?? null,
          patch.tz ?? null,
          id,
        ],
      ];
      if (patch.managerIds) {
        statements.push(['DELETE FROM cohort_managers WHERE cohort_id = ?', id]);
        for (const userId of new Set(patch.managerIds))
          statements.push([
            'INSERT INTO cohort_managers (cohort_id, user_id) VALUES (?, ?)',
            id,
            userId,
          ]);
      }
      await d.batch(statements);
      return true;
    },
    async isCohortManager(userId, cohortId) {
      return !!(await one(
        `SELECT 1 AS ok FROM cohort_managers m JOIN users u ON u.id = m.user_id
         WHERE m.cohort_id = ? AND m.user_id = ? AND ${LEADING_USER}`,
        cohortId,
        userId,
      ));
    },
    async upsertAssignment(a) {
      await run(
        `INSERT INTO assignments (id, org_id, user_id, pathway_id, due_date, assigned_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (user_id, pathway_id) DO UPDATE SET due_date = excluded.due_date,
           assigned_by = excluded.assigned_by, created_at = excluded.created_at`,
        a.id,
        a.orgId,
        a.userId,
        a.pathwayId,
        a.dueDate,
        a.assignedBy,
        a.createdAt,
      );
    },
    async listAssignments(orgId, userIds) {
      if (userIds.length === 0) return [];
      const rows = await all<AssignmentRow>(
        `SELECT * FROM assignments WHERE org_id = ? AND user_id IN (${userIds.map(() => '?').join(', ')})
         ORDER BY due_date, pathway_id`,
        orgId,
        ...userIds,
      );
      return rows.map(toAssignment);
    },
    async addNotification(n) {
      await run(
        `INSERT INTO notifications (id, org_id, user_id, from_user_id, kind, text, phrase, created_at, read_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        n.id,
        n.orgId,
        n.userId,
        n.fromUserId,
        n.kind,
        n.text,
        // The text is its own column: the phrase keeps only what words it again.
        n.phrase ? JSON.stringify({ key: n.phrase.key, params: n.phrase.params }) : null,
        n.createdAt,
        n.readAt,
      );
    },
    async listNotifications(orgId, userId, limit) {
      const rows = await all<NotificationRow>(
        'SELECT * FROM notifications WHERE org_id = ? AND user_id = ? ORDER BY created_at DESC, id DESC LIMIT ?',
        orgId,
        userId,
        limit,
      );
      return rows.map(toNotification);
    },
    async markNotificationsRead(orgId, userId, now) {
      await run(
        'UPDATE notifications SET read_at = ? WHERE org_id = ? AND user_id = ? AND read_at IS NULL',
        now,
        orgId,
        userId,
      );
    },
    async setOneOnOneCheck(managerId, reportId, itemId, checked, now) {
      if (checked)
        await run(
          `INSERT INTO one_on_one_checks (manager_id, report_id, item_id, checked_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (manager_id, report_id, item_id) DO NOTHING`,
          managerId,
          reportId,
          itemId,
          now,
        );
      else
        await run(
          'DELETE FROM one_on_one_checks WHERE manager_id = ? AND report_id = ? AND item_id = ?',
          managerId,
          reportId,
          itemId,
        );
    },
    async oneOnOneChecks(managerId, reportId) {
      const rows = await all<{ item_id: string }>(
        'SELECT item_id FROM one_on_one_checks WHERE manager_id = ? AND report_id = ? ORDER BY item_id',
        managerId,
        reportId,
      );
      return rows.map((r) => r.item_id);
    },
    async recordScriptOpen(o) {
      await run(
        `INSERT INTO one_on_one_opens (manager_id, report_id, day, org_id, opened_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (manager_id, report_id, day) DO NOTHING`,
        o.managerId,
        o.reportId,
        o.day,
        o.orgId,
        o.at,
      );
    },
    async managerActions(orgId, fromMs, toMs) {
      const rows = await all<{ user_id: string; kind: string; at: number; tz: string }>(
        `SELECT n.from_user_id AS user_id, n.kind, n.created_at AS at, u.tz FROM notifications n
           JOIN users u ON u.id = n.from_user_id
         WHERE n.org_id = ? AND n.kind IN ('assignment', 'nudge') AND n.created_at >= ? AND n.created_at < ?
         UNION ALL
         SELECT o.manager_id AS user_id, 'script' AS kind, o.opened_at AS at, u.tz FROM one_on_one_opens o
           JOIN users u ON u.id = o.manager_id
         WHERE o.org_id = ? AND o.opened_at >= ? AND o.opened_at < ?`,
        orgId,
        fromMs,
        toMs,
        orgId,
        fromMs,
        toMs,
      );
      return rows.map((r): ManagerAction => ({
        userId: r.user_id,
        kind: r.kind as ManagerAction['kind'],
        at: Number(r.at),
        tz: r.tz,
      }));
    },
    async pushSubscriptionsOf(userId) {
      const rows = await all<Omit<PushRow, 'tz' | 'last_reminded_on'>>(
        'SELECT * FROM push_subscriptions WHERE user_id = ? ORDER BY endpoint',
        userId,
      );
      return rows.map((r): PushSubscriptionRow => ({
        endpoint: r.endpoint,
        userId: r.user_id,
        deviceId: r.device_id,
        p256dh: r.p256dh,
        auth: r.auth,
        createdAt: Number(r.created_at),
        locale: localeOf(r.locale) ?? 'en',
      }));
    },
    async createAccessToken(hash, t: AccessToken) {
      await run(
        `INSERT INTO access_tokens (token_hash, kind, org_id, user_id, cohort_id, role, email, manager_id, created_by, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        hash,
        t.kind,
        t.orgId,
        t.userId,
        t.cohortId,
        t.role,
        t.email,
        t.managerId,
        t.createdBy,
        t.expiresAt,
      );
    },
    async peekAccessToken(hash, kind, now) {
      const row = await one<TokenRow>(
        'SELECT * FROM access_tokens WHERE token_hash = ? AND kind = ? AND used_at IS NULL AND expires_at > ?',
        hash,
        kind,
        now,
      );
      return row && toAccessToken(row);
    },
    async consumeAccessToken(hash, kind, now) {
      // One conditional UPDATE: of two racing callers only one sees the row come back.
      const row = await one<TokenRow>(
        `UPDATE access_tokens SET used_at = ?
         WHERE token_hash = ? AND kind = ? AND used_at IS NULL AND expires_at > ? RETURNING *`,
        now,
        hash,
        kind,
        now,
      );
      return row && toAccessToken(row);
    },
    async listSessions(userId, now): Promise<SessionInfo[]> {
      const rows = await all<{ token_hash: string; created_at: number; expires_at: number }>(
        'SELECT token_hash, created_at, expires_at FROM sessions WHERE user_id = ? AND expires_at > ? ORDER BY created_at DESC',
        userId,
        now,
      );
      return rows.map((r) => ({
        tokenHash: r.token_hash,
        createdAt: Number(r.created_at),
        expiresAt: Number(r.expires_at),
      }));
    },
    async deleteUserSessions(userId) {
      await run('DELETE FROM sessions WHERE user_id = ?', userId);
    },
    async setSponsorMessage(m) {
      await run(
        `INSERT INTO sponsor_messages (org_id, sponsor_user_id, name, title, text, starts_on, ends_on)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (org_id) DO UPDATE SET sponsor_user_id = excluded.sponsor_user_id, name = excluded.name,
           title = excluded.title, text = excluded.text, starts_on = excluded.starts_on, ends_on = excluded.ends_on`,
        m.orgId,
        m.sponsorUserId,
        m.name,
        m.title,
        m.text,
        m.startsOn,
        m.endsOn,
      );
    },
    async getSponsorMessage(orgId) {
      const row = await one<SponsorRow>('SELECT * FROM sponsor_messages WHERE org_id = ?', orgId);
      return row && toSponsor(row);
    },
    async setOrgGoal(g) {
      await run(
        `INSERT INTO org_goals (org_id, target_percent, label) VALUES (?, ?, ?)
         ON CONFLICT (org_id) DO UPDATE SET target_percent = excluded.target_percent, label = excluded.label`,
        g.orgId,
        g.targetPercent,
        g.label,
      );
    },
    async getOrgGoal(orgId) {
      const row = await one<{ org_id: string; target_percent: number; label: string }>(
        'SELECT * FROM org_goals WHERE org_id = ?',
        orgId,
      );
      return row && { orgId: row.org_id, targetPercent: row.target_percent, label: row.label };
    },
    async countLearnersSince(orgId, since) {
      const row = await one<{ n: number }>(
        `SELECT count(DISTINCT e.user_id) AS n FROM events e JOIN users u ON u.id = e.user_id
         WHERE u.org_id = ? AND u.active = 1 AND e.type = 'lesson_completed' AND e.corrected_at >= ?`,
        orgId,
        since,
      );
      return Number(row?.n ?? 0);
    },
    async saveModule(m: LearningModule, orgId) {
      const existing = await one<{ owner: string | null }>(
        `SELECT o.org_id AS owner FROM content_modules c LEFT JOIN module_owners o ON o.module_id = c.id
         WHERE c.id = ?`,
        m.id,
      );
      if (existing && existing.owner !== orgId) return false;
      await d.batch([
        [
          `INSERT INTO content_modules (id, version, position, body)
           VALUES (?, ?, (SELECT coalesce(max(position), -1) + 1 FROM content_modules), ?)
           ON CONFLICT (id) DO UPDATE SET version = excluded.version, body = excluded.body`,
          m.id,
          m.version,
          JSON.stringify(m),
        ],
        [
          'INSERT INTO module_owners (module_id, org_id) VALUES (?, ?) ON CONFLICT (module_id) DO NOTHING',
          m.id,
          orgId,
        ],
      ]);
      return true;
    },
  };
}

/** A push subscription row as both databases return it (with the owner's zone joined in). */
export interface PushRow {
  endpoint: string;
  user_id: string;
  device_id: string;
  p256dh: string;
  auth: string;
  created_at: number;
  last_reminded_on: string | null;
  locale: string;
  tz: string;
}

export function toPushTarget(r: PushRow) {
  return {
    endpoint: r.endpoint,
    userId: r.user_id,
    deviceId: r.device_id,
    p256dh: r.p256dh,
    auth: r.auth,
    createdAt: r.created_at,
    locale: localeOf(r.locale) ?? 'en',
    tz: r.tz,
    lastRemindedOn: r.last_reminded_on,
  };
}
