/**
 * Checks bench/seed-bulk.ts against ingest's own code on a small pilot: the learner days, totals
 * and pilot summaries it writes in bulk equal, row for row, what the backfills write from the
 * same events (and the report off them equals the report folded from the events). Prints JSON;
 * exits 1 on a difference.
 *
 *   npx tsx bench/seed-check.ts
 *   LEARNERS=500 EVENTS=20000 npx tsx bench/seed-check.ts
 */
import { isDeepStrictEqual } from 'node:util';
import { buildPilotReport, buildPilotReportFromEvents } from '../src/server/pilot/report';
import type { Store } from '../src/server/store/store';
import { seedBulk } from './seed-bulk';

const LEARNERS = Number(process.env.LEARNERS ?? 300);
const EVENTS = Number(process.env.EVENTS ?? 10_000);

delete process.env.BENCH_DB;
const data = await seedBulk({ LEARNERS, EVENTS, MANAGER_ACTIONS: LEARNERS });
const { store, pilot, now } = data;

async function rows(store: Store) {
  const users = Array.from({ length: LEARNERS }, (_, i) => `u${i}`);
  const sort = <T extends { userId: string }>(xs: T[], by: (x: T) => string = (x) => x.userId) =>
    xs.sort((a, b) => (by(a) < by(b) ? -1 : by(a) > by(b) ? 1 : 0));
  return {
    days: sort(await store.learnerDays(users, '0000-00-00'), (d) => `${d.userId} ${d.day}`),
    totals: sort(await store.learnerTotals(users)),
    summaries: sort(await store.pilotSummaries(pilot.id)),
  };
}

const bulk = await rows(store);
const report = await buildPilotReport(store, pilot, now);
await store.backfillLearnerDays({ restart: true });
await store.backfillPilotSummaries({ restart: true });
const rebuilt = await rows(store);
const fromEvents = await buildPilotReportFromEvents(store, pilot, now);
await data.dispose();

const result = {
  bench: 'seed-check',
  learners: LEARNERS,
  events: EVENTS,
  days: bulk.days.length,
  summaries: bulk.summaries.length,
  daysEqual: isDeepStrictEqual(bulk.days, rebuilt.days),
  totalsEqual: isDeepStrictEqual(bulk.totals, rebuilt.totals),
  summariesEqual: isDeepStrictEqual(bulk.summaries, rebuilt.summaries),
  reportEqualToEvents: isDeepStrictEqual(report, fromEvents),
};
console.log(JSON.stringify(result, null, 2));
if (!(
  result.daysEqual &&
  result.totalsEqual &&
  result.summariesEqual &&
  result.reportEqualToEvents
))
  process.exit(1);
