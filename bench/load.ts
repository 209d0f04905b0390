/**
 * Load bench: a model of real people against real server processes on 127.0.0.1.
 *
 * Open loop (the figure that matters): each learner starts a lesson every few minutes
 * (`LESSON_EVERY_S`, 240 s), syncs after it (a lesson started, 1–3 cards viewed, the lesson
 * completed: 3–5 events; one sync in ten is a resend of the previous one, a lost answer on a
 * train), reads home with every lesson and the cohort board every third. Requests arrive by a
 * Poisson process at a set rate whatever the answers, as people do: a slow server does not make
 * them wait before starting the next lesson. The rate is raised step by step (doubling, then
 * halving the gap) until p95 > 100 ms or an error; the bench reports the highest rate that held
 * and how many concurrent learners it means (rate ÷ each learner's requests per second).
 *
 * Closed loop (capacity, beside it): `CLOSED_LEARNERS` learners each syncing again as soon as
 * the last answer came back: the most syncs a setup answers, not what people produce.
 *
 * Scenarios: one process on SQLite, one and two on PostgreSQL (round-robin, as behind nginx).
 * Printed as JSON, with each scenario's figures as a ratio to one SQLite process in the same run
 * and the machine's load average. Learners and sessions are written to the store before the
 * processes start, so no scrypt sign-ins distort the figures.
 *
 *   npx tsx bench/load.ts      (BENCH_STEP_SECONDS=5 per rate step, BENCH_SECONDS=10 closed loop)
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { uuidv7 } from '../src/core/uuidv7';
import { hashToken, SESSION_COOKIE } from '../src/server/auth/session';
import { loadContentDir } from '../src/server/content/load';
import { openStore, type StoreTarget } from '../src/server/store/open';
import { freshPostgresSchema } from '../test/support/databases';
import { startApiProcess, type ApiProcess } from '../test/support/processes';
import { ROOT } from '../test/support/server';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const STEP_SECONDS = Number(process.env.BENCH_STEP_SECONDS ?? 5);
const CLOSED_LEARNERS = Number(process.env.CLOSED_LEARNERS ?? 100);
/** Learners whose sessions the open loop draws from (each request picks one at random). */
const POOL = Number(process.env.BENCH_POOL ?? 2000);
const RESEND_SHARE = 0.1;
const LESSON_EVERY_S = 240;
const P95_TARGET_MS = 100;
/** One lesson's requests: its sync, a home read, and a third of a board read. */
const MIX = [
  { kind: 'sync', weight: 1 },
  { kind: 'home', weight: 1 },
  { kind: 'board', weight: 1 / 3 },
] as const;
const REQUESTS_PER_LEARNER_S = MIX.reduce((n, m) => n + m.weight, 0) / LESSON_EVERY_S;

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

async function closedLoop(servers: ApiProcess[], learners: Learner[]) {
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
        const resend = learner.last !== undefined && Math.random() < RESEND_SHARE;
        const body = resend ? learner.last! : batchFor(learner);
        const server = servers[turn++ % servers.length]!;
        const t0 = performance.now();
        try {
          const res = await fetch(`${server.url}/api/v1/sync`, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              cookie: learner.cookie,
              origin: server.url,
            },
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

/** One request of the mix, timed; returns an error kind or undefined. */
async function send(
  server: ApiProcess,
  learner: Learner,
  kind: (typeof MIX)[number]['kind'],
): Promise<string | undefined> {
  try {
    if (kind !== 'sync') {
      const path = kind === 'home' ? '/api/v1/me/home' : BOARD_PATH;
      const res = await fetch(`${server.url}${path}`, { headers: { cookie: learner.cookie } });
      await res.arrayBuffer();
      return res.status === 200 ? undefined : `${kind} HTTP ${res.status}`;
    }
    const resend = learner.last !== undefined && Math.random() < RESEND_SHARE;
    const body = resend ? learner.last! : batchFor(learner);
    const res = await fetch(`${server.url}/api/v1/sync`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: learner.cookie, origin: server.url },
      body,
    });
    const answer = (await res.json()) as { results?: { status: string }[] };
    if (res.status !== 200 || !answer.results) return `sync HTTP ${res.status}`;
    learner.last = body;
    const refused = answer.results.find((r) => r.status === 'rejected');
    return refused ? 'sync rejected an event' : undefined;
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause;
    return `fetch failed: ${cause?.code ?? (err as Error).message}`;
  }
}

const BOARD_PATH = '/api/v1/cohorts/bench-all/leaderboard?period=week';

function pick(): (typeof MIX)[number]['kind'] {
  let r = Math.random() * MIX.reduce((n, m) => n + m.weight, 0);
  for (const m of MIX) if ((r -= m.weight) < 0) return m.kind;
  return 'sync';
}

/** Requests at `rate`/s by a Poisson process for STEP_SECONDS, none waiting for another. */
async function openLoopStep(servers: ApiProcess[], learners: Learner[], rate: number) {
  const latencies: number[] = [];
  const errors: Record<string, number> = {};
  const inFlight: Promise<void>[] = [];
  const started = performance.now();
  let next = started;
  let turn = 0;
  while (next < started + STEP_SECONDS * 1000) {
    next += (-Math.log(1 - Math.random()) / rate) * 1000; // exponential gaps
    const wait = next - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const learner = learners[Math.floor(Math.random() * learners.length)]!;
    const server = servers[turn++ % servers.length]!;
    const t0 = performance.now();
    inFlight.push(
      send(server, learner, pick()).then((error) => {
        latencies.push(performance.now() - t0);
        if (error) errors[error] = (errors[error] ?? 0) + 1;
      }),
    );
  }
  await Promise.all(inFlight);
  latencies.sort((a, b) => a - b);
  const p95 = Math.round(percentile(latencies, 95) * 10) / 10;
  const achieved = Math.round(latencies.length / ((performance.now() - started) / 1000));
  return { rate, achieved, p95, errors, held: p95 <= P95_TARGET_MS && !Object.keys(errors).length };
}

/** Raises the rate until a step fails; then tries halfway between the last held and failed. */
async function openLoop(servers: ApiProcess[], learners: Learner[]) {
  const steps: Awaited<ReturnType<typeof openLoopStep>>[] = [];
  let held = 0;
  let failed = 0;
  for (let rate = 10; rate <= 6400 && !failed; rate *= 2) {
    const step = await openLoopStep(servers, learners, rate);
    steps.push(step);
    if (step.held) held = rate;
    else failed = rate;
  }
  for (let i = 0; i < 2 && failed && failed - held > 10; i++) {
    const rate = Math.round((held + failed) / 2);
    const step = await openLoopStep(servers, learners, rate);
    steps.push(step);
    if (step.held) held = rate;
    else failed = rate;
  }
  return {
    highestRateHeld: held,
    concurrentLearners: Math.round(held / REQUESTS_PER_LEARNER_S),
    steps,
  };
}

async function runScenario(scenario: Scenario) {
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
    const learners = await prepare(target, POOL);
    for (let i = 0; i < scenario.processes; i++)
      servers.push(await startApiProcess({ ...env, SEED_DEMO: '0', NODE_ENV: 'production' }));
    // A step at the lowest rate first, not counted: a fresh process compiles its code, prepares
    // its statements and builds each organisation's content snapshot on its first requests.
    await openLoopStep(servers, learners, 10);
    const open = await openLoop(servers, learners);
    const closed = await closedLoop(servers, learners.slice(0, CLOSED_LEARNERS));
    return { scenario: scenario.name, openLoop: open, closedLoop: closed };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await cleanup();
  }
}

const loadAtStart = loadavg()[0];
const results: Awaited<ReturnType<typeof runScenario>>[] = [];
for (const scenario of scenarios) {
  console.error(`bench: ${scenario.name} …`);
  results.push(await runScenario(scenario));
}
const [baseline] = results;
const ratio = (a: number, b: number) => Math.round((a / Math.max(1, b)) * 100) / 100;
console.log(
  JSON.stringify(
    {
      bench: 'load',
      run: randomUUID(),
      at: new Date().toISOString(),
      loadAverage: { atStart: loadAtStart, atEnd: loadavg()[0] },
      model: {
        lessonEveryS: LESSON_EVERY_S,
        requestsPerLearnerPerSecond: Math.round(REQUESTS_PER_LEARNER_S * 10_000) / 10_000,
        mix: MIX,
        p95TargetMs: P95_TARGET_MS,
        stepSeconds: STEP_SECONDS,
        closedLoopLearners: CLOSED_LEARNERS,
      },
      note: 'client and servers share this machine; compare ratios within one run',
      results: results.map((r) => ({
        ...r,
        openLoopVsSqlite: ratio(r.openLoop.highestRateHeld, baseline!.openLoop.highestRateHeld),
        closedLoopVsSqlite: ratio(
          r.closedLoop.eventsPerSecond,
          baseline!.closedLoop.eventsPerSecond,
        ),
      })),
    },
    null,
    2,
  ),
);
