/**
 * Load bench: simulated learners syncing against real server processes on 127.0.0.1.
 *
 * Each learner is a loop: think 0–200 ms, then send one realistic batch (a lesson started, 1–3
 * cards viewed, the lesson completed: 3–5 events) to POST /api/v1/sync; one batch in ten is a
 * resend of the previous one (a lost answer on a train), which must come back as duplicates.
 * Scenarios: 100 and 1,000 concurrent learners, each for one process on SQLite, one process on
 * PostgreSQL and two processes on PostgreSQL (requests round-robin, as behind nginx).
 *
 * Printed as JSON: stored events/s, requests/s, p50/p95/p99 latency, errors, and the peak RSS of
 * each server process (the PostgreSQL server's own memory is not included), plus every scenario's
 * events/s as a ratio to one SQLite process at the same concurrency measured in the same run.
 * Learners and their sessions are written to the store before the processes start, so no scrypt
 * sign-ins distort the figures. Bounded: BENCH_SECONDS (default 10) per scenario.
 *
 *   npx tsx bench/load.ts            BENCH_SECONDS=15 BENCH_LEARNERS=100,1000 npx tsx bench/load.ts
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uuidv7 } from '../src/core/uuidv7';
import { hashToken, SESSION_COOKIE } from '../src/server/auth/session';
import { loadContentDir } from '../src/server/content/load';
import { openStore, type StoreTarget } from '../src/server/store/open';
import { freshPostgresSchema } from '../test/support/databases';
import { startApiProcess, type ApiProcess } from '../test/support/processes';
import { ROOT } from '../test/support/server';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const LEARNER_COUNTS = (process.env.BENCH_LEARNERS ?? '100,1000').split(',').map(Number);
const RESEND_SHARE = 0.1;

const lessons = loadContentDir(join(ROOT, 'content')).modules.flatMap((m) =>
  m.lessons.map((l) => ({ id: l.id, cards: l.cards.map((c) => c.id) })),
);

interface Learner {
  cookie: string;
  deviceId: string;
  seq: number;
  last?: string;
}

/** Writes `count` learners with live sessions into an empty store; returns their cookies. */
async function prepare(target: StoreTarget, count: number): Promise<Learner[]> {
  const store = await openStore(target);
  try {
    await store.createOrg({ id: 'bench', name: 'Bench Co' });
    await store.createCohort({ id: 'bench-all', orgId: 'bench', name: 'All', tz: 'Europe/Berlin' });
    const learners: Learner[] = [];
    for (let i = 0; i < count; i++) {
      const id = `bench-${i}`;
      await store.createUser({
        id,
        orgId: 'bench',
        email: `${id}@bench.test`,
        name: `Learner ${i}`,
        role: 'learner',
        managerId: null,
        tz: 'Europe/Berlin',
        passwordHash: 'not-a-hash', // nobody signs in with a password here
        cohortIds: ['bench-all'],
      });
      const token = randomBytes(32).toString('base64url');
      await store.createSession(hashToken(token), id, Date.now() + 86_400_000);
      learners.push({
        cookie: `${SESSION_COOKIE}=${token}`,
        deviceId: `bench-device-${i}`,
        seq: 0,
      });
    }
    return learners;
  } finally {
    await store.close();
  }
}

function batchFor(learner: Learner): string {
  const lesson = lessons[Math.floor(Math.random() * lessons.length)]!;
  const now = Date.now();
  const base = () => ({
    id: uuidv7(),
    occurredAt: new Date(now).toISOString(),
    tz: 'Europe/Berlin',
    deviceId: learner.deviceId,
    seq: ++learner.seq,
  });
  const cards = lesson.cards.slice(0, 1 + Math.floor(Math.random() * 3));
  const events = [
    { ...base(), type: 'lesson_started', lessonId: lesson.id },
    ...cards.map((cardId) => ({ ...base(), type: 'card_viewed', lessonId: lesson.id, cardId })),
    { ...base(), type: 'lesson_completed', lessonId: lesson.id, durationMs: 180_000 },
  ];
  return JSON.stringify({
    deviceId: learner.deviceId,
    sentAt: new Date(now).toISOString(),
    events,
  });
}

/** Resident memory of a server process, in MiB. */
function rssMiB(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
  } catch {
    return 0; // the process ended
  }
}

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : 0;

async function drive(servers: ApiProcess[], learners: Learner[]) {
  const latencies: number[] = [];
  let stored = 0;
  let duplicates = 0;
  const errors: Record<string, number> = {};
  const fail = (kind: string) => (errors[kind] = (errors[kind] ?? 0) + 1);
  let turn = 0;
  const peak = servers.map((s) => rssMiB(s.pid));
  const sampler = setInterval(
    () => servers.forEach((s, i) => (peak[i] = Math.max(peak[i]!, rssMiB(s.pid)))),
    250,
  );
  const started = performance.now();
  const deadline = started + SECONDS * 1000;
  await Promise.all(
    learners.map(async (learner) => {
      while (performance.now() < deadline) {
        await new Promise((r) => setTimeout(r, Math.random() * 200));
        if (performance.now() >= deadline) break;
        const resend = learner.last !== undefined && Math.random() < RESEND_SHARE;
        const body = resend ? learner.last! : batchFor(learner);
        const server = servers[turn++ % servers.length]!;
        const t0 = performance.now();
        try {
          const res = await fetch(`${server.url}/api/v1/sync`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', cookie: learner.cookie },
            body,
          });
          const answer = (await res.json()) as { results?: { status: string }[] };
          latencies.push(performance.now() - t0);
          if (res.status !== 200 || !answer.results) {
            fail(`HTTP ${res.status}`);
            continue;
          }
          for (const r of answer.results)
            if (r.status === 'accepted') stored++;
            else if (r.status === 'duplicate') duplicates++;
            else fail(`rejected: ${(r as { reason?: string }).reason}`);
          learner.last = body;
        } catch (err) {
          const cause = (err as { cause?: { code?: string } }).cause;
          fail(`fetch failed: ${cause?.code ?? (err as Error).message}`);
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  clearInterval(sampler);
  latencies.sort((a, b) => a - b);
  const ms = (v: number) => Math.round(v * 10) / 10;
  return {
    seconds: Math.round(elapsed * 10) / 10,
    requests: latencies.length,
    requestsPerSecond: Math.round(latencies.length / elapsed),
    eventsStored: stored,
    eventsPerSecond: Math.round(stored / elapsed),
    duplicatesAnswered: duplicates,
    errors,
    latencyMs: {
      p50: ms(percentile(latencies, 50)),
      p95: ms(percentile(latencies, 95)),
      p99: ms(percentile(latencies, 99)),
    },
    serverRssMiB: peak,
  };
}

interface Scenario {
  name: string;
  dialect: 'sqlite' | 'postgres';
  processes: number;
}

const scenarios: Scenario[] = [
  { name: '1 process, SQLite', dialect: 'sqlite', processes: 1 },
  { name: '1 process, PostgreSQL', dialect: 'postgres', processes: 1 },
  { name: '2 processes, PostgreSQL', dialect: 'postgres', processes: 2 },
];

async function runScenario(scenario: Scenario, learnerCount: number) {
  let env: Record<string, string>;
  let target: StoreTarget;
  let cleanup: () => Promise<void>;
  if (scenario.dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'kindling-bench-'));
    env = { DATA_DIR: dir, DATABASE_URL: '' };
    target = { dialect: 'sqlite', file: join(dir, 'kindling.db') };
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const db = await freshPostgresSchema();
    env = { DATABASE_URL: db.url };
    target = { dialect: 'postgres', url: db.url.replace(/\?.*$/, ''), schema: db.schema };
    cleanup = db.drop;
  }
  const servers: ApiProcess[] = [];
  try {
    const learners = await prepare(target, learnerCount);
    for (let i = 0; i < scenario.processes; i++)
      servers.push(await startApiProcess({ ...env, SEED_DEMO: '0', NODE_ENV: 'production' }));
    const result = await drive(servers, learners);
    return { scenario: scenario.name, learners: learnerCount, ...result };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await cleanup();
  }
}

const results: Awaited<ReturnType<typeof runScenario>>[] = [];
for (const learners of LEARNER_COUNTS)
  for (const scenario of scenarios) {
    console.error(`bench: ${scenario.name}, ${learners} learners, ${SECONDS} s …`);
    results.push(await runScenario(scenario, learners));
  }
const baseline = (learners: number) =>
  results.find((r) => r.learners === learners && r.scenario === scenarios[0]!.name)!;
console.log(
  JSON.stringify(
    {
      bench: 'load',
      run: randomUUID(),
      at: new Date().toISOString(),
      secondsPerScenario: SECONDS,
      note: 'client and servers share this machine; compare ratios within one run',
      results: results.map((r) => ({
        ...r,
        eventsPerSecondVsSqlite:
          Math.round(
            (r.eventsPerSecond / Math.max(1, baseline(r.learners).eventsPerSecond)) * 100,
          ) / 100,
      })),
    },
    null,
    2,
  ),
);
