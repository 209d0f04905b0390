/**
 * The sync engine: drains the outbox to `POST /api/v1/sync`, exactly as DESIGN.md's contract says.
 *
 * - One sender per device: every push runs under the Web Lock `SYNC_LOCK`, so tabs (and the
 *   service worker) never push the same events at once. After a push, a BroadcastChannel tells
 *   the other tabs to re-read their state.
 * - An entry leaves the outbox only after the server acknowledged it (`accepted`/`duplicate`), in
 *   the same IndexedDB transaction that records refusals. A crash between the answer and that
 *   transaction only causes a resend, which the server answers with `duplicate`.
 * - A refused event moves to the visible "Couldn't sync" list and never blocks the queue. A whole
 *   batch refused as malformed (400) or too large (413) is halved until the bad event stands
 *   alone, then that one event is refused.
 * - Network errors and 5xx back off exponentially with full jitter; a 429 waits exactly as long as
 *   its `Retry-After` says; a 401 pauses syncing until the learner signs in again, and the outbox
 *   stays as it is.
 */
import { SYNC_LOCK } from '../core/device-names';
import type { ProgressState } from '../core/progress';
import { SYNC_LIMITS, type SyncResult } from '../core/sync';
import type { Phrase } from '../core/wording';
import { HttpError, NetworkError, type Api } from './api';
import type { Outbox } from './outbox';
import { isoWithOffset, type Clock } from './outbox';

export type SyncPhase = 'idle' | 'syncing' | 'offline' | 'error' | 'signed_out';

export interface SyncStatus {
  phase: SyncPhase;
  lastSyncedAt: string | null;
  /** What went wrong, worded by the app (`t.phrase`); null while all is well or just offline. */
  error: Phrase | null;
}

export interface SyncEngineDeps {
  api: Api;
  outbox: Outbox;
  deviceId: string;
  clock: Clock;
  random?: () => number;
  /** Runs `task` while holding the device-wide sync lock. */
  withLock?: <T>(task: () => Promise<T>) => Promise<T>;
  /** Runs `task` after `ms`; returns a cancel function (tests pass a fake to see the delays). */
  schedule?: (task: () => void, ms: number) => () => void;
  onState: (state: ProgressState, syncedAt: string) => Promise<void> | void;
  onStatus: (status: SyncStatus) => void;
  onSettled?: () => void;
}

export const BACKOFF = { baseMs: 1000, capMs: 5 * 60_000 };

/** Full jitter: a random delay between 0 and the capped exponential step. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  return Math.floor(random() * Math.min(BACKOFF.capMs, BACKOFF.baseMs * 2 ** attempt));
}

const timeout = (task: () => void, ms: number) => {
  const handle = setTimeout(task, ms);
  return () => clearTimeout(handle);
};

export const webLock = <T>(task: () => Promise<T>): Promise<T> =>
  typeof navigator !== 'undefined' && navigator.locks
    ? navigator.locks.request(SYNC_LOCK, task)
    : task();

interface SyncResponse {
  results: SyncResult[];
  serverTime: string;
  state: ProgressState;
}

export function createSyncEngine(deps: SyncEngineDeps) {
  const random = deps.random ?? Math.random;
  const withLock = deps.withLock ?? webLock;
  const schedule = deps.schedule ?? timeout;
  let status: SyncStatus = { phase: 'idle', lastSyncedAt: null, error: null };
  let failures = 0;
  let cancelRetry = () => {};
  let running: Promise<void> | undefined;
  let rerun: Promise<void> | undefined;
  let userId: string | null = null;

  const setStatus = (patch: Partial<SyncStatus>) => {
    status = { ...status, ...patch };
    deps.onStatus(status);
  };

  async function pushAll(uid: string): Promise<void> {
    let batchSize: number = SYNC_LIMITS.maxEvents;
    for (;;) {
      const entries = await deps.outbox.pending(uid, batchSize);
      if (entries.length === 0) return;
      let response: SyncResponse;
      try {
        response = await deps.api.post<SyncResponse>('/sync', {
          deviceId: deps.deviceId,
          sentAt: isoWithOffset(deps.clock.now()),
          events: entries.map((e) => e.event),
        });
      } catch (err) {
        if (err instanceof HttpError && (err.status === 400 || err.status === 413)) {
          if (entries.length > 1) {
            batchSize = Math.max(1, Math.floor(entries.length / 2));
            continue;
          }
          await deps.outbox.settle(
            [],
            [
              {
                entry: entries[0]!,
                reason: err.status === 413 ? 'too_large' : 'invalid',
                message: err.message,
                phrase: err.phrase,
                rejectedAt: new Date(deps.clock.now()).toISOString(),
              },
            ],
          );
          continue;
        }
        throw err;
      }
      const byId = new Map(entries.map((e) => [e.id, e]));
      const acked: string[] = [];
      const refused = [];
      for (const r of response.results) {
        const entry = byId.get(r.id);
        if (!entry) continue;
        if (r.status === 'rejected')
          refused.push({
            entry,
            reason: r.reason,
            message: r.message ?? r.reason,
            phrase: {
              key: r.key ?? '',
              ...(r.params && { params: r.params }),
              text: r.message ?? r.reason,
            },
            rejectedAt: response.serverTime,
          });
        else acked.push(r.id);
      }
      await deps.outbox.settle(acked, refused);
      await deps.onState(response.state, response.serverTime);
      setStatus({ lastSyncedAt: response.serverTime });
      if (acked.length + refused.length === 0)
        throw new Error('The server acknowledged none of the events sent.');
      batchSize = SYNC_LIMITS.maxEvents;
    }
  }

  async function run(): Promise<void> {
    const uid = userId;
    if (!uid) return;
    cancelRetry();
    setStatus({ phase: 'syncing' });
    try {
      await withLock(async () => {
        await pushAll(uid);
        // Pull the server's state even when nothing was pending, so other devices' progress shows.
        const state = await deps.api.get<ProgressState>('/me/state');
        const syncedAt = new Date(deps.clock.now()).toISOString();
        await deps.onState(state, syncedAt);
        setStatus({ lastSyncedAt: syncedAt });
      });
      failures = 0;
      setStatus({ phase: 'idle', error: null });
    } catch (err) {
      if (err instanceof HttpError && err.status === 401) {
        setStatus({
          phase: 'signed_out',
          error: {
            key: 'sync.sessionEnded',
            text: 'Your session has ended. Sign in again to sync; your progress is kept on this device.',
          },
        });
        return;
      }
      const offline = err instanceof NetworkError;
      const asked = err instanceof HttpError ? err.retryAfterMs : undefined;
      const delay = asked ?? backoffDelay(failures, random);
      failures++;
      setStatus({
        phase: offline ? 'offline' : 'error',
        error: offline
          ? null
          : err instanceof HttpError
            ? err.phrase
            : { key: '', text: (err as Error).message },
      });
      cancelRetry = schedule(() => void sync(), delay);
    } finally {
      deps.onSettled?.();
    }
  }

  /**
   * Starts a sync. While one runs in this tab, asking again queues exactly one more run after it,
   * so an event recorded during a push (after its last outbox read) is never left behind.
   */
  function sync(): Promise<void> {
    if (running) {
      rerun ??= running.then(() => {
        rerun = undefined;
        return sync();
      });
      return rerun;
    }
    running = run().finally(() => (running = undefined));
    return running;
  }

  return {
    sync,
    get status() {
      return status;
    },
    setUser(id: string | null) {
      userId = id;
      failures = 0;
      if (!id) cancelRetry();
      setStatus({ phase: 'idle', error: null });
    },
    stop() {
      cancelRetry();
    },
  };
}

export type SyncEngine = ReturnType<typeof createSyncEngine>;
