/**
 * Exports stream in flat memory: EVENTS events (default 1,000,000) of LEARNERS learners written
 * straight into a temp SQLite file (bench/pilot-data.ts), then streamed out the two ways a whole
 * event log leaves the server, each to a sink that only counts bytes:
 *
 * - the pilot's `events.csv` (src/server/pilot/csv.ts: the route's body, page by page), and
 * - `npm run store -- export` (Store.exportRows('events'), as JSON lines).
 *
 * The process's RSS is sampled every 25 ms: at the start of each stream (after a GC), its peak
 * while streaming, and at the end. Flat memory means the peak's growth over the start does not
 * grow with EVENTS (run it at two sizes).
 *
 *   node --expose-gc --import tsx bench/export.ts
 *   EVENTS=3000000 node --expose-gc --import tsx bench/export.ts
 */
import { loadavg } from 'node:os';
import { windowRange } from '../src/server/pilot/report';
import { eventsCsvStream } from '../src/server/pilot/csv';
import { pilotData } from './pilot-data';

const LEARNERS = Number(process.env.LEARNERS ?? 10_000);
const EVENTS = Number(process.env.EVENTS ?? 1_000_000);

const mb = (bytes: number) => Math.round(bytes / 1e5) / 10;
const gc = (globalThis as { gc?: () => void }).gc;

/** Streams with `run`, sampling RSS; returns what it counted and the RSS figures. */
async function measured(run: () => Promise<{ rows: number; bytes: number }>) {
  gc?.();
  const start = process.memoryUsage().rss;
  let peak = start;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 25);
  const t = performance.now();
  const counted = await run();
  const seconds = Math.round((performance.now() - t) / 100) / 10;
  clearInterval(sampler);
  const end = process.memoryUsage().rss;
  peak = Math.max(peak, end);
  return {
    ...counted,
    megabytesOut: mb(counted.bytes),
    seconds,
    rssMb: { start: mb(start), peak: mb(peak), end: mb(end), peakOverStart: mb(peak - start) },
  };
}

const load = loadavg()[0]!;
const data = await pilotData({ LEARNERS, EVENTS, MANAGER_ACTIONS: 0 });
const { store, pilot } = data;

const csv = await measured(async () => {
  const reader = eventsCsvStream(store, { orgId: 'bench', ...windowRange(pilot) }).getReader();
  let bytes = 0;
  let rows = -1; // the header
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    for (const byte of value) if (byte === 10) rows++;
  }
  return { rows, bytes };
});

const jsonLines = await measured(async () => {
  let bytes = 0;
  let rows = 0;
  for await (const row of store.exportRows('events')) {
    bytes += Buffer.byteLength(JSON.stringify(row)) + 1;
    rows++;
  }
  return { rows, bytes };
});

console.log(
  JSON.stringify(
    {
      bench: 'export',
      loadAverage1m: Math.round(load * 100) / 100,
      learners: LEARNERS,
      events: EVENTS,
      databaseMb: data.databaseMb(),
      generateSeconds: Math.round(data.generateMs / 100) / 10,
      eventsCsv: csv,
      storeExport: jsonLines,
    },
    null,
    2,
  ),
);
await data.dispose();
