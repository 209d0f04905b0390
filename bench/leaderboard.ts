/**
 * Leaderboard benchmark (issue 6), printing JSON. Scale: an organisation of 100,000 learners in
 * 20 cohorts of 5,000 with 10 million events: each learner's 100 events over 12 weeks (lessons
 * started, cards viewed, quizzes answered, lessons completed — some too fast to count — and
 * review answers) go through `store.ingest` with the real aggregate, one transaction per learner,
 * so the SQLite board rows are exactly what ingest keeps. PostgreSQL gets the same board rows
 * copied over (ingesting 10M events there again would only re-measure ingest); the read path
 * ("top 20 + me + me ± 2") only ever touches these rows.
 *
 * Measured in the same run:
 * 1. `store.leaderboard()` on SQLite (and PostgreSQL when reachable) for the current week of one
 *    5,000-member cohort, for random members: p50 / p95 in ms. PostgreSQL answers from the board
 *    each process keeps (store/board-cache.ts) after one statement checks its version.
 * 2. The same question of Redis sorted sets (bench/redis-board.ts), taking turns with PostgreSQL
 *    read by read; then both again while another connection writes to both 40 times a second.
 *    `EXPLAIN ANALYZE` of PostgreSQL's statements is printed.
 * 3. Ingest throughput (events/s) of `store.ingest` with the aggregates on vs off, on the same
 *    big SQLite database, 10-event batches of distinct lessons per learner.
 *
 * Run: npx tsx bench/leaderboard.ts   (BENCH_SMALL=1 for a 10x smaller run; BENCH_LEARNERS=n;
 * BENCH_READS_ONLY=1 writes the board rows straight and skips both ingest figures)
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { ProgressEvent } from '../src/core/events';
import { weekKey } from '../src/core/leaderboard';
import { uuidv7 } from '../src/core/uuidv7';
import { progressAggregate } from '../src/server/progress-aggregate';
import { openStore } from '../src/server/store/store';
import type { IncomingEvent, Store } from '../src/server/store/store';
import { seededRandom } from './random';
import { redisBoard, type Reader, type RedisBoard } from './redis-board';

const SMALL = process.env.BENCH_SMALL === '1';
const LEARNERS = Number(process.env.BENCH_LEARNERS ?? (SMALL ? 10_000 : 100_000));
const COHORT_SIZE = SMALL ? 500 : 5_000;
const WEEKS = 12;
const EVENTS_PER_LEARNER = 100;
/** Synthetic content: 200 lessons of 4 minutes, each with one quiz question whose key is `a`. */
const LESSONS = 200;
const lookup = (id: string) =>
  id.startsWith('m.') ? { estimateMinutes: 4, quiz: { q1: ['a'] } } : undefined;
const READS = SMALL ? 300 : 2_000;
const READS_ONLY = process.env.BENCH_READS_ONLY === '1';
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
const cohortOf = (i: number) => `cohort-${Math.floor(i / COHORT_SIZE)}`;
const userId = (i: number) => `user-${String(i).padStart(6, '0')}`;

/**
 * One learner's events: 16 lessons over the 12 weeks (started, 3 cards viewed, a quiz answer,
 * completed; one in eight completed too fast to earn XP) and 4 review answers: 100 events.
 */
function learnerEvents(i: number, random: () => number): IncomingEvent[] {
  const events: IncomingEvent[] = [];
  const deviceId = `device-${userId(i)}`;
  const push = (at: number, body: Record<string, unknown>) => {
    const event = {
      id: uuidv7(() => at),
      occurredAt: new Date(at).toISOString(),
      tz: TZ,
      deviceId,
      seq: events.length + 1,
      ...body,
    } as ProgressEvent;
    events.push({ event, body: JSON.stringify(event), correctedAt: at, receivedAt: NOW });
  };
  for (let k = 0; k < 16; k++) {
    const lessonId = `m.l${Math.floor(random() * LESSONS)}`;
    const start = NOW - Math.floor(random() * WEEKS * 7 * 86_400_000);
    push(start, { type: 'lesson_started', lessonId });
    for (let c = 0; c < 3; c++)
      push(start + (c + 1) * 30_000, { type: 'card_viewed', lessonId, cardId: `c${c}` });
    const answer = random() < 0.7 ? 'a' : 'b';
    push(start + 120_000, { type: 'quiz_answered', lessonId, cardId: 'q1', answerIds: [answer] });
    const durationMs = random() < 0.125 ? 20_000 : 180_000 + Math.floor(random() * 120_000);
    push(start + 130_000, { type: 'lesson_completed', lessonId, durationMs });
  }
  for (let r = 0; r < EVENTS_PER_LEARNER - 96; r++) {
    const lessonId = `m.l${Math.floor(random() * LESSONS)}`;
    const at = NOW - Math.floor(random() * WEEKS * 7 * 86_400_000);
    push(at, { type: 'review_answered', lessonId, cardId: 'q1', answerIds: ['a'] });
  }
  return events;
}

async function seedPeople(store: Store, insert: (sql: string, rows: unknown[][]) => Promise<void>) {
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
}

/**
 * BENCH_READS_ONLY=1: board rows written straight (a week's XP and lessons per learner, a tie
 * now and then), no events: the read comparison in seconds instead of the ingest's many minutes.
 */
function writeBoardRows(raw: Database.Database): number {
  const random = seededRandom(42);
  const insert = raw.prepare(
    `INSERT INTO board_scores (${BOARD_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  raw.transaction(() => {
    for (let i = 0; i < LEARNERS; i++) {
      const lessons = Math.floor(random() * 12);
      const reachedAt = NOW - Math.floor(random() * 6 * 86_400_000);
      insert.run(cohortOf(i), THIS_WEEK, userId(i), lessons * 10, lessons, reachedAt, reachedAt);
    }
  })();
  return 0;
}

/** Every learner's events through store.ingest with the real aggregate; returns the event count. */
async function ingestAll(store: Store): Promise<number> {
  const random = seededRandom(42);
  let count = 0;
  for (let i = 0; i < LEARNERS; i++) {
    const cohort = { id: cohortOf(i), orgId: 'big-org', name: cohortOf(i), tz: TZ };
    const events = learnerEvents(i, random);
    const results = await store.ingest(userId(i), events, progressAggregate(lookup, [cohort]));
    count += results.filter((r) => r.status === 'accepted').length;
    if (i % 10_000 === 9_999) console.error(`ingested ${count} events (${i + 1} learners)`);
  }
  return count;
}

const BOARD_COLUMNS = 'cohort_id, period, user_id, xp, lessons, reached_at, updated_at';

/** A board read through the store: the top 20, my rank and me ± 2 in cohort-0 this week. */
const storeReader =
  (store: Store): Reader =>
  async (me) => {
    const board = await store.leaderboard({
      cohortId: 'cohort-0',
      period: THIS_WEEK,
      userId: me,
      top: 20,
      around: 2,
    });
    if (board.entries.length !== 20) throw new Error('board too small');
  };

/**
 * READS reads by random members of cohort-0 (after 50 to warm up) through each reader, taking
 * turns read by read, so every reader sees the same load on a shared machine.
 */
async function timeReads(...readers: Reader[]): Promise<Array<ReturnType<typeof summary>>> {
  const random = seededRandom(7);
  const ms: number[][] = readers.map(() => []);
  for (let i = 0; i < READS + 50; i++) {
    const me = userId(Math.floor(random() * COHORT_SIZE));
    for (const [r, read] of readers.entries()) {
      const t = performance.now();
      await read(me);
      if (i >= 50) ms[r]!.push(performance.now() - t);
    }
  }
  return ms.map(summary);
}

/**
 * The floor under any PostgreSQL read from this process: `SELECT 1` through node-postgres's pool,
 * as many times as the board is read. The board read takes two such round trips.
 */
async function timeRoundTrips(): Promise<ReturnType<typeof summary>> {
  const pool = new pg.Pool({ connectionString: PG_URL, max: 1 });
  const ms: number[] = [];
  try {
    for (let i = 0; i < READS + 50; i++) {
      const t = performance.now();
      await pool.query({ name: 'one', text: 'SELECT 1' });
      if (i >= 50) ms.push(performance.now() - t);
    }
  } finally {
    await pool.end();
  }
  return summary(ms);
}

async function sqliteBench(dir: string) {
  const file = join(dir, 'bench.db');
  const store = await openStore({ dialect: 'sqlite', file });
  const raw = new Database(file);
  const t = performance.now();
  await seedPeople(store, async (sql, values) => {
    const stmt = raw.prepare(sql);
    raw.transaction(() => values.forEach((v) => stmt.run(...v)))();
  });
  const events = READS_ONLY ? writeBoardRows(raw) : await ingestAll(store);
  const seedMs = performance.now() - t;
  raw.exec('ANALYZE');
  const rows = raw.prepare(`SELECT ${BOARD_COLUMNS} FROM board_scores`).raw().all() as unknown[][];
  const stored = (raw.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
  raw.close();
  const [reads] = await timeReads(storeReader(store));
  return {
    store,
    rows,
    events: stored,
    accepted: events,
    ingestSeconds: +(seedMs / 1000).toFixed(1),
    reads: reads!,
  };
}

async function postgresBench(boardRows: unknown[][], redis: RedisBoard) {
  const schema = `kindling_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch {
    return { skipped: `PostgreSQL not reachable at ${PG_URL}` };
  }
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  const store = await openStore({ dialect: 'postgres', url: PG_URL, schema });
  try {
    await admin.query(`SET search_path = ${schema}`);
    const insert = async (sql: string, values: unknown[][]) => {
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
    };
    await seedPeople(store, insert);
    await insert(
      `INSERT INTO board_scores (${BOARD_COLUMNS}) VALUES (${BOARD_COLUMNS.split(',').map(() => '?')})`,
      boardRows,
    );
    // Steady state, as autovacuum leaves it: visibility map set, so index-only scans skip the heap.
    await admin.query('VACUUM ANALYZE');
    const [reads, redisReads] = await timeReads(storeReader(store), redis.read);
    // Another process writing to the same board 40 times a second (a 5,000-member cohort where
    // each learner finishes two lessons a working day writes about once in three seconds), to
    // both: each write moves the board's version, so a read after it fetches the rows written since.
    const random = seededRandom(11);
    let writes = 0;
    const writer = setInterval(() => {
      const member = userId(Math.floor(random() * COHORT_SIZE));
      const xp = 10 * (1 + Math.floor(random() * 12));
      void Promise.all([
        admin.query(
          `UPDATE board_scores SET xp = $1, reached_at = $2
           WHERE cohort_id = 'cohort-0' AND period = $3 AND user_id = $4`,
          [xp, NOW + writes, THIS_WEEK, member],
        ),
        redis.write(member, xp, NOW + writes),
      ]).then(() => writes++);
    }, 25);
    const [whileWriting, redisWhileWriting] = await timeReads(storeReader(store), redis.read);
    clearInterval(writer);
    const roundTrip = await timeRoundTrips();
    const plan = await store.explainLeaderboard({
      cohortId: 'cohort-0',
      period: THIS_WEEK,
      userId: userId(Math.floor(COHORT_SIZE / 2)),
      top: 20,
      around: 2,
    });
    return {
      rows: boardRows.length,
      reads: reads!,
      redis: redisReads!,
      whileWriting: { postgres: whileWriting!, redis: redisWhileWriting!, writes },
      roundTrip,
      plan,
    };
  } finally {
    await store.close();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  }
}

/** Events/s of store.ingest, 10-event batches, with or without the aggregates. */
async function ingestBench(store: Store, aggregates: boolean, firstUser: number, batches: number) {
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
      return { event, body: JSON.stringify(event), correctedAt: at, receivedAt: NOW };
    });
    await store.ingest(user, events, aggregates ? aggregate : undefined);
  }
  return Math.round((batches * 10) / ((performance.now() - t) / 1000));
}

const dir = mkdtempSync(join(tmpdir(), 'kindling-bench-'));
try {
  const sqlite = await sqliteBench(dir);
  const redis = await redisBoard(sqlite.rows, 'cohort-0', THIS_WEEK).catch(() => undefined);
  const postgres =
    process.env.BENCH_SKIP_POSTGRES === '1'
      ? { skipped: 'BENCH_SKIP_POSTGRES=1' }
      : !redis
        ? { skipped: 'Redis not reachable at 127.0.0.1:6379' }
        : await postgresBench(sqlite.rows, redis);
  await redis?.close();
  const batches = READS_ONLY ? 0 : SMALL ? 200 : 1000;
  // Alternate the two so neither gets a warmer cache; distinct learners for each.
  const off1 = await ingestBench(sqlite.store, false, 0, batches / 2);
  const on1 = await ingestBench(sqlite.store, true, 1000, batches / 2);
  const off2 = await ingestBench(sqlite.store, false, 2000, batches / 2);
  const on2 = await ingestBench(sqlite.store, true, 3000, batches / 2);
  await sqlite.store.close();
  const off = Math.round((off1 + off2) / 2);
  const on = Math.round((on1 + on2) / 2);
  console.log(
    JSON.stringify(
      {
        scale: {
          learners: LEARNERS,
          cohortMembers: COHORT_SIZE,
          weeks: WEEKS,
          events: sqlite.events,
          boardRows: sqlite.rows.length,
          sqliteIngestSeconds: sqlite.ingestSeconds,
          note: 'SQLite: every event through store.ingest with the aggregates; PostgreSQL: the same board rows copied',
        },
        leaderboardRead: {
          question: 'top 20 + my rank + me ± 2, current week, one 5,000-member cohort',
          sqlite: sqlite.reads,
          ...(postgres.plan
            ? {
                postgres: postgres.reads,
                redis: postgres.redis,
                postgresP50OverRedisP50: +(postgres.reads.p50 / postgres.redis.p50).toFixed(2),
                postgresP95OverRedisP95: +(postgres.reads.p95 / postgres.redis.p95).toFixed(2),
                whileWriting: {
                  ...postgres.whileWriting,
                  postgresP95OverRedisP95: +(
                    postgres.whileWriting.postgres.p95 / postgres.whileWriting.redis.p95
                  ).toFixed(2),
                },
                postgresRoundTrip: postgres.roundTrip,
                roundTripP95OverRedisP95: +(postgres.roundTrip.p95 / postgres.redis.p95).toFixed(2),
                postgresPlan: postgres.plan,
              }
            : { postgres }),
        },
        ingest: READS_ONLY
          ? { skipped: 'BENCH_READS_ONLY=1' }
          : {
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
