/**
 * The outbox and the sync engine against the real server app: fake-indexeddb for the device, an
 * injected fetch (with faults) into `app.request`, an injected clock and retry scheduler. Each
 * test states the guarantee from issue 3 it covers.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { BACKOFF, backoffDelay } from '../../src/client/sync-engine';
import { clientFor, signInAs } from '../support/api';
import { completeLessons, DEMO_LEARNER, openDevice } from '../support/device';
import { SYNC_BOUNDS } from '../../src/server/sync-bounds';
import * as syncServer from '../support/sync-engine';

syncServer.useSyncServer();

describe('failures', () => {
  it('backs off exponentially with full jitter while offline, and resets after a success', async () => {
    let offline = true;
    const device = await openDevice({
      clock: syncServer.clock,
      random: () => 0.5,
      fetch: syncServer.serverFetch(async (_input, _init, send) => {
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
      clock: syncServer.clock,
      fetch: syncServer.serverFetch(async (input, _init, send) =>
        failing && syncServer.isSync(input)
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
    expect(await syncServer.serverEvents()).toHaveLength(2);
  });

  it('waits as long as a 429’s Retry-After says, keeping the outbox, then drains', async () => {
    const device = await openDevice({ fetch: syncServer.serverFetch(), clock: syncServer.clock });
    await completeLessons(device, 3);
    // This person already used up the minute's syncs (the server's own limit answers).
    for (let i = 0; i < SYNC_BOUNDS.syncsPerMinute; i++)
      await syncServer.store.hitRateLimit(`sync:user:${DEMO_LEARNER}`, 60_000, syncServer.clock.ms);

    await device.engine.sync();

    expect(device.retries).toEqual([60_000]);
    expect(device.engine.status).toMatchObject({
      phase: 'error',
      error: { key: 'error.syncRate' },
    });
    expect(await device.outbox.countPending(DEMO_LEARNER)).toBe(3);
    expect(await device.outbox.rejected(DEMO_LEARNER)).toEqual([]);
    syncServer.clock.ms += 60_000;
    await device.runRetry();
    expect(await device.outbox.countPending(DEMO_LEARNER)).toBe(0);
    expect(await syncServer.serverEvents()).toHaveLength(3);
  });

  it('pauses on 401 without losing the outbox, and drains after signing in again', async () => {
    const device = await openDevice({ fetch: syncServer.serverFetch(), clock: syncServer.clock });
    await completeLessons(device, 4);
    await clientFor(syncServer.app, syncServer.cookie).post('/api/v1/auth/logout', {}); // the session ends elsewhere

    await device.engine.sync();

    expect(device.engine.status.phase).toBe('signed_out');
    expect(device.engine.status.error).toMatchObject({
      key: 'sync.sessionEnded',
      text: expect.stringMatching(/Sign in again/),
    });
    expect(device.retries).toEqual([]); // no hammering with a dead session
    expect(await device.outbox.countPending(DEMO_LEARNER)).toBe(4);

    syncServer.setCookie((await signInAs(syncServer.app, 'learner@demo.test')).cookie);
    device.engine.setUser(DEMO_LEARNER);
    await device.engine.sync();
    expect(await device.outbox.countPending(DEMO_LEARNER)).toBe(0);
    expect(await syncServer.serverEvents()).toHaveLength(4);
  });

  it('halves a batch the server refuses as too large until it fits, losing nothing', async () => {
    const device = await openDevice({
      clock: syncServer.clock,
      fetch: syncServer.serverFetch(async (input, init, send) => {
        const count = (JSON.parse((init.body as string) ?? '{"events":[]}') as { events?: [] })
          .events?.length;
        if (syncServer.isSync(input) && count !== undefined && count > 100)
          return Response.json(
            { error: { code: 'payload_too_large', message: 'too big' } },
            { status: 413 },
          );
        return await send();
      }),
    });
    await completeLessons(device, 250);
    await device.engine.sync();
    expect(syncServer.batches.every((n) => n <= 100)).toBe(true);
    expect(await device.outbox.countPending(DEMO_LEARNER)).toBe(0);
    expect(await device.outbox.rejected(DEMO_LEARNER)).toEqual([]);
    expect(await syncServer.serverEvents()).toHaveLength(250);
  });
});

describe('a bad event never blocks the queue', () => {
  it('moves a malformed event in the middle of the outbox to "Couldn\'t sync" and drains the rest', async () => {
    const device = await openDevice({ fetch: syncServer.serverFetch(), clock: syncServer.clock });
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
    expect(await syncServer.serverEvents()).toHaveLength(10);
  });

  it('isolates an event that makes the whole request invalid (400) by halving, and drains the rest', async () => {
    const device = await openDevice({ fetch: syncServer.serverFetch(), clock: syncServer.clock });
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
    expect(await syncServer.serverEvents()).toHaveLength(12);
  });

  it('shows events older than the acceptance window as not counted, never drops them unseen', async () => {
    const device = await openDevice({ fetch: syncServer.serverFetch(), clock: syncServer.clock });
    await completeLessons(device, 2);
    syncServer.clock.ms += 40 * 86_400_000; // device and server: back online 40 days later
    await device.engine.sync();
    expect(device.engine.status.phase).toBe('signed_out'); // the session expired meanwhile
    syncServer.setCookie((await signInAs(syncServer.app, 'learner@demo.test')).cookie);
    device.engine.setUser(DEMO_LEARNER);
    await device.engine.sync();
    const rejected = await device.outbox.rejected(DEMO_LEARNER);
    expect(rejected.map((r) => r.reason)).toEqual(['too_old', 'too_old']);
    expect(rejected[0]!.message).toMatch(/older than 30 days/);
    expect(rejected[0]!.phrase).toMatchObject({ key: 'error.event.tooOld', params: { count: 30 } });
    expect(await device.outbox.countPending(DEMO_LEARNER)).toBe(0);
  });
});
