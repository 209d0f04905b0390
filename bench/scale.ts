/**
 * Reads at company scale (issue 20), each figure beside a baseline measured in the same run:
 *
 * 1. Pilot report: LEARNERS members (default 2,000) and EVENTS events (default 100,000) in a
 *    temp SQLite file; the learner days are backfilled from them (timed), then the report is
 *    built from the days and, as before, from the event log; the two must be equal.
 * 2. Team view: GET /api/v1/team for a manager of TEAM reports (default 50, each with
 *    TEAM_LESSONS lessons) against one GET /api/v1/me/state (target ≤ 2×).
 * 3. Sync: a two-event POST /api/v1/sync against GET /api/v1/health, requests per second in one
 *    process through `app.request` (target ≥ 0.3×).
 *
 * Prints JSON. Under two minutes at the defaults; the full scale takes far longer:
 *
 *   npx tsx bench/scale.ts
 *   LEARNERS=100000 EVENTS=10000000 npx tsx bench/scale.ts
 */
import { loadavg } from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import { uuidv7 } from '../src/core/uuidv7';
import { createApp } from '../src/server/app';
import { buildPilotReport, buildPilotReportFromEvents } from '../src/server/pilot/report';
import { clientFor, syncBody } from '../test/support/api';
import { demoStore } from '../test/support/server';
import { sessionCookie } from '../test/support/sessions';
import { pilotData } from './pilot-data';
import { teamViewBench } from './team-view';

const LEARNERS = Number(process.env.LEARNERS ?? 2_000);
const EVENTS = Number(process.env.EVENTS ?? 100_000);
const TEAM = Number(process.env.TEAM ?? 50);
const TEAM_LESSONS = Number(process.env.TEAM_LESSONS ?? 100);
const RATE_SECONDS = Number(process.env.RATE_SECONDS ?? 3);

const seconds = (ms: number) => Math.round(ms / 10) / 100;

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
}

async function pilotReport() {
  const data = await pilotData({ LEARNERS, EVENTS, MANAGER_ACTIONS: LEARNERS });
  const { store, pilot, now } = data;
  const backfill = await timed(() => store.backfillLearnerDays({ restart: true, chunk: 500 }));
  const fromDays = await timed(() => buildPilotReport(store, pilot, now));
  const fromEvents = await timed(() => buildPilotReportFromEvents(store, pilot, now));
  await data.dispose();
  return {
    learners: LEARNERS,
    events: EVENTS,
    generateSeconds: seconds(data.generateMs),
    backfillSeconds: seconds(backfill.ms),
    baseline: { what: 'report folded from the event log', seconds: seconds(fromEvents.ms) },
    fromDaysSeconds: seconds(fromDays.ms),
    ratio: Math.round((fromDays.ms / fromEvents.ms) * 1000) / 1000,
    equal: isDeepStrictEqual(fromDays.value, fromEvents.value),
  };
}

/** Requests per second of `send` over RATE_SECONDS, after a short warm-up. */
async function rate(send: () => Promise<Response>): Promise<number> {
  for (let i = 0; i < 20; i++) await (await send()).arrayBuffer();
  const until = performance.now() + RATE_SECONDS * 1000;
  let count = 0;
  while (performance.now() < until) {
    const res = await send();
    if (res.status !== 200) throw new Error(`answered ${res.status}`);
    await res.arrayBuffer();
    count++;
  }
  return count / RATE_SECONDS;
}

async function syncRate() {
  const store = await demoStore();
  const app = createApp({ store });
  const learner = clientFor(app, await sessionCookie(store, 'u-demo-learner'));
  const lessons = (await store.getCatalog()).modules.flatMap((m) => m.lessons.map((l) => l.id));
  const device = `bench-sync-${uuidv7()}`;
  let seq = 0;
  const event = () => {
    seq++;
    return {
      id: uuidv7(),
      type: 'lesson_completed',
      lessonId: lessons[seq % lessons.length]!,
      durationMs: 200_000,
      occurredAt: new Date().toISOString(),
      tz: 'Europe/Berlin',
      deviceId: device,
      seq,
    };
  };
  const health = await rate(() => learner.get('/api/v1/health'));
  const sync = await rate(() => learner.post('/api/v1/sync', syncBody([event(), event()], device)));
  await store.close();
  return {
    baseline: { route: 'GET /api/v1/health', perSecond: Math.round(health) },
    twoEventSync: { perSecond: Math.round(sync), eventsStored: seq },
    ratio: Math.round((sync / health) * 100) / 100,
  };
}

const load = loadavg()[0]!;
const report = await pilotReport();
const team = await teamViewBench(TEAM - 1, TEAM_LESSONS);
const sync = await syncRate();
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
