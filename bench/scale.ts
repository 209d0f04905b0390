/**
 * Reads at company scale (issue 20), each figure beside a baseline measured in the same run:
 *
 * 1. Pilot report: LEARNERS members (default 2,000) and EVENTS events (default 100,000) in a
 *    SQLite file, with their learner days and pilot summaries written in bulk (seed-bulk.ts);
 *    the report is built from the summaries, from the days and from the event log; all must be
 *    equal.
 * 2. Team view: GET /api/v1/team for a manager of TEAM reports (default 50, each with
 *    TEAM_LESSONS lessons) against one GET /api/v1/me/state (target ≤ 2×).
 * 3. Sync: a two-event POST /api/v1/sync (a quiz answer and a completion, by learners with a
 *    history of SYNC_HISTORY answers each) against GET /api/v1/health, requests per second in
 *    one process through `app.request`, or with SYNC_OVER=http from outside, over HTTP to one
 *    SQLite server process (target ≥ 0.3×).
 *
 * Prints JSON. Under two minutes at the defaults; the full scale takes far longer:
 *
 *   npx tsx bench/scale.ts
 *   PARTS=team,sync npx tsx bench/scale.ts
 *   LEARNERS=100000 EVENTS=10000000 npx tsx bench/scale.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import {
  buildPilotReport,
  buildPilotReportFromDays,
  buildPilotReportFromEvents,
} from '../src/server/pilot/report';
import { seedBulk } from './seed-bulk';
import { startApiProcess, type ApiProcess } from '../test/support/processes';
import { syncSetup } from './sync-setup';
import { teamViewBench } from './team-view';

const LEARNERS = Number(process.env.LEARNERS ?? 2_000);
const EVENTS = Number(process.env.EVENTS ?? 100_000);
const TEAM = Number(process.env.TEAM ?? 50);
const TEAM_LESSONS = Number(process.env.TEAM_LESSONS ?? 100);
const RATE_SECONDS = Number(process.env.RATE_SECONDS ?? 3);
const SYNC_LEARNERS = Number(process.env.SYNC_LEARNERS ?? 100);
const SYNC_HISTORY = Number(process.env.SYNC_HISTORY ?? 300);
/** SYNC_OVER=http: the sync and health rates from outside, over HTTP to a server process. */
const OVER_HTTP = process.env.SYNC_OVER === 'http';

const seconds = (ms: number) => Math.round(ms / 10) / 100;

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
}

/**
 * The pilot report off the summaries, against the report off the learner days and, unless
 * FROM_EVENTS=0, the report folded from the event log, on a pilot seeded in bulk
 * (bench/seed-bulk.ts; BENCH_DB=path keeps it between runs). BACKFILL=1 also times the
 * backfills of the days and summaries (a transaction per chunk of learners, as a live server).
 */
async function pilotReport() {
  const data = await seedBulk({ LEARNERS, EVENTS, MANAGER_ACTIONS: LEARNERS });
  const { store, pilot, now } = data;
  const backfill =
    process.env.BACKFILL === '1'
      ? await timed(async () => {
          await store.backfillLearnerDays({ restart: true, chunk: 500 });
          await store.backfillPilotSummaries({ restart: true, chunk: 500 });
        })
      : undefined;
  const fromSummaries = await timed(() => buildPilotReport(store, pilot, now));
  const fromDays = await timed(() => buildPilotReportFromDays(store, pilot, now));
  const fromEvents =
    process.env.FROM_EVENTS === '0'
      ? undefined
      : await timed(() => buildPilotReportFromEvents(store, pilot, now));
  const summaries = (await store.pilotSummaries(pilot.id)).length;
  await data.dispose();
  const ratio = (a: number, b: number) => Math.round((a / b) * 1000) / 1000;
  return {
    learners: LEARNERS,
    events: EVENTS,
    summaries,
    seeded: data.seeded,
    generateSeconds: seconds(data.generateMs),
    aggregatesSeconds: seconds(data.aggregatesMs),
    ...(backfill ? { backfillSeconds: seconds(backfill.ms) } : {}),
    fromSummariesSeconds: seconds(fromSummaries.ms),
    fromDays: {
      seconds: seconds(fromDays.ms),
      ratio: ratio(fromSummaries.ms, fromDays.ms),
      equal: isDeepStrictEqual(fromSummaries.value, fromDays.value),
    },
    ...(fromEvents
      ? {
          baseline: { what: 'report folded from the event log', seconds: seconds(fromEvents.ms) },
          ratio: ratio(fromSummaries.ms, fromEvents.ms),
          equal: isDeepStrictEqual(fromSummaries.value, fromEvents.value),
        }
      : {}),
  };
}

/**
 * Requests per second of `a` and of `b`, each sent for RATE_SECONDS in all, after a short warm-up,
 * in alternating slices of 250 ms: on a shared, busy machine both see the same load.
 */
async function rates(
  a: () => Promise<Response>,
  b: () => Promise<Response>,
): Promise<[number, number]> {
  const sends = [a, b];
  for (const send of sends) for (let i = 0; i < 20; i++) await (await send()).arrayBuffer();
  const counts = [0, 0];
  const spent = [0, 0];
  while (spent[0]! < RATE_SECONDS * 1000 || spent[1]! < RATE_SECONDS * 1000)
    for (const i of [0, 1]) {
      const start = performance.now();
      const until = start + 250;
      while (performance.now() < until) {
        const res = await sends[i]!();
        if (res.status !== 200) throw new Error(`answered ${res.status}`);
        await res.arrayBuffer();
        counts[i]!++;
      }
      spent[i]! += performance.now() - start;
    }
  return [(counts[0]! / spent[0]!) * 1000, (counts[1]! / spent[1]!) * 1000];
}

/**
 * SYNC_LEARNERS learners (default 100, so none meets the per-person bound of 60 syncs a minute),
 * each with SYNC_HISTORY graded quiz answers already stored (default 300: mastery must not read
 * them), take turns sending a two-event sync: a quiz answer and the lesson's completion.
 */
async function syncRate() {
  const dir = mkdtempSync(join(tmpdir(), 'kindling-bench-sync-'));
  const { store, sync, health, overHttp, stored } = await syncSetup(
    SYNC_LEARNERS,
    SYNC_HISTORY,
    join(dir, 'kindling.db'),
  );
  let server: ApiProcess | undefined;
  if (OVER_HTTP) {
    await store.close();
    server = await startApiProcess({ DATA_DIR: dir, SEED_DEMO: '0' });
    overHttp(server.url);
  }
  const [healthRate, syncs] = await rates(health, sync);
  await (server ? server.stop() : store.close());
  rmSync(dir, { recursive: true, force: true });
  return {
    measured: OVER_HTTP ? 'over HTTP, from this process to a server process' : 'app.request',
    learners: SYNC_LEARNERS,
    historyPerLearner: SYNC_HISTORY,
    baseline: { route: 'GET /api/v1/health', perSecond: Math.round(healthRate) },
    twoEventSync: { perSecond: Math.round(syncs), eventsStored: stored() },
    ratio: Math.round((syncs / healthRate) * 100) / 100,
  };
}

/** PARTS=team,sync runs only those (default: pilot,team,sync). */
const PARTS = new Set((process.env.PARTS ?? 'pilot,team,sync').split(','));
const load = loadavg()[0]!;
const report = PARTS.has('pilot') ? await pilotReport() : undefined;
const team = PARTS.has('team') ? await teamViewBench(TEAM - 1, TEAM_LESSONS) : undefined;
const sync = PARTS.has('sync') ? await syncRate() : undefined;
console.log(
  JSON.stringify(
    {
      bench: 'scale',
      loadAverage1m: Math.round(load * 100) / 100,
      pilotReport: report,
      teamView: team,
      sync,
    },
    null,
    2,
  ),
);
