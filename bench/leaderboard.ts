/**
 * Leaderboard benchmark (issue 6). Prints JSON.
 *
 * Scale: an organisation of 100,000 learners in 20 cohorts of 5,000, each learner with an
 * all-time row and 12 weekly rows (1.3 million board rows). Rather than ingesting 10 million raw
 * events, the aggregate rows are INSERTED DIRECTLY with the schema and indexes ingest keeps — the
 * read path ("top 20 + me + me ± 2") only ever touches these rows, never events.
 *
 * Measured in the same run:
 * 1. `store.leaderboard()` on SQLite (and PostgreSQL when reachable) for the current week of one
 *    5,000-member cohort, for random members: p50 / p95 in ms.
 * 2. The same question of Redis sorted sets at 127.0.0.1:6379: ZREVRANGE 0 19 + ZREVRANK +
 *    ZSCORE + ZREVRANGE around me, pipelined in one round trip (no names: Redis holds only ids).
 * 3. Ingest throughput (events/s) of `store.ingest` with the aggregates on vs off, on the same
 *    big SQLite database, 10-event batches of distinct lessons per learner.
 *
 * Run: npx tsx bench/leaderboard.ts   (BENCH_SMALL=1 for a quick 10x smaller run)
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { addDays } from '../src/core/calendar';
import type { ProgressEvent } from '../src/core/events';
import { weekKey } from '../src/core/leaderboard';
import { canonicalEvent } from '../src/core/sync';
import { uuidv7 } from '../src/core/uuidv7';
import { progressAggregate } from '../src/server/progress-aggregate';
import { openPostgresStore } from '../src/server/store/postgres';
import { openSqliteStore } from '../src/server/store/sqlite';
import type { IncomingEvent, Store } from '../src/server/store/store';
import { connectResp } from './resp';

const SMALL = process.env.BENCH_SMALL === '1';
const LEARNERS = SMALL ? 10_000 : 100_000;
const COHORT_SIZE = SMALL ? 500 : 5_000;
const WEEKS = 12;
const READS = SMALL ? 300 : 2_000;
const NOW = Date.parse('2026-11-25T11:00:00Z');
const TZ = 'Europe/Berlin';
const THIS_WEEK = weekKey(NOW, TZ);
const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
function summary(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  return { p50: +percentile(s, 50).toFixed(3), p95: +percentile(s, 95).toFixed(3), n: s.length };
}
/** Deterministic pseudo-random numbers, so every store sees the same data. */
function rng(seed: number) {
  return () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}
const cohortOf = (i: number) => `cohort-${Math.floor(i / COHORT_SIZE)}`;
const userId = (i: number) => `user-${String(i).padStart(6, '0')}`;

/** Every board row: (cohort, period, user, xp, lessons, reachedAt). */
function* boardRows(): Generator<[string, string, string, number, number, number]> {
  const random = rng(42);
  for (let i = 0; i < LEARNERS; i++) {
    let total = 0;
    let last = 0;
    for (let w = WEEKS - 1; w >= 0; w--) {
      const lessons = Math.floor(random() * 8);
      if (lessons === 0) continue;
      const xp = lessons * 10 + Math.floor(random() * 5 * lessons);
      const reachedAt = NOW - w * 7 * 86_400_000 - Math.floor(random() * 86_400_000);
      total += xp;
      last = Math.max(last, reachedAt);
      yield [cohortOf(i), addDays(THIS_WEEK, -7 * w), userId(i), xp, lessons, reachedAt];
    }
    if (total > 0) yield [cohortOf(i), 'all', userId(i), total, 0, last];
  }
}

async function seed(store: Store, insert: (sql: string, rows: unknown[][]) => Promise<void>) {
  await store.createOrg({ id: 'big-org', name: 'Big Org' });
  for (let c = 0; c < LEARNERS / COHORT_SIZE; c++)
    await store.createCohort({ id: `cohort-${c}`, orgId: 'big-org', name: `Cohort ${c}`, tz: TZ });
  const users: unknown[][] = [];
  const members: unknown[][] = [];
  for (let i = 0; i < LEARNERS; i++) {
    users.push([userId(i), 'big-org', `${userId(i)}@big.test`, `Learner ${i}`, 'learner', TZ, 'x']);
    members.push([cohortOf(i), userId(i)]);
  }
  await insert(
    'INSERT INTO users (id, org_id, email, name, role, tz, password_hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
    users,
  );
  await insert('INSERT INTO cohort_members (cohort_id, user_id) VALUES (?, ?)', members);
  const rows: unknown[][] = [];
  for (const r of boardRows()) rows.push([...r, NOW]);
  await insert(
    'INSERT INTO board_scores (cohort_id, period, user_id, xp, lessons, reached_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    rows,
  );
  return rows.length;
}

async function timeReads(store: Store): Promise<ReturnType<typeof summary>> {
  const random = rng(7);
  const ms: number[] = [];
  for (let i = 0; i < READS + 50; i++) {
    const me = userId(Math.floor(random() * COHORT_SIZE)); // members of cohort-0
    const t = performance.now();
    const board = await store.leaderboard({
      cohortId: 'cohort-0',
      period: THIS_WEEK,
      userId: me,
      top: 20,
      around: 2,
    });
    if (i >= 50) ms.push(performance.now() - t); // after warm-up
    if (board.entries.length !== 20) throw new Error('board too small');
  }
  return summary(ms);
}

async function sqliteBench(dir: string) {
  const file = join(dir, 'bench.db');
  const store = openSqliteStore(file);
  const raw = new Database(file);
  const t = performance.now();
  const rows = await seed(store, async (sql, values) => {
    const stmt = raw.prepare(sql);
    raw.transaction(() => values.forEach((v) => stmt.run(...v)))();
  });
  raw.exec('ANALYZE');
  raw.close();
  const seedMs = performance.now() - t;
  const reads = await timeReads(store);
  return { store, rows, seedSeconds: +(seedMs / 1000).toFixed(1), reads };
}

async function postgresBench() {
  const schema = `kindling_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch {
    return { skipped: `PostgreSQL not reachable at ${PG_URL}` };
  }
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  const store = await openPostgresStore(PG_URL, { schema });
  try {
    await admin.query(`SET search_path = ${schema}`);
    const rows = await seed(store, async (sql, values) => {
      const width = values[0]!.length;
      for (let i = 0; i < values.length; i += 5000) {
        const chunk = values.slice(i, i + 5000);
        const placeholders = chunk
          .map(
            (_, r) =>
              `(${Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`).join(', ')})`,
          )
          .join(', ');
        await admin.query(sql.replace(/VALUES \(.*\)$/, `VALUES ${placeholders}`), chunk.flat());
      }
    });
    // Steady state, as autovacuum leaves it: visibility map set, so index-only scans skip the heap.
    await admin.query('VACUUM ANALYZE');
    if (process.env.BENCH_EXPLAIN === '1') {
      const { rows: plan } = await admin.query(
        `EXPLAIN (ANALYZE, BUFFERS) SELECT count(*) FROM board_scores b WHERE b.cohort_id = 'cohort-0' AND b.period = $1 AND b.hidden = 0 AND b.xp > 20`,
        [THIS_WEEK],
      );
      console.error(plan.map((r: { 'QUERY PLAN': string }) => r['QUERY PLAN']).join('\n'));
    }
    return { rows, reads: await timeReads(store) };
  } finally {
    await store.close();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  }
}

async function redisBench() {
  let redis;
  try {
    redis = await connectResp();
  } catch {
    return { skipped: 'Redis not reachable at 127.0.0.1:6379' };
  }
  const key = `kindling:bench:${process.pid}:cohort-0:${THIS_WEEK}`;
  try {
    const members: Array<string | number> = [];
    for (const [cohort, period, user, xp, , reachedAt] of boardRows()) {
      if (cohort !== 'cohort-0' || period !== THIS_WEEK) continue;
      // Ties to whoever was first: a smaller fraction for a later instant.
      members.push(xp + (1 - reachedAt / 1e13), user);
    }
    for (let i = 0; i < members.length; i += 2000)
      await redis.pipeline([['ZADD', key, ...members.slice(i, i + 2000)]]);
    const random = rng(7);
    const ms: number[] = [];
    for (let i = 0; i < READS + 50; i++) {
      const me = userId(Math.floor(random() * COHORT_SIZE));
      const t = performance.now();
      const [top, rank] = await redis.pipeline([
        ['ZREVRANGE', key, 0, 19, 'WITHSCORES'],
        ['ZREVRANK', key, me],
        ['ZSCORE', key, me],
      ]);
      if (typeof rank === 'number')
        await redis.pipeline([['ZREVRANGE', key, Math.max(0, rank - 2), rank + 2, 'WITHSCORES']]);
      if (i >= 50) ms.push(performance.now() - t);
      if (!Array.isArray(top) || top.length !== 40) throw new Error('redis board too small');
    }
    return { members: members.length / 2, reads: summary(ms) };
  } finally {
    await redis.pipeline([['DEL', key]]);
    redis.close();
  }
}

/** Events/s of store.ingest, 10-event batches, with or without the aggregates. */
async function ingestBench(store: Store, aggregates: boolean, firstUser: number, batches: number) {
  const lookup = (id: string) =>
    id.startsWith('m.') ? { estimateMinutes: 4, quiz: {} } : undefined;
  const cohorts = [{ id: 'cohort-0', orgId: 'big-org', name: 'Cohort 0', tz: TZ }];
  const aggregate = progressAggregate(lookup, cohorts);
  let seq = 0;
  const t = performance.now();
  for (let b = 0; b < batches; b++) {
    const user = userId(firstUser + (b % 200));
    const events: IncomingEvent[] = Array.from({ length: 10 }, (_, i) => {
      seq++;
      const at = NOW - 86_400_000 * (i % 5) - seq;
      const event: ProgressEvent = {
        id: uuidv7(),
        type: 'lesson_completed',
        lessonId: `m.l${seq}`,
        durationMs: 240_000,
        occurredAt: new Date(at).toISOString(),
        tz: TZ,
        deviceId: `bench-${aggregates ? 'on' : 'off'}-${user}`,
        seq,
      };
      return { event, canonical: canonicalEvent(event), correctedAt: at, receivedAt: NOW };
    });
    await store.ingest(user, events, aggregates ? aggregate : undefined);
  }
  return Math.round((batches * 10) / ((performance.now() - t) / 1000));
}

const dir = mkdtempSync(join(tmpdir(), 'kindling-bench-'));
try {
  const sqlite = await sqliteBench(dir);
  const redis = await redisBench();
  const postgres =
    process.env.BENCH_SKIP_POSTGRES === '1'
      ? { skipped: 'BENCH_SKIP_POSTGRES=1' }
      : await postgresBench();
  const batches = SMALL ? 200 : 1000;
  // Alternate the two so neither gets a warmer cache; distinct learners for each.
  const off1 = await ingestBench(sqlite.store, false, 0, batches / 2);
  const on1 = await ingestBench(sqlite.store, true, 1000, batches / 2);
  const off2 = await ingestBench(sqlite.store, false, 2000, batches / 2);
  const on2 = await ingestBench(sqlite.store, true, 3000, batches / 2);
  await sqlite.store.close();
  const off = Math.round((off1 + off2) / 2);
  const on = Math.round((on1 + on2) / 2);
  const redisP50 = 'reads' in redis && redis.reads ? redis.reads.p50 : null;
  console.log(
    JSON.stringify(
      {
        scale: {
          learners: LEARNERS,
          cohortMembers: COHORT_SIZE,
          weeks: WEEKS,
          boardRows: sqlite.rows,
          note: 'aggregate rows inserted directly (not 10M raw events); reads touch only these rows',
        },
        leaderboardRead: {
          question: 'top 20 + my rank + me ± 2, current week, one 5,000-member cohort',
          sqlite: sqlite.reads,
          postgres: 'reads' in postgres ? postgres.reads : postgres,
          redis: 'reads' in redis ? redis.reads : redis,
          sqliteP50OverRedisP50: redisP50 ? +(sqlite.reads.p50 / redisP50).toFixed(2) : null,
        },
        ingest: {
          batch: 10,
          eventsPerSecondAggregatesOff: off,
          eventsPerSecondAggregatesOn: on,
          onOverOff: +(on / off).toFixed(2),
        },
      },
      null,
      2,
    ),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
