/// <reference lib="webworker" />
/**
 * Background Sync: when the browser wakes the worker after connectivity returns, the worker
 * flushes the outbox itself with the same engine the pages use (src/client/sync-engine.ts), so
 * events left behind by a closed tab reach the server even when no page is open.
 *
 * - The engine holds the device-wide Web Lock, so the worker and open tabs never push at once.
 * - Only the signed-in user's events are sent (the session cookie is theirs); the engine keeps the
 *   state the server answers as their snapshot, as it does in a page.
 * - A failure rejects, so the browser schedules the sync event again with its own backoff; the
 *   engine's in-worker retry timer is cancelled (a worker may be stopped at any time).
 * - Afterwards a BroadcastChannel message tells open tabs to re-read their state.
 */
import { createApi } from '../src/client/api';
import { openDeviceDb } from '../src/client/db';
import { createOutbox, systemClock } from '../src/client/outbox';
import { createSessionRecord } from '../src/client/session-record';
import { createSnapshots } from '../src/client/snapshots';
import { createSyncEngine } from '../src/client/sync-engine';
import { SYNC_CHANNEL, SYNCED } from '../src/core/device-names';

export async function flushOutbox(): Promise<void> {
  const db = await openDeviceDb();
  try {
    const session = createSessionRecord(db);
    const [deviceId, user] = await Promise.all([session.deviceId(), session.user()]);
    if (!deviceId || !user) return;
    const outbox = createOutbox(db, systemClock);
    if ((await outbox.countPending(user.id)) === 0) return;
    const engine = createSyncEngine({
      api: createApi(),
      outbox,
      deviceId,
      clock: systemClock,
      snapshots: createSnapshots(db),
      onStatus: () => {},
    });
    engine.setUser(user.id);
    await engine.sync();
    engine.stop();
    new BroadcastChannel(SYNC_CHANNEL).postMessage(SYNCED);
    const { phase, error } = engine.status;
    if (phase !== 'idle') throw new Error(error?.text ?? `outbox not flushed: ${phase}`);
  } finally {
    db.close();
  }
}
