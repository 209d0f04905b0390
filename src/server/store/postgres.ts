/**
 * The scale-out store: several stateless API processes on one PostgreSQL (`DATABASE_URL`).
 *
 * Transactions and idempotency:
 * - Migrations run in ONE transaction that first takes `pg_advisory_xact_lock` (keyed by schema),
 *   so when several processes start at once, one migrates and the others wait, then see the
 *   steps recorded in `schema_migrations` and skip them. PostgreSQL DDL is transactional, so a
 *   failed step leaves nothing behind.
 * - `ingest` runs the whole batch in ONE transaction and returns results only after COMMIT
 *   ("acked means durable"). The batch is ONE `INSERT … ON CONFLICT DO NOTHING RETURNING id`
 *   (every unique constraint is an arbiter: the event id and (device_id, seq)), so a batch costs
 *   the same few round trips whatever its size; results as in store/event-batch.ts, the stored
 *   rows of the events not inserted read by one fresh READ COMMITTED statement. The unique constraints, not process
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
import type { EventType, ProgressEvent } from '../../core/events';
import type { CatalogFile } from '../content/load';
import { migrations } from './migrations';
import { buildCatalog, CONTENT_SIGNATURE, contentSignatureOf } from './catalog';
import {
  acceptedEvents,
  batchResults,
  EVENT_COLUMNS,
  eventParams,
  eventValues,
  insertedFirsts,
  type StoredEvent,
} from './event-batch';
import { peopleMethods, toPushTarget, type PushRow, type SqlDriver } from './people-sql';
import type { Aggregate, BoardLine, KudosView, Store, User } from './store';
import { importInto, pagedRows } from './tables';
import {
  toEventRow,
  toHrRecord,
  toPilot,
  type EventSqlRow,
  type HrRow,
  type PilotRow,
  type StepRow,
} from './pilot-rows';

/** First half of the two-part advisory lock keys, so ours never clash with other users of the database. */
const LOCK_MIGRATE = 0x4b4e0001;
const LOCK_INGEST = 0x4b4e0002;
const LOCK_EXCLUSIVE = 0x4b4e0003;
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

interface BoardLineRow {
  user_id: string;
  display_name: string;
  xp: number;
}
interface BoardPartRow extends BoardLineRow {
  part: 'top' | 'before' | 'after' | 'rank' | 'self';
  reached_at: number;
  /** rank: rows ahead of me; self: 1 when hidden. */
  n: number;
}
const visible = 'b.cohort_id = $1 AND b.period = $2 AND b.hidden = 0';
// Every part is an index range on board_scores_rank: a tie group (same XP) or a strict XP range,
// never an OR that would walk the board from one end.
const tieAhead = `b.xp = me.xp AND (b.reached_at < me.reached_at
  OR (b.reached_at = me.reached_at AND b.user_id < $3))`;
const tieBehind = `b.xp = me.xp AND (b.reached_at > me.reached_at
  OR (b.reached_at = me.reached_at AND b.user_id > $3))`;
const lineColumns =
  'b.user_id, coalesce(p.alias, u.name) AS display_name, b.xp, b.reached_at, 0::bigint AS n';
const lineFrom = `board_scores b JOIN users u ON u.id = b.user_id LEFT JOIN board_profiles p ON p.user_id = b.user_id`;
/** $1 cohort, $2 period, $3 user, $4 top, $5 rows either side. */
const boardQuerySql = `
WITH mine AS (SELECT xp, reached_at FROM board_scores WHERE cohort_id = $1 AND period = $2 AND user_id = $3),
me AS (SELECT coalesce((SELECT xp FROM mine), 0) AS xp,
              coalesce((SELECT reached_at FROM mine), ${Number.MAX_SAFE_INTEGER}::bigint) AS reached_at)
(SELECT 'top' AS part, ${lineColumns} FROM ${lineFrom}
  WHERE ${visible} ORDER BY b.xp DESC, b.reached_at, b.user_id LIMIT $4)
UNION ALL
(SELECT 'before', ${lineColumns} FROM ${lineFrom}, me
  WHERE ${visible} AND ${tieAhead} ORDER BY b.reached_at DESC, b.user_id DESC LIMIT $5)
UNION ALL
(SELECT 'before', ${lineColumns} FROM ${lineFrom}, me
  WHERE ${visible} AND b.xp > me.xp ORDER BY b.xp, b.reached_at DESC, b.user_id DESC LIMIT $5)
UNION ALL
(SELECT 'after', ${lineColumns} FROM ${lineFrom}, me
  WHERE ${visible} AND ${tieBehind} ORDER BY b.reached_at, b.user_id LIMIT $5)
UNION ALL
(SELECT 'after', ${lineColumns} FROM ${lineFrom}, me
  WHERE ${visible} AND b.xp < me.xp ORDER BY b.xp DESC, b.reached_at, b.user_id LIMIT $5)
UNION ALL
(SELECT 'rank', NULL, NULL, me.xp, me.reached_at,
   (SELECT count(*) FROM board_scores b WHERE ${visible} AND b.xp > me.xp)
 + (SELECT count(*) FROM board_scores b WHERE ${visible} AND ${tieAhead}) FROM me)
UNION ALL
(SELECT 'self', u.id, coalesce(p.alias, u.name), 0, 0, coalesce(p.hidden, 0)::bigint
  FROM users u LEFT JOIN board_profiles p ON p.user_id = u.id WHERE u.id = $3)`;

function compareBoardRows(a: BoardPartRow, b: BoardPartRow): number {
  return b.xp - a.xp || a.reached_at - b.reached_at || (a.user_id < b.user_id ? -1 : 1);
}

function toLine(rank: number, r: BoardLineRow): BoardLine {
  return { rank, userId: r.user_id, displayName: r.display_name, xp: r.xp };
}

interface KudosRow {
  id: string;
  from_name: string;
  to_name: string;
  reason: KudosView['reason'];
  message: string;
  created_at: number;
}
function toKudosView(r: KudosRow): KudosView {
  return {
    id: r.id,
    fromName: r.from_name,
    toName: r.to_name,
    reason: r.reason,
    message: r.message,
    createdAt: r.created_at,
  };
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
    async contentSignature() {
      return contentSignatureOf((await pool.query<{ part: string }>(CONTENT_SIGNATURE)).rows);
    },
    async getModule(id) {
      const { rows } = await pool.query<{ body: string }>(
        'SELECT body FROM content_modules WHERE id = $1',
        [id],
      );
      return rows[0] && (JSON.parse(rows[0].body) as LearningModule);
    },
    async ingest(userId, events, aggregate) {
      if (events.length === 0) return [];
      return transaction(async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_INGEST, userId]);
        const inserted = await client.query<{ id: string }>(
          `INSERT INTO events (${EVENT_COLUMNS.join(', ')})
           VALUES ${eventValues(events.length, (n) => `$${n + 1}`)}
           ON CONFLICT DO NOTHING RETURNING id`,
          eventParams(userId, events),
        );
        const { firsts, others } = insertedFirsts(
          events,
          inserted.rows.map((r) => r.id),
        );
        const stored = new Map<string, StoredEvent>();
        if (others.length)
          for (const row of (
            await client.query<StoredEvent & { id: string }>(
              'SELECT id, user_id, body FROM events WHERE id = ANY($1)',
              [others],
            )
          ).rows)
            stored.set(row.id, row);
        const results = batchResults(userId, events, firsts, stored);
        if (aggregate)
          await aggregateUser(client, userId, acceptedEvents(events, results), aggregate);
        return results;
      });
    },
    async userEvents(userId, types) {
      return readUserEvents(pool, userId, types);
    },
    async getCohort(id) {
      const { rows } = await pool.query<{ id: string; orgId: string; name: string; tz: string }>(
        'SELECT id, org_id AS "orgId", name, tz FROM cohorts WHERE id = $1',
        [id],
      );
      return rows[0];
    },
    async managesCohortMember(managerId, cohortId) {
      const { rowCount } = await pool.query(
        `SELECT 1 FROM cohort_members m JOIN users u ON u.id = m.user_id
         WHERE m.cohort_id = $1 AND u.manager_id = $2 AND u.active = 1 LIMIT 1`,
        [cohortId, managerId],
      );
      return rowCount === 1;
    },
    async getLedger(userId) {
      const { rows } = await pool.query<{ ledger: string }>(
        'SELECT ledger FROM progress_ledgers WHERE user_id = $1',
        [userId],
      );
      return rows[0]?.ledger;
    },
    async leaderboard(q) {
      // One round trip: the top, my rank, the rows either side of me and my own name.
      // A named statement: each connection plans this query once, not on every read.
      const { rows } = await pool.query<BoardPartRow>({
        name: 'kindling_leaderboard_v1',
        text: boardQuerySql,
        values: [q.cohortId, q.period, q.userId, q.top, q.around],
      });
      const part = (name: BoardPartRow['part']) =>
        rows.filter((r) => r.part === name).sort(compareBoardRows);
      const [mine] = part('rank');
      const [self] = part('self');
      const rank = mine!.n + 1;
      const xp = mine!.xp;
      return {
        entries: part('top').map((r, i) => toLine(i + 1, r)),
        around: [
          ...part('before')
            .slice(-q.around)
            .map((r, i, all) => toLine(rank - all.length + i, r)),
          { rank, userId: q.userId, displayName: self?.display_name ?? '', xp },
          ...part('after')
            .slice(0, q.around)
            .map((r, i) => toLine(rank + 1 + i, r)),
        ],
        me: { rank, xp, hidden: self?.n === 1 },
      };
    },
    async getBoardProfile(userId) {
      const { rows } = await pool.query<{ alias: string | null; hidden: number }>(
        'SELECT alias, hidden FROM board_profiles WHERE user_id = $1',
        [userId],
      );
      return { alias: rows[0]?.alias ?? null, hidden: rows[0]?.hidden === 1 };
    },
    async setBoardProfile(userId, profile) {
      const hidden = profile.hidden ? 1 : 0;
      await transaction(async (client) => {
        await client.query(
          `INSERT INTO board_profiles (user_id, alias, hidden) VALUES ($1, $2, $3)
           ON CONFLICT (user_id) DO UPDATE SET alias = excluded.alias, hidden = excluded.hidden`,
          [userId, profile.alias, hidden],
        );
        await client.query('UPDATE board_scores SET hidden = $1 WHERE user_id = $2', [
          hidden,
          userId,
        ]);
      });
    },
    async cohortLessons(cohortId, week) {
      const { rows } = await pool.query<{ n: number }>(
        'SELECT coalesce(sum(lessons), 0)::bigint AS n FROM board_scores WHERE cohort_id = $1 AND period = $2',
        [cohortId, week],
      );
      return rows[0]!.n;
    },
    async orgPeople(orgId) {
      return (
        await pool.query<{ id: string; name: string }>(
          `SELECT id, name FROM users WHERE org_id = $1 AND active = 1 ORDER BY name, id LIMIT 500`,
          [orgId],
        )
      ).rows;
    },
    async addKudos(k) {
      await pool.query(
        `INSERT INTO kudos (id, org_id, from_user, to_user, reason, message, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [k.id, k.orgId, k.fromUser, k.toUser, k.reason, k.message, k.createdAt],
      );
    },
    async kudosSentSince(fromUser, since) {
      return (
        await pool.query<{ n: number }>(
          `SELECT count(*) AS n FROM kudos WHERE from_user = $1 AND created_at >= $2`,
          [fromUser, since],
        )
      ).rows[0]!.n;
    },
    async kudosReceived(userId, limit) {
      return (
        await pool.query<KudosRow>(
          `SELECT k.id, f.name AS from_name, t.name AS to_name, k.reason, k.message, k.created_at FROM kudos k JOIN users f ON f.id = k.from_user JOIN users t ON t.id = k.to_user WHERE k.to_user = $1 ORDER BY k.created_at DESC, k.id LIMIT $2`,
          [userId, limit],
        )
      ).rows.map(toKudosView);
    },
    async kudosReceivedCount(userId) {
      return (
        await pool.query<{ n: number }>(`SELECT count(*) AS n FROM kudos WHERE to_user = $1`, [
          userId,
        ])
      ).rows[0]!.n;
    },
    async cohortFeed(cohortId, limit) {
      return (
        await pool.query<KudosRow>(
          `SELECT k.id, f.name AS from_name, t.name AS to_name, k.reason, k.message, k.created_at FROM cohort_members m JOIN kudos k ON k.to_user = m.user_id JOIN users f ON f.id = k.from_user JOIN users t ON t.id = k.to_user WHERE m.cohort_id = $1 ORDER BY k.created_at DESC, k.id LIMIT $2`,
          [cohortId, limit],
        )
      ).rows.map(toKudosView);
    },
    async addRecommendation(r) {
      return (
        (
          await pool.query(
            `INSERT INTO recommendations (id, from_user, to_user, module_id, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
            [r.id, r.fromUser, r.toUser, r.moduleId, r.createdAt],
          )
        ).rowCount === 1
      );
    },
    async recommendationsFor(userId) {
      const { rows } = await pool.query<{
        module_id: string;
        from_name: string;
        created_at: number;
      }>(
        `SELECT r.module_id, u.name AS from_name, r.created_at FROM recommendations r JOIN users u ON u.id = r.from_user WHERE r.to_user = $1 ORDER BY r.created_at DESC, r.id LIMIT 20`,
        [userId],
      );
      return rows.map((r) => ({
        moduleId: r.module_id,
        fromName: r.from_name,
        createdAt: r.created_at,
      }));
    },
    async exclusive(name, fn) {
      // A session lock on one pooled connection, held while `fn` works through the pool; keyed
      // by schema like the migration lock. A dropped connection releases it.
      const client = await pool.connect();
      const key = [LOCK_EXCLUSIVE, `${name}:${schema ?? ''}`];
      let broken: Error | undefined;
      try {
        await client.query('SELECT pg_advisory_lock($1, hashtext($2))', key);
        try {
          return await fn();
        } finally {
          await client
            .query('SELECT pg_advisory_unlock($1, hashtext($2))', key)
            .catch((e: Error) => (broken = e));
        }
      } finally {
        client.release(broken);
      }
    },
    exportRows(table) {
      return pagedRows(
        table,
        (i) => `$${i + 1}`,
        async (sql, params) => (await pool.query<Record<string, unknown>>(sql, params)).rows,
      );
    },
    async importRows(source) {
      // Not `transaction()`: a retry could not replay a half-read source, and an import into an
      // empty database has nothing to deadlock with.
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const counts = await importInto(
          {
            async insert(table, columns, rows) {
              const values = rows.map(
                (row, r) => `(${row.map((_, c) => `$${r * columns.length + c + 1}`).join(', ')})`,
              );
              await client.query(
                `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values.join(', ')}`,
                rows.flat(),
              );
            },
            async update(table, key, columns, rows) {
              const sql = `UPDATE ${table} SET ${columns.map((c, i) => `${c} = $${key.length + i + 1}`).join(', ')} WHERE ${key.map((k, i) => `${k} = $${i + 1}`).join(' AND ')}`;
              for (const row of rows) await client.query(sql, row);
            },
          },
          source,
        );
        await client.query('COMMIT');
        return counts;
      } catch (err) {
        await client.query('ROLLBACK').catch((e: Error) => (broken = e));
        throw err;
      } finally {
        client.release(broken);
      }
    },
    async setChallenge(c) {
      await pool.query(
        `INSERT INTO cohort_challenges (cohort_id, week, goal, set_by) VALUES ($1, $2, $3, $4) ON CONFLICT (cohort_id, week) DO UPDATE SET goal = excluded.goal, set_by = excluded.set_by`,
        [c.cohortId, c.week, c.goal, c.setBy],
      );
    },
    async getChallenge(cohortId, week) {
      return (
        await pool.query<{ goal: number }>(
          `SELECT goal FROM cohort_challenges WHERE cohort_id = $1 AND week = $2`,
          [cohortId, week],
        )
      ).rows[0]?.goal;
    },
    async savePushSubscription(s) {
      await pool.query(
        `INSERT INTO push_subscriptions (endpoint, user_id, device_id, p256dh, auth, created_at, locale) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (endpoint) DO UPDATE SET user_id = excluded.user_id, device_id = excluded.device_id, p256dh = excluded.p256dh, auth = excluded.auth, locale = excluded.locale`,
        [s.endpoint, s.userId, s.deviceId, s.p256dh, s.auth, s.createdAt, s.locale],
      );
    },
    async deletePushSubscription(endpoint, userId) {
      await pool.query(
        'DELETE FROM push_subscriptions WHERE endpoint = $1 AND ($2::text IS NULL OR user_id = $2)',
        [endpoint, userId ?? null],
      );
    },
    async reminderTargets() {
      return (
        await pool.query<PushRow>(
          `SELECT s.endpoint, s.user_id, s.device_id, s.p256dh, s.auth, s.created_at, s.last_reminded_on, s.locale, u.tz FROM push_subscriptions s JOIN users u ON u.id = s.user_id WHERE u.active = 1 ORDER BY s.endpoint`,
        )
      ).rows.map(toPushTarget);
    },
    async claimReminder(endpoint, day) {
      const { rowCount } = await pool.query(
        `UPDATE push_subscriptions SET last_reminded_on = $1 WHERE endpoint = $2 AND (last_reminded_on IS NULL OR last_reminded_on <> $1)`,
        [day, endpoint],
      );
      return rowCount === 1;
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
    ...peopleMethods(postgresDriver(pool, transaction)),
  };
}

/** `?` → `$n`; the people SQL never has a `?` inside a string literal. */
const numbered = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

function postgresDriver(
  pool: pg.Pool,
  transaction: <T>(fn: (client: pg.PoolClient) => Promise<T>) => Promise<T>,
): SqlDriver {
  return {
    dialect: 'postgres',
    async all<T>(sql: string, ...args: unknown[]) {
      return (await pool.query(numbered(sql), args)).rows as T[];
    },
    async run(sql, ...args) {
      return (await pool.query(numbered(sql), args)).rowCount ?? 0;
    },
    async batch(statements) {
      await transaction(async (client) => {
        for (const [sql, ...args] of statements) await client.query(numbered(sql), args);
      });
    },
  };
}

async function readUserEvents(
  db: pg.Pool | pg.PoolClient,
  userId: string,
  types?: readonly EventType[],
): Promise<ProgressEvent[]> {
  const { rows } = await db.query<{ body: string; corrected_at: number }>(
    types
      ? `SELECT body, corrected_at FROM events WHERE user_id = $1 AND type = ANY($2::text[])
         ORDER BY corrected_at, id`
      : 'SELECT body, corrected_at FROM events WHERE user_id = $1 ORDER BY corrected_at, id',
    types ? [userId, types] : [userId],
  );
  return rows.map((r) => ({
    ...(JSON.parse(r.body) as ProgressEvent),
    occurredAt: new Date(r.corrected_at).toISOString(),
  }));
}

// Must run inside the ingest transaction (after the per-user lock): the ledger and board rows
// commit with the events, and concurrent syncs of one user cannot interleave their read-modify-write.
async function aggregateUser(
  client: pg.PoolClient,
  userId: string,
  accepted: ProgressEvent[],
  aggregate: Aggregate,
): Promise<void> {
  const { rows } = await client.query<{ ledger: string }>(
    'SELECT ledger FROM progress_ledgers WHERE user_id = $1',
    [userId],
  );
  const previous = rows[0]?.ledger;
  if (previous !== undefined && accepted.length === 0) return;
  const events = previous === undefined ? await readUserEvents(client, userId) : accepted;
  const now = Date.now();
  const out = aggregate(previous, events);
  await client.query(
    `INSERT INTO progress_ledgers (user_id, ledger, updated_at) VALUES ($1, $2, $3)
     ON CONFLICT (user_id) DO UPDATE SET ledger = excluded.ledger, updated_at = excluded.updated_at`,
    [userId, out.ledger, now],
  );
  for (const r of out.remove)
    await client.query(
      'DELETE FROM board_scores WHERE cohort_id = $1 AND period = $2 AND user_id = $3',
      [r.cohortId, r.period, userId],
    );
  for (const r of out.upsert)
    await client.query(
      `INSERT INTO board_scores (cohort_id, period, user_id, xp, lessons, reached_at, hidden, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, coalesce((SELECT hidden FROM board_profiles WHERE user_id = $3), 0), $7)
       ON CONFLICT (cohort_id, period, user_id) DO UPDATE SET xp = excluded.xp,
         lessons = excluded.lessons, reached_at = excluded.reached_at, updated_at = excluded.updated_at`,
      [r.cohortId, r.period, userId, r.xp, r.lessons, r.reachedAt, now],
    );
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
