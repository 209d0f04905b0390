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
 *   the same few round trips whatever its size. Inserted → `accepted`. Otherwise one fresh
 *   READ COMMITTED statement reads the stored rows: same user and same
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
import { peopleMethods, type SqlDriver } from './people-sql';
import type { Store, User } from './store';
import { importInto, pagedRows } from './tables';

/** First half of the two-part advisory lock keys, so ours never clash with other users of the database. */
const LOCK_MIGRATE = 0x4b4e0001;
const LOCK_INGEST = 0x4b4e0002;
const LOCK_EXCLUSIVE = 0x4b4e0003;
const EVENT_COLUMNS = [
  'id',
  'user_id',
  'device_id',
  'seq',
  'type',
  'occurred_at',
  'corrected_at',
  'received_at',
  'body',
];
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
      if (events.length === 0) return [];
      return transaction(async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_INGEST, userId]);
        // The whole batch in one statement; rows are inserted in batch order, so a repeat of an
        // id (or of a device + seq) within the batch is skipped exactly as a later send would be.
        const values = events.map(
          (_, i) =>
            `(${EVENT_COLUMNS.map((_c, c) => `$${i * EVENT_COLUMNS.length + c + 1}`).join(', ')})`,
        );
        const inserted = await client.query<{ id: string }>(
          `INSERT INTO events (${EVENT_COLUMNS.join(', ')}) VALUES ${values.join(', ')}
           ON CONFLICT DO NOTHING RETURNING id`,
          events.flatMap(({ event, canonical, correctedAt, receivedAt }) => [
            event.id,
            userId,
            event.deviceId,
            event.seq,
            event.type,
            event.occurredAt,
            correctedAt,
            receivedAt,
            canonical,
          ]),
        );
        const fresh = new Set(inserted.rows.map((r) => r.id));
        const accepted = new Set<string>();
        const isAccepted = (id: string) => fresh.has(id) && !accepted.has(id) && !!accepted.add(id);
        const firsts = events.map(({ event }) => isAccepted(event.id));
        const others = events.filter((_, i) => !firsts[i]).map(({ event }) => event.id);
        const stored = new Map<string, { user_id: string; body: string }>();
        if (others.length)
          for (const row of (
            await client.query<{ id: string; user_id: string; body: string }>(
              'SELECT id, user_id, body FROM events WHERE id = ANY($1)',
              [others],
            )
          ).rows)
            stored.set(row.id, row);
        return events.map(({ event, canonical }, i): SyncResult => {
          if (firsts[i]) return { id: event.id, status: 'accepted' };
          const row = stored.get(event.id);
          if (row && row.user_id === userId && row.body === canonical)
            return { id: event.id, status: 'duplicate' };
          return {
            id: event.id,
            status: 'rejected',
            reason: 'conflict',
            message: row
              ? 'this event id was already stored with other content'
              : 'this device sequence number was already used',
          };
        });
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
