/**
 * The scale-out store: several stateless API processes on one PostgreSQL (`DATABASE_URL`).
 *
 * Transactions and idempotency:
 * - Migrations run in ONE transaction that first takes `pg_advisory_xact_lock` (keyed by schema),
 *   so when several processes start at once, one migrates and the others wait, then see the
 *   steps recorded in `schema_migrations` and skip them. PostgreSQL DDL is transactional, so a
 *   failed step leaves nothing behind.
 * - `ingest` runs the whole batch in ONE transaction and returns results only after COMMIT
 *   ("acked means durable"). Each event is `INSERT … ON CONFLICT DO NOTHING` (every unique
 *   constraint is an arbiter: the event id and (device_id, seq)). Inserted → `accepted`.
 *   Otherwise a fresh READ COMMITTED statement reads the stored row: same user and same
 *   canonical body → `duplicate`, anything else (other content, other user, or the device+seq
 *   already used by another id) → `rejected: conflict`. The unique constraints, not process
 *   memory, decide: when two processes insert the same id at once, the second INSERT waits for
 *   the first transaction and then sees its committed row, so the event is stored once and both
 *   callers get `accepted` or `duplicate`.
 * - Each ingest also takes a per-user advisory transaction lock, so concurrent syncs of one user
 *   (two tabs, a retry racing the original request) are serialised instead of deadlocking on
 *   each other's uncommitted rows when their batches are in different orders. Deadlocks and
 *   serialization failures that still happen (e.g. two users racing on the same id) are retried:
 *   nothing was acknowledged, so running the transaction again is safe.
 * - BIGINT (epoch ms, seq, count(*)) is parsed to a JS number by this pool's own type parser;
 *   every stored value is within Number.MAX_SAFE_INTEGER.
 */
import pg from 'pg';
import type { LearningModule } from '../../core/content';
import type { ProgressEvent } from '../../core/events';
import type { SyncResult } from '../../core/sync';
import type { CatalogFile } from '../content/load';
import { migrations } from './migrations';
import { buildCatalog } from './catalog';
import {
  toEventRow,
  toHrRecord,
  toPilot,
  type EventSqlRow,
  type HrRow,
  type PilotRow,
  type StepRow,
} from './pilot-rows';
import type { Store, User } from './store';

/** First half of the two-part advisory lock keys, so ours never clash with other users of the database. */
const LOCK_MIGRATE = 0x4b4e0001;
const LOCK_INGEST = 0x4b4e0002;
const MAX_ATTEMPTS = 5;
const RETRYABLE = new Set(['40P01', '40001']); // deadlock_detected, serialization_failure

interface UserRow {
  id: string;
  org_id: string;
  email: string;
  name: string;
  role: User['role'];
  manager_id: string | null;
  tz: string;
  password_hash: string;
  cohort_ids: string[];
}

const userSelect = `SELECT u.*, coalesce((SELECT array_agg(m.cohort_id) FROM cohort_members m WHERE m.user_id = u.id), '{}') AS cohort_ids FROM users u`;

function toUser(row: UserRow): User {
  return {
    id: row.id,
    orgId: row.org_id,
    email: row.email,
    name: row.name,
    role: row.role,
    managerId: row.manager_id,
    tz: row.tz,
    cohortIds: [...row.cohort_ids].sort(),
  };
}

function parseBigint(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n))
    throw new RangeError(`BIGINT ${text} is outside the safe integer range`);
  return n;
}

const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 && format !== 'binary'
      ? parseBigint
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export async function openPostgresStore(
  url: string,
  options: { schema?: string } = {},
): Promise<Store> {
  const { schema } = options;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema))
    throw new Error(`schema name "${schema}" must be lowercase letters, digits and _`);
  const pool = new pg.Pool({
    connectionString: url,
    types,
    connectionTimeoutMillis: 10_000,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', (err) => console.error('postgres pool error:', err.message));

  /** Runs `fn` in a transaction and returns its result after COMMIT; retries deadlocks. */
  async function transaction<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const result = await fn(client);
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch((e: Error) => (broken = e));
        const code = (err as { code?: string }).code;
        if (attempt < MAX_ATTEMPTS && code && RETRYABLE.has(code)) continue;
        throw err;
      } finally {
        client.release(broken);
      }
    }
  }

  try {
    await transaction((client) => migrate(client, schema));
  } catch (err) {
    await pool.end();
    throw err;
  }

  let closed = false;
  return {
    dialect: 'postgres',
    async health() {
      try {
        return (await pool.query('SELECT 1 AS ok')).rowCount === 1;
      } catch {
        return false;
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
    async createOrg(org) {
      await pool.query('INSERT INTO orgs (id, name) VALUES ($1, $2)', [org.id, org.name]);
    },
    async createCohort(c) {
      await pool.query('INSERT INTO cohorts (id, org_id, name, tz) VALUES ($1, $2, $3, $4)', [
        c.id,
        c.orgId,
        c.name,
        c.tz,
      ]);
    },
    async createUser(u) {
      await transaction(async (client) => {
        await client.query(
          'INSERT INTO users (id, org_id, email, name, role, manager_id, tz, password_hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
          [u.id, u.orgId, u.email.toLowerCase(), u.name, u.role, u.managerId, u.tz, u.passwordHash],
        );
        for (const cohortId of u.cohortIds ?? [])
          await client.query('INSERT INTO cohort_members (cohort_id, user_id) VALUES ($1, $2)', [
            cohortId,
            u.id,
          ]);
      });
    },
    async countUsers() {
      return (await pool.query<{ n: number }>('SELECT count(*) AS n FROM users')).rows[0]!.n;
    },
    async getUser(id) {
      const { rows } = await pool.query<UserRow>(`${userSelect} WHERE u.id = $1 AND u.active = 1`, [
        id,
      ]);
      return rows[0] && toUser(rows[0]);
    },
    async findLogin(email) {
      const { rows } = await pool.query<UserRow>(
        `${userSelect} WHERE u.email = $1 AND u.active = 1`,
        [email.toLowerCase()],
      );
      return rows[0] && { user: toUser(rows[0]), passwordHash: rows[0].password_hash };
    },
    async createSession(tokenHash, userId, expiresAt) {
      await pool.query(
        'INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)',
        [tokenHash, userId, Date.now(), expiresAt],
      );
    },
    async getSession(tokenHash, now) {
      const { rows } = await pool.query<{ user_id: string; expires_at: number }>(
        'SELECT user_id, expires_at FROM sessions WHERE token_hash = $1 AND expires_at > $2',
        [tokenHash, now],
      );
      return rows[0] && { userId: rows[0].user_id, expiresAt: rows[0].expires_at };
    },
    async deleteSession(tokenHash) {
      await pool.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
    },
    async hitRateLimit(key, windowMs, now) {
      // One atomic upsert: concurrent hits from several processes are all counted.
      const { rows } = await pool.query<{ hits: number }>(
        `INSERT INTO rate_limits (key, window_start, hits) VALUES ($1, $2, 1)
         ON CONFLICT (key) DO UPDATE SET
           hits = CASE WHEN rate_limits.window_start <= $3 THEN 1 ELSE rate_limits.hits + 1 END,
           window_start = CASE WHEN rate_limits.window_start <= $3 THEN excluded.window_start ELSE rate_limits.window_start END
         RETURNING hits`,
        [key, now, now - windowMs],
      );
      return rows[0]!.hits;
    },
    async saveContent(catalog: CatalogFile, modules: LearningModule[]) {
      await transaction(async (client) => {
        await client.query(
          'INSERT INTO content_catalog (id, body) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET body = excluded.body',
          [JSON.stringify(catalog)],
        );
        for (const [i, m] of modules.entries())
          await client.query(
            `INSERT INTO content_modules (id, version, position, body) VALUES ($1, $2, $3, $4)
             ON CONFLICT (id) DO UPDATE SET version = excluded.version, position = excluded.position, body = excluded.body`,
            [m.id, m.version, i, JSON.stringify(m)],
          );
      });
    },
    async getCatalog() {
      const [catalogRows, moduleRows] = await Promise.all([
        pool.query<{ body: string }>('SELECT body FROM content_catalog WHERE id = 1'),
        pool.query<{ body: string }>('SELECT body FROM content_modules ORDER BY position, id'),
      ]);
      const file = catalogRows.rows[0] && (JSON.parse(catalogRows.rows[0].body) as CatalogFile);
      return buildCatalog(
        file,
        moduleRows.rows.map((r) => JSON.parse(r.body) as LearningModule),
      );
    },
    async getModule(id) {
      const { rows } = await pool.query<{ body: string }>(
        'SELECT body FROM content_modules WHERE id = $1',
        [id],
      );
      return rows[0] && (JSON.parse(rows[0].body) as LearningModule);
    },
    async ingest(userId, events) {
      return transaction(async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_INGEST, userId]);
        const results: SyncResult[] = [];
        for (const { event, canonical, correctedAt, receivedAt } of events) {
          const inserted = await client.query(
            `INSERT INTO events (id, user_id, device_id, seq, type, occurred_at, corrected_at, received_at, body)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
            [
              event.id,
              userId,
              event.deviceId,
              event.seq,
              event.type,
              event.occurredAt,
              correctedAt,
              receivedAt,
              canonical,
            ],
          );
          if (inserted.rowCount === 1) {
            results.push({ id: event.id, status: 'accepted' });
            continue;
          }
          const { rows } = await client.query<{ user_id: string; body: string }>(
            'SELECT user_id, body FROM events WHERE id = $1',
            [event.id],
          );
          const stored = rows[0];
          if (stored && stored.user_id === userId && stored.body === canonical)
            results.push({ id: event.id, status: 'duplicate' });
          else
            results.push({
              id: event.id,
              status: 'rejected',
              reason: 'conflict',
              message: stored
                ? 'this event id was already stored with other content'
                : 'this device sequence number was already used',
            });
        }
        return results;
      });
    },
    async userEvents(userId) {
      const { rows } = await pool.query<{ body: string; corrected_at: number }>(
        'SELECT body, corrected_at FROM events WHERE user_id = $1 ORDER BY corrected_at, id',
        [userId],
      );
      return rows.map((r) => ({
        ...(JSON.parse(r.body) as ProgressEvent),
        occurredAt: new Date(r.corrected_at).toISOString(),
      }));
    },
    async orgCohorts(orgId) {
      const { rows } = await pool.query<{ id: string; name: string; tz: string }>(
        'SELECT id, name, tz FROM cohorts WHERE org_id = $1 ORDER BY name, id',
        [orgId],
      );
      return rows;
    },
    async orgMembers(orgId) {
      const { rows } = await pool.query<{ id: string; email: string; cohort_ids: string[] }>(
        `SELECT u.id, u.email, coalesce((SELECT array_agg(m.cohort_id) FROM cohort_members m WHERE m.user_id = u.id), '{}') AS cohort_ids
         FROM users u WHERE u.org_id = $1 AND u.active = 1 ORDER BY u.email`,
        [orgId],
      );
      return rows.map((r) => ({
        userId: r.id,
        email: r.email,
        cohortIds: [...r.cohort_ids].sort(),
      }));
    },
    async createPilot(p) {
      await pool.query(
        'INSERT INTO pilots (id, org_id, name, start_date, weeks, cohort_ids, goals, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
        [
          p.id,
          p.orgId,
          p.name,
          p.startDate,
          p.weeks,
          JSON.stringify(p.cohortIds),
          JSON.stringify(p.goals),
          p.createdAt,
        ],
      );
    },
    async listPilots(orgId) {
      const pilots = await pool.query<PilotRow>(
        'SELECT * FROM pilots WHERE org_id = $1 ORDER BY created_at DESC, id DESC',
        [orgId],
      );
      const steps = await pool.query<StepRow & { pilot_id: string }>(
        'SELECT c.pilot_id, c.step, c.done_at, c.done_by FROM pilot_checklist c JOIN pilots p ON p.id = c.pilot_id WHERE p.org_id = $1',
        [orgId],
      );
      return pilots.rows.map((p) =>
        toPilot(
          p,
          steps.rows.filter((s) => s.pilot_id === p.id),
        ),
      );
    },
    async setPilotStep(orgId, pilotId, step, done) {
      const owned = await pool.query('SELECT 1 FROM pilots WHERE id = $1 AND org_id = $2', [
        pilotId,
        orgId,
      ]);
      if (owned.rowCount === 0) return false;
      if (done)
        await pool.query(
          `INSERT INTO pilot_checklist (pilot_id, step, done_at, done_by) VALUES ($1, $2, $3, $4)
           ON CONFLICT (pilot_id, step) DO UPDATE SET done_at = excluded.done_at, done_by = excluded.done_by`,
          [pilotId, step, done.at, done.by],
        );
      else
        await pool.query('DELETE FROM pilot_checklist WHERE pilot_id = $1 AND step = $2', [
          pilotId,
          step,
        ]);
      return true;
    },
    async saveHrRecords(orgId, records) {
      await transaction(async (client) => {
        for (const r of records)
          await client.query(
            `INSERT INTO hr_records (org_id, email, hire_date, exit_date, moves) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (org_id, email) DO UPDATE SET hire_date = excluded.hire_date, exit_date = excluded.exit_date, moves = excluded.moves`,
            [orgId, r.email.toLowerCase(), r.hireDate, r.exitDate, JSON.stringify(r.moves)],
          );
      });
    },
    async hrRecords(orgId) {
      const { rows } = await pool.query<HrRow>(
        'SELECT email, hire_date, exit_date, moves FROM hr_records WHERE org_id = $1 ORDER BY email',
        [orgId],
      );
      return rows.map(toHrRecord);
    },
    async *eventPages(q) {
      const types = q.types ?? [];
      const size = q.pageSize ?? 5_000;
      let after = { at: q.fromMs - 1, id: '' };
      for (;;) {
        const { rows } = await pool.query<EventSqlRow>(
          `SELECT e.id, e.user_id, u.email, e.type, e.occurred_at, e.corrected_at,
                  e.body::json->>'tz' AS tz, e.body::json->>'lessonId' AS lesson_id, e.body
           FROM events e JOIN users u ON u.id = e.user_id
           WHERE u.org_id = $1 AND e.corrected_at < $2
             AND (cardinality($3::text[]) = 0 OR e.type = ANY($3::text[]))
             AND (e.corrected_at, e.id) > ($4, $5)
           ORDER BY e.corrected_at, e.id LIMIT $6`,
          [q.orgId, q.toMs, types, after.at, after.id, size],
        );
        if (rows.length === 0) return;
        const last = rows.at(-1)!;
        after = { at: last.corrected_at, id: last.id };
        yield rows.map(toEventRow);
        if (rows.length < size) return;
      }
    },
  };
}

async function migrate(client: pg.PoolClient, schema: string | undefined): Promise<void> {
  // Advisory locks are per database, so the key names the schema being migrated.
  await client.query(
    'SELECT pg_advisory_xact_lock($1, hashtext(coalesce($2::text, current_schema())))',
    [LOCK_MIGRATE, schema ?? null],
  );
  if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  await client.query(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
  );
  const applied = new Set(
    (await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map(
      (r) => r.version,
    ),
  );
  for (const m of migrations) {
    if (applied.has(m.version)) continue;
    await client.query(m.sql);
    await client.query(
      'INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)',
      [m.version, m.name, new Date().toISOString()],
    );
  }
}
