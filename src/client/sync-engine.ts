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
 * - The engine is the only writer of the progress snapshot (snapshots.ts), in a page and in the
 *   worker alike: the server's state is kept under the user whose events were sent, even when
 *   another person signs in while the push is under way.
 */
import type { MeState, SyncReply } from '../core/api';
import { SYNC_LOCK } from '../core/device-names';
import { SYNC_LIMITS } from '../core/sync';
import type { Phrase } from '../core/wording';
import { HttpError, NetworkError, type Api } from './api';
import type { OutboxEntry } from './db';
import type { Outbox } from './outbox';
import { isoWithOffset, type Clock } from './outbox';
import type { Snapshots } from './snapshots';

export type SyncPhase = 'idle' | 'syncing' | 'offline' | 'error' | 'signed_out';

export interface SyncStatus {
  phase: SyncPhase;
  lastSyncedAt: string | null;
  /** What went wrong, worded by the app (`sayPhrase`); null while all is well or just offline. */
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
  /** Keeps the server's state, once per sync: from the last push's reply, or read when none was due. */
  snapshots: Pick<Snapshots, 'write'>;
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

  type Pushed = Pick<SyncReply, 'state' | 'serverTime'>;

  /**
   * Sends the outbox in batches until it is empty. Answers the last reply, whose state counts
   * every event acknowledged so far, or null when nothing was pending. When a later batch fails,
   * that state is kept before giving up: the events it acknowledged have left the outbox.
   */
  async function pushAll(uid: string): Promise<Pushed | null> {
    let last: Pushed | null = null;
    try {
      let batchSize: number = SYNC_LIMITS.maxEvents;
      for (;;) {
        const entries = await deps.outbox.pending(uid, batchSize);
        if (entries.length === 0) return last;
        const reply = await pushBatch(entries);
        if (reply === 'halve') batchSize = Math.max(1, Math.floor(entries.length / 2));
        else if (reply !== 'refused') {
          last = reply;
          batchSize = SYNC_LIMITS.maxEvents;
        }
      }
    } catch (err) {
      if (last) await keepState(uid, last.state, last.serverTime);
      throw err;
    }
  }

  /**
   * Sends one batch and settles the outbox by its results. A batch refused whole (400/413) is to
   * be halved, until the one bad event stands alone and is refused by itself.
   */
  async function pushBatch(entries: OutboxEntry[]): Promise<SyncReply | 'halve' | 'refused'> {
    let reply: SyncReply;
    try {
      reply = await deps.api.post<SyncReply>('/sync', {
        deviceId: deps.deviceId,
        sentAt: isoWithOffset(deps.clock.now()),
        events: entries.map((e) => e.event),
      });
    } catch (err) {
      if (!(err instanceof HttpError && (err.status === 400 || err.status === 413))) throw err;
      if (entries.length > 1) return 'halve';
      const reason = err.status === 413 ? 'too_large' : 'invalid';
      const rejectedAt = new Date(deps.clock.now()).toISOString();
      const { message, phrase } = err;
      await deps.outbox.settle([], [{ entry: entries[0]!, reason, message, phrase, rejectedAt }]);
      return 'refused';
    }
    const byId = new Map(entries.map((e) => [e.id, e]));
    const acked: string[] = [];
    const refused = [];
    for (const r of reply.results) {
      const entry = byId.get(r.id);
      if (!entry) continue;
      if (r.status === 'rejected') {
        const { reason, phrase, message } = r;
        refused.push({ entry, reason, phrase, message, rejectedAt: reply.serverTime });
      } else acked.push(r.id);
    }
    await deps.outbox.settle(acked, refused);
    if (acked.length + refused.length === 0)
      throw new Error('The server acknowledged none of the events sent.');
    return reply;
  }

  async function keepState(uid: string, state: MeState, syncedAt: string) {
    await deps.snapshots.write(uid, state, syncedAt);
    setStatus({ lastSyncedAt: syncedAt });
  }

  async function run(): Promise<void> {
    const uid = userId;
    if (!uid) return;
    cancelRetry();
    setStatus({ phase: 'syncing' });
    try {
      await withLock(async () => {
        const pushed = await pushAll(uid);
        if (pushed) return keepState(uid, pushed.state, pushed.serverTime);
        // Nothing to send: read the state anyway, so other devices' progress shows.
        // Naming the device tells the server it exists (events dated before do not count).
        const state = await deps.api.get<MeState>(
          `/me/state?deviceId=${encodeURIComponent(deps.deviceId)}`,
        );
        await keepState(uid, state, new Date(deps.clock.now()).toISOString());
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
