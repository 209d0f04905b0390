/**
 * A device in Node: the real idb schema on fake-indexeddb, the real outbox and sync engine, and a
 * fetch that reaches the real Hono app through `app.request` (no socket). Faults are injected by
 * wrapping that fetch, time by a settable clock, and retries by a recording scheduler.
 *
 * Import 'fake-indexeddb/auto' in the test file before using this.
 */
import { join } from 'node:path';
import { createApi, type Fetch } from '../../src/client/api';
import { openDeviceDb, type KindlingDB } from '../../src/client/db';
import { createOutbox, ensureDeviceId, type Clock } from '../../src/client/outbox';
import { createSnapshots } from '../../src/client/snapshots';
import { createSyncEngine, type SyncStatus } from '../../src/client/sync-engine';
import type { MeState } from '../../src/core/api';
import { loadContentDir } from '../../src/server/content/load';
import type { App } from './api';
import { ROOT } from './server';

export const DEMO_LEARNER = 'u-demo-learner';

/** A device-wide mutex, as navigator.locks.request gives tabs of one browser. */
export function sharedLock() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
}

export class FakeClock implements Clock {
  constructor(public ms = Date.parse('2026-03-02T09:00:00Z')) {}
  now = () => this.ms;
  timeZone = () => 'Europe/Berlin';
}

/** A fetch into the app with a session cookie, as the browser would send it (Origin on changes). */
export function appFetch(app: App, cookie: string): Fetch {
  return async (input, init = {}) =>
    await app.request(`http://localhost${input}`, {
      ...init,
      headers: {
        ...(init.headers as Record<string, string>),
        ...((init.method ?? 'GET') === 'GET' ? {} : { origin: 'http://localhost' }),
        cookie,
      },
    });
}

/** What one sync request carried, for assertions on batching. */
export interface SentBatch {
  eventIds: string[];
}

export interface Device {
  db: KindlingDB;
  deviceId: string;
  outbox: ReturnType<typeof createOutbox>;
  engine: ReturnType<typeof createSyncEngine>;
  statuses: SyncStatus[];
  states: MeState[];
  /** Delays the engine asked to wait before retrying. */
  retries: number[];
  /** Runs the retry the engine scheduled last, if any. */
  runRetry(): Promise<void>;
}

let dbCounter = 0;

export async function openDevice(opts: {
  fetch: Fetch;
  clock?: Clock;
  random?: () => number;
  dbName?: string;
  userId?: string;
  /** Stands in for the Web Lock; by default each engine runs unlocked. */
  withLock?: <T>(task: () => Promise<T>) => Promise<T>;
}): Promise<Device> {
  const db = await openDeviceDb(opts.dbName ?? `device-${process.pid}-${++dbCounter}`);
  const deviceId = await ensureDeviceId(db);
  const clock = opts.clock ?? new FakeClock();
  const outbox = createOutbox(db, clock);
  const snapshots = createSnapshots(db);
  const statuses: SyncStatus[] = [];
  const states: MeState[] = [];
  const retries: number[] = [];
  let pendingRetry: (() => void) | undefined;
  const engine = createSyncEngine({
    api: createApi(opts.fetch),
    outbox,
    deviceId,
    clock,
    random: opts.random,
    withLock: opts.withLock ?? ((task) => task()),
    schedule: (task, ms) => {
      retries.push(ms);
      pendingRetry = task;
      return () => (pendingRetry = undefined);
    },
    snapshots: {
      write: (uid, state, syncedAt) => {
        states.push(state);
        return snapshots.write(uid, state, syncedAt);
      },
    },
    onStatus: (s) => statuses.push(s),
  });
  engine.setUser(opts.userId ?? DEMO_LEARNER);
  return {
    db,
    deviceId,
    outbox,
    engine,
    statuses,
    states,
    retries,
    async runRetry() {
      if (!pendingRetry) throw new Error('no retry was scheduled');
      pendingRetry = undefined;
      await engine.sync();
    },
  };
}

/** The demo content's lesson ids: the server refuses events about lessons it does not hold. */
const LESSON_IDS = loadContentDir(join(ROOT, 'content')).modules.flatMap((m) =>
  m.lessons.map((l) => l.id),
);

/**
 * Records `n` completed lessons through the real outbox, cycling through the demo lessons;
 * `offset` starts elsewhere in the list, so two calls record different lessons.
 */
export async function completeLessons(
  device: Device,
  n: number,
  offset = 0,
  userId = DEMO_LEARNER,
) {
  const events = [];
  for (let i = 0; i < n; i++)
    events.push(
      await device.outbox.record(userId, {
        type: 'lesson_completed',
        lessonId: LESSON_IDS[(offset + i) % LESSON_IDS.length]!,
        durationMs: 120_000,
      }),
    );
  return events;
}
