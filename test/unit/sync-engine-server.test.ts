/**
 * The outbox and the sync engine against the real server app: fake-indexeddb for the device, an
 * injected fetch (with faults) into `app.request`, an injected clock and retry scheduler. Each
 * test states the guarantee from issue 3 it covers.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { completeLessons, DEMO_LEARNER, FakeClock, openDevice } from '../support/device';
import * as syncServer from '../support/sync-engine';

syncServer.useSyncServer();

describe('at most once on the server', () => {
  it('takes partial results: unanswered events stay queued, the resend is a duplicate', async () => {
    let answered = 0;
    const device = await openDevice({
      clock: syncServer.clock,
      fetch: syncServer.serverFetch(async (input, _init, send) => {
        const response = await send();
        if (!syncServer.isSync(input) || answered++ > 0) return response;
        const body = (await response.json()) as { results: unknown[] };
        return Response.json({ ...body, results: body.results.slice(0, 3) });
      }),
    });
    await completeLessons(device, 8);
    await device.engine.sync();
    expect(syncServer.batches).toEqual([8, 5]);
    expect(await device.outbox.countPending(DEMO_LEARNER)).toBe(0);
    expect(await syncServer.serverEvents()).toHaveLength(8);
  });

  it('survives a crash between send and ack: the server committed, the replay is deduplicated', async () => {
    const dbName = `crash-${Date.now()}`;
    const duplicates: string[] = [];
    const first = await openDevice({
      clock: syncServer.clock,
      dbName,
      fetch: syncServer.serverFetch(async (input, _init, send) => {
        await send(); // the server commits…
        if (syncServer.isSync(input)) throw new TypeError('connection reset'); // …the answer never arrives
        return new Response('{}');
      }),
    });
    const made = await completeLessons(first, 20);
    await first.engine.sync();
    expect(await syncServer.serverEvents()).toHaveLength(20);
    expect(await first.outbox.countPending(DEMO_LEARNER)).toBe(20);
    first.engine.stop();
    first.db.close();

    // The app restarts on the same database and resends everything.
    const second = await openDevice({
      clock: syncServer.clock,
      dbName,
      fetch: syncServer.serverFetch(async (input, init, send) => {
        const response = await send();
        if (!syncServer.isSync(input)) return response;
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
    expect(await syncServer.serverEvents()).toHaveLength(20);
  });

  it('refuses the same id with other content as a conflict and keeps the stored one', async () => {
    const device = await openDevice({ fetch: syncServer.serverFetch(), clock: syncServer.clock });
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
    const stored = await syncServer.serverEvents();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ id: event!.id, durationMs: 120_000 });
  });
});

describe('the device clock cannot game or break results', () => {
  it.each([3, -3])(
    'corrects a device clock %i days off to server time, keeping the declared zone',
    async (days) => {
      const deviceClock = new FakeClock(syncServer.clock.ms + days * 86_400_000);
      const device = await openDevice({ fetch: syncServer.serverFetch(), clock: deviceClock });
      await syncServer.learnRealLessons(device, deviceClock, 2);
      await device.engine.sync();
      expect(await device.outbox.rejected(DEMO_LEARNER)).toEqual([]);
      const stored = await syncServer.serverEvents();
      expect(stored).toHaveLength(4);
      for (const e of stored) {
        expect(Math.abs(Date.parse(e.occurredAt) - syncServer.clock.ms)).toBeLessThan(20 * 60_000);
        expect(e.tz).toBe('Europe/Berlin');
      }
      // The streak counts the server-corrected day, not the day the skewed clock claimed.
      expect(device.states.at(-1)?.activeDays).toEqual(['2026-03-02']);
    },
  );
});
