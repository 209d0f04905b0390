/**
 * The default store: one SQLite file (better-sqlite3, WAL) under DATA_DIR.
 * better-sqlite3 is synchronous, so each method's transaction commits before its promise resolves.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { LearningModule } from '../../core/content';
import type { ProgressEvent } from '../../core/events';
import type { SyncResult } from '../../core/sync';
import type { CatalogFile } from '../content/load';
import { buildCatalog } from './catalog';
import { migrations } from './migrations';
import {
  toEventRow,
  toHrRecord,
  toPilot,
  type EventSqlRow,
  type HrRow,
  type PilotRow,
  type StepRow,
} from './pilot-rows';
import type { IncomingEvent, NewUser, Store, User } from './store';

interface UserRow {
  id: string;
  org_id: string;
  email: string;
  name: string;
  role: User['role'];
  manager_id: string | null;
  tz: string;
  password_hash: string;
  cohort_ids: string | null;
}

const userSelect = `SELECT u.*, (SELECT group_concat(cohort_id) FROM cohort_members m WHERE m.user_id = u.id) AS cohort_ids FROM users u`;

function toUser(row: UserRow): User {
  return {
    id: row.id,
    orgId: row.org_id,
    email: row.email,
    name: row.name,
    role: row.role,
    managerId: row.manager_id,
    tz: row.tz,
    cohortIds: row.cohort_ids ? row.cohort_ids.split(',').sort() : [],
  };
}

export function openSqliteStore(file: string): Store {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);

  const stmt = {
    user: db.prepare<[string], UserRow>(`${userSelect} WHERE u.id = ? AND u.active = 1`),
    login: db.prepare<[string], UserRow>(`${userSelect} WHERE u.email = ? AND u.active = 1`),
    insertEvent: db.prepare(
      `INSERT OR IGNORE INTO events (id, user_id, device_id, seq, type, occurred_at, corrected_at, received_at, body)
       VALUES (@id, @userId, @deviceId, @seq, @type, @occurredAt, @correctedAt, @receivedAt, @body)`,
    ),
    storedEvent: db.prepare<[string], { user_id: string; body: string }>(
      'SELECT user_id, body FROM events WHERE id = ?',
    ),
    userEvents: db.prepare<[string], { body: string; corrected_at: number }>(
      'SELECT body, corrected_at FROM events WHERE user_id = ? ORDER BY corrected_at, id',
    ),
  };

  const ingest = db.transaction((userId: string, events: IncomingEvent[]): SyncResult[] =>
    events.map(({ event, canonical, correctedAt, receivedAt }) => {
      const info = stmt.insertEvent.run({
        id: event.id,
        userId,
        deviceId: event.deviceId,
        seq: event.seq,
        type: event.type,
        occurredAt: event.occurredAt,
        correctedAt,
        receivedAt,
        body: canonical,
      });
      if (info.changes === 1) return { id: event.id, status: 'accepted' };
      const stored = stmt.storedEvent.get(event.id);
      if (stored && stored.user_id === userId && stored.body === canonical)
        return { id: event.id, status: 'duplicate' };
      return {
        id: event.id,
        status: 'rejected',
        reason: 'conflict',
        message: stored
          ? 'this event id was already stored with other content'
          : 'this device sequence number was already used',
      };
    }),
  );

  return {
    dialect: 'sqlite',
    async health() {
      return db.prepare('SELECT 1 AS ok').get() !== undefined;
    },
    async close() {
      db.close();
    },
    async createOrg(org) {
      db.prepare('INSERT INTO orgs (id, name) VALUES (?, ?)').run(org.id, org.name);
    },
    async createCohort(c) {
      db.prepare('INSERT INTO cohorts (id, org_id, name, tz) VALUES (?, ?, ?, ?)').run(
        c.id,
        c.orgId,
        c.name,
        c.tz,
      );
    },
    async createUser(u: NewUser) {
      db.transaction(() => {
        db.prepare(
          'INSERT INTO users (id, org_id, email, name, role, manager_id, tz, password_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        ).run(
          u.id,
          u.orgId,
          u.email.toLowerCase(),
          u.name,
          u.role,
          u.managerId,
          u.tz,
          u.passwordHash,
        );
        for (const cohortId of u.cohortIds ?? [])
          db.prepare('INSERT INTO cohort_members (cohort_id, user_id) VALUES (?, ?)').run(
            cohortId,
            u.id,
          );
      })();
    },
    async countUsers() {
      return (db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;
    },
    async getUser(id) {
      const row = stmt.user.get(id);
      return row && toUser(row);
    },
    async findLogin(email) {
      const row = stmt.login.get(email.toLowerCase());
      return row && { user: toUser(row), passwordHash: row.password_hash };
    },
    async createSession(tokenHash, userId, expiresAt) {
      db.prepare(
        'INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
      ).run(tokenHash, userId, Date.now(), expiresAt);
    },
    async getSession(tokenHash, now) {
      const row = db
        .prepare<[string, number], { user_id: string; expires_at: number }>(
          'SELECT user_id, expires_at FROM sessions WHERE token_hash = ? AND expires_at > ?',
        )
        .get(tokenHash, now);
      return row && { userId: row.user_id, expiresAt: row.expires_at };
    },
    async deleteSession(tokenHash) {
      db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash);
    },
    async hitRateLimit(key, windowMs, now) {
      const row = db
        .prepare<[string, number, number, number], { hits: number }>(
          `INSERT INTO rate_limits (key, window_start, hits) VALUES (?, ?, 1)
           ON CONFLICT (key) DO UPDATE SET
             hits = CASE WHEN rate_limits.window_start <= ? THEN 1 ELSE rate_limits.hits + 1 END,
             window_start = CASE WHEN rate_limits.window_start <= ? THEN excluded.window_start ELSE rate_limits.window_start END
           RETURNING hits`,
        )
        .get(key, now, now - windowMs, now - windowMs);
      return row!.hits;
    },
    async saveContent(catalog: CatalogFile, modules: LearningModule[]) {
      db.transaction(() => {
        db.prepare(
          'INSERT INTO content_catalog (id, body) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET body = excluded.body',
        ).run(JSON.stringify(catalog));
        const upsert = db.prepare(
          `INSERT INTO content_modules (id, version, position, body) VALUES (?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET version = excluded.version, position = excluded.position, body = excluded.body`,
        );
        modules.forEach((m, i) => upsert.run(m.id, m.version, i, JSON.stringify(m)));
      })();
    },
    async getCatalog() {
      const catalogRow = db
        .prepare<[], { body: string }>('SELECT body FROM content_catalog WHERE id = 1')
        .get();
      const modules = db
        .prepare<[], { body: string }>('SELECT body FROM content_modules ORDER BY position, id')
        .all()
        .map((r) => JSON.parse(r.body) as LearningModule);
      return buildCatalog(
        catalogRow ? (JSON.parse(catalogRow.body) as CatalogFile) : undefined,
        modules,
      );
    },
    async getModule(id) {
      const row = db
        .prepare<[string], { body: string }>('SELECT body FROM content_modules WHERE id = ?')
        .get(id);
      return row && (JSON.parse(row.body) as LearningModule);
    },
    async ingest(userId, events) {
      return ingest(userId, events);
    },
    async userEvents(userId) {
      return stmt.userEvents.all(userId).map((r) => ({
        ...(JSON.parse(r.body) as ProgressEvent),
        occurredAt: new Date(r.corrected_at).toISOString(),
      }));
    },
    async orgCohorts(orgId) {
      return db
        .prepare<[string], { id: string; name: string; tz: string }>(
          'SELECT id, name, tz FROM cohorts WHERE org_id = ? ORDER BY name, id',
        )
        .all(orgId);
    },
    async orgMembers(orgId) {
      return db
        .prepare<[string], { id: string; email: string; cohort_ids: string | null }>(
          `SELECT u.id, u.email, (SELECT group_concat(cohort_id) FROM cohort_members m WHERE m.user_id = u.id) AS cohort_ids
           FROM users u WHERE u.org_id = ? AND u.active = 1 ORDER BY u.email`,
        )
        .all(orgId)
        .map((r) => ({
          userId: r.id,
          email: r.email,
          cohortIds: r.cohort_ids ? r.cohort_ids.split(',').sort() : [],
        }));
    },
    async createPilot(p) {
      db.prepare(
        'INSERT INTO pilots (id, org_id, name, start_date, weeks, cohort_ids, goals, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ).run(
        p.id,
        p.orgId,
        p.name,
        p.startDate,
        p.weeks,
        JSON.stringify(p.cohortIds),
        JSON.stringify(p.goals),
        p.createdAt,
      );
    },
    async listPilots(orgId) {
      const pilots = db
        .prepare<[string], PilotRow>(
          'SELECT * FROM pilots WHERE org_id = ? ORDER BY created_at DESC, id DESC',
        )
        .all(orgId);
      const steps = db.prepare<[string], StepRow>(
        'SELECT step, done_at, done_by FROM pilot_checklist WHERE pilot_id = ?',
      );
      return pilots.map((p) => toPilot(p, steps.all(p.id)));
    },
    async setPilotStep(orgId, pilotId, step, done) {
      const owned = db
        .prepare('SELECT 1 FROM pilots WHERE id = ? AND org_id = ?')
        .get(pilotId, orgId);
      if (!owned) return false;
      if (done)
        db.prepare(
          `INSERT INTO pilot_checklist (pilot_id, step, done_at, done_by) VALUES (?, ?, ?, ?)
           ON CONFLICT (pilot_id, step) DO UPDATE SET done_at = excluded.done_at, done_by = excluded.done_by`,
        ).run(pilotId, step, done.at, done.by);
      else
        db.prepare('DELETE FROM pilot_checklist WHERE pilot_id = ? AND step = ?').run(
          pilotId,
          step,
        );
      return true;
    },
    async saveHrRecords(orgId, records) {
      const upsert = db.prepare(
        `INSERT INTO hr_records (org_id, email, hire_date, exit_date, moves) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (org_id, email) DO UPDATE SET hire_date = excluded.hire_date, exit_date = excluded.exit_date, moves = excluded.moves`,
      );
      db.transaction(() => {
        for (const r of records)
          upsert.run(orgId, r.email.toLowerCase(), r.hireDate, r.exitDate, JSON.stringify(r.moves));
      })();
    },
    async hrRecords(orgId) {
      return db
        .prepare<[string], HrRow>(
          'SELECT email, hire_date, exit_date, moves FROM hr_records WHERE org_id = ? ORDER BY email',
        )
        .all(orgId)
        .map(toHrRecord);
    },
    async *eventPages(q) {
      const types = q.types ?? [];
      const typeFilter = types.length ? `AND e.type IN (${types.map(() => '?').join(', ')})` : '';
      const page = db.prepare<unknown[], EventSqlRow>(
        `SELECT e.id, e.user_id, u.email, e.type, e.occurred_at, e.corrected_at,
                json_extract(e.body, '$.tz') AS tz, json_extract(e.body, '$.lessonId') AS lesson_id, e.body
         FROM events e INDEXED BY events_time_id JOIN users u ON u.id = e.user_id
         WHERE u.org_id = ? AND e.corrected_at < ? ${typeFilter}
           AND (e.corrected_at, e.id) > (?, ?)
         ORDER BY e.corrected_at, e.id LIMIT ?`,
      );
      let after = { at: q.fromMs - 1, id: '' };
      const size = q.pageSize ?? 5_000;
      for (;;) {
        const rows = page.all(q.orgId, q.toMs, ...types, after.at, after.id, size);
        if (rows.length === 0) return;
        const last = rows.at(-1)!;
        after = { at: last.corrected_at, id: last.id };
        yield rows.map(toEventRow);
        if (rows.length < size) return;
      }
    },
  };
}

function migrate(db: Database.Database): void {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
  );
  const applied = new Set(
    db
      .prepare<[], { version: number }>('SELECT version FROM schema_migrations')
      .all()
      .map((r) => r.version),
  );
  for (const m of migrations) {
    if (applied.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        m.version,
        m.name,
        new Date().toISOString(),
      );
    })();
  }
}
