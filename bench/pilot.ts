/**
 * The pilot report folded from the event log (the computation learner days replace; bench/scale.ts
 * times both and checks they agree) at scale: LEARNERS members (default 100,000) and EVENTS events (default
 * 1,000,000; set EVENTS=10000000 for the full figure) in a temp SQLite file, generated with
 * batched inserts inside transactions.
 *
 * MANAGER_ACTIONS (default 100,000) assignments, nudges and 1:1 script opens by one member in 20
 * are spread over the window too, so the manager engagement counts are part of the report time.
 *
 * Prints JSON. The report time is also given as a ratio to a baseline measured in the same run:
 * paging through the same events without tallying them (the floor any report must pay).
 *
 *   npx tsx bench/pilot.ts
 *   EVENTS=10000000 npx tsx bench/pilot.ts
 */
import { buildPilotReportFromEvents, windowRange } from '../src/server/pilot/report';
import { pilotData } from './pilot-data';

const LEARNERS = Number(process.env.LEARNERS ?? 100_000);
const EVENTS = Number(process.env.EVENTS ?? 1_000_000);
const MANAGER_ACTIONS = Number(process.env.MANAGER_ACTIONS ?? 100_000);

const { store, pilot, now, generateMs, databaseMb, dispose } = await pilotData({
  LEARNERS,
  EVENTS,
  MANAGER_ACTIONS,
});

// Baseline: page through the same events without tallying them.
let t = performance.now();
let paged = 0;
for await (const page of store.eventPages({
  orgId: 'bench',
  ...windowRange(pilot),
  types: ['lesson_completed', 'assessment_submitted'],
}))
  paged += page.length;
const baselineMs = performance.now() - t;

const heapBefore = process.memoryUsage().heapUsed;
t = performance.now();
const cpuBefore = process.cpuUsage();
const report = await buildPilotReportFromEvents(store, pilot, now);
const reportMs = performance.now() - t;
// CPU time is steadier than wall time on a machine shared with other work.
const cpu = process.cpuUsage(cpuBefore);
const reportCpuMs = (cpu.user + cpu.system) / 1000;
const rssMb = Math.round(process.memoryUsage().rss / 1e6);

const result = {
  bench: 'pilot-report',
  learners: LEARNERS,
  events: EVENTS,
  managerActions: MANAGER_ACTIONS,
  eventsPaged: paged,
  databaseMb: databaseMb(),
  generateSeconds: Math.round(generateMs / 100) / 10,
  baselinePageOnlySeconds: Math.round(baselineMs / 100) / 10,
  reportSeconds: Math.round(reportMs / 100) / 10,
  reportCpuSeconds: Math.round(reportCpuMs / 100) / 10,
  reportToBaselineRatio: Math.round((reportMs / baselineMs) * 100) / 100,
  eventsPerSecond: Math.round(EVENTS / (reportMs / 1000)),
  extrapolatedReportSecondsAt10M: Math.round(((reportMs / 1000) * 10_000_000) / EVENTS),
  heapGrowthMb: Math.round((process.memoryUsage().heapUsed - heapBefore) / 1e6),
  rssMb,
  check: {
    weeks: report.weeks.length,
    managerActionsCounted: report.weeks.reduce(
      (sum, w) =>
        sum +
        [w.pilot, w.comparison].reduce(
          (s, g) =>
            s + g.manager.assignmentsMade! + g.manager.scriptsOpened! + g.manager.nudgesSent!,
          0,
        ),
      0,
    ),
    lastWeekPilotActivePct: report.weeks.at(-1)?.pilot.weeklyActivePct,
    retentionPilot: report.outcomes.pilot.retention,
  },
};
console.log(JSON.stringify(result, null, 2));
await dispose();
