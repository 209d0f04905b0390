/**
 * Offline/sync figures, printed as one JSON object (run: `npx tsx bench/offline.ts`, after
 * `npm run build`). Each figure is set next to a baseline measured in the same run:
 *
 * - ingest: events/s through `POST /api/v1/sync` over loopback HTTP in batches of 500, against a
 *   raw better-sqlite3 insert of the same rows in transactions of 500 (ratio = http / raw), both
 *   after a warm-up of 20,000 events (a server that has run for a while: its JIT has compiled the hot path). The server runs in its own process, as deployed (the same
 *   `src/server/main.ts`), and the request bodies are serialised before the clock starts, so the
 *   figure is the server's and not this load generator's;
 * - drain: the real outbox + sync engine, bundled and run in Chromium, draining 1,000 queued
 *   events to the server on loopback, against Node posting the same number of events directly;
 * - enqueue: `outbox.record` (durability 'strict') p50/p95 per event in Chromium, against a bare
 *   IndexedDB put with default durability in the same page.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { chromium } from 'playwright-core';
import { uuidv7 } from '../src/core/uuidv7';
import type { ProgressEvent } from '../src/core/events';
import { openStore } from '../src/server/store/store';
import { CHROMIUM_ARGS, executablePath } from '../test/support/browser';
import { startApiProcess } from '../test/support/processes';
import { ROOT } from '../test/support/server';

const INGEST_EVENTS = Number(process.env.BENCH_INGEST_EVENTS ?? 20000);
const WARMUP_EVENTS = 20_000;
/** Demo learners whose devices send at once in the throughput figure. */
const INGEST_SENDERS = ['learner@demo.test', 'learner2@demo.test', 'learner@globex.test'];
const DRAIN_EVENTS = 1000;
const BATCH = 500;

function makeEvents(n: number, deviceId: string, start = Date.now() - 3_600_000): ProgressEvent[] {
  return Array.from({ length: n }, (_, i) => ({
    id: uuidv7(() => start + i),
    type: 'lesson_completed' as const,
    lessonId: `bench-lesson-${i % 50}`,
    durationMs: 120_000,
    occurredAt: new Date(start + i).toISOString(),
    tz: 'Europe/Berlin',
    deviceId,
    seq: i + 1,
  }));
}

async function signInCookie(url: string, email = 'learner@demo.test'): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'learn-daily' }),
  });
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

async function postBatches(url: string, cookie: string, events: ProgressEvent[]): Promise<number> {
  const bodies: string[] = [];
  for (let i = 0; i < events.length; i += BATCH)
    bodies.push(
      JSON.stringify({
        deviceId: events[0]!.deviceId,
        sentAt: new Date().toISOString(),
        events: events.slice(i, i + BATCH),
      }),
    );
  const started = performance.now();
  for (const body of bodies) {
    const res = await fetch(`${url}/api/v1/sync`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body,
    });
    if (!res.ok) throw new Error(`sync answered ${res.status}`);
    await res.json();
  }
  return performance.now() - started;
}

/**
 * The baseline: a raw better-sqlite3 database with the store's schema and pragmas, fed the same
 * rows in the same order as the server (warm-up first), so both insert into equally full indexes.
 */
async function rawInserter(file: string) {
  await (await openStore({ dialect: 'sqlite', file })).close(); // same schema, same indexes
  const db = new Database(file);
  db.pragma('journal_mode = WAL'); // the store's own settings, so only the work differs
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.prepare("INSERT INTO orgs (id, name) VALUES ('o', 'o')").run();
  db.prepare(
    "INSERT INTO users (id, org_id, email, name, role, password_hash, tz) VALUES ('u', 'o', 'u@x', 'u', 'learner', 'x', 'UTC')",
  ).run();
  const insert = db.prepare(
    `INSERT OR IGNORE INTO events (id, user_id, device_id, seq, type, occurred_at, corrected_at, received_at, body)
     VALUES (?, 'u', ?, ?, ?, ?, ?, ?, ?)`,
  );
  const batch = db.transaction((rows: ProgressEvent[]) => {
    const now = Date.now();
    for (const e of rows)
      insert.run(
        e.id,
        e.deviceId,
        e.seq,
        e.type,
        e.occurredAt,
        Date.parse(e.occurredAt),
        now,
        JSON.stringify(e),
      );
  });
  return {
    /** Inserts the events in transactions of BATCH; returns the milliseconds it took. */
    insertMs(events: ProgressEvent[]): number {
      const started = performance.now();
      for (let i = 0; i < events.length; i += BATCH) batch(events.slice(i, i + BATCH));
      return performance.now() - started;
    },
    close: () => db.close(),
  };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const round = (n: number) => Math.round(n * 100) / 100;

async function bundleClient(): Promise<string> {
  const out = await build({
    configFile: false,
    logLevel: 'silent',
    root: ROOT,
    build: {
      write: false,
      minify: true,
      lib: { entry: join(ROOT, 'bench/outbox-entry.ts'), formats: ['iife'], name: 'KindlingBench' },
    },
  });
  const output = (Array.isArray(out) ? out[0] : out) as { output: Array<{ code?: string }> };
  return output.output[0]!.code!;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'kindling-bench-'));
  const server = await startApiProcess({ DATA_DIR: dir, STATIC_DIR: join(ROOT, 'dist') });
  const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
  try {
    // 1. Ingest over HTTP vs raw inserts of the same rows: first one device sending its batches
    // one after another (each waits for the answer to the last), then three learners' devices
    // at once, as a server meets them (its throughput: it never waits for a client).
    const cookie = await signInCookie(server.url);
    const senders = await Promise.all(
      INGEST_SENDERS.map(async (email, i) => ({
        cookie: await signInCookie(server.url, email),
        events: makeEvents(Math.ceil(INGEST_EVENTS / INGEST_SENDERS.length), `bench-device-c${i}`),
      })),
    );
    // Warm both sides up first (JIT, statement caches), so the figures are steady-state ingest.
    const raw = await rawInserter(join(dir, 'raw.db'));
    const warmUp = makeEvents(WARMUP_EVENTS, 'bench-device-warm');
    await postBatches(server.url, cookie, warmUp);
    raw.insertMs(warmUp);
    const oneDevice = makeEvents(INGEST_EVENTS, 'bench-device-http');
    const oneDeviceRate = INGEST_EVENTS / (await postBatches(server.url, cookie, oneDevice));
    const oneDeviceRawRate = INGEST_EVENTS / raw.insertMs(oneDevice);
    const concurrentStarted = performance.now();
    await Promise.all(senders.map((s) => postBatches(server.url, s.cookie, s.events)));
    const concurrentEvents = senders.reduce((n, s) => n + s.events.length, 0);
    const httpRate = concurrentEvents / (performance.now() - concurrentStarted);
    const rawRate = concurrentEvents / raw.insertMs(senders.flatMap((s) => s.events));
    raw.close();

    // Baseline for the drain: Node posting 1,000 events in batches of 500, same server.
    const nodeMs = await postBatches(
      server.url,
      cookie,
      makeEvents(DRAIN_EVENTS, 'bench-node-drain'),
    );

    // 2 + 3. The real outbox and engine in Chromium.
    const code = await bundleClient();
    const page = await browser.newPage({ bypassCSP: true });
    await page.goto(`${server.url}/manifest.webmanifest`);
    await page.addScriptTag({ content: code });
    // tsx compiles the evaluated function with esbuild's keepNames helper; give the page one.
    await page.addScriptTag({ content: 'window.__name = (f) => f;' });
    const inPage = await page.evaluate(async (count) => {
      type Bench = typeof import('./outbox-entry');
      const k = (globalThis as unknown as { KindlingBench: Bench }).KindlingBench;
      const login = await fetch('/api/v1/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'learner@demo.test', password: 'learn-daily' }),
      });
      const { user } = (await login.json()) as { user: { id: string } };
      const db = await k.openDeviceDb('kindling-bench');
      const deviceId = await k.ensureDeviceId(db);
      const outbox = k.createOutbox(db, k.systemClock);
      const enqueue: number[] = [];
      for (let i = 0; i < count; i++) {
        const t = performance.now();
        await outbox.record(user.id, {
          type: 'lesson_completed',
          lessonId: `drain-${i % 50}`,
          durationMs: 60_000,
        });
        enqueue.push(performance.now() - t);
      }
      const bare: number[] = [];
      for (let i = 0; i < 200; i++) {
        const t = performance.now();
        await db.put('resume', { key: `bare-${i}`, cardIndex: i, updatedAt: '' });
        bare.push(performance.now() - t);
      }
      const engine = k.createSyncEngine({
        api: k.createApi(),
        outbox,
        deviceId,
        clock: k.systemClock,
        snapshots: k.createSnapshots(db),
        onStatus: () => {},
      });
      engine.setUser(user.id);
      const t = performance.now();
      await engine.sync();
      const drainMs = performance.now() - t;
      const left = await outbox.countPending(user.id);
      return { enqueue, bare, drainMs, left, phase: engine.status.phase };
    }, DRAIN_EVENTS);
    if (inPage.left !== 0) throw new Error(`drain left ${inPage.left} events (${inPage.phase})`);
    const enqueue = [...inPage.enqueue].sort((a, b) => a - b);
    const bare = [...inPage.bare].sort((a, b) => a - b);

    console.log(
      JSON.stringify(
        {
          ingest: {
            events: INGEST_EVENTS,
            batch: BATCH,
            devicesAtOnce: senders.length,
            httpEventsPerSec: Math.round(httpRate * 1000),
            rawSqliteEventsPerSec: Math.round(rawRate * 1000),
            ratio: round(httpRate / rawRate),
            oneDevice: {
              httpEventsPerSec: Math.round(oneDeviceRate * 1000),
              rawSqliteEventsPerSec: Math.round(oneDeviceRawRate * 1000),
              ratio: round(oneDeviceRate / oneDeviceRawRate),
            },
          },
          drain: {
            events: DRAIN_EVENTS,
            chromiumMs: Math.round(inPage.drainMs),
            nodeDirectMs: Math.round(nodeMs),
            ratio: round(nodeMs / inPage.drainMs),
          },
          enqueue: {
            events: DRAIN_EVENTS,
            p50Ms: round(percentile(enqueue, 50)),
            p95Ms: round(percentile(enqueue, 95)),
            barePutP50Ms: round(percentile(bare, 50)),
            ratioP50: round(percentile(bare, 50) / percentile(enqueue, 50)),
          },
        },
        null,
        2,
      ),
    );
  } finally {
    await browser.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
