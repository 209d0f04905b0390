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
import { peopleMethods, type SqlDriver } from './people-sql';
import type { IncomingEvent, NewUser, Store, User } from './store';
import { importInto, pagedRows } from './tables';

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
  const locks = new Map<string, Promise<void>>();

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
    async exclusive(name, fn) {
      // One process owns a SQLite file, so an in-process queue per name is the whole lock.
      const before = locks.get(name) ?? Promise.resolve();
      const run = before.then(fn);
      const done = run.then(
        () => undefined,
        () => undefined,
      );
      locks.set(name, done);
      void done.then(() => locks.get(name) === done && locks.delete(name));
      return run;
    },
    exportRows(table) {
      return pagedRows(
        table,
        () => '?',
        async (sql, params) => db.prepare(sql).all(...params) as Record<string, unknown>[],
      );
    },
    async importRows(source) {
      db.exec('BEGIN IMMEDIATE');
      try {
        const counts = await importInto(
          {
            async insert(table, columns, rows) {
              const insert = db.prepare(
                `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
              );
              for (const row of rows) insert.run(...row);
            },
            async update(table, key, columns, rows) {
              const update = db.prepare(
                `UPDATE ${table} SET ${columns.map((c) => `${c} = ?`).join(', ')} WHERE ${key.map((k) => `${k} = ?`).join(' AND ')}`,
              );
              for (const row of rows)
                update.run(...row.slice(key.length), ...row.slice(0, key.length));
            },
          },
          source,
        );
        db.exec('COMMIT');
        return counts;
      } catch (err) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw err;
      }
    },
    ...peopleMethods(sqliteDriver(db)),
  };
}

function sqliteDriver(db: Database.Database): SqlDriver {
  const run = (sql: string, ...args: unknown[]) => db.prepare(sql).run(...args).changes;
  return {
    dialect: 'sqlite',
    async all<T>(sql: string, ...args: unknown[]) {
      const statement = db.prepare<unknown[], T>(sql);
      return statement.reader ? statement.all(...args) : (statement.run(...args), []);
    },
    async run(sql, ...args) {
      return run(sql, ...args);
    },
    async batch(statements) {
      db.transaction(() => statements.forEach(([sql, ...args]) => run(sql, ...args)))();
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
