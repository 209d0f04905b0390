/**
 * The outbox and the sync engine against the real server app: fake-indexeddb for the device, an
 * injected fetch (with faults) into `app.request`, an injected clock and retry scheduler. Each
 * test states the guarantee from issue 3 it covers.
 */
import 'fake-indexeddb/auto';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Fetch } from '../../src/client/api';
import { BACKOFF, backoffDelay } from '../../src/client/sync-engine';
import { createApp } from '../../src/server/app';
import { loadContentDir } from '../../src/server/content/load';
import type { Store } from '../../src/server/store/store';
import { clientFor, signInAs, type App } from '../support/api';
import {
  appFetch,
  completeLessons,
  DEMO_LEARNER,
  FakeClock,
  openDevice,
  type Device,
} from '../support/device';
import { demoStore, ROOT } from '../support/server';
import { SYNC_BOUNDS } from '../../src/server/sync-bounds';

let store: Store;
let app: App;
let clock: FakeClock;
let cookie: string;
/** Event counts of every sync request that reached the app. */
let batches: number[];

beforeEach(async () => {
  store = await demoStore();
  clock = new FakeClock();
  app = createApp({ store, now: () => clock.ms });
  cookie = (await signInAs(app, 'learner@demo.test')).cookie;
  batches = [];
});

/** The app, counting each sync batch; `fault` may answer instead of (or after) the server. */
function serverFetch(
  fault?: (input: string, init: RequestInit, send: () => Promise<Response>) => Promise<Response>,
): Fetch {
  return async (input, init = {}) => {
    const send = async () => {
      if (input.endsWith('/sync'))
        batches.push((JSON.parse(init.body as string) as { events: unknown[] }).events.length);
      return await appFetch(app, cookie)(input, init);
    };
    return fault ? await fault(input, init, send) : await send();
  };
}

const serverEvents = () => store.userEvents(DEMO_LEARNER);

/**
 * The demo content's lessons. Progress (completed lessons, XP, streak days) only counts lessons
 * that exist and were read for a plausible time; `completeLessons` reads each for a fixed time, which is enough
 * where a test looks only at what reached the server.
 */
const LESSONS = loadContentDir(join(ROOT, 'content')).modules.flatMap((m) => m.lessons);

/** Records `n` completions of real lessons, each read for its full estimate, cycling through them. */
async function completeRealLessons(device: Device, n: number) {
  const events = [];
  for (let i = 0; i < n; i++) {
    const lesson = LESSONS[i % LESSONS.length]!;
    events.push(
      await device.outbox.record(DEMO_LEARNER, {
        type: 'lesson_completed',
        lessonId: lesson.id,
        durationMs: lesson.estimateMinutes * 60_000,
      }),
    );
  }
  return events;
}
/** Lessons taken as the player records them: started, then finished after their estimate. */
async function learnRealLessons(device: Device, clockOfDevice: FakeClock, n: number) {
  for (let i = 0; i < n; i++) {
    const lesson = LESSONS[i % LESSONS.length]!;
    await device.outbox.record(DEMO_LEARNER, { type: 'lesson_started', lessonId: lesson.id });
    clockOfDevice.ms += lesson.estimateMinutes * 60_000;
    await device.outbox.record(DEMO_LEARNER, {
      type: 'lesson_completed',
      lessonId: lesson.id,
      durationMs: lesson.estimateMinutes * 60_000,
    });
  }
}
const isSync = (input: string) => input.endsWith('/sync');

describe('draining the outbox', () => {
  it('sends batches of at most 500 and empties the outbox only after the server stored them', async () => {
    const device = await openDevice({ fetch: serverFetch(), clock });
    // More completions than there are lessons: every lesson, and replays of them.
    const made = await completeRealLessons(device, 1001);
    expect(await device.outbox.countPending(DEMO_LEARNER)).toBe(1001);

    await device.engine.sync();

    expect(batches).toEqual([500, 500, 1]);
    expect(await device.outbox.countPending(DEMO_LEARNER)).toBe(0);
    expect((await serverEvents()).map((e) => e.id).sort()).toEqual(made.map((e) => e.id).sort());
    expect(device.engine.status).toMatchObject({ phase: 'idle', error: null });
    // The device shows what the server stored: every lesson completed once, replays included.
    expect(device.states.at(-1)?.completedLessonIds).toEqual(LESSONS.map((l) => l.id).sort());
  });

  it('numbers events per device, strictly increasing, with the device zone and a UUIDv7 id', async () => {
    const device = await openDevice({ fetch: serverFetch(), clock });
    const [a, b] = await completeLessons(device, 2);
    expect([a!.seq, b!.seq]).toEqual([1, 2]);
    expect(a!.deviceId).toBe(device.deviceId);
    expect(a!.tz).toBe('Europe/Berlin');
    expect(a!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
  });

  it('sends an event recorded while a sync is in flight in a follow-up run', async () => {
    let followUp: Promise<void> | undefined;
    const device: Device = await openDevice({
      clock,
      fetch: serverFetch(async (input, _init, send) => {
        const answer = await send();
        // The push is answered when the learner finishes a lesson.
        if (isSync(input) && !followUp) {
          await completeLessons(device, 1, 10);
          followUp = device.engine.sync(); // the debounce firing mid-sync
        }
        return answer;
      }),
    });
    await completeLessons(device, 3);
    await device.engine.sync();
    await followUp;
    expect(await device.outbox.countPending(DEMO_LEARNER)).toBe(0);
    expect(await serverEvents()).toHaveLength(4);
  });
});

describe('one state per sync', () => {
  /** Requests that reached the app, as `METHOD /path`. */
  function counted(requests: string[]): Fetch {
    return serverFetch(async (input, init, send) => {
      requests.push(`${init.method} ${input.replace('/api/v1', '')}`);
      return await send();
    });
  }

  it('takes the state from the push reply: no second read, one snapshot kept', async () => {
    const requests: string[] = [];
    const device = await openDevice({ fetch: counted(requests), clock });
    const [lesson] = LESSONS;
    await completeRealLessons(device, 1);

    await device.engine.sync();

    expect(requests).toEqual(['POST /sync']);
    expect(device.states).toHaveLength(1);
    expect(device.states[0]).toMatchObject({ completedLessonIds: [lesson!.id] });
    expect(device.states[0]!.mastery).toEqual({ assessments: {}, competencies: [], review: [] });
  });

  it("keeps the last batch's state once, however many batches the outbox needed", async () => {
    const requests: string[] = [];
    const device = await openDevice({ fetch: counted(requests), clock });
    await completeLessons(device, 501);
    await device.engine.sync();
    expect(requests).toEqual(['POST /sync', 'POST /sync']);
    expect(device.states).toHaveLength(1);
  });

  it("reads the state when nothing was waiting, so other devices' progress shows", async () => {
    const requests: string[] = [];
    const device = await openDevice({ fetch: counted(requests), clock });
    await device.engine.sync();
    // Naming the device: the server counts what it records from now on.
    expect(requests).toEqual([`GET /me/state?deviceId=${device.deviceId}`]);
    expect(device.states).toHaveLength(1);
  });

  it('keeps the state of the batches answered when a later batch fails', async () => {
    let syncs = 0;
    const device = await openDevice({
      clock,
      fetch: serverFetch(async (input, _init, send) => {
        if (isSync(input) && ++syncs === 2) throw new TypeError('Failed to fetch');
        return await send();
      }),
    });
    await completeRealLessons(device, 501);
    await device.engine.sync();
    expect(device.engine.status.phase).toBe('offline');
    expect(await device.outbox.countPending(DEMO_LEARNER)).toBe(1);
    // The 500 acknowledged events left the outbox; the kept state counts them.
    expect(device.states).toHaveLength(1);
    expect(device.states[0]!.completedLessonIds).toEqual(LESSONS.map((l) => l.id).sort());
  });
});

describe('failures', () => {
  it('backs off exponentially with full jitter while offline, and resets after a success', async () => {
    let offline = true;
    const device = await openDevice({
      clock,
      random: () => 0.5,
      fetch: serverFetch(async (_input, _init, send) => {
        if (offline) throw new TypeError('Failed to fetch');
        return await send();
      }),
    });
    await completeLessons(device, 3);

    await device.engine.sync();
    await device.runRetry();
    await device.runRetry();
    expect(device.retries).toEqual([500, 1000, 2000]);
    expect(device.engine.status.phase).toBe('offline');
    expect(await device.outbox.countPending(DEMO_LEARNER)).toBe(3);

    offline = false;
    await device.runRetry();
    expect(await device.outbox.countPending(DEMO_LEARNER)).toBe(0);
    expect(device.engine.status).toMatchObject({ phase: 'idle', error: null });

    offline = true;
    await completeLessons(device, 1, 10);
    await device.engine.sync();
    expect(device.retries.at(-1)).toBe(500);
  });

  it('draws each delay uniformly between zero and the capped exponential step', () => {
    expect(backoffDelay(0, () => 0)).toBe(0);
    expect(backoffDelay(3, () => 0.999)).toBe(Math.floor(0.999 * 8 * BACKOFF.baseMs));
    expect(backoffDelay(40, () => 0.999)).toBeLessThan(BACKOFF.capMs);
    expect(backoffDelay(40, () => 0.5)).toBe(BACKOFF.capMs / 2);
  });

  it('retries a 5xx and shows the error, keeping every event', async () => {
    let failing = true;
    const device = await openDevice({
      clock,
      fetch: serverFetch(async (input, _init, send) =>
        failing && isSync(input)
          ? Response.json(
              { error: { code: 'store_unavailable', message: 'The database is not answering.' } },
              { status: 503 },
            )
          : await send(),
      ),
    });
    await completeLessons(device, 2);
    await device.engine.sync();
    expect(device.engine.status).toMatchObject({
      phase: 'error',
      error: { key: '', text: 'The database is not answering.' },
    });
    expect(device.retries).toHaveLength(1);
    failing = false;
    await device.runRetry();
    expect(await serverEvents()).toHaveLength(2);
  });

  it('waits as long as a 429’s Retry-After says, keeping the outbox, then drains', async () => {
    const device = await openDevice({ fetch: serverFetch(), clock });
    await completeLessons(device, 3);
    // This person already used up the minute's syncs (the server's own limit answers).
    for (let i = 0; i < SYNC_BOUNDS.syncsPerMinute; i++)
      await store.hitRateLimit(`sync:user:${DEMO_LEARNER}`, 60_000, clock.ms);

    await device.engine.sync();

    expect(device.retries).toEqual([60_000]);
    expect(device.engine.status).toMatchObject({
      phase: 'error',
      error: { key: 'error.syncRate' },
    });
    expect(await device.outbox.countPending(DEMO_LEARNER)).toBe(3);
    expect(await device.outbox.rejected(DEMO_LEARNER)).toEqual([]);
    clock.ms += 60_000;
    await device.runRetry();
    expect(await device.outbox.countPending(DEMO_LEARNER)).toBe(0);
    expect(await serverEvents()).toHaveLength(3);
  });

  it('pauses on 401 without losing the outbox, and drains after signing in again', async () => {
    const device = await openDevice({ fetch: serverFetch(), clock });
    await completeLessons(device, 4);
    await clientFor(app, cookie).post('/api/v1/auth/logout', {}); // the session ends elsewhere

    await device.engine.sync();

    expect(device.engine.status.phase).toBe('signed_out');
    expect(device.engine.status.error).toMatchObject({
      key: 'sync.sessionEnded',
      text: expect.stringMatching(/Sign in again/),
    });
    expect(device.retries).toEqual([]); // no hammering with a dead session
    expect(await device.outbox.countPending(DEMO_LEARNER)).toBe(4);

    cookie = (await signInAs(app, 'learner@demo.test')).cookie;
    device.engine.setUser(DEMO_LEARNER);
    await device.engine.sync();
    expect(await device.outbox.countPending(DEMO_LEARNER)).toBe(0);
    expect(await serverEvents()).toHaveLength(4);
  });

  it('halves a batch the server refuses as too large until it fits, losing nothing', async () => {
    const device = await openDevice({
      clock,
      fetch: serverFetch(async (input, init, send) => {
        const count = (JSON.parse((init.body as string) ?? '{"events":[]}') as { events?: [] })
          .events?.length;
        if (isSync(input) && count !== undefined && count > 100)
          return Response.json(
            { error: { code: 'payload_too_large', message: 'too big' } },
            { status: 413 },
          );
        return await send();
      }),
    });
    await completeLessons(device, 250);
    await device.engine.sync();
    expect(batches.every((n) => n <= 100)).toBe(true);
    expect(await device.outbox.countPending(DEMO_LEARNER)).toBe(0);
    expect(await device.outbox.rejected(DEMO_LEARNER)).toEqual([]);
    expect(await serverEvents()).toHaveLength(250);
  });
});

describe('a bad event never blocks the queue', () => {
  it('moves a malformed event in the middle of the outbox to "Couldn\'t sync" and drains the rest', async () => {
    const device = await openDevice({ fetch: serverFetch(), clock });
    await completeLessons(device, 5, 0);
    const bad = await device.outbox.record(DEMO_LEARNER, {
      type: 'lesson_completed',
      lessonId: 'x',
      durationMs: -5, // an older app version's bug
    });
    await completeLessons(device, 5, 10);

    await device.engine.sync();

    expect(await device.outbox.countPending(DEMO_LEARNER)).toBe(0);
    const rejected = await device.outbox.rejected(DEMO_LEARNER);
    expect(rejected.map((r) => [r.id, r.reason])).toEqual([[bad.id, 'invalid']]);
    expect(rejected[0]!.message).toMatch(/durationMs/);
    // The phrase is kept, so the list can word the reason in the reader's locale.
    expect(rejected[0]!.phrase).toMatchObject({
      key: 'error.field.wholeNumber',
      params: { field: 'durationMs' },
    });
    expect(await serverEvents()).toHaveLength(10);
  });

  it('isolates an event that makes the whole request invalid (400) by halving, and drains the rest', async () => {
    const device = await openDevice({ fetch: serverFetch(), clock });
    await completeLessons(device, 6, 0);
    // An id longer than the envelope allows: the server refuses the whole request with 400.
    const poison = { ...(await completeLessons(device, 1, 20))[0]!, id: 'p'.repeat(150) };
    const [entry] = await device.outbox.pending(DEMO_LEARNER, 7).then((all) => all.slice(6));
    await device.db.delete('outbox', entry!.id);
    await device.db.put('outbox', { ...entry!, id: poison.id, event: poison });
    await completeLessons(device, 6, 10);

    await device.engine.sync();

    expect(await device.outbox.countPending(DEMO_LEARNER)).toBe(0);
    const rejected = await device.outbox.rejected(DEMO_LEARNER);
    expect(rejected.map((r) => [r.id, r.reason])).toEqual([[poison.id, 'invalid']]);
    expect(await serverEvents()).toHaveLength(12);
  });

  it('shows events older than the acceptance window as not counted, never drops them unseen', async () => {
    const device = await openDevice({ fetch: serverFetch(), clock });
    await completeLessons(device, 2);
    clock.ms += 40 * 86_400_000; // device and server: back online 40 days later
    await device.engine.sync();
    expect(device.engine.status.phase).toBe('signed_out'); // the session expired meanwhile
    cookie = (await signInAs(app, 'learner@demo.test')).cookie;
    device.engine.setUser(DEMO_LEARNER);
    await device.engine.sync();
    const rejected = await device.outbox.rejected(DEMO_LEARNER);
    expect(rejected.map((r) => r.reason)).toEqual(['too_old', 'too_old']);
    expect(rejected[0]!.message).toMatch(/older than 30 days/);
    expect(rejected[0]!.phrase).toMatchObject({ key: 'error.event.tooOld', params: { count: 30 } });
    expect(await device.outbox.countPending(DEMO_LEARNER)).toBe(0);
  });
});

describe('at most once on the server', () => {
  it('takes partial results: unanswered events stay queued, the resend is a duplicate', async () => {
    let answered = 0;
    const device = await openDevice({
      clock,
      fetch: serverFetch(async (input, _init, send) => {
        const response = await send();
        if (!isSync(input) || answered++ > 0) return response;
        const body = (await response.json()) as { results: unknown[] };
        return Response.json({ ...body, results: body.results.slice(0, 3) });
      }),
    });
    await completeLessons(device, 8);
    await device.engine.sync();
    expect(batches).toEqual([8, 5]);
    expect(await device.outbox.countPending(DEMO_LEARNER)).toBe(0);
    expect(await serverEvents()).toHaveLength(8);
  });

  it('survives a crash between send and ack: the server committed, the replay is deduplicated', async () => {
    const dbName = `crash-${Date.now()}`;
    const duplicates: string[] = [];
    const first = await openDevice({
      clock,
      dbName,
      fetch: serverFetch(async (input, _init, send) => {
        await send(); // the server commits…
        if (isSync(input)) throw new TypeError('connection reset'); // …the answer never arrives
        return new Response('{}');
      }),
    });
    const made = await completeLessons(first, 20);
    await first.engine.sync();
    expect(await serverEvents()).toHaveLength(20);
    expect(await first.outbox.countPending(DEMO_LEARNER)).toBe(20);
    first.engine.stop();
    first.db.close();

    // The app restarts on the same database and resends everything.
    const second = await openDevice({
      clock,
      dbName,
      fetch: serverFetch(async (input, init, send) => {
        const response = await send();
        if (!isSync(input)) return response;
        const body = (await response.clone().json()) as {
          results: Array<{ id: string; status: string }>;
        };
        duplicates.push(...body.results.filter((r) => r.status === 'duplicate').map((r) => r.id));
        return response;
      }),
    });
    expect(second.deviceId).toBe(first.deviceId);
    await second.engine.sync();

    expect(duplicates.sort()).toEqual(made.map((e) => e.id).sort());
    expect(await second.outbox.countPending(DEMO_LEARNER)).toBe(0);
    expect(await serverEvents()).toHaveLength(20);
  });

  it('refuses the same id with other content as a conflict and keeps the stored one', async () => {
    const device = await openDevice({ fetch: serverFetch(), clock });
    const [event] = await completeLessons(device, 1);
    await device.engine.sync();
    await device.db.put('outbox', {
      id: event!.id,
      userId: DEMO_LEARNER,
      seq: 99,
      event: { ...event!, durationMs: 1 } as typeof event & object,
    });
    await device.engine.sync();
    const rejected = await device.outbox.rejected(DEMO_LEARNER);
    expect(rejected.map((r) => r.reason)).toEqual(['conflict']);
    const stored = await serverEvents();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ id: event!.id, durationMs: 120_000 });
  });
});

describe('the device clock cannot game or break results', () => {
  it.each([3, -3])(
    'corrects a device clock %i days off to server time, keeping the declared zone',
    async (days) => {
      const deviceClock = new FakeClock(clock.ms + days * 86_400_000);
      const device = await openDevice({ fetch: serverFetch(), clock: deviceClock });
      await learnRealLessons(device, deviceClock, 2);
      await device.engine.sync();
      expect(await device.outbox.rejected(DEMO_LEARNER)).toEqual([]);
      const stored = await serverEvents();
      expect(stored).toHaveLength(4);
      for (const e of stored) {
        expect(Math.abs(Date.parse(e.occurredAt) - clock.ms)).toBeLessThan(20 * 60_000);
        expect(e.tz).toBe('Europe/Berlin');
      }
      // The streak counts the server-corrected day, not the day the skewed clock claimed.
      expect(device.states.at(-1)?.activeDays).toEqual(['2026-03-02']);
    },
  );
});
