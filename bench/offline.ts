/**
 * Offline/sync figures, printed as one JSON object (run: `npx tsx bench/offline.ts`, after
 * `npm run build`). Each figure is set next to a baseline measured in the same run:
 *
 * - ingest: events/s through `POST /api/v1/sync` over loopback HTTP in batches of 500, against a
 *   raw better-sqlite3 insert of the same rows in transactions of 500 (ratio = http / raw), both
 *   after a warm-up of 20,000 events (a server that has run for a while: its JIT has compiled
 *   the hot path). The events are what a learner's device sends (lessons of the demo content
 *   started, two cards viewed, completed), spread over learners of the bench's own within the
 *   per-person bounds, and every one must be stored: a refusal stops the bench. The server runs
 *   in its own process, as deployed (the same `src/server/main.ts`), and the request bodies are
 *   serialised before the clock starts, so the figure is the server's and not this load
 *   generator's;
 * - drain: the real outbox + sync engine, bundled and run in Chromium, draining 1,000 queued
 *   card views to the server on loopback, against Node posting the same number of events directly;
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
import { loadContentDir } from '../src/server/content/load';
import { seedDemo } from '../src/server/seed';
import { openStore, type Store } from '../src/server/store/store';
import { CHROMIUM_ARGS, executablePath } from '../test/support/browser';
import { startApiProcess } from '../test/support/processes';
import { ROOT } from '../test/support/server';
import { sessionCookie } from '../test/support/sessions';

const INGEST_EVENTS = Number(process.env.BENCH_INGEST_EVENTS ?? 20000);
const WARMUP_EVENTS = 20_000;
/** Clients sending at once in the throughput figure. */
const CLIENTS_AT_ONCE = 3;
const DRAIN_EVENTS = 1000;
const BATCH = 500;
/**
 * Events a bench learner sends: a person may send 2,000 events a day and 60 syncs a minute
 * (SYNC_BOUNDS), so each figure spreads its events over learners of its own, 3 batches each.
 */
const PER_LEARNER = 3 * BATCH;

/** A lesson of the demo content, as the bench's events walk through it. */
interface BenchLesson {
  id: string;
  estimateMinutes: number;
  cards: string[];
}

/** The demo content's lessons (the server refuses events of lessons it does not know). */
async function contentLessons(store: Store): Promise<BenchLesson[]> {
  const { modules } = await store.getCatalog();
  const full = await Promise.all(modules.map((m) => store.getModule(m.id)));
  return full.flatMap((m) =>
    (m?.lessons ?? []).map((l) => ({
      id: l.id,
      estimateMinutes: l.estimateMinutes,
      cards: l.cards.map((c) => c.id),
    })),
  );
}

/**
 * `n` events of one device taking lessons one after another from 40 hours ago, as a learner
 * does: each lesson started, two cards viewed, completed after its estimate.
 */
function makeEvents(n: number, deviceId: string, lessons: BenchLesson[]): ProgressEvent[] {
  const events: ProgressEvent[] = [];
  let at = Date.now() - 40 * 3_600_000;
  const push = (body: Record<string, unknown>) =>
    events.push({
      id: uuidv7(() => at),
      occurredAt: new Date(at).toISOString(),
      tz: 'Europe/Berlin',
      deviceId,
      seq: events.length + 1,
      ...body,
    } as ProgressEvent);
  for (let i = 0; events.length < n; i++) {
    const lesson = lessons[i % lessons.length]!;
    push({ type: 'lesson_started', lessonId: lesson.id });
    for (const cardId of lesson.cards.slice(0, 2)) {
      at += 1000;
      push({ type: 'card_viewed', lessonId: lesson.id, cardId });
    }
    at += lesson.estimateMinutes * 60_000;
    const durationMs = lesson.estimateMinutes * 60_000;
    push({ type: 'lesson_completed', lessonId: lesson.id, durationMs });
    at += 1000;
  }
  return events.slice(0, n);
}

interface Sender {
  cookie: string;
  events: ProgressEvent[];
}

/**
 * `events` events from new learners of the demo organisation (PER_LEARNER each, their own device
 * each), signed in with a session row written into the database before the server opens it.
 */
async function senders(store: Store, name: string, events: number): Promise<Sender[]> {
  const lessons = await contentLessons(store);
  const out: Sender[] = [];
  for (let k = 0; k * PER_LEARNER < events; k++) {
    const id = `bench-${name}-${k}`;
    await store.createUser({
      id,
      orgId: 'demo-co',
      email: `${id}@bench.test`,
      name: id,
      role: 'learner',
      managerId: null,
      tz: 'Europe/Berlin',
      passwordHash: 'x',
    });
    const n = Math.min(PER_LEARNER, events - k * PER_LEARNER);
    out.push({
      cookie: await sessionCookie(store, id),
      events: makeEvents(n, `device-${id}`, lessons),
    });
  }
  return out;
}

/** Each sender's batches, one sender after another; returns the milliseconds it took. */
async function sendInTurn(url: string, list: Sender[]): Promise<number> {
  let ms = 0;
  for (const sender of list) ms += await postBatches(url, sender.cookie, sender.events);
  return ms;
}

const eventsOf = (list: Sender[]) => list.flatMap((s) => s.events);

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
      // Every write names its origin (the server refuses a write from another site: 403).
      headers: { 'content-type': 'application/json', cookie, origin: url },
      body,
    });
    if (!res.ok) throw new Error(`sync answered ${res.status}`);
    // A figure of refusals would say nothing about ingest: every event must be stored.
    const { results } = (await res.json()) as { results: Array<{ status: string }> };
    const refused = results.find((r) => r.status !== 'accepted');
    if (refused) throw new Error(`the server did not store an event: ${JSON.stringify(refused)}`);
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
  // The demo data and the bench's learners, written before the server opens the file.
  const store = await openStore({ dialect: 'sqlite', file: join(dir, 'kindling.db') });
  const content = loadContentDir(join(ROOT, 'content'));
  await store.saveContent(content.catalog, content.modules);
  await seedDemo(store);
  const warmUp = await senders(store, 'warm', WARMUP_EVENTS);
  const oneClient = await senders(store, 'one', INGEST_EVENTS);
  const atOnce: Sender[][] = [];
  for (let c = 0; c < CLIENTS_AT_ONCE; c++)
    atOnce.push(await senders(store, `c${c}`, Math.ceil(INGEST_EVENTS / CLIENTS_AT_ONCE)));
  const [nodeDrain] = await senders(store, 'drain', DRAIN_EVENTS);
  // The cards the page's outbox records views of (real ones: the server refuses unknown cards).
  const drainCards = (await contentLessons(store)).flatMap((l) =>
    l.cards.map((cardId) => ({ lessonId: l.id, cardId })),
  );
  await store.close();
  const server = await startApiProcess({ DATA_DIR: dir, STATIC_DIR: join(ROOT, 'dist') });
  const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
  try {
    // 1. Ingest over HTTP vs raw inserts of the same rows: first one client sending its learners'
    // batches one after another (each waits for the answer to the last), then three clients at
    // once, as a server meets them (its throughput: it never waits for a client).
    // Warm both sides up first (JIT, statement caches), so the figures are steady-state ingest.
    const raw = await rawInserter(join(dir, 'raw.db'));
    await sendInTurn(server.url, warmUp);
    raw.insertMs(eventsOf(warmUp));
    const oneClientRate = INGEST_EVENTS / (await sendInTurn(server.url, oneClient));
    const oneClientRawRate = INGEST_EVENTS / raw.insertMs(eventsOf(oneClient));
    const concurrentStarted = performance.now();
    await Promise.all(atOnce.map((list) => sendInTurn(server.url, list)));
    const concurrentEvents = atOnce.reduce((n, list) => n + eventsOf(list).length, 0);
    const httpRate = concurrentEvents / (performance.now() - concurrentStarted);
    const rawRate = concurrentEvents / raw.insertMs(atOnce.flatMap(eventsOf));
    raw.close();

    // Baseline for the drain: Node posting 1,000 events in batches of 500, same server.
    const nodeMs = await postBatches(server.url, nodeDrain!.cookie, nodeDrain!.events);

    // 2 + 3. The real outbox and engine in Chromium.
    const code = await bundleClient();
    const page = await browser.newPage({ bypassCSP: true });
    await page.goto(`${server.url}/manifest.webmanifest`);
    await page.addScriptTag({ content: code });
    // tsx compiles the evaluated function with esbuild's keepNames helper; give the page one.
    await page.addScriptTag({ content: 'window.__name = (f) => f;' });
    const inPage = await page.evaluate(
      async ({ count, cards }) => {
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
          const card = cards[i % cards.length]!;
          await outbox.record(user.id, { type: 'card_viewed', ...card });
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
      },
      { count: DRAIN_EVENTS, cards: drainCards },
    );
    if (inPage.left !== 0) throw new Error(`drain left ${inPage.left} events (${inPage.phase})`);
    const enqueue = [...inPage.enqueue].sort((a, b) => a - b);
    const bare = [...inPage.bare].sort((a, b) => a - b);

    console.log(
      JSON.stringify(
        {
          ingest: {
            events: INGEST_EVENTS,
            batch: BATCH,
            clientsAtOnce: CLIENTS_AT_ONCE,
            httpEventsPerSec: Math.round(httpRate * 1000),
            rawSqliteEventsPerSec: Math.round(rawRate * 1000),
            ratio: round(httpRate / rawRate),
            oneClient: {
              httpEventsPerSec: Math.round(oneClientRate * 1000),
              rawSqliteEventsPerSec: Math.round(oneClientRawRate * 1000),
              ratio: round(oneClientRate / oneClientRawRate),
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
