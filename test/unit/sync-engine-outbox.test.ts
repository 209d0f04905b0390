/**
 * The outbox and the sync engine against the real server app: fake-indexeddb for the device, an
 * injected fetch (with faults) into `app.request`, an injected clock and retry scheduler. Each
 * test states the guarantee from issue 3 it covers.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Fetch } from '../../src/client/api';
import { completeLessons, DEMO_LEARNER, openDevice, type Device } from '../support/device';
import * as syncServer from '../support/sync-engine';

syncServer.useSyncServer();

describe('draining the outbox', () => {
  it('sends batches of at most 500 and empties the outbox only after the server stored them', async () => {
    const device = await openDevice({ fetch: syncServer.serverFetch(), clock: syncServer.clock });
    // More completions than there are lessons: every lesson, and replays of them.
    const made = await syncServer.completeRealLessons(device, 1001);
    expect(await device.outbox.countPending(DEMO_LEARNER)).toBe(1001);

    await device.engine.sync();

    expect(syncServer.batches).toEqual([500, 500, 1]);
    expect(await device.outbox.countPending(DEMO_LEARNER)).toBe(0);
    expect((await syncServer.serverEvents()).map((e) => e.id).sort()).toEqual(
      made.map((e) => e.id).sort(),
    );
    expect(device.engine.status).toMatchObject({ phase: 'idle', error: null });
    // The device shows what the server stored: every lesson completed once, replays included.
    expect(device.states.at(-1)?.completedLessonIds).toEqual(
      syncServer.LESSONS.map((l) => l.id).sort(),
    );
  });

  it('numbers events per device, strictly increasing, with the device zone and a UUIDv7 id', async () => {
    const device = await openDevice({ fetch: syncServer.serverFetch(), clock: syncServer.clock });
    const [a, b] = await completeLessons(device, 2);
    expect([a!.seq, b!.seq]).toEqual([1, 2]);
    expect(a!.deviceId).toBe(device.deviceId);
    expect(a!.tz).toBe('Europe/Berlin');
    expect(a!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
  });

  it('sends an event recorded while a sync is in flight in a follow-up run', async () => {
    let followUp: Promise<void> | undefined;
    const device: Device = await openDevice({
      clock: syncServer.clock,
      fetch: syncServer.serverFetch(async (input, _init, send) => {
        const answer = await send();
        // The push is answered when the learner finishes a lesson.
        if (syncServer.isSync(input) && !followUp) {
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
    expect(await syncServer.serverEvents()).toHaveLength(4);
  });
});

describe('one state per sync', () => {
  /** Requests that reached the app, as `METHOD /path`. */
  function counted(requests: string[]): Fetch {
    return syncServer.serverFetch(async (input, init, send) => {
      requests.push(`${init.method} ${input.replace('/api/v1', '')}`);
      return await send();
    });
  }

  it('takes the state from the push reply: no second read, one snapshot kept', async () => {
    const requests: string[] = [];
    const device = await openDevice({ fetch: counted(requests), clock: syncServer.clock });
    const [lesson] = syncServer.LESSONS;
    await syncServer.completeRealLessons(device, 1);

    await device.engine.sync();

    expect(requests).toEqual(['POST /sync']);
    expect(device.states).toHaveLength(1);
    expect(device.states[0]).toMatchObject({ completedLessonIds: [lesson!.id] });
    expect(device.states[0]!.mastery).toEqual({ assessments: {}, competencies: [], review: [] });
  });

  it("keeps the last batch's state once, however many batches the outbox needed", async () => {
    const requests: string[] = [];
    const device = await openDevice({ fetch: counted(requests), clock: syncServer.clock });
    await completeLessons(device, 501);
    await device.engine.sync();
    expect(requests).toEqual(['POST /sync', 'POST /sync']);
    expect(device.states).toHaveLength(1);
  });

  it("reads the state when nothing was waiting, so other devices' progress shows", async () => {
    const requests: string[] = [];
    const device = await openDevice({ fetch: counted(requests), clock: syncServer.clock });
    await device.engine.sync();
    // Naming the device: the server counts what it records from now on.
    expect(requests).toEqual([`GET /me/state?deviceId=${device.deviceId}`]);
    expect(device.states).toHaveLength(1);
  });

  it('keeps the state of the batches answered when a later batch fails', async () => {
    let syncs = 0;
    const device = await openDevice({
      clock: syncServer.clock,
      fetch: syncServer.serverFetch(async (input, _init, send) => {
        if (syncServer.isSync(input) && ++syncs === 2) throw new TypeError('Failed to fetch');
        return await send();
      }),
    });
    await syncServer.completeRealLessons(device, 501);
    await device.engine.sync();
    expect(device.engine.status.phase).toBe('offline');
    expect(await device.outbox.countPending(DEMO_LEARNER)).toBe(1);
    // The 500 acknowledged events left the outbox; the kept state counts them.
    expect(device.states).toHaveLength(1);
    expect(device.states[0]!.completedLessonIds).toEqual(
      syncServer.LESSONS.map((l) => l.id).sort(),
    );
  });
});
